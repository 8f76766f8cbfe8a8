"""The partnership's public meetings as OParl 1.1 (schema.oparl.org/1.1), the standard of
German council information systems, so that OParl clients and crawlers can read them.

How Accord maps onto OParl:

- one `System` (this server) with one `Body`: the partnership itself. OParl's Body is a local
  authority or parliament, the thing all the rest belongs to;
- `Organization`: our bodies (boards, partnerships, groups: `/organization/<pk>`) and the partner
  organisations members sit for (`/organization/partner/<pk>`, so that `Membership.onBehalfOf`
  resolves);
- `Person` and `Membership` (embedded in the person), `Meeting` with its `AgendaItem`s embedded,
  `Paper` with its `Consultation`s embedded (a consultation is a paper considered at an agenda
  item) and `File` (each stored version of a paper's file);
- `Location`: a saved venue (`/location/<pk>`); a meeting whose room is recorded as text gets its
  own location, named after the meeting (`…/meeting/<pk>#location`).

Public material only, whoever asks: published, live bodies; public meetings whose agenda is
published; agenda items that are not restricted; public papers; decisions and attendance only
once the minutes are agreed; never anyone's e-mail address or telephone number. Each list page
costs a fixed number of queries, however long the page.

A meeting whose start time was not recorded starts at midnight, with the keyword
`time not recorded`, because OParl's `start` is a date and time. A meeting whose day is not
known (the records give only its month or year) has no `start` at all (the schema requires
none), and the keywords `day not recorded` and its month or year, e.g. `September 2011`."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse

from accord.bodies.models import Body
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingStatus,
    Purpose,
    Venue,
)
from accord.meetings.selectors import visible_meetings
from accord.memberships.models import Membership
from accord.organisations.models import Organisation
from accord.papers.models import Paper, PaperFile
from accord.papers.selectors import visible_papers
from accord.people.models import Person

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = SCHEMA
LONDON = ZoneInfo("Europe/London")
# The partnership is the one OParl Body this server offers.
BODY_ID = 1
NO_TIME_KEYWORD = "time not recorded"
NO_DAY_KEYWORD = "day not recorded"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

# A paper considered at an agenda item: a row of the agenda item's papers (no model of its own).
Consultation = AgendaItem.papers.through


def type_uri(name: str) -> str:
    return f"{SCHEMA}{name}"


# --- Addresses ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """Absolute addresses: `api` is the OParl root (…/api/v1/oparl), `site` the web site's root
    (scheme and host), for the `web` pages and file downloads."""

    api: str
    site: str

    def system(self) -> str:
        return f"{self.api}/system"

    def body(self) -> str:
        return f"{self.api}/body/{BODY_ID}"

    def body_list(self) -> str:
        return f"{self.api}/body"

    def body_sublist(self, what: str) -> str:
        return f"{self.body()}/{what}"

    def organization(self, pk: int) -> str:
        return f"{self.api}/organization/{pk}"

    def partner(self, pk: int) -> str:
        return f"{self.api}/organization/partner/{pk}"

    def person(self, pk: int) -> str:
        return f"{self.api}/person/{pk}"

    def membership(self, pk: int) -> str:
        return f"{self.api}/membership/{pk}"

    def meeting(self, pk: int) -> str:
        return f"{self.api}/meeting/{pk}"

    def agenda_item(self, pk: int) -> str:
        return f"{self.api}/agendaitem/{pk}"

    def paper(self, pk: int) -> str:
        return f"{self.api}/paper/{pk}"

    def consultation(self, pk: int) -> str:
        return f"{self.api}/consultation/{pk}"

    def file(self, pk: int) -> str:
        return f"{self.api}/file/{pk}"

    def location(self, pk: int) -> str:
        return f"{self.api}/location/{pk}"

    def web(self, path: str) -> str:
        return f"{self.site}{path}"


# --- What the public may see ---------------------------------------------------------------------


def public_bodies() -> QuerySet[Body]:
    return Body.objects.live().filter(is_published=True)


def public_meetings() -> QuerySet[Meeting]:
    return visible_meetings(None)


def public_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.live().filter(is_restricted=False, meeting__in=public_meetings())


def public_papers() -> QuerySet[Paper]:
    return visible_papers(None)


def public_consultations() -> QuerySet:
    return Consultation.objects.filter(
        agendaitem__in=public_items().values("pk"), paper__in=public_papers().values("pk")
    )


def public_files() -> QuerySet[PaperFile]:
    return PaperFile.objects.live().filter(paper__in=public_papers().values("pk"))


def public_memberships() -> QuerySet[Membership]:
    return Membership.objects.live().filter(body__in=public_bodies().values("pk"))


def _agreed_meetings() -> QuerySet[Meeting]:
    return public_meetings().filter(status=MeetingStatus.MINUTES_AGREED)


def _present() -> QuerySet[Attendance]:
    return Attendance.objects.live().filter(status=AttendanceStatus.PRESENT)


def public_people() -> QuerySet[Person]:
    """Live people, and archived ones that a public record still names (so every address
    resolves): members of public bodies, those present at meetings with agreed minutes, authors
    of public papers."""
    return Person.objects.filter(
        Q(archived_on__isnull=True)
        | Q(pk__in=public_memberships().values("person_id"))
        | Q(pk__in=_present().filter(meeting__in=_agreed_meetings()).values("person_id"))
        | Q(pk__in=public_papers().filter(author__isnull=False).values("author_id"))
    )


def public_partners() -> QuerySet[Organisation]:
    """Live partner organisations, and archived ones a public membership still sits for."""
    return Organisation.objects.filter(
        Q(archived_on__isnull=True)
        | Q(pk__in=public_memberships().filter(on_behalf_of__isnull=False).values("on_behalf_of"))
    )


def public_venues() -> QuerySet[Venue]:
    return Venue.objects.filter(
        pk__in=public_meetings().filter(venue__isnull=False).values("venue")
    )


# --- Formats -------------------------------------------------------------------------------------


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(LONDON).isoformat(timespec="seconds")


def _stamps(obj: Any) -> dict[str, str]:
    return {"created": _stamp(obj.created_on), "modified": _stamp(obj.modified_on)}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _at(day: dt.date, time: dt.time) -> str:
    return _stamp(dt.datetime.combine(day, time, tzinfo=LONDON))


def _clean(out: dict[str, Any]) -> dict[str, Any]:
    """OParl leaves out a property that has no value rather than sending null or ""."""
    return {k: v for k, v in out.items() if v is not None and v != "" and v != []}


def _obj(kind: str, url: str, **fields: Any) -> dict[str, Any]:
    return _clean({"id": url, "type": type_uri(kind), **fields})


# --- Objects -------------------------------------------------------------------------------------


def system_object(links: Links) -> dict[str, Any]:
    return _obj(
        "System",
        links.system(),
        oparlVersion=OPARL_VERSION,
        body=links.body_list(),
        name=f"{settings.ACCORD_PARTNERSHIP_NAME}: Accord",
        website=links.web("/"),
        web=links.web("/"),
    )


def body_object(links: Links) -> dict[str, Any]:
    """The partnership as OParl's Body: created when its first public body was recorded and
    modified when one last changed (one query)."""
    span = public_bodies().aggregate(created=Min("created_on"), modified=Max("modified_on"))
    return _obj(
        "Body",
        links.body(),
        system=links.system(),
        name=settings.ACCORD_PARTNERSHIP_NAME,
        website=links.web("/"),
        classification="Local strategic partnership",
        organization=links.body_sublist("organization"),
        person=links.body_sublist("person"),
        meeting=links.body_sublist("meeting"),
        paper=links.body_sublist("paper"),
        created=_stamp(span["created"]) if span["created"] else None,
        modified=_stamp(span["modified"]) if span["modified"] else None,
        web=links.web("/"),
    ) | {
        # Required by the schema though a partnership has no legislative terms.
        "legislativeTerm": []
    }


def organization_object(body: Body, links: Links, *, shown: set[int]) -> dict[str, Any]:
    """A body as an Organization; `body.oparl_membership_ids` must be set (see `organizations`),
    and `shown` holds the bodies the public may see, for the parent."""
    return _obj(
        "Organization",
        links.organization(body.pk),
        body=links.body(),
        name=body.name,
        shortName=body.short_name,
        membership=[links.membership(pk) for pk in body.oparl_membership_ids],  # type: ignore[attr-defined]
        subOrganizationOf=(links.organization(body.parent_id) if body.parent_id in shown else None),
        organizationType="Body",
        classification=body.get_kind_display(),
        startDate=_date(body.established_on),
        endDate=_date(body.ended_on),
        web=links.web(body.get_absolute_url()),
        **_stamps(body),
    )


def partner_object(org: Organisation, links: Links) -> dict[str, Any]:
    return _obj(
        "Organization",
        links.partner(org.pk),
        body=links.body(),
        name=org.name,
        shortName=org.short_name,
        organizationType="Partner organisation",
        classification=org.get_kind_display(),
        startDate=_date(org.start_date),
        endDate=_date(org.end_date),
        website=org.website,
        web=links.web(org.get_absolute_url()),
        **_stamps(org),
    )


def membership_object(m: Membership, links: Links) -> dict[str, Any]:
    return _obj(
        "Membership",
        links.membership(m.pk),
        person=links.person(m.person_id),
        organization=links.organization(m.body_id),
        role=m.get_role_display(),
        votingRight=m.has_vote,
        startDate=_date(m.start_date),
        endDate=_date(m.end_date),
        onBehalfOf=links.partner(m.on_behalf_of_id) if m.on_behalf_of_id else None,
        **_stamps(m),
    )


def person_object(p: Person, links: Links) -> dict[str, Any]:
    """A person, with no contact details; `p.oparl_memberships` must be set (see `people`)."""
    return _obj(
        "Person",
        links.person(p.pk),
        body=links.body(),
        name=p.name,
        formOfAddress=p.honorific,
        membership=[membership_object(m, links) for m in p.oparl_memberships],  # type: ignore[attr-defined]
        web=links.web(p.get_absolute_url()),
        **_stamps(p),
    )


def venue_location(venue: Venue, links: Links) -> dict[str, Any]:
    return _obj(
        "Location",
        links.location(venue.pk),
        description=venue.location,
        streetAddress=", ".join(
            line.strip() for line in venue.address.splitlines() if line.strip()
        ),
        postalCode=venue.postcode,
        **_stamps(venue),
    )


def meeting_location(m: Meeting, links: Links) -> dict[str, Any] | None:
    if m.venue_text:
        # The room as recorded belongs to this meeting, not to the saved venue.
        venue = m.venue if m.venue_id else None
        return _obj(
            "Location",
            f"{links.meeting(m.pk)}#location",
            description=m.location,
            room=m.venue_text,
            streetAddress=(
                ", ".join(line.strip() for line in venue.address.splitlines() if line.strip())
                if venue
                else None
            ),
            postalCode=venue.postcode if venue else None,
            **_stamps(m),
        )
    if m.venue_id:
        return venue_location(m.venue, links)  # type: ignore[arg-type]
    return None


def consultation_object(c: Any, links: Links) -> dict[str, Any]:
    """`c` is a row of AgendaItem.papers with its agenda item (and that item's meeting)."""
    item = c.agendaitem
    return _obj(
        "Consultation",
        links.consultation(c.pk),
        paper=links.paper(c.paper_id),
        agendaItem=links.agenda_item(item.pk),
        meeting=links.meeting(item.meeting_id),
        organization=[links.organization(item.meeting.body_id)],
        authoritative=item.purpose == Purpose.DECISION,
        role=item.get_purpose_display() if item.purpose else None,
    )


def agenda_item_object(item: AgendaItem, links: Links, *, agreed: bool) -> dict[str, Any]:
    """`item.oparl_consultations` and `item.oparl_decisions` must be set (see `meetings`);
    decisions show once the meeting's minutes are `agreed`."""
    decisions = item.oparl_decisions if agreed else []  # type: ignore[attr-defined]
    consultations = item.oparl_consultations  # type: ignore[attr-defined]
    results = list(dict.fromkeys(d.get_kind_display() for d in decisions))
    return _obj(
        "AgendaItem",
        links.agenda_item(item.pk),
        meeting=links.meeting(item.meeting_id),
        number=str(item.number),
        order=item.number,
        name=item.title,
        public=True,
        # OParl gives an item one consultation; the first paper it considers stands for all.
        consultation=links.consultation(consultations[0].pk) if consultations else None,
        result="; ".join(results) or None,
        resolutionText="\n".join(d.text for d in decisions) or None,
        web=links.web(item.meeting.get_absolute_url()),
        **_stamps(item),
    )


def meeting_object(m: Meeting, links: Links) -> dict[str, Any]:
    """`m.oparl_items` and `m.oparl_present` must be set (see `meetings`). Who was present and
    what was decided show once the minutes are agreed, as on the meeting's page."""
    agreed = m.minutes_are_agreed
    start_time = m.start_time or dt.time.min
    if not m.has_day:
        # No start is claimed: midnight on the 1st would be a day nobody recorded.
        keyword = [NO_DAY_KEYWORD, m.date_label]
    else:
        keyword = [NO_TIME_KEYWORD] if m.start_time is None else []
    return _obj(
        "Meeting",
        links.meeting(m.pk),
        name=m.display_title,
        meetingState=m.get_status_display(),
        cancelled=m.is_cancelled,
        start=_at(m.date, start_time) if m.has_day else None,
        end=_at(m.date, m.end_time) if m.has_day and m.start_time and m.end_time else None,
        location=meeting_location(m, links),
        organization=[links.organization(m.body_id)],
        participant=(
            [links.person(a.person_id) for a in m.oparl_present]  # type: ignore[attr-defined]
            if agreed
            else None
        ),
        agendaItem=[agenda_item_object(i, links, agreed=agreed) for i in m.oparl_items],  # type: ignore[attr-defined]
        keyword=keyword,
        web=links.web(m.get_absolute_url()),
        **_stamps(m),
    )


def file_object(f: PaperFile, links: Links) -> dict[str, Any]:
    """`f.paper` is read for the file's name."""
    access = links.web(reverse("papers:file", args=[f.paper_id, f.pk]))
    return _obj(
        "File",
        links.file(f.pk),
        name=f"{f.paper.title} (version {f.revision})",
        fileName=f.original_name,
        mimeType=f.content_type,
        date=_date(f.created_on.astimezone(LONDON).date()),
        size=f.size,
        accessUrl=access,
        downloadUrl=access,
        paper=[links.paper(f.paper_id)],
        **_stamps(f),
    )


def paper_object(p: Paper, links: Links) -> dict[str, Any]:
    """`p.oparl_files` (newest first) and `p.oparl_consultations` must be set (see `papers`)."""
    files = p.oparl_files  # type: ignore[attr-defined]
    return _obj(
        "Paper",
        links.paper(p.pk),
        body=links.body(),
        name=p.title,
        date=_date(p.published_on),
        paperType=p.get_purpose_display() if p.purpose else "Report",
        mainFile=file_object(files[0], links) if files else None,
        originatorPerson=[links.person(p.author_id)] if p.author_id else None,
        underDirectionOf=[links.organization(p.body_id)] if p.body_id else None,
        consultation=[consultation_object(c, links) for c in p.oparl_consultations],  # type: ignore[attr-defined]
        web=links.web(p.get_absolute_url()),
        **_stamps(p),
    )


# --- Loading rows with what their objects need (a fixed number of queries) -----------------------


def _by(rows: Iterable[Any], key: Callable[[Any], int]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


def consultation_rows() -> QuerySet:
    return public_consultations().select_related("agendaitem__meeting").order_by("pk")


def organizations(bodies: Sequence[Body]) -> tuple[list[Body], set[int]]:
    """The bodies with their membership ids, and the ids of every public body (two queries)."""
    members = _by(
        public_memberships()
        .filter(body__in=[b.pk for b in bodies])
        .order_by("pk")
        .values_list("body_id", "pk"),
        key=lambda row: row[0],
    )
    for b in bodies:
        b.oparl_membership_ids = [pk for _, pk in members.get(b.pk, [])]  # type: ignore[attr-defined]
    return list(bodies), set(public_bodies().values_list("pk", flat=True))


def people(qs: QuerySet[Person]) -> list[Person]:
    """People with their public memberships (two queries)."""
    return list(
        qs.prefetch_related(
            Prefetch(
                "memberships",
                queryset=public_memberships().order_by("start_date", "pk"),
                to_attr="oparl_memberships",
            )
        )
    )


def meetings(qs: QuerySet[Meeting]) -> list[Meeting]:
    """Meetings with their public agenda items, each item's decisions and consultations, and
    who was present (five queries)."""
    rows: list[Meeting] = list(
        qs.select_related("venue", "body").prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.live()
                .filter(is_restricted=False)
                .select_related("meeting__body")
                .order_by("number", "pk")
                .prefetch_related(
                    Prefetch(
                        "decisions",
                        queryset=Decision.objects.live()
                        .filter(is_restricted=False)
                        .order_by("number", "pk"),
                        to_attr="oparl_decisions",
                    )
                ),
                to_attr="oparl_items",
            ),
            Prefetch(
                "attendances",
                queryset=_present().order_by("person__sort_name", "person__name", "pk"),
                to_attr="oparl_present",
            ),
        )
    )
    items = [i for m in rows for i in m.oparl_items]  # type: ignore[attr-defined]
    _attach_item_consultations(items)
    return rows


