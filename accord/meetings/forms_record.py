"""Forms of the pages that record what happened at a meeting: attendance, the minute of an item
with its decisions and actions, and the approval of the minutes (circulate, agree, sign,
amend); and the period and body of the attendance statistics.

Forms only parse input and check what a person can put right on the same page; the services
apply the rules and save."""

import datetime as dt
from dataclasses import dataclass

from django import forms

from accord.actions.models import Action
from accord.bodies.models import Body
from accord.common.forms import AccordForm, GovukDateField, GovukFormMixin, style_widgets
from accord.common.querysets import today
from accord.meetings import rules
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    DecisionKind,
    Meeting,
)
from accord.organisations.models import Organisation
from accord.people.models import Person

STATUS_CHOICES = AttendanceStatus.choices
# Who else may be recorded besides the body's members.
OTHER_CAPACITIES = [
    (Capacity.SUBSTITUTE.value, "Substitute for a member"),
    (Capacity.SUPPORT.value, "Support staff"),
    (Capacity.OBSERVER.value, "Observer"),
    (Capacity.ADVISER.value, "Adviser"),
]
NEW_ROWS = 3


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return str(obj)


# --- Attendance --------------------------------------------------------------------------------


@dataclass
class MemberRow:
    """A member of the body on the meeting's date, with what is recorded for them so far."""

    person: Person
    role: str  # the membership's role, as shown
    organisation: Organisation | None
    is_chair: bool  # the body's chair on the date
    entry: Attendance | None

    @property
    def field(self) -> str:
        return f"member_{self.person.pk}"

    @property
    def hint(self) -> str:
        return f"{self.role}, for {self.organisation}" if self.organisation else self.role


def other_hint(entry: Attendance) -> str:
    """How someone who is not a member attended, in words."""
    text = entry.get_capacity_display()
    if entry.substitute_for_id:
        text += f" for {entry.substitute_for}"
    if entry.organisation_id:
        text += f", on behalf of {entry.organisation}"
    return text


