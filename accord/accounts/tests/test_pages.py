import pytest
from django.urls import reverse

from accord.accounts.models import ApiToken, hash_token
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory
from accord.memberships.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_sign_in_page_and_success(client):
    user = UserFactory(username="wendy")
    r = client.get(reverse("accounts:sign-in"))
    html = r.content.decode()
    assert r.status_code == 200 and "<h1" in html and 'autocomplete="username"' in html
    r = client.post(
        reverse("accounts:sign-in"),
        {"username": "wendy", "password": PASSWORD, "next": reverse("bodies:framework")},
    )
    assert r.status_code == 302 and r.url == reverse("bodies:framework")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_error_summary(client):
    UserFactory(username="wendy")
    r = client.post(reverse("accounts:sign-in"), {"username": "wendy", "password": "nope"})
    html = r.content.decode()
    assert r.status_code == 422
    assert "There is a problem" in html and "Enter a correct username and password" in html


def test_empty_sign_in_names_each_field(client):
    r = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""})
    html = r.content.decode()
    assert 'href="#id_username">Enter your username' in html
    assert 'href="#id_password">Enter your password' in html


def test_lockout_after_five_failures(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="wendy")
    for _ in range(5):
        client.post(reverse("accounts:sign-in"), {"username": "wendy", "password": "bad"})
    r = client.post(reverse("accounts:sign-in"), {"username": "wendy", "password": PASSWORD})
    assert r.status_code == 429
    assert "Sign-in is locked for 15 minutes" in r.content.decode()


def test_sign_out_is_post_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    r = client.post(reverse("accounts:sign-out"))
    assert r.status_code == 302
    assert "_auth_user_id" not in client.session


def test_profile_requires_sign_in(client):
    r = client.get(reverse("accounts:profile"))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:sign-in"))


def test_profile_shows_role_person_and_memberships(client):
    person = PersonFactory(name="Alison Armstrong")
    body = BodyFactory(name="Thematic Leads")
    MembershipFactory(person=person, body=body, role=Role.SUPPORT_STAFF)
    client.force_login(UserFactory(person=person))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Alison Armstrong" in html and "Thematic Leads" in html and "Support staff" in html
    assert "Member" in html  # the role label


def test_profile_issues_a_token_shown_once(client):
    user = UserFactory()
    client.force_login(user)
    r = client.post(reverse("accounts:profile"), {"name": "Spreadsheet import"})
    raw = r.context["new_token"]
    assert raw and raw in r.content.decode()
    assert r["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hash_token(raw) and token.name == "Spreadsheet import"
    again = client.get(reverse("accounts:profile")).content.decode()
    assert raw not in again and token.prefix in again


def test_profile_query_count_does_not_grow(client, django_assert_max_num_queries):
    person = PersonFactory()
    user = UserFactory(person=person)
    client.force_login(user)
    for _ in range(3):
        MembershipFactory(person=person)
    few = queries_for(client, reverse("accounts:profile"))
    for _ in range(27):
        MembershipFactory(person=person)
    assert queries_for(client, reverse("accounts:profile")) == few
    with django_assert_max_num_queries(8):
        client.get(reverse("accounts:profile"))
