"""Forms of the collection cycle: open a round, submit a return, send one back, approve one."""

from django import forms
from django.db.models import Q

from accord.areas.models import Area, AreaKind
from accord.collection.models import CollectionRound, Return
from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.targets.forms import PeriodField

SUB_AREA_KINDS = [AreaKind.APB_AREA, AreaKind.LAF_AREA]


def _number(width: int = 10) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "class": f"govuk-input--width-{width}"})


class RoundOpenForm(AccordForm):
    period = PeriodField(
        label="Period the figures are for",
        help_text="For example 2009/10 Q3 (a quarter of the financial year) or 2009/10",
        error_messages={"required": "Enter the period the figures are for"},
    )
    areas = forms.ModelMultipleChoiceField(
        label="Areas to collect for",
        required=False,
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to collect for the whole borough only. Indicators are "
        "asked only for the areas they are published for",
    )

    class Meta:
        model = CollectionRound
        fields = [
            "title",
            "period",
            "opens_on",
            "deadline",
            "instructions",
            "remind_days_before",
            "remind_days_after",
        ]
        labels = {
            "opens_on": "Opens on",
            "deadline": "Deadline",
            "remind_days_before": "Days before the deadline to send a reminder",
            "remind_days_after": "Days after the deadline to send a reminder",
        }
        help_texts = {
            "title": "For example, Quarter 3 2009/10 performance returns",
            "opens_on": "For example, 4 1 2010",
            "deadline": "The last day for returns, for example 15 1 2010",
            "instructions": "Shown to lead officers with each return",
        }
        error_messages = {"title": {"required": "Enter a title for the round"}}
        widgets = {
            "instructions": forms.Textarea,
            "remind_days_before": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "remind_days_after": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
        }

    def __init__(self, *args, top_area: Area | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The partnership's own area and the area board and forum areas within it: the
        # footprints returns are usually asked for.
        footprint = Q(pk=top_area.pk) | Q(parent_id=top_area.pk, kind__in=SUB_AREA_KINDS)
        self.fields["areas"].queryset = (
            Area.objects.live().filter(footprint).order_by("parent_id", "kind", "name")
            if top_area
            else Area.objects.live().filter(kind=AreaKind.BOROUGH).order_by("name")
        )
        self.fields["opens_on"].error_messages["required"] = "Enter the day the round opens"
        self.fields["deadline"].error_messages["required"] = "Enter the deadline"
        for name in ("remind_days_before", "remind_days_after"):
            self.fields[name].error_messages = {
                "required": "Enter a number of days, for example 5",
                "invalid": "Enter a whole number of days, for example 5",
                "min_value": "Enter 0 or more days",
            }


class ReturnSubmitForm(GovukFormMixin, forms.Form):
    value = forms.FloatField(
        label="Figure",
        widget=_number(),
        error_messages={
            "required": "Enter the figure",
            "invalid": "The figure must be a number, for example 72.5",
        },
    )
    numerator = forms.FloatField(
        label="Numerator",
        required=False,
        widget=_number(),
        help_text="Where the figure is a rate or percentage: the count it is made from",
        error_messages={"invalid": "The numerator must be a number, for example 312"},
    )
    denominator = forms.FloatField(
        label="Denominator",
        required=False,
        widget=_number(),
        help_text="The population or total it is a share of",
        error_messages={"invalid": "The denominator must be a number, for example 1480"},
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text="What lies behind the figure: what changed, what is being done",
    )
    unusual_change_confirmed = forms.BooleanField(
        label="I have checked this figure and it is right",
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class SendBackForm(GovukFormMixin, forms.Form):
    comment = forms.CharField(
        label="What should the lead officer change?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="They see this beside the return, and the history keeps it",
        error_messages={"required": "Enter what the lead officer should change"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ApproveForm(GovukFormMixin, forms.Form):
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ConfirmForm(GovukFormMixin, forms.Form):
    """A button and the version it acts on (closing a round)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def initial_for(ret: Return) -> dict:
    return {
        "value": ret.value,
        "numerator": ret.numerator,
        "denominator": ret.denominator,
        "commentary": ret.commentary,
        "version": ret.version,
    }