class AttendanceForm(GovukFormMixin, forms.Form):
    """The whole attendance record of a meeting on one page: a status for each member, who
    chaired, the others already recorded, and a few rows for adding others."""

    state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        members: list[MemberRow],
        others: list[Attendance],
        people,
        organisations,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.members = members
        self.others = others
        member_people = [m.person for m in members]
        chair = next(
            (m for m in members if m.entry and m.entry.capacity == Capacity.CHAIR), None
        ) or next((m for m in members if m.entry is None and m.is_chair), None)
        self.fields["chair"] = forms.ChoiceField(
            label="Who chaired the meeting",
            required=False,
            choices=[("", "Not recorded")] + [(str(p.pk), str(p)) for p in member_people],
            initial=str(chair.person.pk) if chair else "",
            help_text="They must be recorded as present.",
        )
        for m in members:
            self.fields[m.field] = forms.ChoiceField(
                label=str(m.person),
                choices=[*STATUS_CHOICES, ("", "Not recorded")],
                required=False,
                widget=forms.RadioSelect,
                initial=m.entry.status if m.entry else None,
            )
        for o in others:
            self.fields[f"other_{o.person_id}_status"] = forms.ChoiceField(
                label=str(o.person),
                choices=STATUS_CHOICES,
                widget=forms.RadioSelect,
                initial=o.status,
                error_messages={"required": f"Choose whether {o.person} was present"},
            )
            self.fields[f"other_{o.person_id}_remove"] = forms.BooleanField(
                label=f"Take {o.person} off the record", required=False
            )
        substitutable = Person.objects.filter(pk__in=[p.pk for p in member_people]).order_by(
            "sort_name", "name"
        )
        for i in range(1, NEW_ROWS + 1):
            self.fields[f"new{i}_person"] = PersonChoice(
                queryset=people, required=False, label="Person", empty_label="Choose a person"
            )
            self.fields[f"new{i}_capacity"] = forms.ChoiceField(
                label="Attended as",
                choices=[("", "Choose")] + OTHER_CAPACITIES,
                required=False,
            )
            self.fields[f"new{i}_substitute_for"] = PersonChoice(
                queryset=substitutable,
                required=False,
                label="Substitute for",
                empty_label="Not a substitute",
                help_text="The member they stood in for",
            )
            self.fields[f"new{i}_organisation"] = forms.ModelChoiceField(
                queryset=organisations,
                required=False,
                label="On behalf of",
                empty_label="No organisation",
            )
            self.fields[f"new{i}_status"] = forms.ChoiceField(
                label="Attendance",
                choices=STATUS_CHOICES,
                initial=AttendanceStatus.PRESENT,
                required=False,
            )
        style_widgets(self)

    def new_rows(self) -> list[list[forms.BoundField]]:
        names = ("person", "capacity", "substitute_for", "organisation", "status")
        return [[self[f"new{i}_{n}"] for n in names] for i in range(1, NEW_ROWS + 1)]

    def other_rows(self) -> list[tuple[Attendance, str, forms.BoundField, forms.BoundField]]:
        return [
            (
                o,
                other_hint(o),
                self[f"other_{o.person_id}_status"],
                self[f"other_{o.person_id}_remove"],
            )
            for o in self.others
        ]

    def member_rows(self) -> list[tuple[MemberRow, forms.BoundField]]:
        return [(m, self[m.field]) for m in self.members]

    def clean(self):
        data = super().clean()
        chair_id = data.get("chair") or ""
        if chair_id:
            chair = next((m for m in self.members if str(m.person.pk) == chair_id), None)
            if chair is not None and data.get(chair.field) != AttendanceStatus.PRESENT:
                self.add_error("chair", f"Record {chair.person} as present, or choose who chaired")
        taken = {m.person.pk: str(m.person) for m in self.members}
        taken.update({o.person_id: str(o.person) for o in self.others})
        for i in range(1, NEW_ROWS + 1):
            person = data.get(f"new{i}_person")
            capacity = data.get(f"new{i}_capacity") or ""
            whom = data.get(f"new{i}_substitute_for")
            org = data.get(f"new{i}_organisation")
            if not (person or capacity or whom or org):
                continue
            if person is None:
                self.add_error(f"new{i}_person", f"Choose the person for row {i}")
            elif person.pk in taken:
                self.add_error(
                    f"new{i}_person", f"{person} is already on the record: use their row above"
                )
            else:
                taken[person.pk] = str(person)
            if not capacity:
                self.add_error(f"new{i}_capacity", f"Choose how the person in row {i} attended")
            elif not rules.substitute_names_whom(capacity, whom.pk if whom else None):
                if capacity == Capacity.SUBSTITUTE:
                    self.add_error(
                        f"new{i}_substitute_for",
                        f"Choose whom the substitute in row {i} stood in for",
                    )
                else:
                    self.add_error(
                        f"new{i}_substitute_for",
                        f"Only a substitute stands in for someone: leave row {i} as "
                        "“Not a substitute” or choose Substitute",
                    )
            if person is not None and whom is not None and person.pk == whom.pk:
                self.add_error(f"new{i}_substitute_for", "Nobody substitutes for themself")
        return data

    def rows(self) -> list[dict]:
        """The complete record as rows for `attendance_record(replace=True)`: members with no
        status and others taken off are left out, so the service takes them off."""
        data = self.cleaned_data
        chair_id = data.get("chair") or ""
        rows: list[dict] = []
        for m in self.members:
            status = data.get(m.field)
            if not status:
                continue
            entry = m.entry
            if str(m.person.pk) == chair_id:
                capacity = Capacity.CHAIR
            elif entry is not None and entry.capacity not in (Capacity.CHAIR, Capacity.MEMBER):
                capacity = entry.capacity
            else:
                capacity = Capacity.MEMBER
            rows.append(
                {
                    "person": m.person,
                    "organisation": entry.organisation
                    if entry and entry.organisation_id
                    else m.organisation,
                    "status": status,
                    "capacity": capacity,
                    "substitute_for": entry.substitute_for
                    if entry and capacity == Capacity.SUBSTITUTE
                    else None,
                    "note": entry.note if entry else "",
                }
            )
        for o in self.others:
            if data.get(f"other_{o.person_id}_remove"):
                continue
            rows.append(
                {
                    "person": o.person,
                    "organisation": o.organisation,
                    "status": data[f"other_{o.person_id}_status"],
                    "capacity": o.capacity,
                    "substitute_for": o.substitute_for,
                    "note": o.note,
                }
            )
        for i in range(1, NEW_ROWS + 1):
            person = data.get(f"new{i}_person")
            if person is None:
                continue
            rows.append(
                {
                    "person": person,
                    "organisation": data.get(f"new{i}_organisation"),
                    "status": data.get(f"new{i}_status") or AttendanceStatus.PRESENT,
                    "capacity": data[f"new{i}_capacity"],
                    "substitute_for": data.get(f"new{i}_substitute_for"),
                    "note": "",
                }
            )
        return rows


