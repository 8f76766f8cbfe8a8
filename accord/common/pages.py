"""Small helpers every page view shares."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import Promise

from accord.common.editing import call_service, expected_version, model_perm, run_form
from accord.common.forms import ArchiveForm
from accord.common.models import AccordModel

M = TypeVar("M", bound=AccordModel)

PER_PAGE = 25


def paginate(request, queryset, per_page: int = PER_PAGE):
    """The requested page of `queryset` (a bad page number gives the nearest real page) and
    the page numbers to offer, with gaps shown as an ellipsis."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page, page_range


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- Create, edit and archive pages ----------------------------------------------------------

FORM_TEMPLATE = "common/form.html"


def create_page(
    request,
    form,
    create: Callable[..., Any],
    *,
    context: dict[str, Any],
    success_message: str,
) -> HttpResponse:
    """The add page: `form` saved by the `create` service."""
    return run_form(
        request,
        form=form,
        template=FORM_TEMPLATE,
        context=context,
        save=lambda f: create(fields=f.cleaned_changes(), by=request.user),
        success_message=success_message,
    )


def edit_page(
    request,
    record: Model,
    form,
    update: Callable[..., Any],
    *,
    context: dict[str, Any],
    success_message: str,
    form_class: Callable[..., Any] | None = None,
) -> HttpResponse:
    """The change page of `record`: `form`'s changes saved by the `update` service."""
    return run_form(
        request,
        form=form,
        template=FORM_TEMPLATE,
        context=context,
        save=lambda f: call_service(
            update,
            record,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message=success_message,
        form_class=form_class,
    )


def archive_page(
    request,
    record: AccordModel,
    archive: Callable[..., Any],
    *,
    context: dict[str, Any],
    success_message: str,
) -> HttpResponse:
    """The archive page of `record`: the reason asked for and saved by the `archive` service."""
    return run_form(
        request,
        form=ArchiveForm(request.POST or None, initial={"version": record.version}),
        template=FORM_TEMPLATE,
        context=context,
        save=lambda f: call_service(
            archive,
            record,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        form_class=lambda data, instance: ArchiveForm(data),
        success_message=success_message,
    )


@dataclass(frozen=True)
class RecordPages(Generic[M]):
    """The add, change and archive pages of a kind of record with nothing special about them:
    everything that differs is named here, so each view is one call."""

    model: type[M]
    form: type[ModelForm]
    noun: str  # "area"
    a_noun: str  # "an area"
    list_label: str  # "Areas": the caption and first breadcrumb
    list_url: str | Promise
    create_service: Callable[..., M]
    update_service: Callable[..., M]
    archive_service: Callable[..., M]
    archive_intro: str
    this: str = ""  # how messages name the record, if not "This <noun>"

    @property
    def _noun(self) -> str:
        return self.noun[:1].upper() + self.noun[1:]

    @property
    def _this(self) -> str:
        return self.this or f"This {self.noun}"

    def _get(self, request, pk: int, action: str) -> M:
        record = get_object_or_404(self.model, pk=pk)
        require_perm(request, model_perm(self.model, action), record)
        return record

    def _context(self, record: M, title: str, last: str) -> dict[str, Any]:
        url = record.get_absolute_url()  # type: ignore[attr-defined]
        return {
            "page_title": title,
            "caption": self.list_label,
            "cancel_url": url,
            "breadcrumbs": [(self.list_label, self.list_url), (str(record), url), (last, None)],
        }

    def create(self, request) -> HttpResponse:
        require_perm(request, model_perm(self.model, "add"))
        title = f"Add {self.a_noun}"
        return create_page(
            request,
            self.form(request.POST or None),
            self.create_service,
            context={
                "page_title": title,
                "caption": self.list_label,
                "submit_label": f"Add {self.noun}",
                "cancel_url": self.list_url,
                "breadcrumbs": [(self.list_label, self.list_url), (title, None)],
            },
            success_message=f"{self._noun} added.",
        )

    def edit(self, request, pk: int) -> HttpResponse:
        record = self._get(request, pk, "change")
        if record.is_archived:
            messages.info(request, f"{self._this} is archived, so it cannot be changed.")
            return redirect(record)  # type: ignore[call-overload]
        return edit_page(
            request,
            record,
            self.form(request.POST or None, instance=record),
            self.update_service,
            context={
                **self._context(record, f"Edit {record}", "Edit"),
                "submit_label": "Save changes",
            },
            success_message=f"{self._noun} saved.",
        )

    def archive(self, request, pk: int) -> HttpResponse:
        record = self._get(request, pk, "archive")
        if record.is_archived:
            messages.info(request, f"{self._this} is already archived.")
            return redirect(record)  # type: ignore[call-overload]
        return archive_page(
            request,
            record,
            self.archive_service,
            context={
                **self._context(record, f"Archive {record}", "Archive"),
                "intro": self.archive_intro,
                "submit_label": f"Archive {self.noun}",
            },
            success_message=f"{self._noun} archived.",
        )
