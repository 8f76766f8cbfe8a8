"""Forms for people: the list filter, the create/edit form and 'add employment'."""

from typing import cast

from django import forms

from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.organisations.models import Organisation
from accord.people.models import Employment, Person
from accord.people.services import PERSON_FIELDS

EMPLOYMENT_FIELDS = ["organisation", "job_title", "start_date", "end_date", "source"]


class PersonFilterForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name contains", required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Any organisation",
        help_text="People who work for it or represent it on a body",
    )
    archived = forms.BooleanField(label="Include archived people", required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        style_widgets(self)


class PersonForm(AccordForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        labels = {
            "honorific": "Title or honorific",
            "sort_name": "Sort name",
            "email": "Email address",
            "phone": "Telephone number",
        }
        help_texts = {
            "honorific": "For example Councillor, Dr, Superintendent",
            "name": "Their full name, for example Jane Smith",
            "sort_name": "How the name sorts in lists, for example Smith, Jane. "
            "Leave blank to sort by the last word of the name.",
            "email": "Personal data: shown only to managers and to members of the same bodies",
            "phone": "Personal data: shown only to managers and to members of the same bodies",
        }
        error_messages = {
            "name": {"required": "Enter the person's name"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
        }
        widgets = {
            "biography": forms.Textarea,
            "source": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honorific"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["phone"].widget.attrs["class"] += " govuk-input--width-20"


class EmploymentForm(AccordForm):
    # Declared here, not adjusted in __init__: AccordForm validates a bound form as it styles
    # the widgets, so the choices and messages must be right before then.
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.live().order_by("name"),
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation"},
    )

    class Meta:
        model = Employment
        fields = EMPLOYMENT_FIELDS
        labels = {"start_date": "Started", "end_date": "Ended"}
        help_texts = {
            "job_title": "For example, Head of Policy, Performance and Partnerships",
            "start_date": "For example, 1 4 2009",
            "end_date": "Leave blank if they still work there",
        }
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}
