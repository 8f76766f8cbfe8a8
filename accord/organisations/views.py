"""Partner organisation pages: list, detail, create, edit, archive.
Views stay thin: form → service → redirect."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy

from accord.common.pages import RecordPages, paginate
from accord.common.querysets import today
from accord.common.selectors import history_for
from accord.organisations import selectors, services
from accord.organisations.forms import OrganisationFilterForm, OrganisationForm
from accord.organisations.models import Organisation

LIST_URL = reverse_lazy("organisations:list")
PAGES = RecordPages(
    model=Organisation,
    form=OrganisationForm,
    noun="organisation",
    a_noun="an organisation",
    list_label="Organisations",
    list_url=LIST_URL,
    create_service=services.organisation_create,
    update_service=services.organisation_update,
    archive_service=services.organisation_archive,
    archive_intro=(
        "Archiving takes the organisation out of the lists and the choices on forms. "
        "Its page, its representatives' records and its history stay readable."
    ),
)


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_valid():
        filters = {k: form.cleaned_data[k] for k in ("name", "sector", "kind", "archived")}
    page, page_range = paginate(request, selectors.organisation_list(**filters))
    return render(
        request,
        "organisations/list.html",
        {
            "page_title": "Organisations",
            "breadcrumbs": [("Organisations", None)],
            "filter_form": form,
            "filtered": any(filters.values()),
            "page": page,
            "page_range": page_range,
            "today": today(),
            "can_add": request.user.has_perm("organisations.add_organisation"),
        },
    )


def organisation_detail(request, pk: int):
    try:
        data = selectors.organisation_page(pk=pk, user=request.user)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None
    organisation = data.organisation
    user = request.user
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "data": data,
            "page_title": organisation.name,
            "breadcrumbs": [("Organisations", LIST_URL), (organisation.name, None)],
            "history": history_for(organisation),
            "can_change": not organisation.is_archived
            and user.has_perm("organisations.change_organisation", organisation),
            "can_archive": not organisation.is_archived
            and user.has_perm("organisations.archive_organisation", organisation),
        },
    )


@login_required
def organisation_create(request):
    return PAGES.create(request)


@login_required
def organisation_edit(request, pk: int):
    return PAGES.edit(request, pk)


@login_required
def organisation_archive(request, pk: int):
    return PAGES.archive(request, pk)
