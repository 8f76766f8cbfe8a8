"""Forms for figures: the list's filters, restating a figure, adding evidence, importing a
file."""

from typing import cast

from django import forms
from django.conf import settings

from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.indicators.models import Provenance
from accord.observations.models import Observation, ObservationStatus


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}".strip() if obj.title else obj.code


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.gss_code})" if obj.gss_code else obj.name


class ObservationFilterForm(GovukFormMixin, forms.Form):
    indicator = IndicatorChoiceField(
        label="Indicator", required=False, queryset=None, empty_label="All indicators"
    )
    area = AreaChoiceField(label="Area", required=False, queryset=None, empty_label="All areas")
    period: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Period", required=False, queryset=None, empty_label="All periods"
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Provisional and final")] + ObservationStatus.choices,
    )
    provenance = forms.ChoiceField(
        label="Provenance", required=False, choices=[("", "All figures")] + Provenance.choices
    )
    restated = forms.BooleanField(label="Include figures since restated", required=False)

    def __init__(self, *args, choices: dict, signed_in: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("indicator", "area", "period"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = choices[f"{name}s"]
        if not signed_in:
            # The public sees final figures only, so there is nothing to choose.
            del self.fields["status"]
        style_widgets(self)


class RestateForm(AccordForm):
    """A corrected figure. The form starts from the figure it replaces."""

    reason = forms.CharField(
        label="Why is the figure being restated?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example, revised by ONS in May 2010. Shown beside the earlier figure.",
        error_messages={"required": "Enter why the figure is being restated"},
    )

    class Meta:
        model = Observation
        fields = [
            "value",
            "numerator",
            "denominator",
            "ci_lower",
            "ci_upper",
            "status",
            "suppressed",
            "suppression_reason",
            "commentary",
            "provenance",
            "source",
        ]
        labels = {
            "value": "Value",
            "ci_lower": "Lower 95% confidence limit",
            "ci_upper": "Upper 95% confidence limit",
            "suppressed": "The figure is suppressed",
            "suppression_reason": "Why it is suppressed",
        }
        help_texts = {
            "value": "Leave empty only when the figure is suppressed",
            "numerator": "The count the figure is calculated from, if there is one",
            "denominator": "The population it is calculated over, if there is one",
            "suppression_reason": "For example, fewer than 5 cases",
            "source": "Where the corrected figure comes from",
        }
        widgets = {
            "value": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            "numerator": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            "denominator": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            "ci_lower": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            "ci_upper": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            "status": forms.RadioSelect,
            "provenance": forms.RadioSelect,
            "commentary": forms.Textarea,
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "numerator", "denominator", "ci_lower", "ci_upper"):
            self.fields[name].error_messages["invalid"] = "Enter a number"


class EvidenceForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, ONS bulletin of 14 May 2010",
        error_messages={"required": "Enter a title for the evidence"},
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text="A PDF, Word document, Excel spreadsheet, CSV file, PNG or JPEG image",
    )
    link = forms.URLField(
        label="Or a link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The web address of the evidence, instead of a file",
        error_messages={"invalid": "Enter a web address, like https://www.ons.gov.uk/"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="File of figures",
        help_text="A CSV file or Excel spreadsheet (.xlsx) in the Accord template or as "
        "exported from Fingertips",
        error_messages={
            "required": "Choose a file to import",
            "empty": "The file is empty",
        },
    )
    load_good_rows = forms.BooleanField(
        label="If some rows have problems, load the good rows and give me the others back",
        required=False,
        help_text="Otherwise a file with any problem is not loaded at all",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ACCORD_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit // 2**20} MB")
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                "The file must be a CSV file or an Excel spreadsheet (.xlsx)"
            )
        return upload
