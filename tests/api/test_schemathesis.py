"""schemathesis runs the OpenAPI document against the app (in process, through WSGI): for every
operation, generated valid and invalid requests, as a partnership manager. No response may be a
server error, and every response must match what the document promises (status code, content
type, headers, body schema).

Writes happen inside the test's transaction, so both SQLite and PostgreSQL end clean."""

import datetime as dt

import pytest
import schemathesis
from django.contrib.contenttypes.models import ContentType
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.accounts.services import token_create
from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    CommitmentFactory,
    EmploymentFactory,
    ManagerFactory,
    MembershipFactory,
    MilestoneFactory,
    PostFactory,
    PriorityFactory,
    ProgrammeFactory,
    ResponsibilityFactory,
    StrategyFactory,
)
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
)
from accord.meetings.models import AgendaItem
from accord.papers.factories import PaperFactory, PaperFileFactory
from config.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Reading the document needs no database, so it can be loaded when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def same_connection():
    """Keep the test's database connection open across requests, as Django's test client does:
    otherwise the WSGI handler closes it after each request, and on PostgreSQL the test's
    transaction goes with it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager_token(db, settings, same_connection, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded paper files go to a temporary directory, not the site's media.
    settings.MEDIA_ROOT = tmp_path / "media"
    # A small framework, so that the low ids schemathesis tries often exist.
    borough = AreaFactory(kind="borough", gss_code="E06000050")
    lsp = BodyFactory(name="West Cheshire Together", kind="lsp_board", area=borough)
    old = BodyFactory(
        name="Chester LSP", established_on=dt.date(2003, 1, 1), ended_on=dt.date(2009, 3, 31)
    )
    old.successors.add(lsp)
    for _ in range(3):
        m = MembershipFactory(body=BodyFactory(parent=lsp, area=AreaFactory(parent=borough)))
        EmploymentFactory(person=m.person, organisation=m.on_behalf_of)
        PostFactory(body=m.body)
    BodyFactory(is_published=False)
    # A strategy with a small matrix, a priority and a timetable.
    scs = StrategyFactory(owning_body=lsp)
    StrategyFactory(kind="laa", delivers=scs, is_published=False)
    for n in range(3):
        c = CommitmentFactory(strategy=scs)
        ResponsibilityFactory(commitment=c, body=lsp, role="lead")
        if n:
            ResponsibilityFactory(commitment=c, body=old)
    PriorityFactory(strategy=scs).commitments.add(c)
    MilestoneFactory(programme=ProgrammeFactory(strategy=scs, owning_body=lsp), owner_body=lsp)
    MilestoneFactory()
    # Indicators (one replaced by another) and periods.
    ni = IndicatorFactory(code="NI 154", scheme="ni_2008", owning_body=lsp, outcomes=[c])
    IndicatorFactory(status="replaced", replaced_by=ni, status_on=dt.date(2011, 3, 31))
    for text in ("2008/09", "2009/10 Q3", "2001 - 03"):
        PeriodFactory(text=text)
    make_meetings(lsp)
    return token_create(user=ManagerFactory())


def make_meetings(lsp) -> None:
    """Meetings at each stage of their life, with agendas, papers and their files, attendance,
    decisions and actions (illustrative test records)."""
    item_type = ContentType.objects.get_for_model(AgendaItem)
    day = dt.date(2009, 4, 27)
    for n, status in enumerate(
        ("scheduled", "agenda_published", "held", "minutes_draft", "minutes_agreed", "cancelled")
    ):
        meeting = MeetingFactory(
            body=lsp,
            date=day + dt.timedelta(weeks=n),
            status=status,
            cancelled_reason="No quorum" if status == "cancelled" else "",
        )
        paper = PaperFactory(body=lsp, is_public=bool(n % 2))
        PaperFileFactory(paper=paper)
        for number in (1, 2):
            item = AgendaItemFactory(
                meeting=meeting, number=number, is_restricted=number == 2, papers=[paper]
            )
            if status in ("minutes_draft", "minutes_agreed"):
                DecisionFactory(item=item)
            action = ActionFactory(body=lsp, origin_type=item_type, origin_id=item.pk)
            ActionNoteFactory(action=action)
        AttendanceFactory(meeting=meeting)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, manager_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {manager_token}"}, checks=CHECKS)
