"""Partner organisation pages: list, detail, create, edit, archive.
Views stay thin: form → service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.common.editing import expected_version, run_form
from accord.common.forms import ArchiveForm
from accord.common.pages import paginate, require_perm
from accord.common.querysets import today
from accord.common.selectors import history_for
from accord.organisations import selectors, services
from accord.organisations.forms import OrganisationFilterForm, OrganisationForm
from accord.organisations.models import Organisation

LIST_URL = reverse_lazy("organisations:list")


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
    require_perm(request, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": "Add an organisation",
            "caption": "Organisations",
            "submit_label": "Add organisation",
            "cancel_url": LIST_URL,
            "breadcrumbs": [("Organisations", LIST_URL), ("Add an organisation", None)],
        },
        save=lambda f: services.organisation_create(fields=f.cleaned_changes(), by=request.user),
        success_message="Organisation added.",
    )


def _editable(request, pk: int, perm: str) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, perm, organisation)
    return organisation


@login_required
def organisation_edit(request, pk: int):
    organisation = _editable(request, pk, "organisations.change_organisation")
    if organisation.is_archived:
        messages.info(request, "This organisation is archived, so it cannot be changed.")
        return redirect(organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Edit {organisation.name}",
            "caption": "Organisations",
            "submit_label": "Save changes",
            "cancel_url": organisation.get_absolute_url(),
            "breadcrumbs": [
                ("Organisations", LIST_URL),
                (organisation.name, organisation.get_absolute_url()),
                ("Edit", None),
            ],
        },
        save=lambda f: services.organisation_update(
            organisation=organisation,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Organisation saved.",
    )


@login_required
def organisation_archive(request, pk: int):
    organisation = _editable(request, pk, "organisations.archive_organisation")
    if organisation.is_archived:
        messages.info(request, "This organisation is already archived.")
        return redirect(organisation)
    form = ArchiveForm(request.POST or None, initial={"version": organisation.version})
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Archive {organisation.name}",
            "caption": "Organisations",
            "intro": (
                "Archiving takes the organisation out of the lists and the choices on forms. "
                "Its page, its representatives' records and its history stay readable."
            ),
            "submit_label": "Archive organisation",
            "cancel_url": organisation.get_absolute_url(),
            "breadcrumbs": [
                ("Organisations", LIST_URL),
                (organisation.name, organisation.get_absolute_url()),
                ("Archive", None),
            ],
        },
        save=lambda f: services.organisation_archive(
            organisation=organisation,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        form_class=lambda data, instance: ArchiveForm(data),
        success_message="Organisation archived.",
    )
