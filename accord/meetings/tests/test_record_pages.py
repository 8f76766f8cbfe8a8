"""The pages that record what happened at a meeting: attendance and the quorum, the minute of an
item with its decisions and actions, the approval of the minutes (draft → circulated → agreed
at the next meeting by its decision → signed; then amended only), and the attendance
statistics with their chart and CSV."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from accord.actions.models import Action
from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings import services
from accord.meetings.factories import AttendanceFactory, MeetingFactory, MeetingSettingsFactory
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    DecisionKind,
    MeetingStatus,
    MinutesAmendment,
    StandingItem,
)
from accord.meetings.views_record import rate_chart
from accord.memberships.models import Role

pytestmark = pytest.mark.django_db
S = MeetingStatus
APRIL_27, MAY_18, JUNE_15 = dt.date(2009, 4, 27), dt.date(2009, 5, 18), dt.date(2009, 6, 15)


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def _user(body, role, person=None):
    person = person or PersonFactory()
    MembershipFactory(person=person, body=body, role=role, start_date=dt.date(2009, 1, 1))
    return UserFactory(person=person)


class Board:
    """A thematic partnership with a chair, two members from two organisations, its
    secretary (support staff), and the meeting of 27 April 2009 already held."""

    def __init__(self):
        self.manager = ManagerFactory()
        self.body = BodyFactory(name="LSP Thematic Leads")
        self.council = OrganisationFactory(name="Cheshire West and Chester Council")
        self.nhs = OrganisationFactory(name="NHS Western Cheshire")
        self.chair = PersonFactory(name="Steve Robinson")
        self.wendy = PersonFactory(name="Wendy Morris")
        self.helen = PersonFactory(name="Helen Brown")
        for person, role, org in (
            (self.chair, Role.CHAIR, self.council),
            (self.wendy, Role.MEMBER, self.nhs),
            (self.helen, Role.MEMBER, self.council),
        ):
            MembershipFactory(
                person=person,
                body=self.body,
                role=role,
                on_behalf_of=org,
                start_date=dt.date(2009, 1, 1),
            )
        self.chair_user = UserFactory(person=self.chair)
        self.secretary = _user(self.body, Role.SUPPORT_STAFF)
        self.member = UserFactory(person=self.wendy)
        self.meeting = self.schedule(APRIL_27, held=True)

    def schedule(self, day, *, held=False):
        meeting = services.meeting_create(fields={"body": self.body, "date": day}, by=self.manager)
        meeting = services.meeting_publish_agenda(
            meeting=meeting, on=day - dt.timedelta(days=7), expected_version=None, by=self.manager
        )
        if held:
            meeting = services.meeting_mark_held(
                meeting=meeting, expected_version=None, by=self.manager
            )
        return meeting

    def item(self, meeting=None, standing=StandingItem.NONE):
        meeting = meeting or self.meeting
        if standing:
            return AgendaItem.objects.live().get(meeting=meeting, standing=standing)
        return services.agenda_item_add(
            meeting=meeting, fields={"title": "Local Area Agreement refresh"}, by=self.manager
        )


@pytest.fixture
def board():
    return Board()


def _state(html: str) -> str:
    return re.search(r'name="state" value="([^"]*)"', html).group(1)


# --- Attendance --------------------------------------------------------------------------------


def test_attendance_page_permissions(client, board):
    url = reverse("meetings:attendance", args=[board.meeting.pk])
    # The public and members see the meeting but may not record its attendance.
    assert client.get(url).status_code == 403
    client.force_login(board.member)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    client.force_login(board.secretary)
    assert client.get(url).status_code == 200
    client.force_login(board.manager)
    assert client.get(url).status_code == 200
    # A meeting still being prepared is invisible to the public; a private one to other
    # bodies' members.
    client.logout()
    prepared = MeetingFactory(body=board.body, status=S.SCHEDULED, date=JUNE_15)
    assert client.get(reverse("meetings:attendance", args=[prepared.pk])).status_code == 404
    private = MeetingFactory(is_public=False, status=S.HELD)
    client.force_login(board.secretary)
    assert client.get(reverse("meetings:attendance", args=[private.pk])).status_code == 404


def test_recording_attendance_shows_the_quorum(client, board):
    MeetingSettingsFactory(body=board.body, quorum_members=2, quorum_needs_chair=True)
    board.body.refresh_from_db()
    url = reverse("meetings:attendance", args=[board.meeting.pk])
    client.force_login(board.secretary)
    html = assert_well_formed(client.get(url))
    assert "No attendance is recorded yet" in html
    assert "Steve Robinson" in html and "Chair, for Cheshire West and Chester Council" in html
    # Helen alone is not enough: the quorum is two members with the chair.
    response = client.post(url, {"state": _state(html), f"member_{board.helen.pk}": "present"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Not quorate" in html
    sub = PersonFactory(name="Debbie Walker")
    officer = PersonFactory(name="Ann Officer")
    response = client.post(
        url,
        {
            "state": _state(html),
            f"member_{board.chair.pk}": "present",
            f"member_{board.wendy.pk}": "apologies",
            f"member_{board.helen.pk}": "absent",
            "chair": str(board.chair.pk),
            "new1_person": str(sub.pk),
            "new1_capacity": "substitute",
            "new1_substitute_for": str(board.wendy.pk),
            "new1_organisation": str(board.nhs.pk),
            "new1_status": "present",
            "new2_person": str(officer.pk),
            "new2_capacity": "support",
            "new2_status": "present",
            "new3_status": "present",
        },
    )
    assert response.status_code == 302 and response.url.endswith(f"{url}#quorum")
    rows = {
        a.person.name: (a.status, a.capacity, a.organisation, a.substitute_for)
        for a in Attendance.objects.live().filter(meeting=board.meeting)
    }
    assert rows == {
        "Steve Robinson": ("present", "chair", board.council, None),
        "Wendy Morris": ("apologies", "member", board.nhs, None),
        "Helen Brown": ("absent", "member", board.council, None),
        "Debbie Walker": ("present", "substitute", board.nhs, board.wendy),
        "Ann Officer": ("present", "support", None, None),
    }
    html = assert_well_formed(client.get(url))
    # The chair and the substitute are present members: two of three, chair there.
    assert "Attendance saved." in html and "Quorate" in html and "Not quorate" not in html
    assert "Substitute for Wendy Morris, on behalf of NHS Western Cheshire" in html
    assert "Others recorded" in html and "Debbie Walker" in html


def test_attendance_is_checked_and_nothing_is_half_saved(client, board):
    url = reverse("meetings:attendance", args=[board.meeting.pk])
    client.force_login(board.secretary)
    state = _state(client.get(url).content.decode())
    other = PersonFactory(name="Observer Person")
    response = client.post(
        url,
        {
            "state": state,
            f"member_{board.chair.pk}": "apologies",
            "chair": str(board.chair.pk),
            "new1_person": str(other.pk),
            "new1_capacity": "substitute",
            "new1_status": "present",
            "new2_person": str(board.helen.pk),
            "new2_capacity": "observer",
            "new2_status": "present",
            "new3_capacity": "observer",
            "new3_status": "present",
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in html
    assert "Record Steve Robinson as present, or choose who chaired" in html
    assert "Choose whom the substitute in row 1 stood in for" in html
    assert "Helen Brown is already on the record: use their row above" in html
    assert "Choose the person for row 3" in html
    assert 'href="#id_chair"' in html
    assert not Attendance.objects.filter(meeting=board.meeting).exists()


def test_attendance_edits_over_someone_elses_are_turned_away(client, board):
    url = reverse("meetings:attendance", args=[board.meeting.pk])
    client.force_login(board.secretary)
    state = _state(client.get(url).content.decode())
    # Meanwhile someone else records the chair's apologies.
    services.attendance_record(
        meeting=board.meeting,
        rows=[{"person": board.chair, "status": "apologies", "capacity": "member"}],
        by=board.manager,
    )
    response = client.post(url, {"state": state, f"member_{board.chair.pk}": "present"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed the attendance" in html
    assert "What the other person saved" in html and "Apologies (member)" in html
    assert Attendance.objects.get(person=board.chair).status == AttendanceStatus.APOLOGIES
    # Saving again with the fresh state is a deliberate choice, and replaces theirs.
    response = client.post(url, {"state": _state(html), f"member_{board.chair.pk}": "present"})
    assert response.status_code == 302
    assert Attendance.objects.live().get(person=board.chair).status == AttendanceStatus.PRESENT


def test_attendance_can_take_people_off_the_record(client, board):
    url = reverse("meetings:attendance", args=[board.meeting.pk])
    visitor = PersonFactory(name="Visiting Adviser")
    services.attendance_record(
        meeting=board.meeting,
        rows=[
            {"person": board.helen, "status": "present", "capacity": "member"},
            {"person": visitor, "status": "present", "capacity": "adviser"},
        ],
        by=board.manager,
    )
    client.force_login(board.manager)
    html = client.get(url).content.decode()
    assert "Take Visiting Adviser off the record" in html
    response = client.post(
        url,
        {
            "state": _state(html),
            f"member_{board.helen.pk}": "",
            f"other_{visitor.pk}_status": "present",
            f"other_{visitor.pk}_remove": "on",
            f"member_{board.wendy.pk}": "present",
        },
    )
    assert response.status_code == 302
    assert [a.person for a in Attendance.objects.live().filter(meeting=board.meeting)] == [
        board.wendy
    ]


# --- The minute of an item -----------------------------------------------------------------------


def test_item_minutes_permissions(client, board):
    item = board.item()
    url = reverse("meetings:item-minutes", args=[board.meeting.pk, item.pk])
    assert client.get(url).status_code == 403
    client.force_login(board.member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"form": "minute", "minute-minutes": "x"}).status_code == 403
    client.force_login(board.chair_user)
    assert client.get(url).status_code == 403
    client.force_login(board.secretary)
    assert_well_formed(client.get(url))
    # An item of another meeting, and a meeting the user cannot see, are not found.
    elsewhere = board.item(meeting=board.schedule(JUNE_15))
    wrong = reverse("meetings:item-minutes", args=[board.meeting.pk, elsewhere.pk])
    assert client.get(wrong).status_code == 404
    private = MeetingFactory(is_public=False, status=S.HELD)
    assert (
        client.get(reverse("meetings:item-minutes", args=[private.pk, item.pk])).status_code == 404
    )
    assert AgendaItem.objects.get(pk=item.pk).minutes == ""


def test_minute_decisions_and_actions_of_an_item(client, board):
    item = board.item()
    url = reverse("meetings:item-minutes", args=[board.meeting.pk, item.pk])
    client.force_login(board.secretary)
    response = client.post(
        url,
        {
            "form": "minute",
            "minute-minutes": "Helen reported on the refresh.",
            "minute-version": item.version,
        },
    )
    assert response.status_code == 302 and response.url.endswith("#minute")
    item.refresh_from_db()
    assert item.minutes == "Helen reported on the refresh."
    board.meeting.refresh_from_db()
    assert board.meeting.status == S.MINUTES_DRAFT

    response = client.post(
        url,
        {
            "form": "decision",
            "decision-text": "The refresh was agreed.",
            "decision-kind": "approval",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(item=item)
    assert (decision.text, decision.kind, decision.number) == (
        "The refresh was agreed.",
        "approval",
        1,
    )

    response = client.post(
        url,
        {
            "form": "action",
            "action-title": "Circulate the refreshed LAA",
            "action-owner_text": "All Chairs and Vice Chairs",
            "action-organisation": str(board.council.pk),
            **_date("action-due_on", MAY_18),
        },
    )
    assert response.status_code == 302 and response.url.endswith("#actions")
    action = Action.objects.get(title="Circulate the refreshed LAA")
    assert action.origin == item and action.body == board.body and action.due_on == MAY_18

    html = assert_well_formed(client.get(url))
    assert "Helen reported on the refresh." in html
    assert "The refresh was agreed." in html and "Approval" in html
    assert "Circulate the refreshed LAA" in html and "18 May 2009" in html
    assert "History" in html

    # Change the decision, then archive it.
    edit = reverse("meetings:decision-edit", args=[board.meeting.pk, decision.pk])
    assert_well_formed(client.get(edit))
    response = client.post(
        edit,
        {
            "text": "The refresh was agreed in full.",
            "kind": "decision",
            "version": decision.version,
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.text == "The refresh was agreed in full." and decision.kind == "decision"
    archive = reverse("meetings:decision-archive", args=[board.meeting.pk, decision.pk])
    response = client.post(archive, {"reason": "Recorded twice.", "version": decision.version})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.is_archived
    assert client.get(edit).status_code == 404


def test_item_forms_report_bad_input(client, board):
    item = board.item()
    url = reverse("meetings:item-minutes", args=[board.meeting.pk, item.pk])
    client.force_login(board.secretary)
    response = client.post(url, {"form": "decision", "decision-text": "", "decision-kind": "x"})
    html = response.content.decode()
    assert response.status_code == 422 and "Enter the decision" in html
    assert 'href="#id_decision-text"' in html
    response = client.post(url, {"form": "action", "action-title": "Do it"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Choose the person responsible, or write who it is" in html
    response = client.post(
        url,
        {
            "form": "action",
            "action-title": "Do it",
            "action-owner_text": "Helen",
            **_date("action-due_on", dt.date(2009, 1, 1)) | {"action-due_on_1": "13"},
        },
    )
    assert "The date must be a real date" in response.content.decode()
    response = client.post(
        url,
        {
            "form": "action",
            "action-title": "Do it",
            "action-owner_text": "Helen",
            "action-due_on_0": "18",
            "action-due_on_2": "2009",
        },
    )
    assert "The date must include a month" in response.content.decode()
    assert not Decision.objects.exists() and not Action.objects.exists()


def test_a_stale_minute_is_not_saved(client, board):
    item = board.item()
    url = reverse("meetings:item-minutes", args=[board.meeting.pk, item.pk])
    client.force_login(board.secretary)
    services.minutes_record(item=item, text="Their minute.", by=board.manager)
    response = client.post(
        url, {"form": "minute", "minute-minutes": "My minute.", "minute-version": item.version}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this record" in html and "Their minute." in html
    item.refresh_from_db()
    assert item.minutes == "Their minute."


def test_minutes_wait_until_the_meeting_is_held(client, board):
    upcoming = board.schedule(JUNE_15)
    item = board.item(meeting=upcoming)
    url = reverse("meetings:item-minutes", args=[upcoming.pk, item.pk])
    client.force_login(board.secretary)
    html = client.get(url).content.decode()
    assert "Minutes are written once the meeting has been held." in html
    assert 'name="form" value="minute"' not in html
    response = client.post(url, {"form": "minute", "minute-minutes": "Too soon."})
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).minutes == ""


# --- Approving the minutes -----------------------------------------------------------------------


def test_minutes_approval_flow(client, board):
    meeting = board.meeting
    item = board.item()
    services.minutes_record(item=item, text="The draft minute.", by=board.manager)
    client.force_login(board.secretary)

    # Circulate the draft.
    url = reverse("meetings:circulate", args=[meeting.pk])
    assert_well_formed(client.get(url))
    meeting.refresh_from_db()
    response = client.post(
        url, {**_date("minutes_circulated_on", dt.date(2009, 5, 1)), "version": meeting.version}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.MINUTES_CIRCULATED
    assert meeting.minutes_circulated_on == dt.date(2009, 5, 1)

    # Agreeing waits for a later meeting that has been held.
    agree = reverse("meetings:agree", args=[meeting.pk])
    html = client.get(agree).content.decode()
    assert "No later meeting has been recorded as held yet" in html
    nxt = board.schedule(MAY_18, held=True)
    meeting.refresh_from_db()  # the new meeting became its next meeting
    html = assert_well_formed(client.get(agree))
    assert str(nxt) in html
    response = client.post(
        agree,
        {
            "minutes_agreed_at": str(nxt.pk),
            "decision_text": "The minutes of 27 April 2009 were agreed as a true record.",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    decision = Decision.objects.get(meeting=nxt)
    assert meeting.status == S.MINUTES_AGREED
    assert (meeting.minutes_agreed_at, meeting.minutes_agreed_by) == (nxt, decision)
    assert decision.kind == DecisionKind.APPROVAL
    assert decision.item.standing == StandingItem.MINUTES

    # Agreed minutes refuse edits: the minute, a decision, the attendance.
    minutes_url = reverse("meetings:item-minutes", args=[meeting.pk, item.pk])
    html = client.get(minutes_url).content.decode()
    assert "record a correction as an amendment" in html
    response = client.post(minutes_url, {"form": "minute", "minute-minutes": "Rewritten."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "The draft minute."
    att = reverse("meetings:attendance", args=[meeting.pk])
    assert "the attendance is fixed" in client.get(att).content.decode()
    assert client.post(att, {"state": ""}).status_code == 302
    assert client.get(reverse("meetings:circulate", args=[meeting.pk])).status_code == 302

    # Only the chair (or a manager) signs.
    sign = reverse("meetings:sign", args=[meeting.pk])
    assert client.get(sign).status_code == 403
    client.force_login(board.member)
    assert client.get(sign).status_code == 403
    client.force_login(board.chair_user)
    html = assert_well_formed(client.get(sign))
    assert f'<option value="{board.chair.pk}" selected>' in html
    response = client.post(
        sign,
        {
            "signed_by": str(board.chair.pk),
            **_date("signed_on", MAY_18),
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.signed_by, meeting.signed_by_name, meeting.signed_on) == (
        board.chair,
        "Steve Robinson",
        MAY_18,
    )
    assert client.get(sign).status_code == 302  # signed once

    # A correction is recorded as an amendment, beside the agreed text.
    client.force_login(board.secretary)
    amend = reverse("meetings:amend", args=[meeting.pk])
    assert_well_formed(client.get(amend))
    response = client.post(
        amend,
        {
            "item": str(item.pk),
            "text": "For “Helen” read “Helen Brown”.",
            "reason": "The surname was left out.",
            "agreed_at": "",
        },
    )
    assert response.status_code == 302
    amendment = MinutesAmendment.objects.get(meeting=meeting)
    assert (amendment.item, amendment.reason) == (item, "The surname was left out.")
    item.refresh_from_db()
    assert item.minutes == "The draft minute."
    assert "The surname was left out." in client.get(amend).content.decode()


def test_approval_forms_report_bad_input(client, board):
    meeting = board.meeting
    item = board.item()
    services.minutes_record(item=item, text="Draft.", by=board.manager)
    nxt = board.schedule(MAY_18, held=True)
    other = services.decision_record(
        meeting=board.schedule(JUNE_15, held=True), fields={"text": "Other."}, by=board.manager
    )
    client.force_login(board.secretary)
    meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:circulate", args=[meeting.pk]),
        {**_date("minutes_circulated_on", dt.date(2009, 4, 1)), "version": meeting.version},
    )
    assert response.status_code == 422
    assert "The minutes cannot be circulated before the meeting (27 April 2009)" in (
        response.content.decode()
    )
    agree = reverse("meetings:agree", args=[meeting.pk])
    response = client.post(agree, {"minutes_agreed_at": str(nxt.pk), "version": meeting.version})
    assert "Choose the decision that agreed the minutes, or write it" in response.content.decode()
    response = client.post(
        agree,
        {
            "minutes_agreed_at": str(nxt.pk),
            "minutes_agreed_by": str(other.pk),
            "version": meeting.version,
        },
    )
    assert response.status_code == 422
    assert "That decision was made at another meeting" in response.content.decode()
    response = client.post(agree, {"decision_text": "Agreed.", "version": meeting.version})
    assert "Choose the meeting that agreed the minutes" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == S.MINUTES_DRAFT and not Decision.objects.filter(meeting=nxt)
    # Signing and amending wait for agreed minutes.
    client.force_login(board.manager)
    assert client.get(reverse("meetings:sign", args=[meeting.pk])).status_code == 302
    assert client.get(reverse("meetings:amend", args=[meeting.pk])).status_code == 302
    # Circulating over someone else's change is turned away.
    client.force_login(board.secretary)
    response = client.post(
        reverse("meetings:circulate", args=[meeting.pk]),
        {**_date("minutes_circulated_on", MAY_18), "version": meeting.version - 1},
    )
    assert response.status_code == 409
    assert "Someone else changed this record" in response.content.decode()
    # A decision already recorded at the next meeting agrees them (the text is then unused).
    decision = services.decision_record(meeting=nxt, fields={"text": "Agreed."}, by=board.manager)
    response = client.post(
        agree,
        {
            "minutes_agreed_at": str(nxt.pk),
            "minutes_agreed_by": str(decision.pk),
            "decision_text": "Not used.",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_agreed_by == decision
    assert Decision.objects.filter(meeting=nxt).count() == 1
    client.force_login(board.manager)
    sign = reverse("meetings:sign", args=[meeting.pk])
    response = client.post(sign, {**_date("signed_on", APRIL_27), "version": meeting.version})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Choose the chair who signs, or enter their name" in html
    response = client.post(
        sign,
        {
            "signed_by_name": "S Robinson",
            **_date("signed_on", APRIL_27),
            "version": meeting.version,
        },
    )
    assert "The minutes were agreed on 18 May 2009: sign on or after." in response.content.decode()
    response = client.post(
        reverse("meetings:amend", args=[meeting.pk]), {"text": "A correction.", "reason": ""}
    )
    assert "Enter why the minutes are corrected" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.signed_on is None and not MinutesAmendment.objects.exists()


def test_approval_pages_permissions(client, board):
    meeting = board.meeting
    services.minutes_record(item=board.item(), text="Draft.", by=board.manager)
    for name in ("circulate", "agree", "amend"):
        url = reverse(f"meetings:{name}", args=[meeting.pk])
        client.logout()
        assert client.get(url).status_code == 403, name
        client.force_login(board.member)
        assert client.get(url).status_code == 403, name
        client.force_login(board.chair_user)
        assert client.get(url).status_code == 403, name
    private = MeetingFactory(is_public=False, status=S.MINUTES_DRAFT)
    client.force_login(board.secretary)
    for name in ("circulate", "agree", "sign", "amend"):
        assert client.get(reverse(f"meetings:{name}", args=[private.pk])).status_code == 404


# --- Attendance statistics -----------------------------------------------------------------------


def _record(board, meeting, rows):
    services.attendance_record(
        meeting=meeting,
        rows=[
            {"person": p, "status": s, "capacity": c, "organisation": o, "substitute_for": f}
            for p, s, c, o, f in rows
        ],
        by=board.manager,
    )


@pytest.fixture
def attended(board):
    """Two held meetings: in April the chair and Helen attend and Wendy sends a substitute;
    in May the chair attends, Wendy is absent and Helen sends apologies."""
    sub = PersonFactory(name="Debbie Walker")
    _record(
        board,
        board.meeting,
        [
            (board.chair, "present", Capacity.CHAIR, board.council, None),
            (board.helen, "present", Capacity.MEMBER, board.council, None),
            (board.wendy, "apologies", Capacity.MEMBER, board.nhs, None),
            (sub, "present", Capacity.SUBSTITUTE, board.nhs, board.wendy),
        ],
    )
    may = board.schedule(MAY_18, held=True)
    _record(
        board,
        may,
        [
            (board.chair, "present", Capacity.CHAIR, board.council, None),
            (board.helen, "apologies", Capacity.MEMBER, board.council, None),
        ],
    )
    return may


def _period(start, end, **extra):
    return {**_date("start", start), **_date("end", end), **extra}


def test_attendance_statistics_figures_chart_and_csv(client, board, attended):
    url = reverse("meetings:attendance-stats")
    client.force_login(board.member)
    html = assert_well_formed(client.get(url, _period(dt.date(2009, 4, 1), dt.date(2009, 6, 30))))
    assert "2 meetings held from 1 April 2009 to 30 June 2009" in html
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]*">'
        r"([^<]+)</a></th>((?:\s*<td[^>]*>[^<]*</td>)+)",
        html,
    )
    table = {name: re.findall(r">([^<]*)</td>", cells) for name, cells in rows}
    # Organisations: expected, attended, apologies, absent, rate.
    assert table["Cheshire West and Chester Council"] == ["2", "2", "0", "0", "100%"]
    assert table["NHS Western Cheshire"] == ["2", "1", "0", "1", "50%"]
    # People: expected, attended, apologies, substituted, absent, rate.
    assert table["Steve Robinson"] == ["2", "2", "0", "0", "0", "100%"]
    assert table["Helen Brown"] == ["2", "1", "1", "0", "0", "50%"]
    assert table["Wendy Morris"] == ["2", "0", "1", "1", "1", "0%"]
    assert "Debbie Walker" not in table
    # The chart: an accessible image of the organisations' rates, with the table beside it.
    assert (
        'role="img"' in html
        and 'aria-labelledby="org-attendance-title org-attendance-desc"' in html
    )
    title = "Attendance rate by partner organisation, 1 April 2009 to 30 June 2009"
    assert f'<title id="org-attendance-title">{title}</title>' in html
    assert "Highest: Cheshire West and Chester Council 100%" in html
    assert "Rate across them all: 75%" in html

    response = client.get(
        reverse("meetings:attendance-stats-csv"), _period(dt.date(2009, 4, 1), dt.date(2009, 6, 30))
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attendance-2009-04-01-to-2009-06-30.csv" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:2] == ["kind", "name"]
    assert ["organisation", "NHS Western Cheshire", "2", "1", "0", "1", "", "50.0"] in lines
    assert ["person", "Wendy Morris", "2", "0", "1", "1", "1", "0.0"] in lines

    # Only April: one meeting.
    html = client.get(url, _period(APRIL_27, APRIL_27)).content.decode()
    assert "1 meeting held from 27 April 2009 to 27 April 2009" in html


def test_attendance_statistics_permissions_and_defaults(client, board, attended):
    url = reverse("meetings:attendance-stats")
    assert client.get(url).status_code == 403
    assert client.get(reverse("meetings:attendance-stats-csv")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    # A member of another body cannot read this body's figures.
    stranger = _user(BodyFactory(name="Another body"), Role.MEMBER)
    client.force_login(stranger)
    html = client.get(url, {"body": board.body.pk}).content.decode()
    assert "Choose one of the bodies listed" in html and "Steve Robinson" not in html
    # By default: the last twelve months, of the member's own body.
    client.force_login(board.member)
    html = client.get(url).content.decode()
    assert "0 meetings held" in html and "No meetings were held in this period" in html
    assert f'<option value="{board.body.pk}" selected>' in html
    assert "All bodies" not in html
    # Managers may read all bodies at once.
    client.force_login(board.manager)
    html = client.get(url, _period(dt.date(2009, 1, 1), dt.date(2009, 12, 31))).content.decode()
    assert "All bodies" in html and "2 meetings held" in html and "by all bodies" in html


def test_attendance_statistics_report_bad_dates(client, board):
    url = reverse("meetings:attendance-stats")
    client.force_login(board.manager)
    response = client.get(url, _period(dt.date(2009, 6, 30), dt.date(2009, 4, 1)))
    html = response.content.decode()
    assert response.status_code == 422 and "There is a problem" in html
    assert "The end date must be the same as or after the start date" in html
    response = client.get(
        url, {**_date("start", APRIL_27), "end_0": "31", "end_1": "2", "end_2": "2009"}
    )
    assert "The date must be a real date" in response.content.decode()
    response = client.get(url, {"start_0": "1", "start_2": "2009"})
    assert "The date must include a month" in response.content.decode()
    csv_url = reverse("meetings:attendance-stats-csv")
    response = client.get(csv_url, _period(dt.date(2009, 6, 30), dt.date(2009, 4, 1)))
    assert response.status_code == 302 and response.url.startswith(url)


def test_attendance_statistics_query_count_does_not_grow(client, board, attended):
    client.force_login(board.member)
    url = reverse("meetings:attendance-stats")
    query = "?" + "&".join(f"{k}={v}" for k, v in _period(APRIL_27, APRIL_27).items())
    few = queries_for(client, url + query)
    # Many more meetings, members, organisations and attendees.
    for n in range(4):
        meeting = board.schedule(dt.date(2009, 4, 28) + dt.timedelta(days=n), held=True)
        for _ in range(5):
            person = PersonFactory()
            org = OrganisationFactory()
            MembershipFactory(person=person, body=board.body, on_behalf_of=org)
            AttendanceFactory(meeting=meeting, person=person, organisation=org)
    many = queries_for(
        client,
        url
        + "?"
        + "&".join(f"{k}={v}" for k, v in _period(APRIL_27, dt.date(2009, 5, 30)).items()),
    )
    assert many == few


def test_rate_chart_with_no_rates_says_so():
    svg = rate_chart(chart_id="c", title="Nothing", lines=[])
    assert 'role="img"' in svg and '<title id="c-title">Nothing</title>' in svg
    assert "No rates to chart" in svg


def test_recording_pages_query_counts_do_not_grow(client, board):
    item = board.item()
    attendance = reverse("meetings:attendance", args=[board.meeting.pk])
    minutes = reverse("meetings:item-minutes", args=[board.meeting.pk, item.pk])
    client.force_login(board.secretary)
    few = (queries_for(client, attendance), queries_for(client, minutes))
    # More members, others recorded, decisions and actions.
    for _ in range(6):
        MembershipFactory(body=board.body, start_date=dt.date(2009, 1, 1))
    services.attendance_record(
        meeting=board.meeting,
        rows=[
            {"person": PersonFactory(), "status": "present", "capacity": c}
            for c in ("support", "observer", "adviser", "observer")
        ],
        by=board.manager,
    )
    for n in range(4):
        services.decision_record(item=item, fields={"text": f"Decision {n}."}, by=board.manager)
        services.meeting_action_add(
            item=item, fields={"title": f"Action {n}", "owner_text": "Helen"}, by=board.manager
        )
    assert (queries_for(client, attendance), queries_for(client, minutes)) == few
