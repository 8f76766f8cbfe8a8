"""A meeting known only by its month (or year): "the September meeting" of seed 000. It is stored
on the 1st of the month, has no time, and everywhere its date is shown it reads "September 2011",
never "1 September 2011": the pages, the documents, the forms, the OParl view (no `start`), and
the calendar feeds, which leave it out."""

import datetime as dt

import icalendar
import pytest
import vobject
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accord.actions.factories import ActionFactory
from accord.common.factories import BodyFactory, ManagerFactory
from accord.meetings import documents, feeds, oparl, selectors, services
from accord.meetings.factories import (
    AgendaItemFactory,
    ForwardPlanItemFactory,
    MeetingFactory,
    MeetingSettingsFactory,
    VenueFactory,
)
from accord.meetings.forms import MeetingCreateForm, MeetingForm
from accord.meetings.models import (
    DatePrecision,
    Meeting,
    MeetingStatus,
    date_iso,
    date_label,
    first_of,
    last_of,
)
from tests.standards.test_oparl import object_errors

P = DatePrecision
S = MeetingStatus
SEPTEMBER = dt.date(2011, 9, 1)


def undated(**fields) -> Meeting:
    """The Chester APB's September 2011 meeting, its day not known."""
    fields = {
        "title": "Chester APB",
        "date": SEPTEMBER,
        "date_precision": P.MONTH,
        "start_time": None,
        "end_time": None,
        "status": S.HELD,
        **fields,
    }
    return MeetingFactory(**fields)


def date_fields(name, day="", month="", year=""):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def texts(doc: documents.Document) -> str:
    """Every paragraph of a document, one a line."""
    out = []
    for block in doc.blocks:
        if isinstance(block, documents.Para):
            out.append(f"{block.lead}{block.text}")
        elif isinstance(block, documents.Grid):
            for row in block.rows:
                for cell in row:
                    out += [f"{p.lead}{p.text}" for p in cell]
    return "\n".join(out)


def main(response) -> str:
    """The page's main content, from the templates (the breadcrumbs above it come from the view)."""
    html = response.content.decode()
    return html[html.index("<main") :]


# --- Words -------------------------------------------------------------------------------------


def test_a_date_reads_no_more_exactly_than_it_is_known():
    day = dt.date(2009, 4, 27)
    assert [date_label(day, P.DAY, style=s) for s in ("", "long", "short")] == [
        "27 April 2009",
        "Monday 27 April 2009",
        "Mon 27 Apr 2009",
    ]
    assert [date_label(SEPTEMBER, P.MONTH, style=s) for s in ("", "long", "short")] == [
        "September 2011",
        "September 2011",
        "Sep 2011",
    ]
    assert {date_label(SEPTEMBER, P.YEAR, style=s) for s in ("", "long", "short")} == {"2011"}
    assert [date_iso(SEPTEMBER, p) for p in (P.DAY, P.MONTH, P.YEAR)] == [
        "2011-09-01",
        "2011-09",
        "2011",
    ]


def test_the_meeting_names_itself_by_what_is_known():
    m = Meeting(title="Chester APB", date=SEPTEMBER, date_precision=P.MONTH)
    assert str(m) == "Chester APB, September 2011"
    assert (m.has_day, m.last_day) == (False, dt.date(2011, 9, 30))
    assert (m.long_date_label, m.short_date_label, m.date_iso) == (
        "September 2011",
        "Sep 2011",
        "2011-09",
    )
    year = Meeting(title="Chester APB", date=dt.date(2011, 1, 1), date_precision=P.YEAR)
    assert (str(year), year.last_day) == ("Chester APB, 2011", dt.date(2011, 12, 31))
    day = Meeting(title="Leads", date=dt.date(2009, 4, 27))
    assert (str(day), day.has_day, day.last_day) == ("Leads, 27 April 2009", True, day.date)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.sampled_from(list(P)))
