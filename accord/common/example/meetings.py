"""Load the example's meetings, papers, decisions, actions and forward plan (transcribed in
`meetings_data`) through the meetings, papers and actions services.

It runs after the rest of the example, whose people, organisations and bodies it finds by the
names `data` gives them. Loading again does nothing.

Three things the services do on their own are avoided or undone here, because the seeds say
otherwise:
- `meeting_create` puts the three standing items on every new agenda. A held meeting whose record
  has none of them (the Partnership Event of 8 December 2008: four presentations and a
  discussion; the Chester APB's September 2011 meeting: one item) is created without them.
  Meetings the seeds only announce (18 May and 30 April 2009) keep them, as any newly scheduled
  meeting would.
- The seeds record no minutes of the Chester APB's September 2011 meeting, only what a later
  report says it considered. That is its item's minute, so its minutes stand in draft: nothing
  says they were circulated, agreed or signed.
- `minutes_circulate` dates the circulation today when no date is given; the seed gives none, so
  the date is cleared again.
"""

from collections import Counter
from typing import Any

from django.db import transaction

from accord.bodies.models import Body
from accord.common.example import data
from accord.common.example import meetings_data as md
from accord.common.services import record_update
from accord.meetings.models import AgendaItem, Meeting, MeetingStatus, Venue
from accord.meetings.services import (
    agenda_item_add,
    agenda_item_archive,
    agenda_item_update,
    attendance_record,
    decision_record,
    forward_plan_add,
    meeting_action_add,
    meeting_create,
    meeting_mark_held,
    minutes_circulate,
    minutes_record,
    venue_create,
)
from accord.organisations.models import Organisation
from accord.papers.models import Paper
from accord.papers.services import paper_create
from accord.people.models import Person


class _Names:
    """The example's records, found by the keys `data` and `meetings_data` use."""

    def __init__(self) -> None:
        self._names = {
            Body: {b["key"]: b["name"] for b in data.BODIES},
            Person: {p["key"]: p["name"] for p in data.PEOPLE},
            Organisation: {o["key"]: o["name"] for o in data.ORGANISATIONS},
        }
        self._found: dict[tuple[type, str], Any] = {}

    def get(self, model: type, key: str | None) -> Any:
        if key is None:
            return None
        if (model, key) not in self._found:
            name = self._names[model][key]
            self._found[(model, key)] = model.objects.live().get(name=name)
        return self._found[(model, key)]

    def body(self, key: str | None) -> Body | None:
        return self.get(Body, key)

    def person(self, key: str | None) -> Person | None:
        return self.get(Person, key)

    def organisation(self, key: str | None) -> Organisation | None:
        return self.get(Organisation, key)


def is_loaded() -> bool:
    """Whether the example's meetings are already in the database."""
    return Meeting.objects.filter(
        date=md.TL_MEETING.date, title=md.TL_MEETING.title, source=md.TL_MEETING.source
    ).exists()


def _papers(by: Any, names: _Names, counts: Counter) -> dict[str, Paper]:
    papers = {}
    for p in md.PAPERS:
        description = p.description
        if p.document_purpose:
            # The cover sheet's free-text "Document purpose" has no field of its own.
            description = f"{description}\n\nDocument purpose: {p.document_purpose}"
        papers[p.key] = paper_create(
            fields={
                "title": p.title,
                "description": description,
                "purpose": p.purpose,
                "circulation": p.circulation,
                "decision_required": p.decision_required,
                "author": names.person(p.author),
                "author_text": p.author_text,
                "contact_details": p.contact_details,
                "published_on": p.published_on,
                "target_audience": p.target_audience,
                "cross_reference": p.cross_reference,
                "body": names.body(p.body),
                "source": p.source,
            },
            by=by,
        )
        counts["papers"] += 1
    return papers


def _agenda(
    meeting: Meeting,
    m: md.MeetingData,
    papers: dict[str, Paper],
    by: Any,
    names: _Names,
) -> dict[int, AgendaItem]:
    """Lay the recorded agenda over the standing items meeting_create added."""
    standing = {
        i.standing: i for i in AgendaItem.objects.live().filter(meeting=meeting).order_by("number")
    }
    recorded = {i.standing for i in m.items if i.standing}
    for kind, item in standing.items():
        if kind not in recorded:
            agenda_item_archive(
                item=item,
                reason="The seed's record of this meeting has no such item.",
                expected_version=None,
                by=by,
            )
    items: dict[int, AgendaItem] = {}
    for i in m.items:
        fields = {
            "title": i.title,
            "presenter": names.person(i.presenter),
            "presenter_text": i.presenter_text,
            "source": i.source,
            "papers": [papers[k] for k in i.papers],
        }
        if i.standing:
            items[i.number] = agenda_item_update(
                item=standing[i.standing], changes=fields, expected_version=None, by=by
            )
        else:
            items[i.number] = agenda_item_add(
                meeting=meeting, fields=fields, number=i.number, by=by
            )
    numbers = dict(AgendaItem.objects.live().filter(meeting=meeting).values_list("pk", "number"))
    if sorted(numbers.values()) != sorted(items) or any(
        numbers[item.pk] != number for number, item in items.items()
    ):
        raise AssertionError(f"The agenda of {meeting} is not numbered as the seed numbers it.")
    return items


