"""The case study form: what happened, where, and the outcomes and indicators it speaks to."""

from django import forms
from django.db.models import Q

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.casestudies.models import CaseStudy
from accord.common.forms import AccordForm, GovukFormMixin
from accord.indicators.models import Indicator, IndicatorStatus
from accord.strategies.models import Commitment


class OutcomeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:
        name = obj.strategy.short_title or obj.strategy.title
        return f"{name}: {obj.number}. {obj.title}"


class IndicatorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} {obj.display_title}"


class CaseStudyForm(AccordForm):
    outcomes = OutcomeChoices(
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it shows",
        help_text="The commitments or outcomes whose benefits it shows",
    )
    indicators = IndicatorChoices(
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Indicators it sits beside",
        help_text="The indicators in use whose numbers it helps to explain",
    )

    class Meta:
        model = CaseStudy
        fields = [
            "title",
            "summary",
            "story",
            "happened_on",
            "area",
            "body",
            "outcomes",
            "indicators",
            "is_illustrative",
            "source",
        ]
        labels = {
            "summary": "Summary",
            "story": "The story",
            "happened_on": "When it happened",
            "body": "Body that tells it",
            "is_illustrative": "This is an illustrative example, not a real story",
        }
        help_texts = {
            "title": "For example, Back into work through the Ellesmere Port jobs club",
            "summary": "One or two sentences shown beside the numbers",
            "story": "What happened, for whom, and what difference it made. Do not name "
            "anyone without their consent",
            "happened_on": "For example, 14 9 2009",
            "is_illustrative": "Illustrative examples are labelled as such wherever they appear",
            "source": "Where the story comes from, for example a partner's report",
        }
        error_messages = {
            "title": {"required": "Enter a title for the case study"},
            "summary": {"required": "Enter a summary of the case study"},
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 8}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen_outcomes: list[int] = []
        chosen_indicators: list[int] = []
        if self.instance.pk:
            chosen_outcomes = list(self.instance.outcomes.values_list("pk", flat=True))
            chosen_indicators = list(self.instance.indicators.values_list("pk", flat=True))
            if not self.is_bound:
                self.initial["outcomes"] = chosen_outcomes
                self.initial["indicators"] = chosen_indicators
        self.fields["outcomes"].queryset = (
            Commitment.objects.filter(
                Q(archived_on__isnull=True, strategy__archived_on__isnull=True)
                | Q(pk__in=chosen_outcomes)
            )
            .select_related("strategy")
            .order_by("strategy__title", "position", "number")
        )
        self.fields["indicators"].queryset = Indicator.objects.filter(
            Q(status=IndicatorStatus.IN_USE, archived_on__isnull=True) | Q(pk__in=chosen_indicators)
        ).order_by("code")
        self.fields["area"].queryset = Area.objects.live().order_by("name")
        self.fields["area"].empty_label = "The whole borough, or not recorded"
        self.fields["body"].queryset = Body.objects.live().order_by("name")
        self.fields["body"].empty_label = "None"


class PublishForm(GovukFormMixin, forms.Form):
    """Publish or unpublish: a confirmation that carries the record's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
