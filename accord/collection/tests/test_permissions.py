"""Who may do what with a return, through the one `has_perm`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.collection.factories import ReturnFactory
from accord.collection.selectors import visible_returns
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

VIEW, SUBMIT = "collection.view_return", "collection.submit_return"
DECIDE = ("collection.approve_return", "collection.send_back_return")


@pytest.fixture
def ret():
    owner = BodyFactory(name="Safer Communities Partnership")
    lead = PersonFactory()
    indicator = IndicatorFactory(owning_body=owner, lead_officer=lead, frequency="quarterly")
    return ReturnFactory(indicator=indicator, lead_officer=lead)


def test_the_lead_officer_views_and_submits_their_own(ret):
    lead = UserFactory(person=ret.lead_officer)
    assert lead.has_perm(VIEW, ret) and lead.has_perm(SUBMIT, ret)
    assert not any(lead.has_perm(p, ret) for p in DECIDE)
    other = ReturnFactory()
    assert not lead.has_perm(VIEW, other) and not lead.has_perm(SUBMIT, other)
    assert list(visible_returns(lead)) == [ret]


def test_members_of_the_owning_body_view_but_do_not_submit(ret):
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=ret.indicator.owning_body)
    assert member.has_perm(VIEW, ret) and not member.has_perm(SUBMIT, ret)
    outsider = UserFactory(person=PersonFactory())
    MembershipFactory(person=outsider.person, body=BodyFactory())
    assert not outsider.has_perm(VIEW, ret)
    assert list(visible_returns(member)) == [ret] and not visible_returns(outsider).exists()


def test_managers_decide_and_the_public_sees_nothing(ret):
    manager = ManagerFactory()
    assert all(manager.has_perm(p, ret) for p in (VIEW, SUBMIT, *DECIDE))
    assert manager.has_perm("collection.add_collectionround")
    anon = AnonymousUser()
    assert not anon.has_perm(VIEW, ret)
    assert not visible_returns(anon).exists()
    plain = UserFactory()  # signed in, but no person
    assert not plain.has_perm(VIEW, ret) and not plain.has_perm(SUBMIT, ret)


def test_a_return_with_no_lead_officer_is_nobody_s_to_submit(ret):
    ret.lead_officer = None
    ret.save()
    assert not UserFactory(person=PersonFactory()).has_perm(SUBMIT, ret)
