"""Area pages: list, detail, create, edit, archive. Views stay thin: form → service → redirect."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy

from accord.areas import selectors, services
from accord.areas.forms import AreaFilterForm, AreaForm
from accord.areas.models import Area
from accord.common.pages import RecordPages, paginate
from accord.common.querysets import today
from accord.common.selectors import history_for

LIST_URL = reverse_lazy("areas:list")
PAGES = RecordPages(
    model=Area,
    form=AreaForm,
    noun="area",
    a_noun="an area",
    list_label="Areas",
    list_url=LIST_URL,
    create_service=services.area_create,
    update_service=services.area_update,
    archive_service=services.area_archive,
    archive_intro=(
        "Archiving takes the area out of the lists and the choices on forms. "
        "Its page and its history stay readable."
    ),
)


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
    return PAGES.create(request)


@login_required
def area_edit(request, pk: int):
    return PAGES.edit(request, pk)


@login_required
def area_archive(request, pk: int):
    return PAGES.archive(request, pk)
