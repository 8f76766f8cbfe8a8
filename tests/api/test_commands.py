"""`accord create-token` and `accord export popolo`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from accord.accounts.models import ApiToken
from accord.accounts.services import token_user
from accord.common.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory


@pytest.mark.django_db
def test_create_token_prints_a_working_token():
    user = UserFactory(username="alison")
    out = io.StringIO()
    call_command("create_token", "alison", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("acc_")
    assert token_user(raw) == user
    assert ApiToken.objects.get().key_hash != raw


@pytest.mark.django_db
def test_create_token_for_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("create_token", "nobody")
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_export_popolo_to_stdout_is_public():
    MembershipFactory(person=PersonFactory(email="secret@example.org"))
    BodyFactory(name="Hidden group", is_published=False)
    out = io.StringIO()
    call_command("export", "popolo", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["memberships"]) == 1
    assert "secret@example.org" not in out.getvalue()
    assert "Hidden group" not in out.getvalue()


@pytest.mark.django_db
def test_export_popolo_to_a_file(tmp_path):
    MembershipFactory()
    target = tmp_path / "popolo.json"
    call_command("export", "popolo", "-o", str(target), stderr=io.StringIO())
    data = json.loads(target.read_text())
    assert {"persons", "organizations", "memberships", "posts", "areas"} <= set(data)


@pytest.mark.django_db
def test_export_as_a_manager_includes_personal_data():
    from accord.common.factories import ManagerFactory

    ManagerFactory(username="manager")
    MembershipFactory(person=PersonFactory(email="secret@example.org"))
    out = io.StringIO()
    call_command("export", "popolo", "--as", "manager", stdout=out)
    assert "secret@example.org" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("export", "popolo", "--as", "nobody", stdout=io.StringIO())


def test_unknown_api_path_is_problem_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


@pytest.mark.django_db
def test_delete_is_refused_as_problem_json(client):
    from accord.common.factories import BodyFactory

    body = BodyFactory()
    response = client.delete(f"/api/v1/bodies/{body.pk}")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/problem+json")
    assert "archived" in response.json()["detail"]
