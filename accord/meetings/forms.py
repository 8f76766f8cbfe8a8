"""Forms of the meeting pages: scheduling and changing a meeting, its life (cancel, publish the
agenda, mark held), agenda items, the forward plan, venues and a body's meeting settings, and
the list's filter. The forms only parse input; the services validate and save."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from accord.bodies.models import Body
from accord.common.forms import (
    AccordForm,
    GovukDateField,
    GovukDateWidget,
    GovukFormMixin,
    style_widgets,
)
from accord.meetings.models import (
    AgendaItem,
    DatePrecision,
    ForwardPlanItem,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    Purpose,
    Venue,
    first_of,
)
from accord.papers.models import Paper
from accord.people.models import Person

TIME_HELP = "Use the 24-hour clock, for example 14:30"
TIME_ERROR = {"invalid": "Enter a time like 14:30"}
OTHER_DATE = "other"


def long_date(day: dt.date) -> str:
    return f"{day:%A %-d %B %Y}"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.name


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        when = obj.long_date_label
        if obj.start_time:
            when += f", {obj.start_time:%H:%M}"
        label = f"{when} ({obj.get_status_display().lower()})"
        return f"{obj.title}: {label}" if obj.title else label


class PaperChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Paper) -> str:
        return obj.title if obj.is_public else f"{obj.title} (not public)"


def people() -> QuerySet[Person]:
    return Person.objects.live().order_by("sort_name", "name")


def open_meetings(body: Body) -> QuerySet[Meeting]:
    """The body's live meetings that have not yet been held: where agenda items can go."""
    return (
        Meeting.objects.live()
        .filter(body=body, status__in=(MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED))
        .order_by("date", "start_time", "pk")
    )


