"""How a milestone's date reads, for each way a paper gives it, and what it covers."""

import datetime as dt

import pytest

from accord.milestones.models import DatePrecision, Milestone, date_label

D = dt.date


@pytest.mark.parametrize(
    ("precision", "starts_on", "due_on", "words"),
    [
        # seed 001, LAA 2009 timetable
        (DatePrecision.MONTH, None, D(2009, 1, 31), "January 2009"),
        (DatePrecision.DAY, None, D(2009, 1, 30), "30 January 2009"),
        (DatePrecision.DAY, None, D(2009, 3, 26), "26 March 2009"),
        # seed 001, SCS timescale and the LSP timetable
        (DatePrecision.BY_DAY, None, D(2009, 4, 30), "by 30 April 2009"),
        (DatePrecision.BY_DAY, None, D(2009, 1, 31), "by 31 January 2009"),
        (DatePrecision.MID_MONTH, None, D(2009, 2, 15), "mid-February 2009"),
        # seed 003, steps 1–4
        (DatePrecision.SPAN, D(2010, 8, 1), D(2010, 10, 31), "August to October 2010"),
        (DatePrecision.SPAN, D(2010, 11, 1), D(2010, 12, 31), "November to December 2010"),
        (DatePrecision.SPAN, D(2011, 1, 1), D(2011, 3, 31), "January to March 2011"),
        (DatePrecision.MONTH, None, D(2011, 4, 30), "April 2011"),
        # spans that are not whole months, or cross a year
        (DatePrecision.SPAN, D(2010, 11, 1), D(2011, 2, 28), "November 2010 to February 2011"),
        (DatePrecision.SPAN, D(2010, 3, 1), D(2010, 3, 15), "1 to 15 March 2010"),
        (DatePrecision.SPAN, D(2010, 10, 28), D(2010, 11, 3), "28 October to 3 November 2010"),
        (DatePrecision.SPAN, D(2010, 12, 28), D(2011, 1, 3), "28 December 2010 to 3 January 2011"),
        (DatePrecision.SPAN, D(2010, 3, 1), D(2010, 3, 31), "March 2010"),
        # a span with no start reads as its day
        (DatePrecision.SPAN, None, D(2010, 3, 31), "31 March 2010"),
    ],
)
def test_date_label_reads_as_the_paper_gives_it(precision, starts_on, due_on, words):
    assert date_label(precision, due_on, starts_on) == words
    m = Milestone(precision=precision, starts_on=starts_on, due_on=due_on)
    assert m.date_label == words


def test_first_day_covers_a_month_or_a_span():
    assert Milestone(precision="month", due_on=D(2009, 3, 31)).first_day == D(2009, 3, 1)
    span = Milestone(precision="span", starts_on=D(2010, 8, 1), due_on=D(2010, 10, 31))
    assert span.first_day == D(2010, 8, 1) and span.is_span
    single = Milestone(precision="by_day", due_on=D(2009, 4, 30))
    assert single.first_day == D(2009, 4, 30) and not single.is_span


def test_overdue_on_a_day_follows_the_rule():
    m = Milestone(precision="day", due_on=D(2009, 3, 26), status="planned")
    assert not m.is_overdue_on(D(2009, 3, 26))
    assert m.is_overdue_on(D(2009, 3, 27))
    m.status = "done"
    assert not m.is_overdue_on(D(2009, 3, 27))