def test_first_and_last_days_bound_every_day_of_the_month_or_year(day, precision):
    first, last = first_of(day, precision), last_of(day, precision)
    assert first <= day <= last
    # The stored 1st and any day of the month (or year) read the same.
    assert date_label(first, precision) == date_label(day, precision)
    assert first_of(last, precision) == first and last_of(first, precision) == last
    if precision == P.MONTH:
        assert (first.day, (last + dt.timedelta(days=1)).day) == (1, 1)
    if precision == P.DAY:
        assert first == day == last


# --- The model and its constraints ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_time_without_a_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        undated(start_time=dt.time(14, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(date_precision="week")


@pytest.mark.django_db
def test_a_month_only_meeting_is_upcoming_until_its_month_is_over():
    m = undated(status=S.SCHEDULED)
    earlier = MeetingFactory(body=m.body, date=dt.date(2011, 8, 31), status=S.SCHEDULED)
    for on in (dt.date(2011, 9, 1), dt.date(2011, 9, 30)):
        assert list(Meeting.objects.upcoming(on)) == [m]
        assert list(Meeting.objects.past(on)) == [earlier]
    assert list(Meeting.objects.upcoming(dt.date(2011, 10, 1))) == []
    assert list(Meeting.objects.past(dt.date(2011, 10, 1))) == [m, earlier]
    year = undated(body=m.body, date=dt.date(2011, 1, 1), date_precision=P.YEAR)
    assert year in Meeting.objects.on_or_after(dt.date(2011, 12, 31))
    assert year in Meeting.objects.before(dt.date(2012, 1, 1))
    assert set(Meeting.objects.with_day()) == {earlier}


# --- Services ------------------------------------------------------------------------------------


@pytest.fixture
def by(db):
    return ManagerFactory()


@pytest.fixture
def apb(db):
    body = BodyFactory(name="Chester Area Partnership Board", meeting_cycle="monthly")
    # Usually on a Monday, 2.30pm to 4pm, at the same venue.
    MeetingSettingsFactory(body=body, usual_weekday=0, usual_venue=VenueFactory())
    return body


def create(body, by, link_previous=True, **fields):
    return services.meeting_create(
        fields={"body": body, **fields}, by=by, link_previous=link_previous
    )


def test_scheduling_a_month_only_meeting_takes_no_usual_time(apb, by):
    m = create(apb, by, date=SEPTEMBER, date_precision=P.MONTH)
    assert (m.date, m.date_precision, m.start_time, m.end_time) == (SEPTEMBER, P.MONTH, None, None)
    assert m.venue is not None  # the usual venue still stands


def test_a_time_with_a_month_only_date_is_refused(apb, by):
    with pytest.raises(ValidationError) as error:
        create(apb, by, date=SEPTEMBER, date_precision=P.MONTH, start_time=dt.time(14, 30))
    assert "start_time" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(apb, by, date=dt.date(2011, 1, 1), date_precision=P.YEAR, end_time=dt.time(16, 0))
    assert "end_time" in error.value.message_dict


def test_a_month_only_meeting_is_stored_on_the_1st(apb, by):
    with pytest.raises(ValidationError) as error:
        create(apb, by, date=dt.date(2011, 9, 14), date_precision=P.MONTH)
    assert error.value.message_dict["date"] == [
        "A meeting known only by its month is recorded on the 1st of the month."
    ]
    with pytest.raises(ValidationError) as error:
        create(apb, by, date=SEPTEMBER, date_precision=P.YEAR)
    assert "1st of the year" in error.value.message_dict["date"][0]


def test_learning_the_day_bumps_the_calendar_sequence(apb, by):
    m = create(apb, by, date=SEPTEMBER, date_precision=P.MONTH)
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=m, changes={"start_time": dt.time(10, 0)}, expected_version=None, by=by
        )
    m = services.meeting_update(
        meeting=m,
        changes={
            "date": dt.date(2011, 9, 19),
            "date_precision": P.DAY,
            "start_time": dt.time(10, 0),
        },
        expected_version=None,
        by=by,
    )
    assert (m.date_label, m.start_time, m.sequence) == ("19 September 2011", dt.time(10, 0), 1)


