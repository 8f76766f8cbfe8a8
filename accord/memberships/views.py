"""Pages for memberships: thin views, form → one service → redirect."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.editing import expected_version, run_form
from accord.common.pages import archive_page, edit_page
from accord.common.selectors import history_for
from accord.memberships.forms import MembershipEndForm, MembershipForm
from accord.memberships.models import Membership
from accord.memberships.selectors import membership_detail
from accord.memberships.services import (
    membership_archive,
    membership_create,
    membership_update,
)


def _crumbs(body: Body, *tail):
    return [("Bodies", reverse("bodies:list")), (body.name, body.get_absolute_url()), *tail]


def _membership_for(request, pk: int, perm: str) -> Membership:
    m = get_object_or_404(Membership.objects.live().select_related("person", "body"), pk=pk)
    if not request.user.has_perm(perm, m):
        raise PermissionDenied
    return m


def detail(request, pk: int):
    try:
        m = membership_detail(pk=pk)
    except Membership.DoesNotExist:
        raise Http404("No such membership") from None
    if not visible_bodies(request.user).filter(pk=m.body_id).exists():
        raise Http404("No such membership")
    user = request.user
    live = not m.is_archived
    return render(
        request,
        "memberships/detail.html",
        {
            "page_title": f"{m.person} on {m.body.name}",
            "breadcrumbs": _crumbs(m.body, (str(m.person), None)),
            "m": m,
            "history": history_for(m, hide={"body"}),
            "can_change": live and user.has_perm("memberships.change_membership", m),
            "can_archive": live and user.has_perm("memberships.archive_membership", m),
        },
    )


@login_required
def add(request, body_pk: int):
    body = get_object_or_404(Body.objects.live(), pk=body_pk)
    if not request.user.has_perm("memberships.add_membership", body):
        raise PermissionDenied
    form = MembershipForm(
        request.POST or None, body=body, initial={"start_date": None, "has_vote": True}
    )
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Add a member to {body.name}",
            "caption": body.name,
            "breadcrumbs": _crumbs(body, ("Add a member", None)),
            "submit_label": "Add member",
            "cancel_url": body.get_absolute_url() + "#members",
        },
        save=lambda f: membership_create(
            fields={**f.cleaned_changes(), "body": body}, by=request.user
        ),
        success_message="Member added.",
        form_class=lambda data, instance: MembershipForm(data, instance=instance, body=body),
    )


@login_required
def edit(request, pk: int):
    m = _membership_for(request, pk, "memberships.change_membership")
    return edit_page(
        request,
        m,
        MembershipForm(request.POST or None, instance=m, body=m.body),
        membership_update,
        context={
            "page_title": f"Change {m.person}'s membership",
            "caption": m.body.name,
            "breadcrumbs": _crumbs(m.body, (str(m.person), m.get_absolute_url()), ("Change", None)),
            "submit_label": "Save changes",
            "cancel_url": m.get_absolute_url(),
        },
        success_message="Changes saved.",
        form_class=lambda data, instance: MembershipForm(data, instance=instance, body=m.body),
    )


@login_required
def end(request, pk: int):
    m = _membership_for(request, pk, "memberships.change_membership")
    form = MembershipEndForm(
        request.POST or None, initial={"version": m.version, "end_date": m.end_date}
    )
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"End {m.person}'s membership",
            "caption": m.body.name,
            "breadcrumbs": _crumbs(m.body, (str(m.person), m.get_absolute_url()), ("End", None)),
            "intro": f"{m.person} will be listed among the past members of {m.body.name}. "
            "Nothing is deleted.",
            "submit_label": "End membership",
            "cancel_url": m.get_absolute_url(),
        },
        save=lambda f: membership_update(
            membership=m,
            changes={"end_date": f.cleaned_data["end_date"]},
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Membership ended.",
        form_class=lambda data, instance: MembershipEndForm(data),
    )


@login_required
def archive(request, pk: int):
    m = _membership_for(request, pk, "memberships.archive_membership")
    return archive_page(
        request,
        m,
        membership_archive,
        context={
            "page_title": f"Archive {m.person}'s membership",
            "caption": m.body.name,
            "breadcrumbs": _crumbs(
                m.body, (str(m.person), m.get_absolute_url()), ("Archive", None)
            ),
            "intro": "Archive a membership recorded by mistake. If the person has left the body, "
            "end the membership instead so that it stays in the list of past members.",
            "submit_label": "Archive membership",
            "cancel_url": m.get_absolute_url(),
        },
        success_message="Membership archived.",
    )