def _attach_item_consultations(items: Sequence[AgendaItem]) -> None:
    found = _by(
        consultation_rows().filter(agendaitem__in=[i.pk for i in items]) if items else [],
        key=lambda c: c.agendaitem_id,
    )
    for item in items:
        item.oparl_consultations = found.get(item.pk, [])  # type: ignore[attr-defined]


def agenda_items(qs: QuerySet[AgendaItem]) -> list[AgendaItem]:
    """Agenda items with their meeting, decisions and consultations (three queries)."""
    rows: list[AgendaItem] = list(
        qs.select_related("meeting__body").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.live()
                .filter(is_restricted=False)
                .order_by("number", "pk"),
                to_attr="oparl_decisions",
            )
        )
    )
    _attach_item_consultations(rows)
    return rows


def papers(qs: QuerySet[Paper]) -> list[Paper]:
    """Papers with their files (newest first) and consultations (three queries)."""
    rows: list[Paper] = list(
        qs.prefetch_related(
            Prefetch(
                "files",
                queryset=PaperFile.objects.live().select_related("paper").order_by("-revision"),
                to_attr="oparl_files",
            )
        )
    )
    found = _by(
        consultation_rows().filter(paper__in=[p.pk for p in rows]) if rows else [],
        key=lambda c: c.paper_id,
    )
    for p in rows:
        p.oparl_consultations = found.get(p.pk, [])  # type: ignore[attr-defined]
    return rows