def test_agreed_minutes_fix_the_precision_too(apb, by):
    m = undated(body=apb, status=S.MINUTES_AGREED)
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=m,
            changes={"date": dt.date(2011, 9, 19), "date_precision": P.DAY},
            expected_version=None,
            by=by,
        )
    # Sending the date unchanged (as the edit page does) is no change.
    m = services.meeting_update(
        meeting=m,
        changes={"date": SEPTEMBER, "date_precision": P.MONTH, "title": "Chester APB"},
        expected_version=None,
        by=by,
    )
    assert m.date_precision == P.MONTH


def test_the_previous_meeting_is_linked_only_when_the_order_is_known(apb, by):
    september = create(apb, by, date=SEPTEMBER, date_precision=P.MONTH)
    # The new meeting's day is not known: it could come before or after any other.
    october = create(apb, by, date=dt.date(2011, 10, 1), date_precision=P.MONTH)
    september.refresh_from_db()
    assert september.next_meeting is None
    # 20 October could be before or after "October": not linked either.
    create(apb, by, date=dt.date(2011, 10, 20))
    october.refresh_from_db()
    assert october.next_meeting is None
    # A November day is after anything in October.
    november = create(apb, by, date=dt.date(2011, 11, 7))
    assert Meeting.objects.get(date=dt.date(2011, 10, 20)).next_meeting == november


def test_a_next_meeting_must_be_possibly_later(apb, by):
    mid = create(apb, by, date=dt.date(2011, 9, 20))
    september = create(apb, by, date=SEPTEMBER, date_precision=P.MONTH)
    # "September" may be after 20 September, so it may be named as the next meeting ...
    services.meeting_update(
        meeting=mid, changes={"next_meeting": september}, expected_version=None, by=by
    )
    # ... but 1 September cannot come after a meeting in September.
    first = create(apb, by, date=SEPTEMBER, link_previous=False)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=september, changes={"next_meeting": first}, expected_version=None, by=by
        )
    assert "next_meeting" in error.value.message_dict


def test_signing_names_the_month_of_the_agreeing_meeting(apb, by):
    agreeing = undated(body=apb, date=dt.date(2011, 10, 1))
    m = MeetingFactory(
        body=apb, date=dt.date(2011, 7, 4), status=S.MINUTES_AGREED, minutes_agreed_at=agreeing
    )
    with pytest.raises(ValidationError) as error:
        services.minutes_sign(meeting=m, name="John Denny", on=dt.date(2011, 9, 30), by=by)
    assert error.value.message_dict["signed_on"] == [
        "The minutes were agreed in October 2011: sign on or after."
    ]


# --- Selectors -----------------------------------------------------------------------------------


def test_the_next_meeting_is_never_one_without_a_day(apb):
    undated(body=apb, date=dt.date(2011, 10, 1), status=S.SCHEDULED)
    november = MeetingFactory(body=apb, date=dt.date(2011, 11, 7), status=S.SCHEDULED)
    assert selectors.next_meeting_for(apb, after=dt.date(2011, 9, 30)) == november


def test_the_cycle_goes_on_from_the_end_of_a_month_only_meeting(apb):
    undated(body=apb)
    # Monthly, on the usual Monday, from the end of September (it may have been on the 30th),
    # so the last Mondays; were it counted from the 1st they would be 3 October and 7 November.
    assert selectors.next_dates(apb, n=2) == [dt.date(2011, 10, 31), dt.date(2011, 11, 28)]
    # The stored 1st is no real date, so it does not take a day the cycle offers.
    assert dt.date(2011, 10, 3) in selectors.next_dates(apb, after=dt.date(2011, 9, 5), n=1)


def test_a_date_range_holds_the_month_only_meetings_that_may_fall_in_it(apb):
    m = undated(body=apb)
    manager = ManagerFactory()

    def listed(start, end):
        return list(selectors.meeting_list(user=manager, body=apb, start=start, end=end))

    assert listed(dt.date(2011, 9, 15), dt.date(2011, 9, 20)) == [m]
    assert listed(dt.date(2011, 8, 1), dt.date(2011, 9, 1)) == [m]
    assert listed(dt.date(2011, 10, 1), None) == listed(None, dt.date(2011, 8, 31)) == []


