"""Reminder e-mails before and after the deadline, once each, and the command that sends them."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accord.collection import services
from accord.collection.models import Reminder
from accord.collection.reminders import reminders_send
from accord.common.factories import PersonFactory
from accord.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def rnd(partnership):
    p = partnership
    return services.round_open(
        fields={
            "title": "Quarter 3 2009/10",
            "period": "2009/10 Q3",
            "opens_on": D(2010, 1, 4),
            "deadline": D(2010, 1, 15),
            "remind_days_before": 5,
            "remind_days_after": 1,
        },
        by=p.manager,
    )


def test_before_the_deadline_each_lead_gets_one_email_naming_each_return(
    partnership, rnd, settings
):
    settings.ACCORD_SITE_URL = "https://accord.example.org"
    assert reminders_send(today=D(2010, 1, 9)).sent == []  # six days before: too early
    run = reminders_send(today=D(2010, 1, 10))
    assert len(run.sent) == 1 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tim.jackson@example.org"]
    assert message.subject == "Reminder: 2 returns due by 15 January 2010 (Quarter 3 2009/10)"
    assert "- NI 152 Working age people on out of work benefits" in message.body
    assert "- SC 7 Serious acquisitive crime rate" in message.body
    assert "https://accord.example.org/returns/" in message.body
    # Idempotent: running again the same day, or the next, sends nothing more.
    assert reminders_send(today=D(2010, 1, 10)).sent == []
    assert reminders_send(today=D(2010, 1, 14)).sent == []
    assert len(mail.outbox) == 1


def test_after_the_deadline_only_what_is_still_owed(partnership, rnd):
    p = partnership
    ret = rnd.returns.get(indicator=p.claimants)
    services.return_submit(ret=ret, value=3.5, expected_version=None, by=p.lead)
    assert reminders_send(today=D(2010, 1, 15)).sent[0].kind == "before"
    assert reminders_send(today=D(2010, 1, 16)).sent[0].kind == "after"
    message = mail.outbox[-1]
    assert message.subject == "Overdue: 1 return was due on 15 January 2010 (Quarter 3 2009/10)"
    assert "SC 7" in message.body and "NI 152" not in message.body
    assert Reminder.objects.count() == 2
    assert reminders_send(today=D(2010, 2, 1)).sent == []


def test_nothing_when_all_is_in_or_the_round_is_closed(partnership, rnd):
    p = partnership
    for ret in rnd.returns.all():
        services.return_submit(ret=ret, value=3.5, expected_version=None, by=p.lead)
    assert reminders_send(today=D(2010, 1, 12)).sent == []
    services.round_close(collection_round=rnd, expected_version=None, by=p.manager)
    assert reminders_send(today=D(2010, 1, 20)).sent == []
    assert mail.outbox == []


def test_people_without_email_are_reported(partnership, rnd):
    nobody = PersonFactory(email="")
    ind = IndicatorFactory(code="SC 8", frequency="quarterly", lead_officer=nobody)
    rnd.returns.create(indicator=ind, area=partnership.borough, lead_officer=nobody)
    run = reminders_send(today=D(2010, 1, 12))
    assert run.no_email == [nobody] and len(run.sent) == 1


def test_command(partnership, rnd):
    out = StringIO()
    call_command("send_reminders", "--today", "2010-01-12", stdout=out)
    assert "1 reminder(s) sent for 12 January 2010" in out.getvalue()
    assert "tim.jackson@example.org" in out.getvalue()
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_reminders", "--today", "12/01/2010")
