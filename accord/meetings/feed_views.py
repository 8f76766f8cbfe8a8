"""The calendar feeds' views: /meetings/calendar.ics, /meetings/calendar/body/<pk>.ics and
/meetings/calendar/person/<pk>.ics. They need no sign-in (calendar programs do not sign in);
a signed-in member or manager gets the meetings they may see besides the public ones."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from accord.bodies.selectors import visible_bodies
from accord.meetings import feeds
from accord.meetings.models import Meeting
from accord.people.models import Person


def _respond(
    request: HttpRequest, meetings: list[Meeting], *, name: str, filename: str
) -> HttpResponse:
    base_url = f"{request.scheme}://{request.get_host()}"
    cal = feeds.build_calendar(meetings, name=name, base_url=base_url, host=feeds.uid_host(request))
    response = HttpResponse(cal.to_ical(), content_type=feeds.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def all_meetings(request: HttpRequest) -> HttpResponse:
    return _respond(
        request,
        feeds.feed_meetings(request.user),
        name=f"{settings.ACCORD_PARTNERSHIP_NAME} meetings",
        filename="meetings.ics",
    )


def body_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    body = visible_bodies(request.user).live().filter(pk=pk).first()
    if body is None:
        raise Http404("No such body")
    return _respond(
        request,
        feeds.feed_meetings(request.user, body=body),
        name=f"{body.name} meetings",
        filename=f"meetings-body-{body.pk}.ics",
    )


def person_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    person = Person.objects.live().filter(pk=pk).first()
    if person is None:
        raise Http404("No such person")
    return _respond(
        request,
        feeds.feed_meetings(request.user, person=person),
        name=f"Meetings: {person.name}",
        filename=f"meetings-person-{person.pk}.ics",
    )
