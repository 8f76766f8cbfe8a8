"""Forms for timetables: a programme, a milestone, marking one done, and the coming-up window."""

from django import forms

from accord.bodies.models import Body
from accord.common.forms import AccordForm, GovukDateField, style_widgets
from accord.milestones.models import DatePrecision, Milestone, MilestoneStatus, Programme
from accord.milestones.selectors import WINDOWS
from accord.organisations.models import Organisation
from accord.people.models import Person
from accord.strategies.models import Strategy


class ProgrammeForm(AccordForm):
    owning_body = forms.ModelChoiceField(
        label="Owning body",
        required=False,
        queryset=Body.objects.live().order_by("name"),
        empty_label="None",
        help_text="The body that keeps this timetable, for example the LSP board",
    )
    strategy = forms.ModelChoiceField(
        label="Strategy",
        required=False,
        queryset=Strategy.objects.live().order_by("title"),
        empty_label="None",
        help_text="The strategy this timetable delivers or refreshes, if any",
    )

    class Meta:
        model = Programme
        fields = ["title", "description", "owning_body", "strategy", "source"]
        help_texts = {
            "title": "For example, LAA 2009 refresh timetable",
            "source": "The paper the timetable comes from, for example the LSP newsletter of "
            "January 2009",
        }
        error_messages = {"title": {"required": "Enter the title of the timetable"}}
        widgets = {"description": forms.Textarea, "source": forms.Textarea(attrs={"rows": 3})}


class MilestoneForm(AccordForm):
    precision = forms.ChoiceField(
        label="How the paper gives the date",
        choices=[
            (DatePrecision.DAY, "On a day, for example 26 March"),
            (DatePrecision.BY_DAY, "By a day, for example by 30 April"),
            (DatePrecision.MID_MONTH, "Mid-month, for example mid-February"),
            (DatePrecision.MONTH, "During a month, for example March"),
            (DatePrecision.SPAN, "Over a span, for example August to October"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the paper gives the date"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=MilestoneStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    owner_body = forms.ModelChoiceField(
        label="Owner: body",
        required=False,
        queryset=Body.objects.live().order_by("name"),
        empty_label="None",
    )
    owner_organisation = forms.ModelChoiceField(
        label="Owner: organisation",
        required=False,
        queryset=Organisation.objects.live().order_by("name"),
        empty_label="None",
    )
    owner_person = forms.ModelChoiceField(
        label="Owner: person",
        required=False,
        queryset=Person.objects.live().order_by("name"),
        empty_label="None",
    )

    class Meta:
        model = Milestone
        fields = [
            "title",
            "description",
            "precision",
            "starts_on",
            "due_on",
            "owner_body",
            "owner_organisation",
            "owner_person",
            "status",
            "completed_on",
            "position",
            "source",
        ]
        labels = {
            "starts_on": "Starts on",
            "due_on": "Due on",
            "completed_on": "Done on",
            "position": "Order among milestones due the same day",
        }
        help_texts = {
            "title": "What happens, for example Final or near final refreshed LAA sent to GONW",
            "starts_on": "Only for a span: its first day, for example 1 8 2010",
            "due_on": "The day it is due. For a month or a span, its last day, for example "
            "31 10 2010; for mid-month, the 15th",
            "completed_on": "Needed when the status is done",
            "position": "Leave as 0 unless two milestones fall on the same day",
        }
        error_messages = {"title": {"required": "Enter what the milestone is"}}
        widgets = {
            "description": forms.Textarea,
            "source": forms.Textarea(attrs={"rows": 3}),
            "position": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the date it is due"
        self.fields["position"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class MarkDoneForm(AccordForm):
    completed_on = GovukDateField(
        label="Date it was done",
        required=True,
        help_text="For example, 26 3 2009",
        error_messages={"required": "Enter the date it was done"},
    )

    class Meta:
        model = Milestone
        fields = ["completed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # GovukDateField says "Enter the date it was done" through its label.
        self.fields["completed_on"].label = "Date it was done"


class WindowForm(forms.Form):
    within = forms.TypedChoiceField(
        label="Show milestones coming up within",
        choices=[(str(k), v) for k, v in WINDOWS.items()],
        coerce=int,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
