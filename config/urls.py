from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("accord.common.urls")),
    path("account/", include("accord.accounts.urls")),
    path("areas/", include("accord.areas.urls")),
    path("organisations/", include("accord.organisations.urls")),
    path("people/", include("accord.people.urls")),
    path("bodies/", include("accord.bodies.urls")),
    path("memberships/", include("accord.memberships.urls")),
    path("strategy/", include("accord.strategies.urls")),
    path("timetables/", include("accord.milestones.urls")),
    path("indicators/", include("accord.indicators.urls")),
    path("targets/", include("accord.targets.urls")),
    path("observations/", include("accord.observations.urls")),
    path("returns/", include("accord.collection.urls")),
    path("performance/", include("accord.scorecards.urls")),
    path("indicator-reviews/", include("accord.reviews.urls")),
    path("case-studies/", include("accord.casestudies.urls")),
    path("meetings/", include("accord.meetings.urls_feeds")),
    path("meetings/", include("accord.meetings.urls")),
    path("papers/", include("accord.papers.urls")),
    path("actions/", include("accord.actions.urls")),
    path("api/v1/", api.urls),
]

handler404 = "accord.common.views.not_found"
handler403 = "accord.common.views.forbidden"