def test_matters_arising_name_the_month_they_arose_in(apb):
    item = AgendaItemFactory(meeting=undated(body=apb), number=1)
    ActionFactory(body=apb, origin=item, title="Set up the Priority Action Groups")
    later = MeetingFactory(body=apb, date=dt.date(2012, 1, 16))
    (action,) = selectors.matters_arising(later)
    assert action.arose_label == "September 2011"


# --- Calendar feeds ------------------------------------------------------------------------------


def test_the_feeds_leave_out_a_meeting_without_a_day(client, apb):
    kept = MeetingFactory(body=apb, title="Steering Group", date=dt.date(2011, 9, 19))
    left_out = undated(body=apb)
    for path in ("/meetings/calendar.ics", f"/meetings/calendar/body/{apb.pk}.ics"):
        text = client.get(path).content.decode()
        cal = icalendar.Calendar.from_ical(text)
        assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Steering Group"], path
        assert [v.summary.value for v in vobject.readOne(text).vevent_list] == ["Steering Group"]
        assert str(left_out.uid) not in text and str(kept.uid) in text
    # Even when handed one, the calendar has no day to put it on.
    cal = feeds.build_calendar([left_out, kept], name="x", base_url="http://t", host="t")
    assert len(cal.walk("VEVENT")) == 1


# --- OParl -------------------------------------------------------------------------------------


def test_oparl_claims_no_start_for_a_meeting_without_a_day(client, apb):
    m = undated(body=apb, status=S.MINUTES_AGREED)
    AgendaItemFactory(meeting=m, number=1, title="Priorities for the Chester Area Action Plan")
    response = client.get(f"/api/v1/oparl/meeting/{m.pk}")
    assert response.status_code == 200
    obj = response.json()
    assert "start" not in obj and "end" not in obj
    assert obj["keyword"] == ["day not recorded", "September 2011"]
    assert object_errors(obj) == []
    listed = client.get(f"/api/v1/oparl/body/{oparl.BODY_ID}/meeting").json()["data"]
    assert [o for o in listed if o["id"] == obj["id"]][0].get("start") is None


# --- Documents and pages -----------------------------------------------------------------------


def test_the_documents_give_the_month(apb):
    m = undated(body=apb, status=S.MINUTES_AGREED)
    nxt = undated(body=apb, date=dt.date(2011, 10, 1), status=S.SCHEDULED)
    m.next_meeting = nxt
    m.save()
    page = selectors.meeting_page(m, ManagerFactory())
    pack = documents.agenda_pack(page)
    assert pack.title == "Chester APB: agenda, September 2011"
    assert "Date: September 2011" in texts(pack)
    minutes = documents.minutes(page)
    assert minutes.title == "Chester APB: minutes, September 2011"
    assert "Details of next meeting: October 2011" in texts(minutes)
    assert "1 September" not in texts(pack) + texts(minutes)
    assert documents.render_pdf(pack)[:4] == b"%PDF"


def test_the_pages_give_the_month(client, apb):
    m = undated(body=apb, status=S.HELD)
    earlier = MeetingFactory(body=apb, date=dt.date(2011, 7, 4), status=S.HELD, next_meeting=m)
    ForwardPlanItemFactory(body=apb, meeting=m, title="Priorities")
    client.force_login(ManagerFactory())
    response = client.get(m.get_absolute_url())
    assert "<title>Chester APB, September 2011" in response.content.decode()
    html = main(response)
    assert '<time datetime="2011-09">September 2011</time>' in html
    assert "The records give the month only, not the day." in html
    assert "1 September 2011" not in html and "Thursday" not in html
    listed = client.get(reverse("meetings:list")).content.decode()
    assert '<time datetime="2011-09">Sep 2011</time>' in listed
    assert "September 2011" in main(client.get(earlier.get_absolute_url()))
    plan = main(client.get(reverse("meetings:forward-plan", args=[apb.pk])))
    assert "September 2011" in plan and "1 September 2011" not in plan


