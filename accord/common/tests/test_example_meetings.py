"""The example's meetings say what the seed papers say: the Thematic Leads minutes of 27 April
2009 (seed 004) item by item, the next meeting, the LSP's forward plan for 30 April 2009, the
Partnership Event of 8 December 2008 (seed 001), and the Chester APB's "September meeting"
(seed 000), known only by its month. The expected values below are copied from
the seeds, not from `meetings_data`, so a transcription that drifts from the seed fails."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from accord.accounts.models import User
from accord.actions.models import Action
from accord.bodies.models import Body
from accord.common.example import load_example
from accord.common.example import meetings_data as md
from accord.common.example.data import BODIES
from accord.common.example.meetings import is_loaded, load_meetings
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    DatePrecision,
    Decision,
    ForwardPlanItem,
    Meeting,
    MeetingStatus,
    Venue,
)
from accord.meetings.selectors import matters_arising, meeting_page
from accord.papers.models import Paper

TL = "LSP Thematic Leads Group"
CHESTER_APB = "Chester Area Partnership Board"
LSP = "Cheshire West and Chester Local Strategic Partnership"
BODY_NAMES = {b["key"]: b["name"] for b in BODIES}

# Seed 004, "Attending", with the organisations as listed.
ATTENDING = [
    ("Steve Robinson", "Cheshire West and Chester Council"),
    ("Wendy Meredith", "NHS Western Cheshire"),
    ("Sara Mogel", "West Cheshire College"),
    ("John Stephens", "Cheshire West and Chester Council"),
    ("Steve Kent", "Cheshire West and Chester Council"),
    ("Mike Lewis", "Cheshire West and Chester Council"),
    ("Tim Jackson", "Cheshire Constabulary"),
    ("Jane Staley", "Groundwork Cheshire"),
    ("John Salt", "Cheshire Fire and Rescue Service"),
    # The seed's "Job Centre Plus" is the example's Jobcentre Plus.
    ("Debbie Washington", "Jobcentre Plus"),
    ("Ian Whitehead", "Cheshire West and Chester Council"),
]
APOLOGIES = [("Helen Bellairs", "NHS Western Cheshire"), ("Mark Wilson", "Jobcentre Plus")]
SUPPORT = ["Alistair Jeffs", "Alison Armstrong", "Robbie Taylor"]

ITEMS = [
    (1, "Welcome, introductions and apologies", "welcome"),
    (2, "Minutes and matters arising from last meeting", "minutes"),
    (3, "Thematic Partnerships – progress, work programme and emerging issues", ""),
    (4, "Local Strategic Partnership agenda (30th April 2009)", ""),
    (5, "Migrant Impact Fund bid", ""),
    (6, "Any other business", "aob"),
]

# Every "Action - Decision" entry of seed 004, one per bullet, by item.
DECISIONS = {
    1: [("None required.", "none_required")],
    2: [("The minutes were agreed.", "approval")],
    3: [
        (
            "The new Commissioning framework under development will be mainstreamed across the "
            "entire LSP framework.",
            "decision",
        ),
        (
            "A future meeting will concentrate on Ellesmere Port and service realignment to meet "
            "specific needs, especially when the new Area Partnerships Boards (APBs) are up and "
            "running.",
            "decision",
        ),
        (
            "The Third Assembly to assist in ensuring more representatives from the Third Sector "
            "and local communities are members of each Thematic Partnership.",
            "decision",
        ),
        (
            "The Environmental Sustainable Thematic Partnership confirmed all housing outcomes "
            "are fine where they are located.",
            "decision",
        ),
    ],
    4: [
        (
            "The Thematic Leads Group to review all LSP papers in advance of their circulation "
            "in the future.",
            "decision",
        ),
        (
            "The revised and updated 'CAA Initial Self Assessment' report to be revisited at a "
            "future meeting; especially concerning the cross-cutting details for APBs, equality "
            "and diversity, community empowerment etc.",
            "decision",
        ),
        (
            "All Chairs and Vice Chairs to ensure the LAA delivery plans are completed within the "
            "proposed timescale.",
            "decision",
        ),
    ],
    5: [
        (
            "The bid was approved by colleagues and further detail of the project activities "
            "would be welcome as they progressed.",
            "approval",
        )
    ],
    6: [("Comments on the sub-regional paper to the Chair would be welcome.", "decision")],
}


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """Load the example and its meetings once for the module, inside a transaction rolled back
    afterwards; each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_example(performance=False)
            # load_example may already load the meetings; loading again must then do nothing.
            load_meetings()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def example(_loaded_once, db):
    return None


