"""Reads of papers: who may see which, the list, and one paper with its files and the agenda
items that considered it."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accord.memberships.models import Membership
from accord.papers.models import Paper, PaperFile, PaperQuerySet


def _is_manager(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "is_manager", False) or user.is_superuser)
    )


def visible_papers(user: Any) -> PaperQuerySet:
    """Papers this user may read: managers all (archived too); the body's current members its
    live papers; everyone the live public papers (of a published body, or of none)."""
    qs: PaperQuerySet = Paper.objects.all()  # type: ignore[assignment]
    if _is_manager(user):
        return qs
    allowed = Q(is_public=True) & (
        Q(body__isnull=True) | Q(body__is_published=True, body__archived_on__isnull=True)
    )
    person_id = getattr(user, "person_id", None) if user is not None else None
    if user is not None and user.is_authenticated and person_id:
        mine = Membership.objects.current().filter(person_id=person_id).values("body_id")
        allowed |= Q(body_id__in=mine)
    return qs.live().filter(allowed)


def paper_list(*, user: Any, body: Any = None, include_archived: bool = False) -> QuerySet[Paper]:
    """Papers the user may read, latest first, with body and author (one query)."""
    qs = visible_papers(user)
    if not include_archived:
        qs = qs.live()
    if body is not None:
        qs = qs.filter(body=body)
    return qs.select_related("body", "author").order_by("-published_on", "title", "pk")


def paper_detail(*, pk: int, user: Any) -> Paper:
    """One paper with its live files (latest version first, as `live_files`) and the agenda items
    of meetings the user may see that considered it (as `shown_items`); three queries. Raises
    Paper.DoesNotExist if there is none this user may read."""
    from accord.meetings.models import AgendaItem
    from accord.meetings.selectors import visible_meetings

    items = (
        AgendaItem.objects.live()
        .filter(meeting__in=visible_meetings(user).live())
        .select_related("meeting", "meeting__body")
        .order_by("meeting__date", "number")
    )
    return (
        visible_papers(user)
        .select_related("body", "author")
        .prefetch_related(
            Prefetch(
                "files",
                queryset=PaperFile.objects.live().order_by("-revision"),
                to_attr="live_files",
            ),
            Prefetch("agenda_items", queryset=items, to_attr="shown_items"),
        )
        .get(pk=pk)
    )


def paper_file_for_download(*, paper_pk: int, revision: int, user: Any) -> PaperFile:
    """One version of a paper's file, if the user may read the paper. Raises
    PaperFile.DoesNotExist otherwise."""
    return PaperFile.objects.live().get(
        paper__in=visible_papers(user).live(), paper_id=paper_pk, revision=revision
    )
