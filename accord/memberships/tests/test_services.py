"""Services enforce the rules, keep history, and refuse stale edits without writing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.bodies.services import body_create, body_end, body_update
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from accord.common.services import StaleEditError
from accord.memberships.models import Membership, Role
from accord.memberships.services import (
    membership_archive,
    membership_create,
    membership_update,
)

pytestmark = pytest.mark.django_db
D = dt.date


def fields(**kw):
    base = {
        "person": PersonFactory(),
        "body": BodyFactory(established_on=D(2009, 4, 1)),
        "role": Role.MEMBER,
        "start_date": D(2009, 4, 1),
        "on_behalf_of": OrganisationFactory(),
    }
    base.update(kw)
    return base


def test_create_records_who_and_history():
    manager = ManagerFactory()
    m = membership_create(fields=fields(), by=manager)
    assert m.created_by == manager
    entry = m.history.get()
    assert entry.history_user == manager and entry.history_type == "+"


def test_second_current_chair_is_refused_with_a_named_field():
    body = BodyFactory(established_on=D(2009, 4, 1))
    membership_create(fields=fields(body=body, role=Role.CHAIR), by=None)
    with pytest.raises(ValidationError) as err:
        membership_create(fields=fields(body=body, role=Role.CHAIR), by=None)
    assert "role" in err.value.message_dict
    assert "already has a chair" in err.value.message_dict["role"][0]
    assert Membership.objects.filter(body=body).count() == 1


def test_co_chairs_allowed_when_terms_say_so():
    body = BodyFactory(established_on=D(2009, 4, 1), allows_co_chairs=True)
    membership_create(fields=fields(body=body, role=Role.CHAIR), by=None)
    membership_create(fields=fields(body=body, role=Role.CHAIR), by=None)
    assert Membership.objects.chairs().filter(body=body).count() == 2


def test_chair_after_previous_chair_ended_is_allowed():
    body = BodyFactory(established_on=D(2009, 4, 1))
    membership_create(fields=fields(body=body, role=Role.CHAIR, end_date=D(2010, 3, 31)), by=None)
    membership_create(fields=fields(body=body, role=Role.CHAIR, start_date=D(2010, 4, 1)), by=None)


def test_membership_cannot_start_before_its_body():
    with pytest.raises(ValidationError) as err:
        membership_create(fields=fields(start_date=D(2009, 1, 1)), by=None)
    assert "start_date" in err.value.message_dict


def test_stale_update_changes_nothing():
    m = MembershipFactory()
    membership_update(membership=m, changes={"notes": "first"}, expected_version=1, by=None)
    with pytest.raises(StaleEditError):
        membership_update(membership=m, changes={"notes": "second"}, expected_version=1, by=None)
    m.refresh_from_db()
    assert m.notes == "first" and m.version == 2


def test_archive_keeps_the_record_and_needs_a_reason():
    m = MembershipFactory()
    with pytest.raises(ValidationError):
        membership_archive(membership=m, reason=" ", expected_version=None, by=None)
    membership_archive(membership=m, reason="Entered twice", expected_version=None, by=None)
    m.refresh_from_db()
    assert m.is_archived and m.archive_reason == "Entered twice"
    assert Membership.objects.live().filter(pk=m.pk).count() == 0


def test_ending_a_body_ends_its_open_memberships_and_names_successors():
    old = BodyFactory(established_on=None)
    new = BodyFactory(established_on=D(2009, 4, 1))
    m = MembershipFactory(body=old, start_date=D(2007, 1, 1))
    body_end(body=old, ended_on=D(2009, 3, 31), successors=[new], by=None)
    m.refresh_from_db()
    assert m.end_date == D(2009, 3, 31)
    assert list(old.successors.all()) == [new]
    assert Membership.objects.as_of(D(2009, 3, 31)).filter(pk=m.pk).exists()
    assert not Membership.objects.as_of(D(2009, 4, 1)).filter(pk=m.pk).exists()


def test_successor_established_after_a_gap_is_refused():
    old = BodyFactory(established_on=None)
    late = BodyFactory(established_on=D(2009, 6, 1))
    with pytest.raises(ValidationError) as err:
        body_end(body=old, ended_on=D(2009, 3, 31), successors=[late], by=None)
    assert "successors" in err.value.message_dict
    old.refresh_from_db()
    assert old.ended_on is None


def test_reporting_loop_is_refused():
    top = body_create(fields={"name": "Top", "kind": "lsp_board"}, by=None)
    child = body_create(fields={"name": "Child", "kind": "thematic", "parent": top}, by=None)
    with pytest.raises(ValidationError) as err:
        body_update(body=top, changes={"parent": child}, expected_version=None, by=None)
    assert "parent" in err.value.message_dict


def test_dated_querysets():
    body = BodyFactory(established_on=D(2000, 1, 1))
    past = MembershipFactory(body=body, start_date=D(2001, 1, 1), end_date=D(2002, 1, 1))
    now = MembershipFactory(body=body, start_date=D(2001, 1, 1))
    future = MembershipFactory(body=body, start_date=D(2099, 1, 1))
    assert set(Membership.objects.current()) == {now}
    assert set(Membership.objects.past()) == {past}
    assert set(Membership.objects.future()) == {future}
    assert set(Membership.objects.as_of(D(2001, 6, 1))) == {past, now}