def test_the_public_sees_the_month_too(client, apb):
    m = undated(body=apb, status=S.HELD)
    assert selectors.meeting_page(m, AnonymousUser()).meeting == m
    html = main(client.get(m.get_absolute_url()))
    assert "September 2011" in html and "1 September 2011" not in html
    listed = client.get(reverse("meetings:list")).content.decode()
    assert '<time datetime="2011-09">Sep 2011</time>' in listed


# --- Forms ---------------------------------------------------------------------------------------


def edit_data(m, **extra):
    return {"title": m.title, "is_public": "on", "version": m.version, **extra}


def test_changing_a_meeting_to_the_month_only(apb):
    m = MeetingFactory(body=apb, date=dt.date(2011, 9, 19), start_time=None, end_time=None)
    form = MeetingForm(
        edit_data(m, date_precision=P.MONTH, **date_fields("date", "", 9, 2011)), instance=m
    )
    assert form.is_valid(), form.errors
    changes = form.cleaned_changes()
    assert (changes["date"], changes["date_precision"]) == (SEPTEMBER, P.MONTH)
    # A day given with "the month only" is dropped, for the 1st.
    form = MeetingForm(
        edit_data(m, date_precision=P.MONTH, **date_fields("date", 19, 9, 2011)), instance=m
    )
    assert form.is_valid() and form.cleaned_data["date"] == SEPTEMBER
    form = MeetingForm(
        edit_data(m, date_precision=P.YEAR, **date_fields("date", "", "", 2011)), instance=m
    )
    assert form.is_valid() and form.cleaned_data["date"] == dt.date(2011, 1, 1)


def test_the_form_asks_for_what_the_precision_needs(apb):
    m = MeetingFactory(body=apb, date=dt.date(2011, 9, 19))
    # Sent without the precision (as before it existed), the date is a day.
    form = MeetingForm(edit_data(m, **date_fields("date", "", 9, 2011)), instance=m)
    assert not form.is_valid()
    assert form.errors["date"] == [
        "Enter the day of the meeting, or choose that only the month is known"
    ]
    form = MeetingForm(
        edit_data(m, date_precision=P.MONTH, **date_fields("date", "", "", 2011)), instance=m
    )
    assert form.errors["date"] == [
        "Enter the month of the meeting, or choose that only the year is known"
    ]
    form = MeetingForm(
        edit_data(m, date_precision=P.MONTH, **date_fields("date", 3, "", 2011)), instance=m
    )
    assert form.errors["date"] == ["The date must include a month"]
    form = MeetingForm(
        edit_data(
            m, date_precision=P.MONTH, start_time="14:30", **date_fields("date", "", 9, 2011)
        ),
        instance=m,
    )
    assert form.errors["start_time"] == [
        "Leave the time blank: the day of the meeting is not known"
    ]


def test_the_form_shows_a_month_only_date_with_the_day_blank(apb):
    form = MeetingForm(instance=undated(body=apb))
    html = form.as_p()
    assert 'name="date_0" value' not in html
    assert 'name="date_1" value="9"' in html and 'name="date_2" value="2011"' in html
    assert form["date_precision"].value() == P.MONTH


def test_scheduling_a_month_only_meeting_through_the_form(client, apb):
    offered = selectors.next_dates(apb)
    form = MeetingCreateForm(
        {"date_choice": offered[0].isoformat(), "date_precision": P.MONTH, "is_public": "on"},
        body=apb,
        offered=offered,
    )
    assert form.errors["date_precision"] == [
        "The dates offered are days: choose the day, or enter another date"
    ]
    client.force_login(ManagerFactory())
    response = client.post(
        reverse("meetings:create", args=[apb.pk]),
        {
            "date_choice": "other",
            "date_precision": P.MONTH,
            "is_public": "on",
            **date_fields("other_date", "", 9, 2011),
        },
    )
    assert response.status_code == 302
    m = Meeting.objects.get(body=apb)
    assert (m.date, m.date_precision, m.start_time) == (SEPTEMBER, P.MONTH, None)