@pytest.fixture
def manager(example):
    return User.objects.create_user(username="manager-meetings", is_manager=True)


def _tl_meeting() -> Meeting:
    return Meeting.objects.live().get(body__name=TL, date=dt.date(2009, 4, 27))


def _items(meeting: Meeting) -> dict[int, AgendaItem]:
    return {i.number: i for i in AgendaItem.objects.live().filter(meeting=meeting)}


def test_the_meeting_of_27_april_2009_as_the_minutes_head_it(example):
    m = _tl_meeting()
    assert m.display_title == "Cheshire West LSP Thematic Leads meeting"
    assert (m.date, m.start_time, m.end_time) == (dt.date(2009, 4, 27), dt.time(14, 30), None)
    assert m.location == "Committee Room 2B, County Hall, Chester"
    assert not m.is_illustrative
    assert m.source.startswith("Seed 004")


def test_the_minutes_of_27_april_are_circulated_but_neither_agreed_nor_signed(example):
    # The seed ends "Signed (Chair): ....." and "Date: .....".
    m = _tl_meeting()
    assert m.status == MeetingStatus.MINUTES_CIRCULATED
    assert m.minutes_circulated_on is None  # the seed does not say when
    assert m.minutes_agreed_at is None and m.minutes_agreed_by is None
    assert (m.signed_by, m.signed_by_name, m.signed_on) == (None, "", None)


def test_attendance_apologies_and_support_staff_with_their_organisations(example):
    rows = Attendance.objects.live().filter(meeting=_tl_meeting()).select_related()
    seen = {
        (a.person.name, a.organisation.name if a.organisation else None, a.status, a.capacity)
        for a in rows
    }
    expected = {
        (name, org, "present", "chair" if name == "Steve Robinson" else "member")
        for name, org in ATTENDING
    }
    expected |= {(name, org, "apologies", "member") for name, org in APOLOGIES}
    expected |= {
        (name, "Cheshire West and Chester Council", "present", "support") for name in SUPPORT
    }
    assert seen == expected
    assert rows.count() == 16


def test_sara_mogel_is_one_person_and_the_minute_keeps_the_seed_spelling(example):
    assert not Attendance.objects.filter(person__name="Sara Mogul").exists()
    assert Attendance.objects.filter(meeting=_tl_meeting(), person__name="Sara Mogel").count() == 1
    assert "Sara Mogul advised that she and Mark Wilson" in _items(_tl_meeting())[3].minutes


def test_the_six_items_in_order_with_standing_kinds(example):
    items = _items(_tl_meeting())
    assert [(n, i.title, i.standing) for n, i in sorted(items.items())] == ITEMS
    assert all(i.source.startswith("Seed 004") for i in items.values())


