"""Forms for partner organisations: the list filter and the create/edit form."""

from django import forms
from django.db import models

from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.organisations.models import Organisation, OrganisationKind, Sector
from accord.organisations.services import ORGANISATION_FIELDS


class OrganisationFilterForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name contains", required=False, max_length=100)
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "All sectors")] + Sector.choices
    )
    kind = forms.ChoiceField(
        label="Kind of organisation",
        required=False,
        choices=[("", "All kinds")] + OrganisationKind.choices,
    )
    archived = forms.BooleanField(label="Include archived organisations", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _formfield(field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(AccordForm):
    # Declared here, not adjusted in __init__: AccordForm validates a bound form as it styles
    # the widgets, so choices and messages must be right before then. (Radios would suit three
    # sectors, but the shared error summary links a radio group's error to an id no element
    # has; a select keeps the link working.)
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Choose a sector")] + Sector.choices,
        error_messages={"required": "Choose the sector the organisation belongs to"},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "Choose a kind")] + OrganisationKind.choices,
        error_messages={"required": "Choose what kind of organisation this is"},
    )

    class Meta:
        model = Organisation
        formfield_callback = _formfield
        fields = ORGANISATION_FIELDS
        labels = {
            "short_name": "Short name",
            "gss_code": "GSS code",
            "charity_number": "Registered charity number",
            "company_number": "Company number",
            "start_date": "Started",
            "end_date": "Ended",
        }
        help_texts = {
            "short_name": "For example, CWaC or NHS WC",
            "gss_code": "For councils: the ONS code, for example E06000050",
            "website": "For example, https://www.cheshirewestandchester.gov.uk",
            "end_date": "Leave blank if the organisation still exists",
        }
        error_messages = {
            "name": {"required": "Enter the name of the organisation"},
            "website": {"invalid": "Enter a web address, for example https://www.example.org"},
        }
        widgets = {
            "description": forms.Textarea,
            "source": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["short_name"].widget.attrs["class"] += " govuk-input--width-10"
        for name in ("gss_code", "charity_number", "company_number"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-10"
