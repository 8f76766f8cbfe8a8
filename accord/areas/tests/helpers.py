"""Test helpers shared by the area, organisation and people page tests."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.common.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory


def queries_for(client, url: str) -> int:
    """How many queries one GET of `url` makes (it must succeed)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def member_user(body=None):
    """A signed-in member: a user whose person currently sits on `body`."""
    person = PersonFactory()
    body = body or BodyFactory()
    MembershipFactory(person=person, body=body)
    user = UserFactory(person=person)
    return user


def assert_one_h1(html: str) -> None:
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def assert_unique_ids(html: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', html)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates


def assert_well_formed(response) -> str:
    """The checks every page gets: it rendered, one h1, no duplicate ids, tables captioned."""
    html = response.content.decode()
    assert_one_h1(html)
    assert_unique_ids(html)
    assert html.count("<table") == html.count("<caption"), "every table needs a caption"
    return html
