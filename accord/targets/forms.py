"""Forms for targets: set one, revise one, and filter the list."""

from django import forms

from accord.areas.models import Area, AreaGroup
from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.indicators.models import Indicator, Provenance
from accord.indicators.periods import PeriodError, parse_period
from accord.targets.models import Target, TargetKind

PERIOD_HINT = "For example 2010/11 (a financial year), 2010, or 2010/11 Q3"
# Synthetic figures come only from the benchmark's scale-up, never from a form.
PROVENANCE_CHOICES = [
    (Provenance.REAL, "Agreed target"),
    (Provenance.ILLUSTRATIVE, "Illustrative: an example, not a target anyone agreed"),
]


def _number(width: int = 10) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "class": f"govuk-input--width-{width}"})


class PeriodField(forms.CharField):
    """A period as people write it; the service stores the real period."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", PERIOD_HINT)
        super().__init__(**kwargs)
        self.widget.attrs["class"] = "govuk-input--width-10"

    def clean(self, value):
        value = super().clean(value)
        if value:
            try:
                parse_period(value)
            except PeriodError as error:
                raise forms.ValidationError(str(error)) from None
        return value


def _indicators():
    return Indicator.objects.live().order_by("code")


class TargetForm(AccordForm):
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=_indicators(),
        empty_label="Choose an indicator",
        error_messages={"required": "Choose the indicator the target is for"},
    )
    period = PeriodField(
        label="Target period",
        error_messages={"required": "Enter the period the target is for"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        required=False,
        queryset=Area.objects.live().order_by("name"),
        empty_label="None",
        help_text="The area the target is for, for example the borough",
    )
    area_group = forms.ModelChoiceField(
        label="Or a group of areas",
        required=False,
        queryset=AreaGroup.objects.live().order_by("name"),
        empty_label="None",
        help_text="Instead of one area: a named group, for example the three Chester wards",
    )
    value = forms.FloatField(
        label="Target value",
        widget=_number(),
        error_messages={
            "required": "Enter the target value",
            "invalid": "The target value must be a number, for example 72.5",
        },
    )
    baseline_value = forms.FloatField(
        label="Baseline value",
        required=False,
        widget=_number(),
        error_messages={"invalid": "The baseline value must be a number, for example 68"},
    )
    baseline_period = PeriodField(
        label="Baseline period",
        required=False,
        help_text="The period the baseline is for, before the target period, for example 2007/08",
    )
    kind = forms.ChoiceField(
        label="Kind of target",
        choices=TargetKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of target"},
    )
    provenance = forms.ChoiceField(
        label="Is this an agreed target?",
        choices=PROVENANCE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the target was agreed or is illustrative"},
    )

    class Meta:
        model = Target
        fields = [
            "indicator",
            "period",
            "area",
            "area_group",
            "value",
            "baseline_value",
            "baseline_period",
            "kind",
            "provenance",
            "notes",
            "source",
        ]
        help_texts = {
            "source": "The paper that sets the target, for example the LAA 2008–11 refresh",
        }
        widgets = {"notes": forms.Textarea, "source": forms.Textarea(attrs={"rows": 3})}


class TargetReviseForm(AccordForm):
    """The annual refresh: what changes, and why. The earlier target stays readable."""

    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=_indicators(),
        help_text="Choose another only when the refresh swaps the indicator",
        error_messages={"required": "Choose the indicator"},
    )
    period = PeriodField(
        label="Target period", error_messages={"required": "Enter the target period"}
    )
    value = forms.FloatField(
        label="Target value",
        widget=_number(),
        error_messages={
            "required": "Enter the target value",
            "invalid": "The target value must be a number, for example 72.5",
        },
    )
    baseline_value = forms.FloatField(
        label="Baseline value",
        required=False,
        widget=_number(),
        error_messages={"invalid": "The baseline value must be a number, for example 68"},
    )
    baseline_period = PeriodField(label="Baseline period", required=False)
    kind = forms.ChoiceField(
        label="Kind of target",
        choices=TargetKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of target"},
    )
    provenance = forms.ChoiceField(
        label="Is this an agreed target?",
        choices=PROVENANCE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the target was agreed or is illustrative"},
    )
    reason = forms.CharField(
        label="Why is the target being revised?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: the 2009 refresh agreed with GONW. It is shown beside the "
        "earlier target",
        error_messages={"required": "Enter why the target is being revised"},
    )

    class Meta:
        model = Target
        fields = [
            "indicator",
            "period",
            "value",
            "baseline_value",
            "baseline_period",
            "kind",
            "provenance",
            "notes",
        ]
        widgets = {"notes": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["period"] = self.instance.period.code
            self.initial["baseline_period"] = (
                self.instance.baseline_period.code if self.instance.baseline_period else ""
            )


class TargetFilterForm(GovukFormMixin, forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicator", required=False, queryset=_indicators(), empty_label="All indicators"
    )
    area = forms.ModelChoiceField(
        label="Area",
        required=False,
        queryset=Area.objects.live().order_by("name"),
        empty_label="All areas",
    )
    period = forms.CharField(label="Period", required=False, max_length=40, help_text=PERIOD_HINT)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds")] + TargetKind.choices
    )
    provenance = forms.ChoiceField(
        label="Agreed or illustrative",
        required=False,
        choices=[("", "Both")] + PROVENANCE_CHOICES,
    )
    archived = forms.BooleanField(
        label="Include earlier (revised or archived) targets", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_period(self):
        text = self.cleaned_data["period"].strip()
        if not text:
            return ""
        try:
            return parse_period(text).code
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