class BodyFilterForm(GovukFormMixin, forms.Form):
    """The list's filter: one body's meetings or everyone's."""

    body = forms.ModelChoiceField(
        label="Body",
        required=False,
        queryset=Body.objects.none(),
        empty_label="All bodies",
    )

    def __init__(self, *args, bodies: QuerySet[Body] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        style_widgets(self)


class ChooseBodyForm(GovukFormMixin, forms.Form):
    """Which body a new meeting is for."""

    body = forms.ModelChoiceField(
        label="Which body is meeting?",
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        error_messages={"required": "Choose the body that is meeting"},
    )

    def __init__(self, *args, bodies: QuerySet[Body], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        style_widgets(self)


# --- A date known to the day, the month or the year -----------------------------------------------

# Coarser precisions leave more of the date out.
_COARSENESS = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


@dataclass(frozen=True)
class GivenDate:
    """A date as entered: `value` with the parts left out as 1, and `precision`, the finest
    part given (a day, else the month, else only the year)."""

    value: dt.date
    precision: str


class MeetingDateWidget(GovukDateWidget):
    def decompress(self, value):
        if isinstance(value, GivenDate):
            day, month, year = value.value.day, value.value.month, value.value.year
            if value.precision == DatePrecision.YEAR:
                return [None, None, year]
            if value.precision == DatePrecision.MONTH:
                return [None, month, year]
            return [day, month, year]
        return super().decompress(value)


class MeetingDateField(GovukDateField):
    """The day, month and year boxes, where the day (or the day and the month) may be left
    blank for a meeting the records date only to the month (or the year)."""

    widget = MeetingDateWidget

    def compress(self, data_list):
        if not data_list or not any(data_list):
            if self.required:
                raise ValidationError(f"Enter the {self.label.lower() if self.label else 'date'}")
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        if not year:
            raise ValidationError("The date must include a year")
        if day and not month:
            raise ValidationError("The date must include a month")
        try:
            value = dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValidationError("The date must be a real date, for example 1 4 2009") from None
        if not 1900 <= value.year <= 2100:
            raise ValidationError("The year must be between 1900 and 2100")
        if day:
            return GivenDate(value, DatePrecision.DAY)
        return GivenDate(value, DatePrecision.MONTH if month else DatePrecision.YEAR)


class PrecisionField(forms.ChoiceField):
    """How exactly the date is known; a form sent without it (the radios start on "a day")
    means a day, as the model's default does."""

    def to_python(self, value):
        return super().to_python(value) or DatePrecision.DAY


def precision_field() -> PrecisionField:
    return PrecisionField(
        label="How exactly is the date known?",
        choices=[
            (DatePrecision.DAY, "The day, for example 27 April 2009"),
            (DatePrecision.MONTH, "Only the month, for example “the September meeting”"),
            (DatePrecision.YEAR, "Only the year"),
        ],
        initial=DatePrecision.DAY,
        widget=forms.RadioSelect,
        help_text="For a month only, leave the day blank; for a year only, the day and month. "
        "A meeting without a day has no time and is left out of calendar feeds",
    )


def settle_date(form: forms.Form, name: str, given: GivenDate | None) -> dt.date | None:
    """The date to store for `given` at the precision chosen on `form`: the 1st of the month or
    year when only that is known. Adds an error to `form` when the date leaves out a part the
    precision needs, or a time is given for a meeting without a day."""
    cleaned = form.cleaned_data
    precision = cleaned.get("date_precision") or DatePrecision.DAY
    if given is None:
        return None
    if _COARSENESS[DatePrecision(given.precision)] > _COARSENESS[DatePrecision(precision)]:
        needed = "day" if precision == DatePrecision.DAY else "month"
        form.add_error(
            name,
            f"Enter the {needed} of the meeting, or choose that only the "
            f"{'month' if needed == 'day' else 'year'} is known",
        )
        return None
    if precision != DatePrecision.DAY:
        for time in ("start_time", "end_time"):
            if cleaned.get(time) is not None:
                form.add_error(time, "Leave the time blank: the day of the meeting is not known")
    return first_of(given.value, precision)


MEETING_LABELS = {
    "title": "Title",
    "date": "Date",
    "date_precision": "How exactly is the date known?",
    "start_time": "Start time",
    "end_time": "End time",
    "venue": "Venue",
    "venue_text": "Room, or a venue not in the list",
    "is_public": "This is a public meeting",
    "next_meeting": "Next meeting",
    "is_illustrative": "This is an illustrative example, not a real meeting",
}
MEETING_HELP = {
    "title": "Leave blank to call it the body's meeting, for example LSP Thematic Leads "
    "Group meeting",
    "start_time": TIME_HELP,
    "end_time": TIME_HELP,
    "venue_text": "For example, Committee Room 2B",
    "is_public": "Once its agenda is published, anyone can see a public meeting; a private "
    "one is shown only to the body's members",
    "source": "Where the record of the meeting comes from, for example the minutes",
}


class MeetingFields(AccordForm):
    """What scheduling and changing a meeting share."""

    start_time = forms.TimeField(
        label="Start time", required=False, help_text=TIME_HELP, error_messages=TIME_ERROR
    )
    end_time = forms.TimeField(
        label="End time", required=False, help_text=TIME_HELP, error_messages=TIME_ERROR
    )
    venue = forms.ModelChoiceField(
        label="Venue",
        required=False,
        queryset=Venue.objects.none(),
        empty_label="None of these",
    )

    class Meta:
        model = Meeting
        fields: list[str] = []
        labels = MEETING_LABELS
        help_texts = MEETING_HELP
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.venue_id if self.instance and self.instance.pk else None
        cast(forms.ModelChoiceField, self.fields["venue"]).queryset = Venue.objects.filter(
            Q(archived_on__isnull=True) | Q(pk=chosen)
        ).order_by("name")


class MeetingCreateForm(MeetingFields):
    """Schedule a meeting of a body: one of the dates its meeting cycle offers, or another."""

    date_choice = forms.ChoiceField(
        label="Date",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Choose the date of the meeting"},
    )
    other_date = MeetingDateField(
        label="Another date", required=False, help_text="For example, 18 5 2009"
    )
    date_precision = precision_field()

    class Meta(MeetingFields.Meta):
        fields = [
            "title",
            "date_precision",
            "start_time",
            "end_time",
            "venue",
            "venue_text",
            "is_public",
            "is_illustrative",
            "source",
        ]

    def __init__(self, *args, body: Body, offered: list[dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.offered = offered
        # The date first, as a secretary thinks of it.
        order = ["date_choice", "other_date", "date_precision"]
        self.order_fields(order + [f for f in self.fields if f not in order])
        if offered:
            self.fields["date_choice"].choices = [
                (d.isoformat(), long_date(d)) for d in offered
            ] + [(OTHER_DATE, "Another date")]
            self.fields["date_choice"].help_text = (
                "The next dates the body's meeting cycle offers, leaving out dates it already "
                "meets on"
            )
            self.fields["date_choice"].govuk_kind = "radios"  # type: ignore[attr-defined]
            self.fields[
                "other_date"
            ].help_text = "If you chose another date. For example, 18 5 2009"
        else:
            # Nothing to offer (the body meets as needed): just ask for the date.
            del self.fields["date_choice"]
            self.fields["other_date"].label = "Date"
            self.fields["other_date"].required = True

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("date_choice")
        if "date_choice" not in self.fields or choice == OTHER_DATE:
            if cleaned.get("other_date") is None and "other_date" not in self.errors:
                self.add_error("other_date", "Enter the date of the meeting")
            cleaned["date"] = settle_date(self, "other_date", cleaned.get("other_date"))
        elif choice:
            if cleaned.get("date_precision", DatePrecision.DAY) != DatePrecision.DAY:
                self.add_error(
                    "date_precision",
                    "The dates offered are days: choose the day, or enter another date",
                )
            cleaned["date"] = dt.date.fromisoformat(choice)
        return cleaned

    def cleaned_changes(self) -> dict[str, Any]:
        fields = super().cleaned_changes()
        # Times and venue left blank come from the body's usual ones (the service fills them).
        for name in ("start_time", "end_time", "venue"):
            if fields.get(name) is None:
                fields.pop(name, None)
        return {**fields, "body": self.body, "date": self.cleaned_data["date"]}


class MeetingForm(MeetingFields):
    """Change a meeting's details (its status changes on the pages named for them)."""

    date = MeetingDateField(label="Date")
    date_precision = precision_field()

    next_meeting = MeetingChoice(
        label="Next meeting",
        required=False,
        queryset=Meeting.objects.none(),
        empty_label="Not yet arranged",
        help_text="The next meeting of the same body, whose details the minutes give",
    )

    class Meta(MeetingFields.Meta):
        fields = [
            "title",
            "date",
            "date_precision",
            "start_time",
            "end_time",
            "venue",
            "venue_text",
            "is_public",
            "next_meeting",
            "is_illustrative",
            "source",
        ]
        error_messages = {"date": {"required": "Enter the date of the meeting"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        m = self.instance
        if m.pk and not self.is_bound:
            # Shown as known: the day (or the day and month) blank when the records lack it.
            self.initial["date"] = GivenDate(m.date, m.date_precision)
        cast(forms.ModelChoiceField, self.fields["next_meeting"]).queryset = (
            Meeting.objects.filter(body_id=m.body_id, date__gt=m.date)
            .filter(Q(archived_on__isnull=True) | Q(pk=m.next_meeting_id))
            .exclude(pk=m.pk)
            .order_by("date", "start_time", "pk")
        )

    def clean(self):
        cleaned = super().clean()
        if "date" in cleaned:
            settled = settle_date(self, "date", cleaned["date"])
            if settled is None:
                cleaned.pop("date", None)
            else:
                cleaned["date"] = settled
        return cleaned


class VersionForm(GovukFormMixin, forms.Form):
    """A confirmation that carries the record's version (publish the agenda, mark held)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CancelForm(GovukFormMixin, forms.Form):
    cancelled_reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Shown on the meeting's page and in the calendars, for example "
        "“No business to transact”",
        error_messages={"required": "Enter why the meeting is cancelled"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
    version = forms.IntegerField(required=False)


class AgendaItemForm(AccordForm):
    presenter = PersonChoice(
        label="Presenter",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Not a person in the framework, or none",
    )
    purpose = forms.ChoiceField(
        label="Purpose",
        required=False,
        choices=[("", "Not given")] + Purpose.choices,
    )
    papers = PaperChoices(
        label="Papers it considers",
        required=False,
        queryset=Paper.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The reports and papers of the body tabled at this item",
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "presenter",
            "presenter_text",
            "purpose",
            "minutes_allowed",
            "is_restricted",
            "papers",
            "source",
        ]
        labels = {
            "title": "Title",
            "presenter_text": "Presenter (as the agenda names them)",
            "minutes_allowed": "Time allowed (minutes)",
            "is_restricted": "Restricted item",
        }
        help_texts = {
            "title": "For example, Migrant Impact Fund bid",
            "presenter_text": "A role or a name not in the framework, for example "
            "“All Thematic Leads”",
            "minutes_allowed": "For example, 15",
            "is_restricted": "An exempt item: shown only to the body's members and managers, "
            "never to the public",
        }
        error_messages = {
            "title": {"required": "Enter the title of the item"},
            "minutes_allowed": {"invalid": "Enter the time allowed as a whole number of minutes"},
        }
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        chosen_presenter = self.instance.presenter_id if self.instance.pk else None
        cast(forms.ModelChoiceField, self.fields["presenter"]).queryset = Person.objects.filter(
            Q(archived_on__isnull=True) | Q(pk=chosen_presenter)
        ).order_by("sort_name", "name")
        chosen: list[int] = []
        if self.instance.pk:
            chosen = list(self.instance.papers.values_list("pk", flat=True))
            if not self.is_bound:
                self.initial["papers"] = chosen
        cast(forms.ModelMultipleChoiceField, self.fields["papers"]).queryset = Paper.objects.filter(
            Q(archived_on__isnull=True, body_id=meeting.body_id)
            | Q(archived_on__isnull=True, body__isnull=True)
            | Q(pk__in=chosen)
        ).order_by("-published_on", "title", "pk")


class ForwardPlanForm(AccordForm):
    presenter = PersonChoice(
        label="Presenter",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Not a person in the framework, or none",
    )
    purpose = forms.ChoiceField(
        label="Purpose",
        required=False,
        choices=[("", "Not given")] + Purpose.choices,
    )
    meeting = MeetingChoice(
        label="Meeting it is planned for",
        required=False,
        queryset=Meeting.objects.none(),
        empty_label="Not yet decided",
        help_text="Planning it for a meeting does not yet put it on the agenda: use “Place on "
        "agenda” for that",
    )

    class Meta:
        model = ForwardPlanItem
        fields = [
            "title",
            "presenter",
            "presenter_text",
            "purpose",
            "intended_date",
            "meeting",
            "notes",
            "is_illustrative",
            "source",
        ]
        labels = {
            "title": "Title",
            "presenter_text": "Presenter (as the plan names them)",
            "intended_date": "Intended date",
            "is_illustrative": "This is an illustrative example",
        }
        help_texts = {
            "title": "For example, Sustainable Community Strategy refresh",
            "intended_date": "When it should come to the body, if no meeting is chosen yet. "
            "For example, 30 4 2009",
        }
        error_messages = {"title": {"required": "Enter the title of the item"}}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        chosen_presenter = self.instance.presenter_id if self.instance.pk else None
        cast(forms.ModelChoiceField, self.fields["presenter"]).queryset = Person.objects.filter(
            Q(archived_on__isnull=True) | Q(pk=chosen_presenter)
        ).order_by("sort_name", "name")
        chosen_meeting = self.instance.meeting_id if self.instance.pk else None
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = Meeting.objects.filter(
            Q(pk__in=open_meetings(body).values("pk")) | Q(pk=chosen_meeting)
        ).order_by("date", "start_time", "pk")


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is the item withdrawn?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Kept in the item's notes",
        error_messages={"required": "Enter why the item is withdrawn"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PlaceForm(GovukFormMixin, forms.Form):
    meeting = MeetingChoice(
        label="Which meeting's agenda?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="The body's meetings that have not yet been held. The item goes before any "
        "other business",
        error_messages={"required": "Choose the meeting whose agenda it goes on"},
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = open_meetings(body)
        style_widgets(self)


class VenueForm(AccordForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "postcode", "accessibility", "source"]
        labels = {"name": "Name", "accessibility": "Accessibility"}
        help_texts = {
            "name": "For example, County Hall",
            "address": "Without the postcode",
            "postcode": "For example, CH1 1SF",
            "accessibility": "Step-free access, hearing loop, parking and the like",
        }
        error_messages = {"name": {"required": "Enter the name of the venue"}}
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }


class MeetingSettingsForm(AccordForm):
    usual_weekday = forms.TypedChoiceField(
        label="Usual day",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "No usual day")] + MeetingSettings._meta.get_field("usual_weekday").choices,
    )
    usual_start = forms.TimeField(
        label="Usual start time", required=False, help_text=TIME_HELP, error_messages=TIME_ERROR
    )
    usual_end = forms.TimeField(
        label="Usual end time", required=False, help_text=TIME_HELP, error_messages=TIME_ERROR
    )
    usual_venue = forms.ModelChoiceField(
        label="Usual venue",
        required=False,
        queryset=Venue.objects.none(),
        empty_label="None",
    )

    class Meta:
        model = MeetingSettings
        fields = [
            "usual_weekday",
            "usual_start",
            "usual_end",
            "usual_venue",
            "quorum_members",
            "quorum_share",
            "quorum_needs_chair",
            "quorum_note",
            "source",
        ]
        labels = {
            "quorum_members": "Members needed for a quorum",
            "quorum_share": "Share of the voting members needed for a quorum",
            "quorum_needs_chair": "The chair (or a vice chair in the chair) must be present",
            "quorum_note": "The quorum as the terms of reference put it",
        }
        help_texts = {
            "quorum_members": "For example, 5. Leave blank if the terms of reference give no "
            "number",
            "quorum_share": "As a decimal, for example 0.5 for half or 0.333 for a third",
            "quorum_needs_chair": "",
            "quorum_note": "For example, “One third of the members, including the chair”",
        }
        error_messages = {
            "quorum_members": {"invalid": "Enter the number of members as a whole number"},
            "quorum_share": {"invalid": "Enter the share as a decimal, for example 0.5"},
        }
        widgets = {
            "quorum_note": forms.Textarea(attrs={"rows": 2}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.usual_venue_id if self.instance and self.instance.pk else None
        cast(forms.ModelChoiceField, self.fields["usual_venue"]).queryset = Venue.objects.filter(
            Q(archived_on__isnull=True) | Q(pk=chosen)
        ).order_by("name")