def test_minutes_are_verbatim_with_paragraphs_and_page_breaks_joined(example):
    items = _items(_tl_meeting())
    assert items[1].minutes.startswith("The Chair welcomed members of the group and apologies")
    assert items[2].minutes == ""  # the seed records only the decision
    three = items[3].minutes.split("\n\n")
    assert three[0] == (
        "Each of the Thematic Partnerships provided a verbal update on current progress, "
        "starting with the CYP Trust."
    )
    assert [p.split()[0:2] for p in three[1:6]] == [
        ["John", "Stephens"],
        ["Tim", "Jackson"],
        ["Jane", "Staley"],
        ["Wendy", "Meredith"],
        ["Sara", "Mogul"],
    ]
    assert (
        "meets officially for the first time on 8th May and further consideration will given"
        in (three[2])
    )
    assert (
        "relate to people in employment and their progress in attaining NVQ Levels 2 and 3."
        in (three[5])
    )
    assert three[6].endswith("How can we now work differently in this area as a Partnership?")
    four = items[4].minutes.split("\n\n")
    assert four[0] == (
        "• LSP branding\n• CAA – Initial Self Assessment Report\n"
        "• LAA – Performance Management Framework"
    )
    assert "‘real benefits to real people'. Some performance indicators" in four[3]
    assert "submission date of 1st May" in items[5].minutes
    assert items[6].minutes.endswith("these new partnerships would be the mechanism to do so.")
    for item in items.values():
        assert "<" not in item.minutes and "**" not in item.minutes
    # Everything as transcribed, nothing lost on the way in.
    assert {n: i.minutes for n, i in items.items()} == {i.number: i.minutes for i in md.TL_ITEMS}


def test_every_action_decision_entry_one_per_bullet(example):
    decisions = Decision.objects.live().filter(meeting=_tl_meeting()).select_related("item")
    by_item: dict[int, list[tuple[str, str]]] = {}
    for d in decisions.order_by("item__number", "number"):
        by_item.setdefault(d.item.number, []).append((d.text, d.kind))
    assert by_item == DECISIONS
    assert all(d.source.startswith("Seed 004") for d in decisions)


def test_decisions_giving_an_owner_a_task_are_open_actions_on_the_groups_list(example):
    m = _tl_meeting()
    items = _items(m)
    actions = Action.objects.live().filter(body__name=TL).order_by("pk")
    assert [(a.title, a.owner_text, a.origin) for a in actions] == [
        (DECISIONS[3][2][0], "The Third Assembly", items[3]),
        (DECISIONS[4][2][0], "All Chairs and Vice Chairs", items[4]),
    ]
    assert actions[0].organisation.name == "Third Sector Assembly"
    for a in actions:
        assert (a.status, a.due_on, a.owner, a.is_illustrative) == ("open", None, None, False)


def test_the_next_meeting_is_monday_18_may_2009_half_past_one_to_three(example):
    nxt = _tl_meeting().next_meeting
    assert nxt is not None and nxt.body.name == TL
    assert (nxt.date, nxt.start_time, nxt.end_time) == (
        dt.date(2009, 5, 18),
        dt.time(13, 30),
        dt.time(15, 0),
    )
    assert nxt.date.strftime("%A") == "Monday"
    assert nxt.location == "Committee Room 2B, County Hall, Chester"
    assert nxt.venue == _tl_meeting().venue
    assert nxt.status == MeetingStatus.SCHEDULED
    # The two actions are its matters arising.
    assert [a.owner_text for a in matters_arising(nxt)] == [
        "The Third Assembly",
        "All Chairs and Vice Chairs",
    ]


def test_the_lsp_forward_plan_for_30_april_2009_holds_the_three_items(example):
    lsp = Body.objects.get(name=LSP)
    meeting = Meeting.objects.live().get(body=lsp, date=dt.date(2009, 4, 30))
    assert (meeting.start_time, meeting.venue, meeting.status) == (None, None, "scheduled")
    planned = ForwardPlanItem.objects.live().filter(meeting=meeting).order_by("pk")
    assert [(p.title, p.body, p.intended_date, p.status) for p in planned] == [
        ("LSP branding", lsp, dt.date(2009, 4, 30), "planned"),
        ("CAA – Initial Self Assessment Report", lsp, dt.date(2009, 4, 30), "planned"),
        ("LAA – Performance Management Framework", lsp, dt.date(2009, 4, 30), "planned"),
    ]


def test_matters_for_a_future_meeting_are_on_the_groups_forward_plan_undated(example):
    planned = ForwardPlanItem.objects.live().filter(body__name=TL).order_by("pk")
    assert [(p.notes, p.meeting, p.intended_date) for p in planned] == [
        (DECISIONS[3][1][0], None, None),
        (DECISIONS[4][1][0], None, None),
    ]


