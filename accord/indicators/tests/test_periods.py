import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.indicators.models import Period, PeriodKind
from accord.indicators.periods import (
    PeriodError,
    add_months,
    parse_period,
    period_for,
    periods_for,
    previous_period,
    spec_from_dates,
    year_earlier,
)

D = dt.date


@pytest.mark.parametrize(
    "text, code, kind, start, end",
    [
        ("2008/09", "2008/09", PeriodKind.FINANCIAL_YEAR, D(2008, 4, 1), D(2009, 3, 31)),
        ("2008/2009", "2008/09", PeriodKind.FINANCIAL_YEAR, D(2008, 4, 1), D(2009, 3, 31)),
        ("FY 2008/09", "2008/09", PeriodKind.FINANCIAL_YEAR, D(2008, 4, 1), D(2009, 3, 31)),
        ("1999/00", "1999/00", PeriodKind.FINANCIAL_YEAR, D(1999, 4, 1), D(2000, 3, 31)),
        ("2008", "2008", PeriodKind.CALENDAR_YEAR, D(2008, 1, 1), D(2008, 12, 31)),
        ("2009/10 Q3", "2009/10 Q3", PeriodKind.FINANCIAL_QUARTER, D(2009, 10, 1), D(2009, 12, 31)),
        ("Q4 2009/10", "2009/10 Q4", PeriodKind.FINANCIAL_QUARTER, D(2010, 1, 1), D(2010, 3, 31)),
        ("2019/20 q2", "2019/20 Q2", PeriodKind.FINANCIAL_QUARTER, D(2019, 7, 1), D(2019, 9, 30)),
        ("2009 Q3", "2009 Q3", PeriodKind.QUARTER, D(2009, 7, 1), D(2009, 9, 30)),
        ("Q1 2009", "2009 Q1", PeriodKind.QUARTER, D(2009, 1, 1), D(2009, 3, 31)),
        ("2009-04", "2009-04", PeriodKind.MONTH, D(2009, 4, 1), D(2009, 4, 30)),
        ("Apr 2009", "2009-04", PeriodKind.MONTH, D(2009, 4, 1), D(2009, 4, 30)),
        ("September 2008", "2008-09", PeriodKind.MONTH, D(2008, 9, 1), D(2008, 9, 30)),
        ("2001 - 03", "2001 - 03", PeriodKind.POOLED_YEARS, D(2001, 1, 1), D(2003, 12, 31)),
        ("2001\u201303", "2001 - 03", PeriodKind.POOLED_YEARS, D(2001, 1, 1), D(2003, 12, 31)),
        ("2016 - 18", "2016 - 18", PeriodKind.POOLED_YEARS, D(2016, 1, 1), D(2018, 12, 31)),
        ("1998 - 2001", "1998 - 01", PeriodKind.POOLED_YEARS, D(1998, 1, 1), D(2001, 12, 31)),
        (
            "2006/07 - 08/09",
            "2006/07 - 08/09",
            PeriodKind.POOLED_YEARS,
            D(2006, 4, 1),
            D(2009, 3, 31),
        ),
        (
            "2008-04-01/2009-03-31",
            "2008/09",
            PeriodKind.FINANCIAL_YEAR,
            D(2008, 4, 1),
            D(2009, 3, 31),
        ),
        ("2004-01-01/P1Y", "2004", PeriodKind.CALENDAR_YEAR, D(2004, 1, 1), D(2004, 12, 31)),
        (
            "2008-04-01/P3M",
            "2008/09 Q1",
            PeriodKind.FINANCIAL_QUARTER,
            D(2008, 4, 1),
            D(2008, 6, 30),
        ),
        ("2019-01-01/P3Y", "2019 - 21", PeriodKind.POOLED_YEARS, D(2019, 1, 1), D(2021, 12, 31)),
        (
            "2008-09-15/2008-12-14",
            "2008-09-15/2008-12-14",
            PeriodKind.INTERVAL,
            D(2008, 9, 15),
            D(2008, 12, 14),
        ),
    ],
)
def test_reads_the_usual_notations(text, code, kind, start, end):
    spec = parse_period(text)
    assert (spec.code, spec.kind, spec.start, spec.end) == (code, kind, start, end)


@pytest.mark.parametrize(
    "text", ["", "  ", "2008/10", "2008-13", "Q5 2009", "next year", "2003 - 01", "2008-02-30/P1Y"]
)
def test_refuses_what_is_not_a_period_with_a_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value)


def test_previous_and_year_earlier():
    assert previous_period(parse_period("2009/10")).code == "2008/09"
    assert previous_period(parse_period("2009/10 Q1")).code == "2008/09 Q4"
    assert previous_period(parse_period("2009 Q1")).code == "2008 Q4"
    assert previous_period(parse_period("2009-01")).code == "2008-12"
    assert previous_period(parse_period("2016 - 18")).code == "2015 - 17"
    assert year_earlier(parse_period("2009/10 Q3")).code == "2008/09 Q3"
    assert year_earlier(parse_period("2009 Q3")).code == "2008 Q3"
    assert year_earlier(parse_period("2009-03")).code == "2008-03"
    interval = parse_period("2008-09-15/2008-12-14")
    assert previous_period(interval).end == D(2008, 9, 14)


@given(st.integers(1990, 2040), st.integers(1, 4))
def test_quarters_follow_each_other_without_gaps(year, quarter):
    for spec in (
        parse_period(f"{year} Q{quarter}"),
        parse_period(f"{year}/{(year + 1) % 100:02d} Q{quarter}"),
    ):
        before = previous_period(spec)
        assert before.kind == spec.kind
        assert before.end + dt.timedelta(days=1) == spec.start
        assert parse_period(spec.code) == spec


@given(st.dates(D(1990, 1, 1), D(2040, 12, 31)), st.dates(D(1990, 1, 1), D(2040, 12, 31)))
def test_any_span_round_trips_through_its_code(a, b):
    start, end = min(a, b), max(a, b)
    spec = spec_from_dates(start, end)
    assert (spec.start, spec.end) == (start, end)
    again = parse_period(spec.code)
    assert (again.start, again.end) == (start, end)


@given(st.dates(D(1990, 1, 1), D(2040, 12, 31)), st.integers(-240, 240))
def test_add_months_goes_there_and_back_on_early_days(day, months):
    early = day.replace(day=min(day.day, 28))
    assert add_months(add_months(early, months), -months) == early


@pytest.mark.django_db
def test_periods_are_stored_once_per_code(django_assert_max_num_queries):
    first = period_for("2008/09")
    assert period_for("2008/2009") == first
    errors: dict[str, str] = {}
    with django_assert_max_num_queries(3):
        found = periods_for(["2008/09", "FY 2008/09", "2009 Q1", "nonsense"], errors=errors)
    assert found["2008/09"] == found["FY 2008/09"] == first
    assert found["2009 Q1"].kind == PeriodKind.QUARTER
    assert "nonsense" in errors
    assert Period.objects.count() == 2
    with pytest.raises(PeriodError):
        periods_for(["nonsense"])


@pytest.mark.parametrize("text", ["0000", "9999 Q4", "9999-12", "9999-12-01/P1Y", "0099 - 01"])
def test_years_out_of_range_are_refused_as_periods(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_an_academic_year_moves_a_year_whole():
    academic = parse_period("2008-09-01/2009-08-31")
    assert year_earlier(academic).code == "2007-09-01/2008-08-31"
    assert previous_period(academic).code == "2007-09-01/2008-08-31"
