"""The named rules of case studies."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.casestudies import rules


def test_published_needs_a_summary_and_a_link():
    assert rules.publishable("Back into work", linked=True)
    assert not rules.publishable("Back into work", linked=False)
    assert not rules.publishable("   ", linked=True)


@given(st.dates(), st.integers(-3650, 3650))
def test_a_story_has_already_happened(today, offset):
    try:
        day = today + dt.timedelta(days=offset)
    except OverflowError:
        return
    assert rules.not_in_future(day, today) == (offset <= 0)
    assert rules.not_in_future(None, today)