def test_papers_considered_at_items_4_and_6(example):
    items = _items(_tl_meeting())
    assert sorted(p.title for p in items[4].papers.all()) == [
        "CAA Initial Self Assessment",
        "LAA Performance Management Framework",
    ]
    assert [p.title for p in items[6].papers.all()] == ["Sub-regional partnership arrangements"]


def test_the_cover_sheet_of_seed_003_is_a_paper(example):
    paper = Paper.objects.get(
        title="West Cheshire Sustainable Community Strategy Delivery Plan 2011-2014"
    )
    assert paper.author.name == "Andrea Mageean"
    assert paper.published_on == dt.date(2010, 7, 29)
    assert paper.circulation == "West Cheshire Together."
    assert paper.target_audience == "West Cheshire Together Network"
    assert paper.cross_reference == "Local Government and Public Involvement in Health Act"
    assert paper.contact_details == "01244 977561 andrea.mageean@cheshirewestandchester.gov.uk"
    assert paper.decision_required.startswith("Partners are asked to:")
    assert paper.purpose == "decision" and paper.body.name == LSP
    assert "Document purpose: This report sets out the process" in paper.description


def test_the_meeting_page_shows_the_seed_to_a_manager(manager):
    page = meeting_page(_tl_meeting(), manager)
    assert page.minutes_visible
    assert [(v.item.number, v.item.title) for v in page.items] == [(n, t) for n, t, _ in ITEMS]
    assert {(v.item.number, tuple(d.text for d in v.decisions)) for v in page.items} == {
        (n, tuple(text for text, _ in entries)) for n, entries in DECISIONS.items()
    }
    assert [len(v.actions) for v in page.items] == [0, 0, 1, 1, 0, 0]
    assert [a.person.name for a in page.attendance.present][0] == "Steve Robinson"
    assert {a.person.name for a in page.attendance.present} == {n for n, _ in ATTENDING}
    assert {a.person.name for a in page.attendance.apologies} == {n for n, _ in APOLOGIES}
    assert {a.person.name for a in page.attendance.support} == set(SUPPORT)
    assert page.meeting.next_meeting.date == dt.date(2009, 5, 18)


def test_the_public_sees_the_meeting_but_not_its_unagreed_minutes(example):
    page = meeting_page(_tl_meeting(), AnonymousUser())
    assert not page.minutes_visible
    assert all(v.minutes == "" and v.decisions == [] for v in page.items)
    assert len(page.items) == 6


def test_the_partnership_event_of_8_december_2008(example):
    event = Meeting.objects.live().get(title="Cheshire West and Chester Partnership Event")
    assert event.date == dt.date(2008, 12, 8) and event.start_time is None
    assert event.location == "The Holiday Inn, Ellesmere Port"
    items = _items(event)
    assert [
        (n, i.title, i.presenter.name if i.presenter else None) for n, i in sorted(items.items())
    ] == [
        (1, "Partnership Working", "Steve Robinson"),
        (2, "Joint Strategic Needs Assessment", "Wendy Meredith"),
        (3, "Strategic Assessment", "Ewan McHenry"),
        (4, "The emerging Third Sector Assembly", "Jane Staley"),
        (
            5,
            "Facilitated discussion: the proposed Partnership Framework and each of the "
            "presentation areas",
            None,
        ),
    ]
    assert items[3].presenter_label == "Ewan McHenry (VRBC Community Safety Manager)"
    record = items[5].minutes
    assert record.startswith("Emerging themes from workshop groups\n\nQ1. We will move")
    for question in ("Q1.", "Q2.", "Q3.", "Q4.", "Q5.", "Other issues"):
        assert f"\n\n{question}" in record
    assert "• Are we alert to tensions (politically and operational)?" in record
    # The seed's record has no standing items: those meeting_create added are archived.
    assert not any(i.standing for i in items.values())
    assert not Attendance.objects.filter(meeting=event).exists()  # the bulletin lists nobody


