"""Helpers for page tests: query counts that must not grow with rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, *, status: int = 200) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return len(ctx.captured_queries)


def secretary_of(body, **user_kwargs):
    """A signed-in-able user whose person is support staff of `body`."""
    from accord.common.factories import MembershipFactory, PersonFactory, UserFactory
    from accord.memberships.models import Role

    person = PersonFactory()
    MembershipFactory(
        person=person, body=body, role=Role.SUPPORT_STAFF, start_date=body.established_on
    )
    return UserFactory(person=person, **user_kwargs)


def form_data(form_fields: dict, **dates) -> dict:
    """POST data with GOV.UK date fields split into day, month and year."""
    data = dict(form_fields)
    for name, value in dates.items():
        if value is None:
            data.update({f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""})
        else:
            data.update({f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year})
    return data
