"""Forms for areas: the filter on the list page and the create/edit form."""

from typing import cast

from django import forms

from accord.areas.models import Area, AreaKind
from accord.areas.services import AREA_FIELDS
from accord.common.forms import AccordForm, GovukFormMixin, style_widgets


def area_label(area: Area) -> str:
    return f"{area.name} ({area.get_kind_display().lower()})"


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return area_label(obj)


class AreaFilterForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of area", required=False, choices=[("", "All kinds")] + AreaKind.choices
    )
    parent = AreaChoiceField(
        label="Part of", required=False, queryset=Area.objects.none(), empty_label="Anywhere"
    )
    archived = forms.BooleanField(label="Include archived areas", required=False)

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents
        style_widgets(self)


class AreaForm(AccordForm):
    # Declared here, not adjusted in __init__: AccordForm validates a bound form as it styles
    # the widgets, so choices and messages must be right before then.
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "Choose a kind of area")] + AreaKind.choices,
        error_messages={"required": "Choose what kind of area this is"},
    )
    parent = AreaChoiceField(
        label="Part of (parent area)",
        required=False,
        queryset=Area.objects.live().order_by("name"),
        empty_label="None – this is a top-level area",
        help_text="The larger area this one lies in, if any",
    )

    class Meta:
        model = Area
        fields = AREA_FIELDS
        labels = {"gss_code": "GSS code"}
        help_texts = {
            "name": "For example, Chester Area Partnership Board area or Blacon ward",
            "gss_code": (
                "Only a real ONS code, for example E06000050 or E05012345. "
                "Leave blank if the area has none."
            ),
            "valid_from": "For example, 1 4 2009",
            "valid_to": "Leave blank if the area is still in use",
        }
        error_messages = {
            "name": {"required": "Enter the name of the area"},
        }
        widgets = {"description": forms.Textarea, "source": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # Only narrows the offer; the service refuses any loop of parents.
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = Area.objects.live().exclude(pk=self.instance.pk).order_by("name")