# Seed 000, proposal 3, the priorities "considered at the September meeting".
CHESTER_PRIORITIES = [
    "Enhancing health and well-being / reducing health inequalities",
    "Enabling economic growth (including employment support & infrastructure, enterprise "
    "communities & capacity building)",
    "Improving the environment and regenerating neighbourhoods (including housing)",
]


def _chester_september() -> Meeting:
    return Meeting.objects.live().get(body__name=CHESTER_APB)


def test_the_chester_apb_september_meeting_is_known_only_by_its_month(example):
    m = _chester_september()
    assert (m.date, m.date_precision) == (dt.date(2011, 9, 1), DatePrecision.MONTH)
    assert (m.date_label, str(m)) == (
        "September 2011",
        "Chester Area Partnership Board meeting, September 2011",
    )
    assert (m.start_time, m.end_time, m.venue, m.venue_text) == (None, None, None, "")
    # Only what a later report says it considered, as a draft minute: nothing says the minutes
    # were circulated, agreed or signed.
    assert m.status == MeetingStatus.MINUTES_DRAFT
    assert (m.minutes_agreed_at, m.signed_on, m.next_meeting) == (None, None, None)
    assert not Attendance.objects.filter(meeting=m).exists()
    assert not Decision.objects.filter(meeting=m).exists()
    assert m.source.startswith("Seed 000: ")
    assert "proposal 3: 'Chester APB approves the priorities for the Action Plan which" in m.source
    assert "'January 2012'" in m.source


def test_its_one_item_records_the_priorities_it_considered_and_nothing_more(example):
    m = _chester_september()
    # No standing items were added: the seed records none.
    assert list(AgendaItem.objects.filter(meeting=m).values_list("number", "title")) == [
        (1, "Priorities for the Chester Area Action Plan")
    ]
    item = AgendaItem.objects.get(meeting=m)
    assert item.minutes == (
        "The priorities for the Action Plan which were considered at the September meeting:\n\n"
        + "\n".join(f"• {p}" for p in CHESTER_PRIORITIES)
    )
    assert item.source.startswith("Seed 000: ") and ", proposal 3: " in item.source
    assert (item.presenter, item.presenter_text, item.standing) == (None, "", "")


def test_only_the_last_chester_apb_is_left_undated(example):
    # The September meeting is loaded; "the last Chester APB" has no month and stays described.
    assert [u.when for u in md.UNDATED_MEETINGS] == [
        "before January 2012 (no date given; it may be the September meeting)"
    ]
    assert Meeting.objects.filter(body__name=CHESTER_APB).count() == 1


def test_every_record_says_where_it_comes_from_and_none_is_illustrative(example):
    meetings = Meeting.objects.filter(
        pk__in=[
            Meeting.objects.live().get(body__name=BODY_NAMES[m.body], date=m.date).pk
            for m in md.MEETINGS
        ]
    )
    held = meetings.exclude(status=MeetingStatus.SCHEDULED)
    for model, qs in [
        (Meeting, meetings),
        (AgendaItem, AgendaItem.objects.live().filter(meeting__in=held)),
        (Decision, Decision.objects.filter(meeting__in=meetings)),
        (Venue, Venue.objects.all()),
        (ForwardPlanItem, ForwardPlanItem.objects.all()),
        (Paper, Paper.objects.all()),
        (Action, Action.objects.all()),
    ]:
        sources = list(qs.values_list("source", flat=True))
        assert sources, model
        assert all(s.startswith(("Seed 000", "Seed 001", "Seed 003", "Seed 004")) for s in sources)
    assert meetings.count() == len(md.MEETINGS) == 5
    for model in (Meeting, Paper, Action, ForwardPlanItem):
        assert not model.objects.filter(is_illustrative=True).exists(), model


def test_loading_again_does_nothing(example):
    before = {
        model: model.objects.count()
        for model in (Meeting, AgendaItem, Attendance, Decision, Paper, Action, ForwardPlanItem)
    }
    assert is_loaded()
    assert load_meetings() == {}
    assert before == {model: model.objects.count() for model in before}