def load_meetings(*, by: Any = None, counts: Counter | None = None) -> dict[str, int]:
    """Load the example's meetings and what goes with them; return how many of each were made.
    Does nothing (and returns no counts) if they are already loaded."""
    made: Counter = Counter()
    with transaction.atomic():
        if is_loaded():
            return {}
        names = _Names()
        venues: dict[str, Venue] = {}
        for v in md.VENUES:
            venues[v.key] = venue_create(
                fields={
                    "name": v.name,
                    "address": v.address,
                    "postcode": v.postcode,
                    "source": v.source,
                },
                by=by,
            )
            made["venues"] += 1
        papers = _papers(by, names, made)
        meetings: dict[str, Meeting] = {}
        for m in md.MEETINGS:
            meetings[m.key] = _meeting(m, meetings, venues, papers, by, names, made)
        for f in md.FORWARD_PLAN:
            forward_plan_add(
                body=names.body(f.body),
                fields={
                    "title": f.title,
                    "intended_date": f.intended_date,
                    "meeting": meetings[f.meeting] if f.meeting else None,
                    "notes": f.notes,
                    "source": f.source,
                },
                by=by,
            )
            made["forward_plan_items"] += 1
        # Every item, the standing ones the meetings were given as well as the seed's.
        made["agenda_items"] = AgendaItem.objects.filter(meeting__in=meetings.values()).count()
    if counts is not None:
        counts.update(made)
    return dict(made)


def _meeting(
    m: md.MeetingData,
    meetings: dict[str, Meeting],
    venues: dict[str, Venue],
    papers: dict[str, Paper],
    by: Any,
    names: _Names,
    made: Counter,
) -> Meeting:
    # A held meeting gets the standing items only if its record has them (see the docstring).
    standing = m.status == MeetingStatus.SCHEDULED or any(i.standing for i in m.items)
    meeting = meeting_create(
        fields={
            "body": names.body(m.body),
            "title": m.title,
            "date": m.date,
            "date_precision": m.date_precision,
            "start_time": m.start_time,
            "end_time": m.end_time,
            "venue": venues[m.venue] if m.venue else None,
            "venue_text": m.venue_text,
            "next_meeting": meetings[m.next_meeting] if m.next_meeting else None,
            "source": m.source,
        },
        link_previous=False,
        standing_items=standing,
        by=by,
    )
    made["meetings"] += 1
    if m.status == MeetingStatus.SCHEDULED:
        return meeting
    items = _agenda(meeting, m, papers, by, names)
    made["agenda_items"] += len(items)
    if m.attendance:
        # attendance_record takes no `source`; each row's is kept in meetings_data.
        attendance_record(
            meeting=meeting,
            rows=[
                {
                    "person": names.person(a.person),
                    "organisation": names.organisation(a.organisation),
                    "status": a.status,
                    "capacity": a.capacity,
                    "note": a.note,
                }
                for a in m.attendance
            ],
            by=by,
        )
        made["attendance"] += len(m.attendance)
    meeting = meeting_mark_held(meeting=meeting, expected_version=None, by=by)
    for i in m.items:
        item = items[i.number]
        if i.minutes:
            minutes_record(item=item, text=i.minutes, by=by)
        for number, d in enumerate(i.decisions, start=1):
            decision_record(
                item=item,
                fields={"text": d.text, "kind": d.kind, "number": number, "source": d.source},
                by=by,
            )
            made["decisions"] += 1
        for a in i.actions:
            meeting_action_add(
                item=item,
                fields={
                    "title": a.title,
                    "description": a.description,
                    "owner": names.person(a.owner),
                    "owner_text": a.owner_text,
                    "organisation": names.organisation(a.organisation),
                    "body": names.body(a.body),
                    "source": a.source,
                },
                by=by,
            )
            made["actions"] += 1
    if m.status == MeetingStatus.MINUTES_CIRCULATED:
        meeting = minutes_circulate(
            meeting=Meeting.objects.get(pk=meeting.pk), expected_version=None, by=by
        )
        # The seed does not say when the minutes went out.
        meeting = record_update(
            meeting, changes={"minutes_circulated_on": None}, expected_version=None, by=by
        )
    return Meeting.objects.get(pk=meeting.pk)
