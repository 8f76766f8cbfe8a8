"""Forms in the GOV.UK idiom: styled widgets, a three-part date input, the version carried
for optimistic concurrency."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name


class GovukDateWidget(forms.MultiWidget):
    template_name = "common/widgets/date.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date as day, month and year boxes, with the error messages GOV.UK recommends."""

    widget = GovukDateWidget

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        # Each box optional, so that `compress` sees which are empty and names them.
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            if self.required:
                raise ValidationError(f"Enter the {self.label.lower() if self.label else 'date'}")
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"The date must include a {' and '.join(missing)}")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError("The date must be a real date, for example 1 4 2009") from None
        if not 1900 <= value.year <= 2100:
            raise ValidationError("The year must be between 1900 and 2100")
        return value


# Django's own invalid-choice message (ChoiceField's and ModelChoiceField's), before translation.
_DJANGO_INVALID_CHOICE = {
    forms.ChoiceField.default_error_messages["invalid_choice"],
    forms.ModelChoiceField.default_error_messages["invalid_choice"],
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give each widget the GOV.UK class for its kind, once."""
    for name, field in form.fields.items():
        w = field.widget
        css = w.attrs.get("class", "")
        if isinstance(w, GovukDateWidget | forms.HiddenInput):
            continue
        if isinstance(w, forms.CheckboxSelectMultiple):
            field.govuk_kind = "checkboxes"
        elif isinstance(w, forms.RadioSelect):
            field.govuk_kind = "radios"
        elif isinstance(w, forms.CheckboxInput):
            field.govuk_kind = "checkbox"
            w.attrs["class"] = f"{css} govuk-checkboxes__input".strip()
        elif isinstance(w, forms.Textarea):
            w.attrs["class"] = f"{css} govuk-textarea".strip()
            w.attrs.setdefault("rows", 4)
        elif isinstance(w, forms.Select):
            w.attrs["class"] = f"{css} govuk-select".strip()
        else:
            w.attrs["class"] = f"{css} govuk-input".strip()
        if field.help_text:
            # Under the form's prefix, as the templates name the hint.
            w.attrs["aria-describedby"] = f"{form.add_prefix(name)}-hint"
        if (
            isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
            and field.error_messages.get("invalid_choice") in _DJANGO_INVALID_CHOICE
        ):
            # Django's words name no field: several in one error summary read the same.
            label = str(field.label or pretty_name(name))
            field.error_messages = {
                **field.error_messages,
                "invalid_choice": f"Select a valid choice of {label.lower()} from the list",
            }


def mark_errors(form: forms.BaseForm) -> None:
    """Add GOV.UK's error styling to the widgets of fields that failed validation, and point
    each single widget at its error message (the templates' `<name>-error`)."""
    for name in form.errors:
        field = form.fields.get(name)
        if field is None:
            continue
        w = field.widget
        if not hasattr(w, "widgets") and not isinstance(
            w, forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            described = w.attrs.get("aria-describedby", "").split()
            error_id = f"{form.add_prefix(name)}-error"
            if error_id not in described:
                w.attrs["aria-describedby"] = " ".join([*described, error_id])
        subwidgets = getattr(w, "widgets", [w])
        for sub in subwidgets:
            base = sub.attrs.get("class", "")
            for kind in ("govuk-input", "govuk-select", "govuk-textarea"):
                if kind in base.split() and f"{kind}--error" not in base:
                    sub.attrs["class"] = f"{base} {kind}--error"
                    break


class GovukFormMixin:
    """Styles widgets once built, and marks failed fields after validation, not before, so
    subclasses may still change fields in their own __init__."""

    def full_clean(self):
        super().full_clean()  # type: ignore[misc]
        mark_errors(self)  # type: ignore[arg-type]


class AccordForm(GovukFormMixin, forms.ModelForm):
    """A model form whose dates are GOV.UK date inputs and which carries the record's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.DateField):
                self.fields[name] = GovukDateField(
                    label=field.label, required=field.required, help_text=field.help_text
                )
                if self.instance and self.instance.pk:
                    self.initial[name] = getattr(self.instance, name)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        style_widgets(self)

    def cleaned_changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self._meta.fields}

    def _post_clean(self):
        # Services validate and save; the form only parses input, so skip the model's full_clean.
        pass


class ArchiveForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is this being archived?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Archived records stay readable with their history; they leave the live lists.",
        error_messages={"required": "Enter why this record is being archived"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
