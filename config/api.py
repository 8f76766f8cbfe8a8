"""The Accord API under /api/v1/: each app adds its router; errors are problem+json."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from accord.common.api import AccordAPI, ProblemOut, caller, read_auth, register_exception_handlers

api = AccordAPI(
    title="Accord API",
    version="1",
    description=(
        "The partnership framework of a local strategic partnership. Reads are open and show "
        "published material; writes need `Authorization: Bearer <token>` (`accord create-token`). "
        "Changes need `If-Match` with the record's ETag. Errors are `application/problem+json` "
        "(RFC 9457) naming each bad field. Lists are paginated with `?page=` and `?page_size=`."
    ),
    urls_namespace="api",
)
register_exception_handlers(api)


class PopoloOut(Schema):
    """A Popolo export (popoloproject.com); each list holds Popolo objects."""

    meta: dict[str, Any]
    persons: list[dict[str, Any]]
    organizations: list[dict[str, Any]] = Field(
        description="Bodies (ids `body-N`) and partner organisations (ids `organisation-N`)."
    )
    memberships: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    areas: list[dict[str, Any]]


@api.get(
    "/popolo.json",
    response={200: PopoloOut, 401: ProblemOut},
    auth=read_auth,
    tags=["export"],
    url_name="popolo",
)
def popolo(request: HttpRequest):
    """The whole framework as Popolo. Anonymous callers get the public export: published bodies
    only, no personal data."""
    from accord.common.popolo import popolo_export

    return popolo_export(user=caller(request))


def _add_routers() -> None:
    from accord.areas.api import router as areas
    from accord.bodies.api import router as bodies
    from accord.memberships.api import router as memberships
    from accord.milestones.api import programmes_router as programmes
    from accord.milestones.api import router as milestones
    from accord.organisations.api import router as organisations
    from accord.people.api import router as people
    from accord.strategies.api import (
        commitments_router,
        priorities_router,
        responsibilities_router,
        strategies_router,
    )

    api.add_router("/bodies", bodies)
    api.add_router("/organisations", organisations)
    api.add_router("/people", people)
    api.add_router("/memberships", memberships)
    api.add_router("/areas", areas)
    api.add_router("/strategies", strategies_router)
    api.add_router("/commitments", commitments_router)
    api.add_router("/priorities", priorities_router)
    api.add_router("/responsibilities", responsibilities_router)
    api.add_router("/programmes", programmes)
    api.add_router("/milestones", milestones)


_add_routers()
