"""The named rules of meetings."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from accord.bodies.models import MeetingCycle
from accord.meetings import rules
from accord.meetings.models import MeetingStatus, StandingItem

S = MeetingStatus
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2150, 12, 31))
WEEKDAYS = st.one_of(st.none(), st.integers(0, 6))


def quorum(members=None, share=None, chair=False):
    return SimpleNamespace(
        quorum_members=members,
        quorum_share=Decimal(share) if share is not None else None,
        quorum_needs_chair=chair,
    )


def test_quorum_by_number_share_and_chair():
    assert rules.is_quorate(quorum(members=5), 5, 12, chair_present=False)
    assert not rules.is_quorate(quorum(members=5), 4, 12, chair_present=True)
    assert rules.is_quorate(quorum(share="0.5"), 6, 12, chair_present=False)
    assert not rules.is_quorate(quorum(share="0.5"), 5, 11, chair_present=False)
    assert not rules.is_quorate(quorum(share="0.5", chair=True), 8, 12, chair_present=False)
    assert rules.is_quorate(quorum(share="0.5", chair=True), 8, 12, chair_present=True)
    # No rule: any member present will do, nobody present will not.
    assert rules.is_quorate(None, 1, 20, chair_present=False)
    assert not rules.is_quorate(None, 0, 20, chair_present=True)


@given(
    st.integers(0, 60),
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(1, 30)),
    st.one_of(st.none(), st.decimals("0.001", "1", places=3)),
    st.booleans(),
    st.booleans(),
)
def test_quorum_is_each_condition(present, voting, members, share, needs_chair, chair):
    settings = SimpleNamespace(
        quorum_members=members, quorum_share=share, quorum_needs_chair=needs_chair
    )
    expected = (
        present > 0
        and (members is None or present >= members)
        and (share is None or present >= share * voting)
        and (chair or not needs_chair)
    )
    assert rules.is_quorate(settings, present, voting, chair) == expected
    # One more member present never makes a quorate meeting inquorate.
    if expected:
        assert rules.is_quorate(settings, present + 1, voting, chair)


def test_standing_items_open_and_close_the_agenda():
    kinds = [kind for kind, _ in rules.standing_items()]
    assert kinds == [StandingItem.WELCOME, StandingItem.MINUTES, StandingItem.AOB]
    assert all(title for _, title in rules.standing_items())


def test_the_life_of_a_meeting():
    path = [
        S.SCHEDULED,
        S.AGENDA_PUBLISHED,
        S.HELD,
        S.MINUTES_DRAFT,
        S.MINUTES_CIRCULATED,
        S.MINUTES_AGREED,
    ]
    for a, b in zip(path, path[1:], strict=False):
        assert rules.valid_transition(a, b)
        assert not rules.valid_transition(b, a) or (a, b) == (S.MINUTES_DRAFT, S.MINUTES_CIRCULATED)
    assert rules.valid_transition(S.AGENDA_PUBLISHED, S.CANCELLED)
    assert not rules.valid_transition(S.HELD, S.CANCELLED)
    assert not rules.valid_transition(S.HELD, S.MINUTES_AGREED)


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_agreed_and_cancelled_are_final(a, b):
    if a in (S.MINUTES_AGREED, S.CANCELLED):
        assert not rules.valid_transition(a, b)
    assert not rules.valid_transition(a, a)


def meeting(pk, body, day, status):
    return SimpleNamespace(pk=pk, body_id=body, date=day, status=status)


@given(
    st.sampled_from(list(S)),
    st.sampled_from(list(S)),
    st.integers(1, 2),
    st.integers(-60, 60),
)
def test_minutes_agreed_only_at_a_later_held_meeting_of_the_body(status, at_status, body, gap):
    first = meeting(1, 1, dt.date(2009, 4, 27), status)
    later = meeting(2, body, dt.date(2009, 4, 27) + dt.timedelta(days=gap), at_status)
    expected = (
        status in (S.MINUTES_DRAFT, S.MINUTES_CIRCULATED)
        and body == 1
        and gap > 0
        and at_status not in (S.SCHEDULED, S.AGENDA_PUBLISHED, S.CANCELLED)
    )
    assert rules.minutes_can_be_agreed(first, later) == expected
    assert not rules.minutes_can_be_agreed(first, first)


def test_agreed_minutes_are_fixed_and_minutes_follow_the_meeting():
    assert rules.agreed_minutes_are_fixed(S.MINUTES_AGREED)
    assert not any(rules.agreed_minutes_are_fixed(s) for s in S if s != S.MINUTES_AGREED)
    assert rules.minutes_editable(S.HELD) and rules.minutes_editable(S.MINUTES_CIRCULATED)
    assert not rules.minutes_editable(S.AGENDA_PUBLISHED)
    assert not rules.minutes_editable(S.MINUTES_AGREED)
    assert rules.agenda_editable(S.SCHEDULED) and not rules.agenda_editable(S.CANCELLED)
    assert not rules.agenda_editable(S.MINUTES_AGREED)


@given(DAYS, st.integers(-5, 5))
def test_signed_after_agreed(agreed, offset):
    assert rules.signed_after_agreed(agreed + dt.timedelta(days=offset), agreed) == (offset >= 0)


def test_only_a_substitute_names_whom():
    assert rules.substitute_names_whom("substitute", 7)
    assert not rules.substitute_names_whom("substitute", None)
    assert not rules.substitute_names_whom("member", 7)
    assert rules.substitute_names_whom("member", None)


REGULAR = [c for c in MeetingCycle if c in rules.CYCLE_MONTHS or c in rules.CYCLE_WEEKS]


@given(st.sampled_from(REGULAR), WEEKDAYS, DAYS, st.integers(0, 8))
def test_next_dates_are_later_increasing_and_on_the_weekday(cycle, weekday, after, n):
    dates = rules.next_meeting_dates(cycle, weekday, after, n)
    assert len(dates) == n
    assert all(d > after for d in dates)
    assert dates == sorted(set(dates))
    if weekday is not None:
        assert all(d.weekday() == weekday for d in dates)
    if dates:
        # The first offered date keeps to the cycle: no sooner than a month (or six weeks,
        # less a week to reach the weekday) and no later than a cycle and a week.
        months = rules.CYCLE_MONTHS.get(cycle)
        gap = (dates[0] - after).days
        if months:
            assert 28 * months - 7 <= gap <= 31 * months + 7
        else:
            assert 42 <= gap <= 48


def test_next_dates_keep_the_week_of_the_month():
    # The third Monday of April 2009 → the third Mondays of May, June, July.
    assert rules.next_meeting_dates(MeetingCycle.MONTHLY, 0, dt.date(2009, 4, 20), 3) == [
        dt.date(2009, 5, 18),
        dt.date(2009, 6, 15),
        dt.date(2009, 7, 20),
    ]
    # A fifth Monday becomes the month's last.
    assert rules.next_meeting_dates(MeetingCycle.MONTHLY, 0, dt.date(2009, 3, 30), 1) == [
        dt.date(2009, 4, 27)
    ]
    assert rules.next_meeting_dates(MeetingCycle.QUARTERLY, None, dt.date(2009, 1, 31), 2) == [
        dt.date(2009, 4, 30),
        dt.date(2009, 7, 31),
    ]


@given(st.sampled_from([MeetingCycle.AS_NEEDED, MeetingCycle.EXCEPTIONS, MeetingCycle.UNKNOWN]))
def test_no_dates_for_bodies_that_meet_as_needed(cycle):
    assert rules.next_meeting_dates(cycle, 0, dt.date(2009, 4, 27), 3) == []
