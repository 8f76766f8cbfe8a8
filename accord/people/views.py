"""People pages: list, detail, create, edit, archive, add employment.
Views stay thin: form → service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.accounts.permissions import PERSONAL_DATA
from accord.common.editing import run_form
from accord.common.pages import RecordPages, paginate, require_perm
from accord.common.selectors import history_for
from accord.people import selectors, services
from accord.people.forms import EmploymentForm, PersonFilterForm, PersonForm
from accord.people.models import Person

LIST_URL = reverse_lazy("people:list")
PERSONAL_FIELDS = frozenset({"email", "phone"})
PAGES = RecordPages(
    model=Person,
    form=PersonForm,
    noun="person",
    a_noun="a person",
    list_label="People",
    list_url=LIST_URL,
    create_service=services.person_create,
    update_service=services.person_update,
    archive_service=services.person_archive,
    archive_intro=(
        "Archiving takes the person out of the lists and the choices on forms. "
        "Their page, their memberships and the history stay readable."
    ),
    this="This person's record",
)


def person_list(request):
    form = PersonFilterForm(request.GET or None, organisations=selectors.organisation_choices())
    filters: dict = {}
    if form.is_valid():
        filters = {k: form.cleaned_data[k] for k in ("name", "organisation", "archived")}
    page, page_range = paginate(request, selectors.person_list(user=request.user, **filters))
    return render(
        request,
        "people/list.html",
        {
            "page_title": "People",
            "breadcrumbs": [("People", None)],
            "filter_form": form,
            "filtered": any(filters.values()),
            "page": page,
            "page_range": page_range,
            "can_add": request.user.has_perm("people.add_person"),
        },
    )


def person_detail(request, pk: int):
    try:
        data = selectors.person_page(pk=pk, user=request.user)
    except Person.DoesNotExist:
        raise Http404("No such person") from None
    person = data.person
    user = request.user
    show_contact = user.has_perm(PERSONAL_DATA, person)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "data": data,
            "page_title": str(person),
            "breadcrumbs": [("People", LIST_URL), (str(person), None)],
            "show_contact": show_contact,
            # Earlier contact details are personal data too: keep them out of the history.
            "history": history_for(person, hide=frozenset() if show_contact else PERSONAL_FIELDS),
            "can_change": not person.is_archived and user.has_perm("people.change_person", person),
            "can_archive": not person.is_archived
            and user.has_perm("people.archive_person", person),
            "can_add_employment": not person.is_archived
            and user.has_perm("people.add_employment", person),
        },
    )


@login_required
def person_create(request):
    return PAGES.create(request)


@login_required
def person_edit(request, pk: int):
    return PAGES.edit(request, pk)


@login_required
def person_archive(request, pk: int):
    return PAGES.archive(request, pk)


def _editable(request, pk: int, perm: str) -> Person:
    person = get_object_or_404(Person, pk=pk)
    require_perm(request, perm, person)
    return person


def _crumbs(person: Person, last: str) -> list:
    return [("People", LIST_URL), (str(person), person.get_absolute_url()), (last, None)]


@login_required
def employment_create(request, pk: int):
    person = _editable(request, pk, "people.add_employment")
    if person.is_archived:
        messages.info(request, "This person's record is archived, so it cannot be changed.")
        return redirect(person)
    form = EmploymentForm(request.POST or None)

    def save(f):
        services.employment_create(
            fields={**f.cleaned_changes(), "person": person}, by=request.user
        )
        return person

    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Add where {person} works",
            "caption": "People",
            "submit_label": "Add employment",
            "cancel_url": person.get_absolute_url(),
            "breadcrumbs": _crumbs(person, "Add employment"),
        },
        save=save,
        success_message="Employment added.",
    )