# --- The minute of an item, its decisions and actions -------------------------------------------


class MinuteForm(AccordForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        labels = {"minutes": "Minute of the item"}
        help_texts = {
            "minutes": "What was reported and discussed, as the minutes will read. Decisions "
            "and actions are recorded below."
        }
        widgets = {"minutes": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class DecisionForm(AccordForm):
    class Meta:
        model = Decision
        fields = ["text", "kind"]
        labels = {"text": "Decision", "kind": "Kind of entry"}
        help_texts = {
            "text": "As the minutes record it, for example: The Thematic Leads agreed the "
            "revised terms of reference."
        }
        error_messages = {"text": {"required": "Enter the decision"}}
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DecisionKind.choices
        self.fields["kind"].error_messages["required"] = "Choose the kind of entry"
        if not self.instance.pk and not self.is_bound:
            self.initial["kind"] = DecisionKind.DECISION


class ActionForm(AccordForm):
    owner = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label="Person responsible",
        empty_label="Not a named person",
    )
    due_on = GovukDateField(label="Due date", required=False, help_text="For example, 18 5 2009")

    class Meta:
        model = Action
        fields = ["title", "owner", "owner_text", "organisation", "due_on", "description"]
        labels = {
            "title": "Action",
            "owner_text": "Or who is responsible, in words",
            "organisation": "Organisation",
            "description": "More detail",
        }
        help_texts = {
            "title": "What is to be done, for example: Circulate the revised delivery plan",
            "owner_text": "For owners recorded by name or role, for example: All Chairs and "
            "Vice Chairs",
        }
        error_messages = {"title": {"required": "Enter the action"}}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, people=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people if people is not None else Person.objects.live()
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.live()
        )
        self.fields["organisation"].empty_label = "None"

    def clean(self):
        data = super().clean()
        if not (data.get("owner") or (data.get("owner_text") or "").strip()) and not data.get(
            "organisation"
        ):
            self.add_error("owner", "Choose the person responsible, or write who it is")
        return data


# --- Approving the minutes -----------------------------------------------------------------------


