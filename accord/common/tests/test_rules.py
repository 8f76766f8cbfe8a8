import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.common.rules import ends_on_or_after_start

dates = st.one_of(st.none(), st.dates())


@given(dates, dates)
def test_a_span_ends_on_or_after_it_starts(start, end):
    expected = start is None or end is None or end >= start
    assert ends_on_or_after_start(start, end) == expected


def test_same_day_is_allowed():
    assert ends_on_or_after_start(dt.date(2009, 3, 31), dt.date(2009, 3, 31))
