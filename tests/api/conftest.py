"""Fixtures for the API tests: callers with tokens, and a client that speaks JSON."""

import json

import pytest
from django.test import Client

from accord.accounts.services import token_create
from accord.common.factories import ManagerFactory, UserFactory

PROBLEM = "application/problem+json"


class ApiClient:
    """The Django test client with a bearer token and JSON bodies."""

    def __init__(self, token: str | None = None):
        self.client = Client()
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        out = {}
        if self.token:
            out["Authorization"] = f"Bearer {self.token}"
        out.update(headers or {})
        return out

    def get(self, path, params=None, headers=None):
        return self.client.get(path, params or {}, headers=self._headers(headers))

    def _send(self, method, path, data, headers):
        body = data if isinstance(data, (str, bytes)) else json.dumps(data)
        return getattr(self.client, method)(
            path, body, content_type="application/json", headers=self._headers(headers)
        )

    def post(self, path, data=None, headers=None):
        return self._send("post", path, {} if data is None else data, headers)

    def put(self, path, data=None, headers=None):
        return self._send("put", path, {} if data is None else data, headers)

    def patch(self, path, data=None, headers=None):
        return self._send("patch", path, {} if data is None else data, headers)


@pytest.fixture
def manager(db):
    return ManagerFactory()


@pytest.fixture
def anon(db):
    return ApiClient()


@pytest.fixture
def api(manager):
    """A partnership manager's client."""
    return ApiClient(token_create(user=manager))


@pytest.fixture
def user_client(db):
    """Make a client for a given user (default: a plain signed-in user with no bodies)."""

    def make(user=None):
        return ApiClient(token_create(user=user or UserFactory()))

    return make


def assert_problem(response, status: int, *fields: str) -> dict:
    """The response is problem+json with `status`, naming each of `fields`."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM), response["Content-Type"]
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= set(body)
    for field in fields:
        assert field in body["errors"], (field, body)
    return body


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
