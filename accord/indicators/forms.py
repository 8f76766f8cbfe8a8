"""Forms of the indicator library: the list filter, add/edit, adopt for use, and retire."""

from typing import Any, cast

from django import forms

from accord.bodies.models import Body
from accord.common.forms import AccordForm, GovukDateField, GovukFormMixin, style_widgets
from accord.indicators import selectors
from accord.indicators.models import (
    Frequency,
    Indicator,
    IndicatorStatus,
    Polarity,
    Scheme,
)
from accord.people.models import Person
from accord.strategies.models import Commitment


class OutcomeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:  # type: ignore[override]
        name = obj.strategy.short_title or obj.strategy.title
        return f"{name}: {obj.number}. {obj.title}"


class OutcomeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:  # type: ignore[override]
        name = obj.strategy.short_title or obj.strategy.title
        return f"{name}: {obj.number}. {obj.title}"


class SuccessorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:  # type: ignore[override]
        return f"{obj.code} {obj.display_title}"


def _any(choices: Any, label: str) -> list[tuple[str, str]]:
    return [("", label), *[(str(v), str(n)) for v, n in choices]]


class IndicatorFilterForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words in the code, title or definition, for example NI 154 or obesity",
    )
    national = forms.ChoiceField(
        label="National or local",
        required=False,
        choices=[("", "National and local"), ("national", "National"), ("local", "Local")],
    )
    scheme = forms.ChoiceField(
        label="Set of indicators", required=False, choices=_any(Scheme.choices, "Any set")
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=_any(IndicatorStatus.choices, "Any status"),
    )
    theme = forms.ChoiceField(label="Theme", required=False, choices=[("", "Any theme")])
    outcome = OutcomeChoice(
        label="Outcome it measures",
        required=False,
        queryset=Commitment.objects.none(),
        empty_label="Any outcome",
    )
    owning_body = forms.ModelChoiceField(
        label="Owning body",
        required=False,
        queryset=Body.objects.none(),
        empty_label="Any body",
    )
    polarity = forms.ChoiceField(
        label="Polarity", required=False, choices=_any(Polarity.choices, "Any polarity")
    )
    frequency = forms.ChoiceField(
        label="Frequency", required=False, choices=_any(Frequency.choices, "Any frequency")
    )
    archived = forms.BooleanField(label="Include archived indicators", required=False)

    def __init__(self, *args, themes=(), outcomes=None, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", "Any theme"),
            *[(t, t) for t in themes],
        ]
        if outcomes is not None:
            cast(forms.ModelChoiceField, self.fields["outcome"]).queryset = outcomes
        if bodies is not None:
            cast(forms.ModelChoiceField, self.fields["owning_body"]).queryset = bodies
        style_widgets(self)

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments from a valid form."""
        data = self.cleaned_data
        national = {"national": True, "local": False}.get(data.get("national") or "")
        return {
            "q": data.get("q") or "",
            "scheme": data.get("scheme") or "",
            "status": data.get("status") or "",
            "theme": data.get("theme") or "",
            "outcome": data.get("outcome"),
            "owning_body": data.get("owning_body"),
            "polarity": data.get("polarity") or "",
            "frequency": data.get("frequency") or "",
            "national": national,
            "include_archived": bool(data.get("archived")),
        }


class IndicatorForm(AccordForm):
    title_source = forms.URLField(
        label="Web address the title comes from",
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    outcomes = OutcomeChoices(
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it measures",
        help_text="Choose each commitment or outcome this indicator helps to measure.",
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "definition",
            "rationale",
            "scheme",
            "is_national",
            "external_id",
            "theme",
            "unit",
            "value_type",
            "decimal_places",
            "minimum",
            "maximum",
            "polarity",
            "polarity_note",
            "frequency",
            "period_kind",
            "geography",
            "data_source",
            "lead_officer",
            "owning_body",
            "outcomes",
            "tolerance_kind",
            "tolerance",
            "forecast_points",
            "title_source",
            "source",
        ]
        labels = {
            "scheme": "Set of indicators",
            "is_national": "National indicator (set by government, not locally)",
            "external_id": "Publisher's id",
            "value_type": "Type of value",
            "decimal_places": "Decimal places shown",
            "minimum": "Lowest possible value",
            "maximum": "Highest possible value",
            "polarity_note": "Why the polarity differs from the source's",
            "period_kind": "Kind of period its figures are for",
            "geography": "Finest geography published",
            "data_source": "Data source",
            "tolerance_kind": "Kind of tolerance",
            "tolerance": "Tolerance",
            "forecast_points": "Points used for the forecast",
            "title_source": "Web address the title comes from",
        }
        help_texts = {
            "code": "For example NI 154, or a local code such as L 12",
            "title": "Leave empty if no source gives the title: never invent one",
            "definition": "What is counted, and how",
            "rationale": "Why the partnership measures it",
            "unit": "For example %, £, per 1,000",
            "tolerance": "How far short of target is amber rather than red",
            "forecast_points": "How many of the latest figures the linear trend uses",
            "source": "Where this indicator's description comes from",
        }
        error_messages = {"code": {"required": "Enter the indicator's code"}}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "definition": forms.Textarea,
            "rationale": forms.Textarea,
            "polarity_note": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.Textarea(attrs={"rows": 2}),
            "source": forms.Textarea(attrs={"rows": 3}),
            "polarity": forms.RadioSelect,
            "decimal_places": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            "minimum": forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
            "maximum": forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
            "tolerance": forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
            "forecast_points": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = _outcomes()  # type: ignore[attr-defined]
        _people_and_bodies(self)


def _outcomes():
    return (
        Commitment.objects.live()
        .filter(strategy__archived_on__isnull=True)
        .select_related("strategy")
        .order_by("strategy__kind", "strategy__title", "position", "number")
    )


def _people_and_bodies(form: forms.BaseForm, *, required: bool = False) -> None:
    lead = cast(forms.ModelChoiceField, form.fields["lead_officer"])
    lead.queryset = Person.objects.live().order_by("sort_name", "name")
    lead.empty_label = "Choose a person" if required else "None"
    lead.required = required
    lead.label = "Lead officer"
    body = cast(forms.ModelChoiceField, form.fields["owning_body"])
    body.queryset = Body.objects.live().order_by("name")
    body.empty_label = "Choose a body" if required else "None"
    body.required = required
    body.label = "Owning body"


class AdoptForm(AccordForm):
    outcomes = OutcomeChoices(
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it measures",
        help_text="Choose each commitment or outcome this indicator will help to measure.",
    )

    class Meta:
        model = Indicator
        fields = ["lead_officer", "owning_body", "outcomes"]
        help_texts = {
            "lead_officer": "The officer who submits its figures and commentary",
            "owning_body": "The partnership body that answers for it, for example a "
            "thematic partnership",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = _outcomes()  # type: ignore[attr-defined]
        _people_and_bodies(self, required=True)
        self.fields["lead_officer"].error_messages["required"] = "Choose the lead officer"
        self.fields["owning_body"].error_messages["required"] = (
            "Choose the body that owns the indicator"
        )


class RetireForm(AccordForm):
    status = forms.ChoiceField(
        label="What happened to it",
        choices=[
            (IndicatorStatus.RETIRED, "Retired: no longer measured"),
            (IndicatorStatus.REPLACED, "Replaced by another indicator"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose retired or replaced"},
    )
    replaced_by = SuccessorChoice(
        label="Replaced by",
        required=False,
        queryset=Indicator.objects.none(),
        empty_label="Choose the indicator that replaces it",
        help_text="Only when it was replaced",
    )
    status_on = GovukDateField(
        label="Date it stopped",
        required=True,
        help_text="For example, 31 3 2011",
        error_messages={"required": "Enter the date it stopped"},
    )
    status_reason = forms.CharField(
        label="Why",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example, the National Indicator Set was abolished with LAAs",
        error_messages={"required": "Enter why it was retired or replaced"},
    )

    class Meta:
        model = Indicator
        fields = ["status", "replaced_by", "status_on", "status_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_on"].label = "Date it stopped"
        self.initial.pop("status", None)
        self.initial.pop("status_on", None)
        self.initial.pop("status_reason", None)
        cast(
            forms.ModelChoiceField, self.fields["replaced_by"]
        ).queryset = selectors.successor_choices(
            exclude=self.instance if self.instance.pk else None
        )
