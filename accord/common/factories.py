"""factory_boy factories for every domain model, shared by all tests."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.accounts.models import ApiToken, User
from accord.areas.models import Area, AreaKind
from accord.bodies.models import Body, BodyKind, Post
from accord.memberships.models import Membership, Role
from accord.organisations.models import Organisation, OrganisationKind, Sector
from accord.people.models import Employment, Person


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
