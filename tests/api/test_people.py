"""/api/v1/people: personal data only for those entitled to it."""

from accord.common.factories import (
    EmploymentFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.people.models import Person
from tests.api.conftest import assert_problem

URL = "/api/v1/people"


def test_anonymous_callers_get_no_personal_data(anon):
    person = PersonFactory(email="jo@example.org", phone="01244 000000")
    for data in (anon.get(URL).json()["results"][0], anon.get(f"{URL}/{person.pk}").json()):
        assert "email" not in data and "phone" not in data
    assert b"jo@example.org" not in anon.get(URL).content


def test_managers_get_personal_data(api):
    person = PersonFactory(email="jo@example.org", phone="01244 000000")
    data = api.get(f"{URL}/{person.pk}").json()
    assert (data["email"], data["phone"]) == ("jo@example.org", "01244 000000")
    assert api.get(URL).json()["results"][0]["email"] == "jo@example.org"


def test_fellow_members_get_personal_data_others_do_not(user_client):
    colleague = MembershipFactory(person=PersonFactory(email="col@example.org"))
    me = MembershipFactory(body=colleague.body)
    stranger = PersonFactory(email="stranger@example.org")
    client = user_client(UserFactory(person=me.person))
    assert client.get(f"{URL}/{colleague.person_id}").json()["email"] == "col@example.org"
    assert "email" not in client.get(f"{URL}/{stranger.pk}").json()
    listed = {p["id"]: p for p in client.get(URL).json()["results"]}
    assert listed[colleague.person_id]["email"] == "col@example.org"
    assert listed[me.person_id]["email"] == me.person.email
    assert "email" not in listed[stranger.pk]
    # a signed-in user with no bodies sees nobody's
    assert "email" not in user_client().get(f"{URL}/{colleague.person_id}").json()


def test_filters_and_employments(anon):
    job = EmploymentFactory(person=PersonFactory(name="Ann Example"), job_title="Director")
    PersonFactory(name="Bob Other")
    results = anon.get(URL, {"q": "ann"}).json()["results"]
    assert [p["name"] for p in results] == ["Ann Example"]
    assert results[0]["employments"][0]["job_title"] == "Director"
    by_org = anon.get(URL, {"organisation": job.organisation_id}).json()["results"]
    assert [p["name"] for p in by_org] == ["Ann Example"]


def test_create_update_archive(api):
    created = api.post(URL, {"name": "Steve Robinson", "honorific": "Mr", "email": "s@example.org"})
    assert created.status_code == 201, created.content
    assert created.json()["sort_name"] == "Robinson, Steve"
    assert created.json()["email"] == "s@example.org"
    changed = api.patch(
        created["Location"], {"phone": "01244 111111"}, headers={"If-Match": created["ETag"]}
    )
    assert changed.json()["phone"] == "01244 111111"
    archived = api.post(
        f"{created['Location']}/archive",
        {"reason": "Duplicate"},
        headers={"If-Match": changed["ETag"]},
    )
    assert archived.status_code == 200
    assert api.get(URL).json()["count"] == 0


def test_bad_email_is_422_and_nothing_saved(api):
    assert_problem(api.post(URL, {"name": "X", "email": "not an email"}), 422, "email")
    assert not Person.objects.exists()


def test_nul_characters_are_refused(api):
    assert_problem(api.post(URL, {"name": "A\x00B"}), 422, "name")


def test_only_managers_change_people(user_client):
    person = PersonFactory()
    client = user_client(UserFactory(person=person))
    assert_problem(
        client.patch(f"{URL}/{person.pk}", {"name": "Me"}, headers={"If-Match": person.etag}), 403
    )
    assert_problem(client.post(URL, {"name": "New"}), 403)
