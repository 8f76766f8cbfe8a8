"""Area pages: list, detail, create, edit, archive. Views stay thin: form → service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.areas import selectors, services
from accord.areas.forms import AreaFilterForm, AreaForm
from accord.areas.models import Area
from accord.common.editing import expected_version, run_form
from accord.common.forms import ArchiveForm
from accord.common.pages import paginate, require_perm
from accord.common.querysets import today
from accord.common.selectors import history_for

LIST_URL = reverse_lazy("areas:list")


def area_list(request):
    parents = selectors.parent_choices()
    form = AreaFilterForm(request.GET or None, parents=parents)
    filters: dict = {}
    if form.is_valid():
        filters = {
            "kind": form.cleaned_data["kind"],
            "parent": form.cleaned_data["parent"],
            "archived": form.cleaned_data["archived"],
        }
    page, page_range = paginate(request, selectors.area_list(**filters))
    return render(
        request,
        "areas/list.html",
        {
            "page_title": "Areas",
            "breadcrumbs": [("Areas", None)],
            "filter_form": form,
            "filtered": any(filters.values()),
            "page": page,
            "page_range": page_range,
            "today": today(),
            "can_add": request.user.has_perm("areas.add_area"),
        },
    )


def area_detail(request, pk: int):
    try:
        area = selectors.area_detail(pk=pk)
    except Area.DoesNotExist:
        raise Http404("No such area") from None
    chain = selectors.ancestors(area)
    user = request.user
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "page_title": area.name,
            "breadcrumbs": [("Areas", LIST_URL)]
            + [(a.name, a.get_absolute_url()) for a in chain]
            + [(area.name, None)],
            "ancestors": chain,
            "children": list(selectors.child_areas(area)),
            "bodies": list(selectors.footprint_bodies(area, user=user)),
            "history": history_for(area),
            "can_change": not area.is_archived and user.has_perm("areas.change_area", area),
            "can_archive": not area.is_archived and user.has_perm("areas.archive_area", area),
        },
    )


@login_required
def area_create(request):
    require_perm(request, "areas.add_area")
    form = AreaForm(request.POST or None)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": "Add an area",
            "caption": "Areas",
            "submit_label": "Add area",
            "cancel_url": LIST_URL,
            "breadcrumbs": [("Areas", LIST_URL), ("Add an area", None)],
        },
        save=lambda f: services.area_create(fields=f.cleaned_changes(), by=request.user),
        success_message="Area added.",
    )


def _editable(request, pk: int, perm: str) -> Area:
    area = get_object_or_404(Area, pk=pk)
    require_perm(request, perm, area)
    return area


@login_required
def area_edit(request, pk: int):
    area = _editable(request, pk, "areas.change_area")
    if area.is_archived:
        messages.info(request, "This area is archived, so it cannot be changed.")
        return redirect(area)
    form = AreaForm(request.POST or None, instance=area)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Edit {area.name}",
            "caption": "Areas",
            "submit_label": "Save changes",
            "cancel_url": area.get_absolute_url(),
            "breadcrumbs": [
                ("Areas", LIST_URL),
                (area.name, area.get_absolute_url()),
                ("Edit", None),
            ],
        },
        save=lambda f: services.area_update(
            area=area,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Area saved.",
    )


@login_required
def area_archive(request, pk: int):
    area = _editable(request, pk, "areas.archive_area")
    if area.is_archived:
        messages.info(request, "This area is already archived.")
        return redirect(area)
    form = ArchiveForm(request.POST or None, initial={"version": area.version})
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Archive {area.name}",
            "caption": "Areas",
            "intro": (
                "Archiving takes the area out of the lists and the choices on forms. "
                "Its page and its history stay readable."
            ),
            "submit_label": "Archive area",
            "cancel_url": area.get_absolute_url(),
            "breadcrumbs": [
                ("Areas", LIST_URL),
                (area.name, area.get_absolute_url()),
                ("Archive", None),
            ],
        },
        save=lambda f: services.area_archive(
            area=area,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        form_class=lambda data, instance: ArchiveForm(data),
        success_message="Area archived.",
    )