class _VersionedForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class CirculateForm(_VersionedForm):
    minutes_circulated_on = GovukDateField(
        label="Date the minutes were circulated",
        help_text="For example, 5 5 2009",
        required=True,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def clean_minutes_circulated_on(self):
        on = self.cleaned_data["minutes_circulated_on"]
        if on < self.meeting.date:
            raise forms.ValidationError(
                f"The minutes cannot be circulated before the meeting ({self.meeting.date_label})"
            )
        if on > today():
            raise forms.ValidationError("The date cannot be in the future")
        return on


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return str(obj)


class DecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        text = obj.text if len(obj.text) <= 90 else obj.text[:89].rstrip() + "…"
        where = f"item {obj.item.number}" if obj.item_id else "the meeting"  # type: ignore[union-attr]
        return f"{obj.meeting.date_label}, {where}: {text}"


class AgreeForm(_VersionedForm):
    minutes_agreed_at = MeetingChoice(
        queryset=Meeting.objects.none(),
        label="Meeting that agreed the minutes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting that agreed the minutes"},
    )
    minutes_agreed_by = DecisionChoice(
        queryset=Decision.objects.none(),
        required=False,
        label="Its decision agreeing them",
        empty_label="Not recorded yet: record it below",
    )
    decision_text = forms.CharField(
        label="Or record that decision now",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Used only when no decision is chosen above: it is recorded as an approval "
        "under the chosen meeting's minutes item",
    )

    def __init__(self, *args, meetings, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes_agreed_at"].queryset = meetings
        self.fields["minutes_agreed_by"].queryset = decisions

    def clean(self):
        data = super().clean()
        at = data.get("minutes_agreed_at")
        decision = data.get("minutes_agreed_by")
        text = (data.get("decision_text") or "").strip()
        if decision is None and not text and "minutes_agreed_by" not in self.errors:
            self.add_error(
                "minutes_agreed_by", "Choose the decision that agreed the minutes, or write it"
            )
        if at is not None and decision is not None and decision.meeting_id != at.pk:
            self.add_error(
                "minutes_agreed_by",
                f"That decision was made at another meeting: choose one of {at}",
            )
        return data


class SignForm(_VersionedForm):
    signed_by = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label="Chair who signs",
        empty_label="Not in the list",
    )
    signed_by_name = forms.CharField(
        label="Name as signed",
        required=False,
        max_length=200,
        help_text="Leave blank to use the chosen chair's name",
    )
    signed_on = GovukDateField(label="Date signed", help_text="For example, 18 5 2009")

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = chairs

    def clean(self):
        data = super().clean()
        if not data.get("signed_by") and not (data.get("signed_by_name") or "").strip():
            self.add_error("signed_by", "Choose the chair who signs, or enter their name")
        on = data.get("signed_on")
        if on is not None and on > today():
            self.add_error("signed_on", "The date cannot be in the future")
        return data


class ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        return str(obj)


class AmendForm(GovukFormMixin, forms.Form):
    item = ItemChoice(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="Item the correction is to",
        empty_label="The minutes as a whole",
    )
    text = forms.CharField(
        label="The correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="For example: For “Mike Lewis” read “Mike Lewis (Cheshire West and Chester "
        "Council)”",
        error_messages={"required": "Enter the correction"},
    )
    reason = forms.CharField(
        label="Why the minutes are corrected",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the minutes are corrected"},
    )
    agreed_at = MeetingChoice(
        queryset=Meeting.objects.none(),
        required=False,
        label="Meeting that agreed the correction",
        empty_label="Not agreed at a meeting",
    )

    def __init__(self, *args, items, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["agreed_at"].queryset = meetings
        style_widgets(self)


# --- Attendance statistics -----------------------------------------------------------------------


def year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months ending on `end`."""
    try:
        start = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28)
    return start + dt.timedelta(days=1)


class StatsForm(GovukFormMixin, forms.Form):
    start = GovukDateField(label="Start date", help_text="For example, 1 4 2009")
    end = GovukDateField(label="End date", help_text="For example, 31 3 2010")
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label="Body", empty_label="All bodies"
    )

    def __init__(self, *args, bodies, body_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        if body_required:
            self.fields["body"].required = True
            self.fields["body"].empty_label = None
            self.fields["body"].error_messages["required"] = "Choose a body"
        self.fields["body"].error_messages["invalid_choice"] = "Choose one of the bodies listed"
        style_widgets(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data
