"""The as-of date of a scorecard: ?as_of=YYYY-MM-DD in links, or the three GOV.UK date boxes."""

import datetime as dt

from django import forms
from django.http import HttpRequest

from accord.common.forms import GovukDateField, style_widgets
from accord.common.querysets import today


class AsOfForm(forms.Form):
    as_of = GovukDateField(
        label="Show the figures as at",
        required=False,
        help_text=(
            "For example, 15 1 2010. The scorecard then uses the figures for periods ended by "
            "that day and reports the financial quarter last ended. Leave blank for today."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def as_of_from(request: HttpRequest) -> tuple[dt.date, AsOfForm]:
    """The day asked for and the form to show it in; today when none is given or it is wrong
    (the form then carries the error)."""
    iso = request.GET.get("as_of", "").strip()
    if iso:
        try:
            on = dt.date.fromisoformat(iso)
            if not 1900 <= on.year <= 2100:
                raise ValueError(iso)
        except ValueError:
            form = AsOfForm({})
            form.is_valid()
            form.add_error("as_of", "The date must be a real date, for example 15 1 2010")
            return today(), form
        return on, AsOfForm(initial={"as_of": on})
    if any(request.GET.get(f"as_of_{i}") for i in range(3)):
        form = AsOfForm(request.GET)
        if form.is_valid() and form.cleaned_data["as_of"]:
            return form.cleaned_data["as_of"], form
        return today(), form
    return today(), AsOfForm(initial={"as_of": today()})