def files(qs: QuerySet[PaperFile]) -> list[PaperFile]:
    return list(qs.select_related("paper"))


# --- Lists ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListQuery:
    """What a client asked of a list: a page, its size, and OParl's date filters."""

    page: int = 1
    limit: int = DEFAULT_LIMIT
    created_since: dt.datetime | None = None
    created_until: dt.datetime | None = None
    modified_since: dt.datetime | None = None
    modified_until: dt.datetime | None = None

    def filter(self, qs: QuerySet) -> QuerySet:
        bounds = {
            "created_on__gte": self.created_since,
            "created_on__lte": self.created_until,
            "modified_on__gte": self.modified_since,
            "modified_on__lte": self.modified_until,
        }
        return qs.filter(**{k: v for k, v in bounds.items() if v is not None})

    def params(self) -> dict[str, str]:
        out = {"limit": str(self.limit)} if self.limit != DEFAULT_LIMIT else {}
        for name in ("created_since", "created_until", "modified_since", "modified_until"):
            value = getattr(self, name)
            if value is not None:
                out[name] = _stamp(value)
        return out


def page_envelope(url: str, query: ListQuery, total: int, data: list[dict]) -> dict[str, Any]:
    pages = max(1, -(-total // query.limit))

    def at(page: int) -> str:
        return f"{url}?{urlencode({**query.params(), 'page': page})}"

    links = {"first": at(1), "self": at(query.page), "last": at(pages)}
    if query.page > 1:
        links["prev"] = at(min(query.page - 1, pages))
    if query.page < pages:
        links["next"] = at(query.page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": links,
    }


def object_list(
    qs: QuerySet,
    *,
    url: str,
    query: ListQuery,
    load: Callable[[QuerySet], list[Any]],
    build: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of `qs` as an OParl object list: a count, then `load` for the page's rows."""
    qs = query.filter(qs).order_by("pk")
    total = qs.count()
    start = (query.page - 1) * query.limit
    rows = load(qs[start : start + query.limit]) if start < total else []
    return page_envelope(url, query, total, [build(row) for row in rows])


def organization_list(links: Links, query: ListQuery) -> dict[str, Any]:
    """Bodies, then partner organisations, as one OParl list (six queries at most)."""
    bodies = query.filter(public_bodies()).order_by("pk")
    partners = query.filter(public_partners()).order_by("pk")
    n_bodies, n_partners = bodies.count(), partners.count()
    start = (query.page - 1) * query.limit
    end = start + query.limit
    data: list[dict[str, Any]] = []
    if start < n_bodies:
        rows, shown = organizations(list(bodies[start : min(end, n_bodies)]))
        data += [organization_object(b, links, shown=shown) for b in rows]
    if end > n_bodies and start < n_bodies + n_partners:
        chosen = partners[max(0, start - n_bodies) : end - n_bodies]
        data += [partner_object(o, links) for o in chosen]
    url = links.body_sublist("organization")
    return page_envelope(url, query, n_bodies + n_partners, data)
