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
    from accord.actions.api import router as actions_router
    from accord.areas.api import router as areas
    from accord.areas.groups_api import router as area_groups_router
    from accord.bodies.api import router as bodies
    from accord.casestudies.api import router as casestudies_router
    from accord.collection.api import rounds_router as collection_rounds_router
    from accord.collection.api import router as collection_router
    from accord.indicators.api import periods_router as indicators_periods_router
    from accord.indicators.api import router as indicators_router
    from accord.meetings.api import agenda_items_router, attendance_router, decisions_router
    from accord.meetings.api import router as meetings_router
    from accord.meetings.oparl_api import router as oparl_router
    from accord.memberships.api import router as memberships
    from accord.milestones.api import programmes_router as programmes
    from accord.milestones.api import router as milestones
    from accord.observations.api import imports_router as observations_imports_router
    from accord.observations.api import router as observations_router
    from accord.organisations.api import router as organisations
    from accord.papers.api import router as papers_router
    from accord.people.api import router as people
    from accord.reviews.api import router as reviews_router
    from accord.scorecards.api import router as scorecards_router
    from accord.strategies.api import (
        commitments_router,
        priorities_router,
        responsibilities_router,
        strategies_router,
    )
    from accord.targets.api import router as targets_router

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
    api.add_router("/indicators", indicators_router)
    api.add_router("/periods", indicators_periods_router)
    api.add_router("/area-groups", area_groups_router)
    api.add_router("/targets", targets_router)
    api.add_router("/observations", observations_router)
    api.add_router("/imports", observations_imports_router)
    api.add_router("/collection-rounds", collection_rounds_router)
    api.add_router("/returns", collection_router)
    api.add_router("/scorecards", scorecards_router)
    api.add_router("/indicator-reviews", reviews_router)
    api.add_router("/case-studies", casestudies_router)
    api.add_router("/meetings", meetings_router)
    api.add_router("/agenda-items", agenda_items_router)
    api.add_router("/papers", papers_router)
    api.add_router("/attendance", attendance_router)
    api.add_router("/decisions", decisions_router)
    api.add_router("/actions", actions_router)
    api.add_router("/oparl", oparl_router)


_add_routers()
