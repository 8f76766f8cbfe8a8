"""Pages for the framework and its bodies: thin views, form → one service → redirect."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accord.bodies import selectors
from accord.bodies.forms import BodyEndForm, BodyForm
from accord.bodies.models import Body, BodyKind
from accord.bodies.services import body_archive, body_create, body_update
from accord.common.editing import expected_version, run_form
from accord.common.forms import GovukDateField, style_widgets
from accord.common.pages import archive_page, create_page, edit_page
from accord.common.querysets import today
from accord.common.selectors import history_for

REORGANISATION_EVE = dt.date(2009, 3, 31)
REORGANISATION_DAY = dt.date(2009, 4, 1)


class AsOfForm(forms.Form):
    as_of = GovukDateField(
        label="Show the framework as it was on",
        required=False,
        help_text="For example, 31 3 2009. Leave blank for today.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _as_of(request) -> tuple[dt.date, AsOfForm]:
    """The date asked for: ?as_of=YYYY-MM-DD (quick links) or the three date boxes."""
    iso = request.GET.get("as_of", "").strip()
    if iso:
        try:
            on = dt.date.fromisoformat(iso)
        except ValueError:
            on = None
        form = AsOfForm(initial={"as_of": on})
        if on is None:
            form = AsOfForm({})
            form.is_valid()
            form.add_error("as_of", "The date must be a real date, for example 31 3 2009")
            return today(), form
        return on, form
    if any(request.GET.get(f"as_of_{i}") for i in range(3)):
        form = AsOfForm(request.GET)
        if form.is_valid() and form.cleaned_data["as_of"]:
            return form.cleaned_data["as_of"], form
        return today(), form
    return today(), AsOfForm(initial={"as_of": today()})


def framework(request):
    on, form = _as_of(request)
    roots = selectors.framework_tree(user=request.user, as_of=on)
    now = today()
    quick = [
        (
            "31 March 2009",
            "the last day of the county and district partnerships",
            REORGANISATION_EVE,
        ),
        ("1 April 2009", "the first day of Cheshire West and Chester", REORGANISATION_DAY),
        ("Today", "", now),
    ]
    return render(
        request,
        "bodies/framework.html",
        {
            "page_title": "Partnership framework" + ("" if on == now else f" on {on:%-d %B %Y}"),
            "breadcrumbs": [("Partnership framework", None)],
            "roots": roots,
            "count": selectors.tree_size(roots),
            "on": on,
            "is_today": on == now,
            "form": form,
            "quick_links": [
                (label, why, f"{reverse('bodies:framework')}?as_of={d.isoformat()}", d == on)
                for label, why, d in quick
            ],
        },
    )


def body_list(request):
    kind = request.GET.get("kind", "")
    if kind not in BodyKind.values:
        kind = ""
    status = request.GET.get("status", "current")
    if status not in selectors.BODY_STATUSES:
        status = "current"
    query = request.GET.get("q", "").strip()[:100]
    qs = selectors.body_list(user=request.user, kind=kind, status=status, query=query)
    page = Paginator(qs, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "bodies/list.html",
        {
            "page_title": "Bodies",
            "breadcrumbs": [("Bodies", None)],
            "page": page,
            "kind": kind,
            "status": status,
            "query": query,
            "kinds": BodyKind.choices,
            "statuses": selectors.BODY_STATUSES.items(),
            "querystring": params.urlencode(),
            "can_create": request.user.has_perm("bodies.add_body"),
        },
    )


def body_detail(request, pk: int):
    try:
        body = selectors.body_detail(pk=pk, user=request.user)
    except Body.DoesNotExist:
        raise Http404("No such body") from None
    members = selectors.split_memberships(body.live_memberships)
    user = request.user
    return render(
        request,
        "bodies/detail.html",
        {
            "page_title": body.name,
            "breadcrumbs": [("Bodies", reverse("bodies:list")), (body.name, None)],
            "body": body,
            "today": today(),
            "members": members,
            "chairs": [m for m in members["current"] if m.role == "chair"],
            "history": history_for(body),
            "can_edit": not body.is_archived and user.has_perm("bodies.change_body", body),
            "can_archive": not body.is_archived and user.has_perm("bodies.archive_body", body),
            "can_add_member": not body.is_archived
            and user.has_perm("memberships.add_membership", body),
        },
    )


def _editable_body(request, pk: int, perm: str) -> Body:
    body = get_object_or_404(Body.objects.live().select_related("parent", "area"), pk=pk)
    if not request.user.has_perm(perm, body):
        raise PermissionDenied
    return body


@login_required
def body_create_view(request):
    if not request.user.has_perm("bodies.add_body"):
        raise PermissionDenied
    return create_page(
        request,
        BodyForm(request.POST or None),
        body_create,
        context={
            "page_title": "Add a body",
            "breadcrumbs": [("Bodies", reverse("bodies:list")), ("Add a body", None)],
            "intro": "Add a board, partnership, forum or group to the framework. You can add its "
            "members once it is saved.",
            "submit_label": "Add body",
            "cancel_url": reverse("bodies:list"),
        },
        success_message="Body added.",
    )


@login_required
def body_edit(request, pk: int):
    body = _editable_body(request, pk, "bodies.change_body")
    return edit_page(
        request,
        body,
        BodyForm(request.POST or None, instance=body),
        body_update,
        context={
            "page_title": f"Change {body.name}",
            "caption": "Change a body",
            "breadcrumbs": [
                ("Bodies", reverse("bodies:list")),
                (body.name, body.get_absolute_url()),
                ("Change", None),
            ],
            "submit_label": "Save changes",
            "cancel_url": body.get_absolute_url(),
        },
        success_message="Changes saved.",
    )


@login_required
def body_end(request, pk: int):
    body = _editable_body(request, pk, "bodies.change_body")
    form = BodyEndForm(request.POST or None, body=body, initial={"version": body.version})
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"End {body.name}",
            "caption": "End a body",
            "breadcrumbs": [
                ("Bodies", reverse("bodies:list")),
                (body.name, body.get_absolute_url()),
                ("End", None),
            ],
            "intro": "Nothing is deleted: the body, its members and its history stay readable. "
            "Its open memberships end on the same day.",
            "submit_label": "End this body",
            "cancel_url": body.get_absolute_url(),
        },
        save=lambda f: body_update(
            body=body,
            changes={"ended_on": f.cleaned_data["ended_on"]},
            successors=f.cleaned_data["successors"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="The body has ended.",
        form_class=lambda data, instance: BodyEndForm(data, body=instance),
    )


@login_required
def body_archive_view(request, pk: int):
    body = _editable_body(request, pk, "bodies.archive_body")
    return archive_page(
        request,
        body,
        body_archive,
        context={
            "page_title": f"Archive {body.name}",
            "caption": "Archive a body",
            "breadcrumbs": [
                ("Bodies", reverse("bodies:list")),
                (body.name, body.get_absolute_url()),
                ("Archive", None),
            ],
            "intro": "Archive a body recorded by mistake. A body that stopped meeting should be "
            "ended instead, so that it keeps its place in the framework's history.",
            "submit_label": "Archive body",
            "cancel_url": body.get_absolute_url(),
        },
        success_message="Body archived.",
    )
