"""The example partnership loads whole, once, and says where every fact comes from."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from accord.accounts.models import User
from accord.actions.models import Action
from accord.areas.models import Area, AreaKind
from accord.bodies.models import Body, BodyKind, Post
from accord.common.example import (
    DEMO_PASSWORD,
    ExampleAlreadyLoaded,
    demo_sign_ins,
    ensure_demo_users,
    load_example,
)
from accord.common.example import loader as example_loader
from accord.common.example.demo_users import secretary_bodies
from accord.meetings.models import AgendaItem, Attendance, Decision, ForwardPlanItem, Meeting, Venue
from accord.memberships.models import Membership, Role
from accord.milestones.models import Milestone, Programme
from accord.organisations.models import Organisation
from accord.papers.models import Paper
from accord.people.models import Employment, Person
from accord.strategies.models import Commitment, Priority, Responsibility, Strategy

END_2009 = dt.date(2009, 3, 31)
LSP_NAME = "Cheshire West and Chester Local Strategic Partnership"
DOMAIN_MODELS = [Area, Organisation, Person, Employment, Body, Post, Membership]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="class")
def _example_once(django_db_setup, django_db_blocker):
    """Load the example once for the tests of TestLoadedExample, inside a transaction that
    is rolled back afterwards (as Django's setUpTestData does); each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_example(performance=False)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def example(_example_once, db):
    return _example_once


def _lsp() -> Body:
    return Body.objects.get(name=LSP_NAME)


@pytest.mark.django_db
def test_loads_on_an_empty_database_and_reports_counts():
    assert not Body.objects.exists()
    counts = load_example(performance=False)
    assert counts == {
        "areas": Area.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "employments": Employment.objects.count(),
        "bodies": Body.objects.count(),
        "posts": Post.objects.count(),
        "memberships": Membership.objects.count(),
        "strategies": Strategy.objects.count(),
        "commitments": Commitment.objects.count(),
        "responsibilities": Responsibility.objects.count(),
        "priorities": Priority.objects.count(),
        "programmes": Programme.objects.count(),
        "milestones": Milestone.objects.count(),
        "venues": Venue.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda_items": AgendaItem.objects.count(),
        "attendance": Attendance.objects.count(),
        "decisions": Decision.objects.count(),
        "actions": Action.objects.count(),
        "forward_plan_items": ForwardPlanItem.objects.count(),
        "papers": Paper.objects.count(),
    }
    assert all(n > 0 for n in counts.values())


@pytest.mark.django_db
def test_loading_is_atomic(monkeypatch):
    real = example_loader.membership_create
    calls = {"n": 0}

    def fail_on_the_fifth(**kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("simulated failure half way through")
        return real(**kwargs)

    monkeypatch.setattr(example_loader, "membership_create", fail_on_the_fifth)
    with pytest.raises(RuntimeError):
        load_example(performance=False)
    for model in DOMAIN_MODELS:
        assert model.objects.count() == 0, model


@pytest.mark.django_db
def test_command_loads_once_then_does_nothing():
    first = StringIO()
    call_command("load_example", stdout=first)
    assert "bodies" in first.getvalue()
    before = {m: m.objects.count() for m in DOMAIN_MODELS}
    second = StringIO()
    call_command("load_example", stdout=second)
    assert "already loaded" in second.getvalue()
    assert {m: m.objects.count() for m in DOMAIN_MODELS} == before


@pytest.mark.django_db
def test_demo_users_before_the_example_are_linked_later():
    rows = ensure_demo_users()
    assert {r.person for r in rows} == {"(not linked)"}
    load_example(performance=False)
    rows = ensure_demo_users()
    assert "(not linked)" not in {r.person for r in rows}


@pytest.mark.django_db
class TestLoadedExample:
    """Tests that read (and may change, inside their own savepoint) the loaded example."""

    def test_loader_refuses_a_second_load(self, example):
        with pytest.raises(ExampleAlreadyLoaded):
            load_example()

    def test_every_record_names_its_source(self, example):
        for model in DOMAIN_MODELS:
            assert not model.objects.filter(source="").exists(), model
            assert not model.objects.filter(source__isnull=True).exists(), model
            assert not model.objects.filter(source__contains="{").exists(), model

    def test_the_lsp_is_west_cheshire_together_from_april_2009(self, example):
        lsp = _lsp()
        assert lsp.short_name == "West Cheshire Together"
        assert lsp.kind == BodyKind.LSP_BOARD
        assert lsp.established_on == dt.date(2009, 4, 1)
        assert lsp.meeting_cycle == "quarterly"
        assert lsp.area.gss_code == "E06000050"

    def test_western_district_lsps_and_the_county_partnership_end_with_the_lsp_as_successor(
        self, example
    ):
        lsp = _lsp()
        districts = Body.objects.filter(kind=BodyKind.DISTRICT_LSP)
        assert districts.count() == 6
        assert all(d.ended_on == END_2009 for d in districts)
        western = ["Chester", "Ellesmere Port and Neston", "Vale Royal"]
        for name in western:
            body = Body.objects.get(name=f"{name} Local Strategic Partnership")
            assert body.ended_on == END_2009
            assert list(body.successors.all()) == [lsp]
        for body in districts.exclude(
            name__in=[f"{n} Local Strategic Partnership" for n in western]
        ):
            assert not body.successors.exists()
        ccp = Body.objects.get(name="Communities of Cheshire Partnership")
        assert ccp.ended_on == END_2009
        assert list(ccp.successors.all()) == [lsp]
        assert set(ccp.children.values_list("ended_on", flat=True)) == {END_2009}

    def test_structure_as_of_dates(self, example):
        before = set(Body.objects.as_of(dt.date(2009, 3, 1)).values_list("name", flat=True))
        after = set(Body.objects.as_of(dt.date(2009, 6, 1)).values_list("name", flat=True))
        assert "Communities of Cheshire Partnership" in before
        assert LSP_NAME not in before
        assert LSP_NAME in after
        assert "Vale Royal Local Strategic Partnership" not in after

    def test_thematic_leads_group_has_the_27_april_2009_meeting(self, example):
        tl = Body.objects.get(name="LSP Thematic Leads Group")
        assert tl.parent == _lsp()
        members = Membership.objects.filter(body=tl)
        assert members.count() == 16
        assert members.filter(role=Role.CHAIR).get().person.name == "Steve Robinson"
        assert members.filter(role=Role.MEMBER).count() == 12  # 10 attending + 2 apologies
        assert set(
            members.filter(role=Role.SUPPORT_STAFF).values_list("person__name", flat=True)
        ) == {"Alistair Jeffs", "Alison Armstrong", "Robbie Taylor"}
        assert {"Helen Bellairs", "Mark Wilson"} <= set(
            members.values_list("person__name", flat=True)
        )
        assert not members.filter(start_date__isnull=False).exists()
        assert all("27 April 2009" in m.source for m in members)
        jackson = members.get(person__name="Tim Jackson")
        assert jackson.on_behalf_of.name == "Cheshire Constabulary"

    def test_at_most_one_chair_per_body(self, example):
        for body in Body.objects.all():
            assert body.memberships.filter(role=Role.CHAIR).count() <= 1, body
        bec = Body.objects.get(name="Business, Enterprise and Culture Partnership")
        assert bec.memberships.get(role=Role.CHAIR).person.name == "Sara Mogel"
        assert bec.memberships.get(role=Role.VICE_CHAIR).person.name == "Mark Wilson"
        assert "Mogul" in bec.memberships.get(role=Role.CHAIR).source
        chester = Body.objects.get(name="Chester Area Partnership Board")
        assert chester.memberships.get(role=Role.CHAIR).person.name == "John Denny"

    def test_chester_apb_steering_group_has_three_priority_action_groups(self, example):
        chester = Body.objects.get(name="Chester Area Partnership Board")
        steering = chester.children.get(kind=BodyKind.STEERING)
        assert steering.meeting_cycle == "six_to_eight_weeks"
        groups = steering.children.filter(kind=BodyKind.PRIORITY_ACTION)
        assert groups.count() == 3
        assert set(groups.values_list("meeting_cycle", flat=True)) == {"exceptions"}

    def test_five_independently_chaired_apbs_with_their_areas(self, example):
        apbs = Body.objects.filter(kind=BodyKind.APB)
        assert apbs.count() == 5
        for apb in apbs:
            assert apb.parent == _lsp()
            assert apb.chair_arrangements == "Independent chair"
            assert apb.area.kind == AreaKind.APB_AREA
            assert apb.area.gss_code == ""
            assert not apb.area.children.exists()  # no wards: the seeds give no boundaries

    def test_borough_has_real_gss_code_and_wards(self, example):
        borough = Area.objects.get(kind=AreaKind.BOROUGH)
        assert borough.gss_code == "E06000050"
        assert borough.name == "Cheshire West and Chester"
        wards = borough.children.filter(kind=AreaKind.WARD)
        assert wards.count() == 45
        assert all(
            re.fullmatch(r"E050\d{5}", code) for code in wards.values_list("gss_code", flat=True)
        )
        assert wards.get(name="Blacon").gss_code == "E05012209"
        assert Area.objects.exclude(gss_code="").values("gss_code").distinct().count() == 46

    def test_lsp_membership_list_is_posts_not_people(self, example):
        posts = Post.objects.filter(body=_lsp())
        assert posts.count() == 16
        co_opted = posts.filter(is_co_opted=True)
        assert set(co_opted.values_list("organisation__short_name", flat=True)) == {"GONW", "NWDA"}
        assert not Membership.objects.filter(body=_lsp()).exists()
        assert posts.get(label="Area Commander of Police").organisation is None

    def test_seed_contact_details_only_where_given(self, example):
        armstrong = Person.objects.get(name="Alison Armstrong")
        assert armstrong.phone == "01244 603336"
        assert armstrong.email == "alison.armstrong@cheshire.gov.uk"
        assert Person.objects.get(name="Alistair Jeffs").email == "alistair.jeffs@cheshire.gov.uk"
        with_email = set(Person.objects.exclude(email="").values_list("name", flat=True))
        assert with_email == {"Alison Armstrong", "Alistair Jeffs", "Mike Lewis", "Andrea Mageean"}
        council = Organisation.objects.get(name="Cheshire West and Chester Council")
        assert council.gss_code == "E06000050"
        robinson = Employment.objects.get(person__name="Steve Robinson")
        assert (robinson.organisation, robinson.job_title) == (council, "Chief Executive")

    def test_demo_users_exist_and_can_sign_in(self, example, client):
        rows = ensure_demo_users()
        assert [r.username for r in rows] == ["manager", "secretary", "member", "lead"]
        assert all(r.password == DEMO_PASSWORD for r in rows)
        manager = User.objects.get(username="manager")
        assert manager.is_manager and manager.person.name == "Alistair Jeffs"
        lead = User.objects.get(username="lead")
        assert lead.is_lead_officer and lead.person.name == "Tim Jackson"
        secretary = User.objects.get(username="secretary")
        assert "LSP Thematic Leads Group" in secretary_bodies(secretary)
        member = User.objects.get(username="member")
        assert Membership.objects.current().filter(person=member.person).exists()
        for row in rows:
            assert client.login(username=row.username, password=DEMO_PASSWORD), row.username
            client.logout()

    def test_demo_users_command_is_idempotent(self, example):
        out = StringIO()
        call_command("create_demo_users", stdout=out)
        call_command("create_demo_users", stdout=out)
        assert User.objects.count() == 4
        assert out.getvalue().count("accord-demo-2026") == 8
        assert len(demo_sign_ins()) == 4


@pytest.mark.django_db
def test_demo_password_can_come_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("ACCORD_DEMO_PASSWORD", "another-long-demo-pass")
    rows = ensure_demo_users()
    assert {r.password for r in rows} == {"another-long-demo-pass"}
    assert client.login(username="member", password="another-long-demo-pass")


# --- The strategy and timetables (seeds 000, 001, 003) -------------------------------------------

SCS_TITLE = "Together we Can Aim High"
THEMATIC = {
    "safer": "Safer Communities Partnership",
    "stronger": "Stronger Communities Partnership",
    "health": "Health and Wellbeing Partnership",
    "bec": "Business, Enterprise and Culture Partnership",
    "ct": "Children's Trust",
    "env": "Environment and Sustainability Partnership",
}
# Seed 003, appendix 1: each commitment's lead, and how many contributing partnerships.
APPENDIX_1 = {
    "1": ("stronger", 4),
    "2": ("stronger", 3),
    "3": ("safer", 2),
    "4": ("safer", 2),
    "5": ("env", 4),
    "6": ("stronger", 3),
    "7": ("health", 4),
    "8": ("ct", 4),
    "9": ("health", 2),
    "10": ("env", 2),
    "11": ("bec", 2),
    "12": ("bec", 4),
    "13": ("bec", 3),
    "14": ("ct", 2),
    "15": ("env", 1),
}


class TestExampleStrategy:
    def test_the_scs_approved_and_adopted_on_25_february_2010(self, example):
        scs = Strategy.objects.get(title=SCS_TITLE)
        assert scs.kind == "scs" and scs.status == "adopted"
        assert scs.adopted_on == dt.date(2010, 2, 25)
        assert scs.adopted_by.name == LSP_NAME and scs.owning_body.name == LSP_NAME
        assert scs.period_label == "2010–2025"
        assert "15 years" in scs.source

    def test_fifteen_commitments_each_with_one_lead_as_in_appendix_1(self, example):
        scs = Strategy.objects.get(title=SCS_TITLE)
        commitments = list(scs.commitments.order_by("position"))
        assert [c.number for c in commitments] == [str(n) for n in range(1, 16)]
        assert commitments[0].title == (
            "Recognising, celebrating and engaging with our diverse communities"
        )
        for c in commitments:
            roles = list(c.responsibilities.live().select_related("body"))
            leads = [r.body.name for r in roles if r.role == "lead"]
            lead, contributors = APPENDIX_1[c.number]
            assert leads == [THEMATIC[lead]], c.number
            assert sum(r.role == "contributing" for r in roles) == contributors, c.number
            assert {r.body.name for r in roles} <= set(THEMATIC.values())
        assert Responsibility.objects.live().count() == 15 + sum(n for _, n in APPENDIX_1.values())

    def test_six_priorities_for_2011_14_linked_to_nothing_the_seed_does_not_link(self, example):
        plan = Strategy.objects.get(kind="delivery_plan")
        assert plan.status == "draft" and plan.delivers.title == SCS_TITLE
        priorities = list(plan.priorities.order_by("position"))
        assert len(priorities) == 6
        assert priorities[0].title.startswith("Support businesses in order to increase")
        assert priorities[5].title == (
            "Work with older people to raise awareness of their needs and aspirations."
        )
        assert not any(p.commitments.exists() for p in priorities)

    def test_the_laa_and_its_2009_refresh(self, example):
        laa = Strategy.objects.get(kind="laa", revises__isnull=False)
        assert laa.revises.period_label == "2008–2011"
        assert laa.period_label == "2009–2011"
        assert laa.delivers.title == SCS_TITLE

    def test_chester_area_action_plan_with_three_priorities_and_their_action_groups(self, example):
        plan = Strategy.objects.get(kind="area_action_plan")
        assert plan.owning_body.name == "Chester Area Partnership Board"
        assert plan.area.name == "Chester"
        priorities = list(plan.priorities.order_by("position").select_related("action_group"))
        assert [p.action_group.name for p in priorities] == [
            "Chester Priority Action Group: Health and Well-being",
            "Chester Priority Action Group: Economic Growth",
            "Chester Priority Action Group: Environment and Neighbourhoods",
        ]
        assert all(p.area == plan.area for p in priorities)
        steering = Body.objects.get(name="Chester APB Steering Group")
        assert all(p.action_group.parent == steering for p in priorities)

    def test_timetables_and_their_milestones(self, example):
        counts = {
            p.title: p.milestones.count() for p in Programme.objects.prefetch_related("milestones")
        }
        assert counts == {
            "LAA 2009 review and refresh timetable": 7,
            "Sustainable Community Strategy timescale 2009": 3,
            "SCS delivery plan 2011–14": 5,
        }
        laa = Programme.objects.get(title__startswith="LAA 2009")
        first, *_, last = laa.milestones.order_by("position")
        assert first.owner_organisation.short_name == "GONW" and first.precision == "month"
        assert first.due_on == dt.date(2009, 1, 31)  # 'January'
        assert last.due_on == dt.date(2009, 3, 26)
        assert laa.milestones.get(due_on=dt.date(2009, 1, 30)).owner_body.name == (
            "Communities of Cheshire Partnership"
        )
        assert last.title.startswith("Formal adoption process completed")
        step4 = Milestone.objects.get(title__startswith="Step 4")
        assert (step4.starts_on, step4.due_on) == (dt.date(2011, 4, 1), dt.date(2011, 4, 30))
        assert set(Milestone.objects.values_list("status", flat=True)) == {"unrecorded"}
        assert not Milestone.objects.overdue().exists()
        assert all("not what happened" in p.description for p in Programme.objects.all())

    def test_every_strategy_record_names_its_source(self, example):
        for model in (Strategy, Commitment, Priority, Programme, Milestone):
            assert not model.objects.filter(source="").exists(), model
            assert all(
                s.startswith("Seed 00") for s in model.objects.values_list("source", flat=True)
            ), model
