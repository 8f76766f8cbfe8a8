"""The people pages: list, detail (with personal data), create, edit, archive, employment."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, member_user, queries_for
from accord.common.factories import (
    BodyFactory,
    EmploymentFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.memberships.models import Role
from accord.people.models import Employment, Person

pytestmark = pytest.mark.django_db

CONTACT_LINE = "Contact details are shown to members of the same bodies"


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


def person_data(**overrides) -> dict:
    data = {
        "honorific": "Councillor",
        "name": "Jane Smith",
        "sort_name": "",
        "email": "jane.smith@example.org",
        "phone": "01244 000000",
        "biography": "",
        "source": "",
    }
    data.update(overrides)
    return data


def employment_data(organisation, /, **overrides) -> dict:
    data = {
        "organisation": organisation.pk,
        "job_title": "Head of Policy, Performance and Partnerships",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2009",
        "end_date_0": "",
        "end_date_1": "",
        "end_date_2": "",
        "source": "",
    }
    data.update(overrides)
    return data


# --- list -------------------------------------------------------------------------------------


def test_list_filters_by_name_and_organisation(client):
    council = OrganisationFactory(name="The Council")
    police = OrganisationFactory(name="The Police")
    EmploymentFactory(person=PersonFactory(name="Alice Employed"), organisation=council)
    MembershipFactory(person=PersonFactory(name="Bob Representing"), on_behalf_of=council)
    EmploymentFactory(person=PersonFactory(name="Carol Elsewhere"), organisation=police)
    PersonFactory(name="Dan Archived", archived_on="2020-01-01T00:00Z", archive_reason="x")

    html = assert_well_formed(client.get(reverse("people:list")))
    assert "Alice Employed" in html and "Carol Elsewhere" in html and "Dan Archived" not in html

    html = client.get(reverse("people:list"), {"organisation": council.pk}).content.decode()
    assert "Alice Employed" in html and "Bob Representing" in html
    assert "Carol Elsewhere" not in html

    html = client.get(reverse("people:list"), {"name": "carol"}).content.decode()
    assert "Carol Elsewhere" in html and "Alice Employed" not in html

    html = client.get(reverse("people:list"), {"archived": "on"}).content.decode()
    assert "Dan Archived" in html


def test_list_does_not_reveal_unpublished_bodies_to_the_public(client):
    org = OrganisationFactory()
    secret = BodyFactory(name="Private group", is_published=False)
    MembershipFactory(person=PersonFactory(name="Eve Hidden"), body=secret, on_behalf_of=org)
    html = client.get(reverse("people:list")).content.decode()
    assert "Eve Hidden" in html and "Private group" not in html
    html = client.get(reverse("people:list"), {"organisation": org.pk}).content.decode()
    assert "Eve Hidden" not in html


def test_list_is_paginated(client):
    for i in range(30):
        PersonFactory(name=f"Person {i:02}")
    html = client.get(reverse("people:list")).content.decode()
    assert "govuk-pagination" in html and "Showing 1 to 25 of" in html
    assert "Person 29" in client.get(reverse("people:list"), {"page": 2}).content.decode()


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            person = PersonFactory()
            EmploymentFactory(person=person)
            MembershipFactory(person=person)

    add(3)
    url = reverse("people:list")
    few = queries_for(client, url)
    add(27)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(5):
        client.get(url)


# --- detail -----------------------------------------------------------------------------------


@pytest.fixture
def jane():
    """A person on the LSP board (published) and a private group, who also left a past body."""
    person = PersonFactory(
        honorific="Councillor", name="Jane Smith", email="jane@example.org", phone="01244 111111"
    )
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    EmploymentFactory(person=person, organisation=council, job_title="Executive Member")
    EmploymentFactory(
        person=person,
        organisation=OrganisationFactory(name="Chester City Council"),
        job_title="Leader",
        start_date=dt.date(2003, 5, 1),
        end_date=dt.date(2009, 3, 31),
    )
    board = BodyFactory(name="West Cheshire Together")
    MembershipFactory(person=person, body=board, on_behalf_of=council, role=Role.CHAIR)
    MembershipFactory(
        person=person,
        body=BodyFactory(name="Chester District LSP", established_on=dt.date(2003, 1, 1)),
        on_behalf_of=council,
        start_date=dt.date(2003, 5, 1),
        end_date=dt.date(2009, 3, 31),
    )
    MembershipFactory(person=person, body=BodyFactory(name="Private group", is_published=False))
    person.board = board
    return person


def test_detail_shows_jobs_memberships_and_history(client, jane):
    response = client.get(jane.get_absolute_url())
    html = assert_well_formed(response)
    assert '<h1 class="govuk-heading-l">Councillor Jane Smith</h1>' in html
    assert "Executive Member" in html and "Cheshire West and Chester Council" in html
    assert "Chester City Council" in html and "Leader" in html
    data = response.context["data"]
    assert [m.body.name for m in data.current_memberships] == ["West Cheshire Together"]
    assert [m.body.name for m in data.past_memberships] == ["Chester District LSP"]
    assert "Chair" in html and "31 Mar 2009" in html
    assert "Private group" not in html
    assert "History" in html


def test_personal_data_hidden_from_the_public(client, jane):
    html = client.get(jane.get_absolute_url()).content.decode()
    assert "jane@example.org" not in html and "01244 111111" not in html
    assert CONTACT_LINE in html


def test_personal_data_hidden_from_members_of_other_bodies(client, jane):
    client.force_login(member_user())
    html = client.get(jane.get_absolute_url()).content.decode()
    assert "jane@example.org" not in html and "01244 111111" not in html
    assert CONTACT_LINE in html


def test_personal_data_shown_to_a_fellow_member(client, jane):
    client.force_login(member_user(body=jane.board))
    html = client.get(jane.get_absolute_url()).content.decode()
    assert "jane@example.org" in html and "01244 111111" in html
    assert CONTACT_LINE not in html


def test_personal_data_shown_to_managers_and_to_the_person(client, jane):
    client.force_login(ManagerFactory())
    assert "jane@example.org" in client.get(jane.get_absolute_url()).content.decode()
    client.force_login(UserFactory(person=jane))
    assert "jane@example.org" in client.get(jane.get_absolute_url()).content.decode()


def test_old_contact_details_stay_out_of_the_public_history(client, jane, manager):
    client.post(
        reverse("people:edit", args=[jane.pk]),
        person_data(email="new.address@example.org", version=jane.version),
    )
    client.logout()
    html = client.get(jane.get_absolute_url()).content.decode()
    assert "new.address@example.org" not in html and "jane@example.org" not in html
    client.force_login(ManagerFactory())
    html = client.get(jane.get_absolute_url()).content.decode()
    assert "jane@example.org" in html and "new.address@example.org" in html


def test_detail_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    person = PersonFactory()

    def add(n):
        for _ in range(n):
            EmploymentFactory(person=person)
            MembershipFactory(person=person)
            MembershipFactory(person=person, end_date=dt.date(2010, 1, 1))

    add(3)
    url = person.get_absolute_url()
    few = queries_for(client, url)
    add(27)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(4):
        client.get(url)


def test_detail_query_count_for_a_fellow_member(client, django_assert_max_num_queries):
    person = PersonFactory()
    body = BodyFactory()
    for _ in range(10):
        MembershipFactory(person=person, body=body)
    client.force_login(member_user(body=body))
    with django_assert_max_num_queries(9):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_detail_unknown_person_is_404(client):
    assert client.get(reverse("people:detail", args=[999999])).status_code == 404


# --- permissions ------------------------------------------------------------------------------


def _url(name, person):
    if name == "create":
        return reverse("people:create")
    return reverse(f"people:{name}", args=[person.pk])


@pytest.mark.parametrize("name", ["create", "edit", "archive", "add-employment"])
def test_anonymous_users_are_sent_to_sign_in(client, name):
    person = PersonFactory(name="Keep Me")
    response = client.get(_url(name, person))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", ["create", "edit", "archive", "add-employment"])
def test_members_may_not_change_people(client, name):
    person = PersonFactory(name="Keep Me")
    org = OrganisationFactory()
    client.force_login(member_user())
    assert client.get(_url(name, person)).status_code == 403
    data = {**person_data(name="Changed", reason="x"), **employment_data(org)}
    assert client.post(_url(name, person), data).status_code == 403
    person.refresh_from_db()
    assert person.name == "Keep Me" and not person.is_archived
    assert not Employment.objects.exists()
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Edit person" not in html and "Add employment" not in html


def test_a_member_may_not_edit_even_their_own_record(client):
    user = member_user()
    client.force_login(user)
    assert client.get(reverse("people:edit", args=[user.person.pk])).status_code == 403


# --- forms ------------------------------------------------------------------------------------


def test_manager_creates_a_person(client, manager):
    assert_well_formed(client.get(reverse("people:create")))
    response = client.post(reverse("people:create"), person_data())
    person = Person.objects.get(name="Jane Smith")
    assert response["Location"] == person.get_absolute_url()
    assert person.sort_name == "Smith, Jane" and person.honorific == "Councillor"


def test_form_errors_show_the_error_summary(client, manager):
    response = client.post(reverse("people:create"), person_data(name="", email="not-an-email"))
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "govuk-error-summary" in html
    assert "Enter the person&#x27;s name" in html and 'href="#id_name"' in html
    assert "Enter an email address in the correct format" in html
    assert not Person.objects.exists()


def test_manager_adds_an_employment(client, manager):
    person = PersonFactory(name="Jane Smith")
    org = OrganisationFactory(name="Cheshire Police")
    url = reverse("people:add-employment", args=[person.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, employment_data(org))
    assert response["Location"] == person.get_absolute_url()
    job = Employment.objects.get(person=person)
    assert job.organisation == org and job.start_date == dt.date(2009, 4, 1)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Head of Policy, Performance and Partnerships" in html and "Employment added." in html


def test_employment_form_errors(client, manager):
    person = PersonFactory()
    org = OrganisationFactory()
    url = reverse("people:add-employment", args=[person.pk])
    response = client.post(url, employment_data(org, organisation=""))
    assert response.status_code == 422
    assert "Choose the organisation" in response.content.decode()
    response = client.post(
        url, employment_data(org, end_date_0="1", end_date_1="1", end_date_2="2000")
    )
    assert response.status_code == 422
    assert "govuk-error-summary" in response.content.decode()
    assert not Employment.objects.exists()


def test_stale_edit_is_refused_and_overwrites_nothing(client, manager):
    person = PersonFactory(name="Jane Smith")
    url = reverse("people:edit", args=[person.pk])
    first = client.get(url).context["form"]["version"].value()
    second = client.get(url).context["form"]["version"].value()
    assert client.post(url, person_data(name="Jane Smith-Jones", version=first)).status_code == 302
    response = client.post(url, person_data(name="Jane Jones", version=second))
    assert response.status_code == 409
    html = assert_well_formed(response)
    assert "Someone else changed this record" in html and "Jane Smith-Jones" in html
    person.refresh_from_db()
    assert person.name == "Jane Smith-Jones"


def test_archive_keeps_the_page_readable(client, manager, jane):
    url = reverse("people:archive", args=[jane.pk])
    response = client.post(url, {"reason": "left the partnership", "version": jane.version})
    assert response.status_code == 302
    html = assert_well_formed(client.get(jane.get_absolute_url()))
    assert "This record was archived on" in html and "left the partnership" in html
    assert "West Cheshire Together" in html
    assert "Edit person" not in html and "Add employment" not in html
    assert "Jane Smith" not in client.get(reverse("people:list")).content.decode()
