"""Forms of the strategy pages. They only parse input: services validate and save."""

import datetime as dt

from django import forms

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.people.models import Person
from accord.strategies import selectors
from accord.strategies.models import Commitment, Priority, Strategy


class StrategyForm(AccordForm):
    class Meta:
        model = Strategy
        fields = [
            "kind",
            "title",
            "short_title",
            "owning_body",
            "area",
            "period_start",
            "period_end",
            "status",
            "adopted_by",
            "adopted_on",
            "delivers",
            "revises",
            "vision",
            "description",
            "is_published",
            "source",
        ]
        labels = {
            "owning_body": "Owning body",
            "period_start": "Period starts",
            "period_end": "Period ends",
            "adopted_by": "Adopted by",
            "adopted_on": "Date adopted",
            "delivers": "Delivers",
            "revises": "Revises",
            "is_published": "Published (shown to the public)",
        }
        help_texts = {
            "short_title": "For example: LAA 2009 refresh",
            "vision": "The long-term vision in the strategy's own words.",
            "period_start": "For example, 1 4 2010",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Body.objects.live().order_by("name")
        self.fields["owning_body"].queryset = bodies
        self.fields["adopted_by"].queryset = bodies
        self.fields["area"].queryset = Area.objects.live().order_by("name")
        others = Strategy.objects.live().order_by("kind", "-period_start", "title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["delivers"].queryset = others
        self.fields["revises"].queryset = others
        for name in ("delivers", "revises", "owning_body", "adopted_by", "area"):
            self.fields[name].empty_label = "None"


class CommitmentForm(AccordForm):
    class Meta:
        model = Commitment
        fields = [
            "parent",
            "kind",
            "number",
            "title",
            "description",
            "theme",
            "lead_officer",
            "position",
            "source",
        ]
        labels = {
            "parent": "Sits under",
            "lead_officer": "Delivery owner",
            "position": "Order in the strategy",
        }
        help_texts = {
            "parent": "Leave as none for one of the strategy's own commitments.",
            "number": "For example 7, or 7.2 for an outcome under commitment 7.",
            "position": "Lower numbers come first.",
        }
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, strategy: Strategy | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy = strategy or self.instance.strategy
        parents = Commitment.objects.live().filter(strategy=self.strategy)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("position", "number")
        self.fields["parent"].empty_label = "None: a commitment of the strategy"
        self.fields["lead_officer"].queryset = Person.objects.live().order_by("sort_name")
        self.fields["lead_officer"].empty_label = "Not yet named"
        self.fields["position"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class CommitmentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:
        name = obj.strategy.short_title or obj.strategy.title
        return f"{name}: {obj.number}. {obj.title}"


class PriorityForm(AccordForm):
    commitments = CommitmentChoices(
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Commitments it serves",
        help_text="Choose each commitment or outcome this priority helps to deliver.",
    )

    class Meta:
        model = Priority
        fields = [
            "title",
            "description",
            "strategy",
            "area",
            "action_group",
            "valid_from",
            "valid_to",
            "position",
            "source",
        ]
        labels = {
            "strategy": "Set by",
            "action_group": "Priority action group",
            "valid_from": "From",
            "valid_to": "Until",
            "position": "Order in the list",
        }
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = selectors.commitment_choices()
        self.fields["strategy"].queryset = Strategy.objects.live().order_by("kind", "title")
        self.fields["strategy"].empty_label = "None"
        self.fields["area"].queryset = Area.objects.live().order_by("name")
        self.fields["area"].empty_label = "The whole borough"
        self.fields["action_group"].queryset = Body.objects.live().order_by("name")
        self.fields["action_group"].empty_label = "None"
        self.fields["position"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["commitments"] = self._chosen_ids()

    def _chosen_ids(self) -> list[int]:
        if not self.instance.pk:
            return []
        return list(self.instance.commitments.values_list("pk", flat=True))

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class AsOfForm(GovukFormMixin, forms.Form):
    as_of = forms.DateField(
        label="Show this strategy as it was on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Its text, commitments and responsibilities on that day.",
        error_messages={"invalid": "Enter a real date, for example 2011-03-31"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["as_of"].widget.attrs["class"] += " govuk-input--width-10"

    def date(self) -> dt.date | None:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["as_of"]
        return None


class GapFilterForm(GovukFormMixin, forms.Form):
    strategy = forms.ModelChoiceField(
        queryset=Strategy.objects.none(), required=False, empty_label="All strategies"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = (
            selectors.visible_strategies(user).live().order_by("kind", "-period_start", "title")
        )
        style_widgets(self)
