"""factory_boy factories for every domain model, shared by all tests."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.accounts.models import ApiToken, User
from accord.areas.models import Area, AreaKind
from accord.bodies.models import Body, BodyKind, Post
from accord.memberships.models import Membership, Role
from accord.milestones.models import Milestone, Programme
from accord.organisations.models import Organisation, OrganisationKind, Sector
from accord.people.models import Employment, Person
from accord.strategies.models import (
    Commitment,
    Priority,
    Responsibility,
    ResponsibilityRole,
    Strategy,
    StrategyKind,
)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Test area {n}")
    kind = AreaKind.WARD


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test organisation {n}")
    sector = Sector.PUBLIC
    kind = OrganisationKind.COUNCIL


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Test Person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class EmploymentFactory(DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Officer"


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Test body {n}")
    kind = BodyKind.THEMATIC
    established_on = dt.date(2009, 4, 1)


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    body = factory.SubFactory(BodyFactory)
    label = factory.Sequence(lambda n: f"Seat {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Role.MEMBER
    on_behalf_of = factory.SubFactory(OrganisationFactory)
    start_date = dt.date(2009, 4, 1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ManagerFactory(UserFactory):
    is_manager = True


class ApiTokenFactory(DjangoModelFactory):
    """A token row; tests that need the raw key use accounts.services.token_create instead."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    key_hash = factory.Sequence(lambda n: f"{n:064x}")
    prefix = factory.Sequence(lambda n: f"acc_{n:04d}")


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    kind = StrategyKind.SCS
    title = factory.Sequence(lambda n: f"Test strategy {n}")
    period_start = dt.date(2010, 4, 1)
    period_end = dt.date(2025, 3, 31)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Test commitment {n}")
    position = factory.Sequence(lambda n: n)


class ResponsibilityFactory(DjangoModelFactory):
    class Meta:
        model = Responsibility

    commitment = factory.SubFactory(CommitmentFactory)
    body = factory.SubFactory(BodyFactory)
    role = ResponsibilityRole.CONTRIBUTING


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    title = factory.Sequence(lambda n: f"Test priority {n}")
    valid_from = dt.date(2011, 4, 1)
    valid_to = dt.date(2014, 3, 31)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Test timetable {n}")


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Test milestone {n}")
    due_on = dt.date(2009, 3, 26)
