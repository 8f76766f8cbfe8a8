"""The meetings' calendar feeds, included under /meetings/ beside the meeting pages."""

from django.urls import path

from accord.meetings import feed_views

app_name = "meeting_feeds"

urlpatterns = [
    path("calendar.ics", feed_views.all_meetings, name="all"),
    path("calendar/body/<int:pk>.ics", feed_views.body_meetings, name="body"),
    path("calendar/person/<int:pk>.ics", feed_views.person_meetings, name="person"),
]
