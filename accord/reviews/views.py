"""Indicator review pages: the list, a review laid out as the template of seed 003 appendix 2,
one line with its history, the forms, and the template document as xlsx and docx. Views stay
thin: form → one service → redirect."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.text import slugify

from accord.bodies.models import Body
from accord.common.editing import expected_version, run_form
from accord.common.forms import ArchiveForm
from accord.common.pages import require_perm
from accord.common.selectors import history_for
from accord.reviews import outputs, rules, selectors, services
from accord.reviews.forms import (
    ConfirmForm,
    EntryForm,
    ProposalChangeForm,
    ProposalForm,
    ReviewChangeForm,
    ReviewOpenForm,
)
from accord.reviews.models import IndicatorReview, ReviewEntry, ReviewStatus

INDEX_URL = reverse_lazy("reviews:list")
INDEX_LABEL = "Indicator reviews"
FORM = "common/form.html"


@dataclass(frozen=True)
class Goto:
    """Where to go after saving a line: its place on the review page."""

    url: str

    def get_absolute_url(self) -> str:
        return self.url


def line_url(entry: ReviewEntry) -> str:
    return f"{reverse('reviews:detail', args=[entry.review_id])}#line-{entry.pk}"


def _review_or_404(request, pk: int) -> IndicatorReview:
    try:
        return selectors.review_detail(pk=pk, user=request.user)
    except IndicatorReview.DoesNotExist:
        raise Http404("No such review") from None


def _crumbs(review: IndicatorReview, *more) -> list:
    return [(INDEX_LABEL, INDEX_URL), (review.title, review.get_absolute_url()), *more]


def index(request):
    user = request.user
    show_archived = request.GET.get("archived") == "1" and selectors.is_manager(user)
    return render(
        request,
        "reviews/index.html",
        {
            "page_title": INDEX_LABEL,
            "breadcrumbs": [(INDEX_LABEL, None)],
            "reviews": selectors.review_list(user=user, include_archived=show_archived),
            "show_archived": show_archived,
            "can_open": user.has_perm("reviews.add_indicatorreview"),
            "is_manager": selectors.is_manager(user),
        },
    )


def detail(request, pk: int):
    review = _review_or_404(request, pk)
    user = request.user
    grid = selectors.review_grid(review, user=user)
    is_open = rules.review_accepts_changes(review.status, review.is_archived)
    for section in grid.sections:
        section.can_propose = is_open and user.has_perm("reviews.add_reviewentry", section.body)  # type: ignore[attr-defined]
        for e in section.in_place + section.proposed:
            e.can_change = is_open and user.has_perm("reviews.change_reviewentry", e)  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/detail.html",
        {
            "page_title": review.title,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (review.title, None)],
            "review": review,
            "grid": grid,
            "counts": grid.counts,
            "is_open": is_open,
            "columns": outputs.COLUMNS,
            "history": history_for(review),
            "can_change": is_open and user.has_perm("reviews.change_indicatorreview", review),
            "can_complete": is_open and user.has_perm("reviews.change_indicatorreview", review),
            "can_archive": not review.is_archived
            and user.has_perm("reviews.archive_indicatorreview", review),
        },
    )


def _download(grid, data: bytes, content_type: str, ext: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    name = slugify(grid.review.title)[:80] or f"review-{grid.review.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    return response


def review_xlsx(request, pk: int):
    grid = selectors.review_grid(_review_or_404(request, pk), user=request.user)
    return _download(grid, outputs.review_xlsx(grid), outputs.XLSX_TYPE, "xlsx")


def review_docx(request, pk: int):
    grid = selectors.review_grid(_review_or_404(request, pk), user=request.user)
    return _download(grid, outputs.review_docx(grid), outputs.DOCX_TYPE, "docx")


def entry_detail(request, pk: int):
    try:
        entry = selectors.entry_detail(pk=pk, user=request.user)
    except ReviewEntry.DoesNotExist:
        raise Http404("No such line") from None
    review = entry.review
    is_open = rules.review_accepts_changes(review.status, review.is_archived)
    live = is_open and not entry.is_archived
    proposed = rules.is_proposal(entry.indicator_id, entry.proposed_title)
    return render(
        request,
        "reviews/entry.html",
        {
            "page_title": outputs.indicator_label(entry) or entry.proposed_title[:80],
            "breadcrumbs": _crumbs(review, (str(entry), None)),
            "entry": entry,
            "review": review,
            "proposed": proposed,
            "line_url": line_url(entry),
            "history": history_for(entry),
            "can_change": live and request.user.has_perm("reviews.change_reviewentry", entry),
            "can_withdraw": live
            and proposed
            and request.user.has_perm("reviews.archive_reviewentry", entry),
        },
    )


# --- The review -----------------------------------------------------------------------------


@login_required
def review_open(request):
    require_perm(request, "reviews.add_indicatorreview")
    title = "Open an indicator review"
    return run_form(
        request,
        form=ReviewOpenForm(request.POST or None),
        template=FORM,
        context={
            "page_title": title,
            "caption": INDEX_LABEL,
            "intro": "Each thematic partnership is asked, for each outcome it leads, how well "
            "the indicators in place measure it, which to retain, and which to add. The review "
            "starts with every indicator in use under each outcome of the strategy.",
            "submit_label": "Open review",
            "cancel_url": INDEX_URL,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (title, None)],
        },
        save=lambda f: services.review_open(fields=f.cleaned_changes(), by=request.user),
        success_message="Review opened.",
    )


def _editable_review(request, pk: int, perm: str) -> IndicatorReview:
    review = get_object_or_404(IndicatorReview.objects.select_related("strategy"), pk=pk)
    require_perm(request, perm, review)
    return review


@login_required
def review_change(request, pk: int):
    review = _editable_review(request, pk, "reviews.change_indicatorreview")
    if not rules.review_accepts_changes(review.status, review.is_archived):
        messages.info(request, "This review is complete, so it cannot be changed.")
        return redirect(review)
    return run_form(
        request,
        form=ReviewChangeForm(request.POST or None, instance=review),
        template=FORM,
        context={
            "page_title": f"Edit {review.title}",
            "caption": INDEX_LABEL,
            "submit_label": "Save changes",
            "cancel_url": review.get_absolute_url(),
            "breadcrumbs": _crumbs(review, ("Edit", None)),
        },
        save=lambda f: services.review_update(
            review=review,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Review saved.",
    )


@login_required
def review_complete(request, pk: int):
    review = _editable_review(request, pk, "reviews.change_indicatorreview")
    if review.status != ReviewStatus.OPEN:
        messages.info(request, "This review is already complete.")
        return redirect(review)
    return run_form(
        request,
        form=ConfirmForm(request.POST or None, initial={"version": review.version}),
        template=FORM,
        context={
            "page_title": f"Complete {review.title}",
            "caption": INDEX_LABEL,
            "intro": "Completing the review fixes every line as it stands: the indicators to "
            "retain and drop, and those proposed. Every indicator in place needs a decision "
            "first.",
            "submit_label": "Complete review",
            "cancel_url": review.get_absolute_url(),
            "breadcrumbs": _crumbs(review, ("Complete", None)),
        },
        save=lambda f: services.review_complete(
            review=review, expected_version=expected_version(f), by=request.user
        ),
        form_class=lambda data, instance: ConfirmForm(data),
        success_message="Review completed.",
    )


@login_required
def review_archive(request, pk: int):
    review = _editable_review(request, pk, "reviews.archive_indicatorreview")
    if review.is_archived:
        messages.info(request, "This review is already archived.")
        return redirect(review)
    return run_form(
        request,
        form=ArchiveForm(request.POST or None, initial={"version": review.version}),
        template=FORM,
        context={
            "page_title": f"Archive {review.title}",
            "caption": INDEX_LABEL,
            "intro": "Archive a review opened by mistake or abandoned. Its page, its lines and "
            "their history stay readable.",
            "submit_label": "Archive review",
            "cancel_url": review.get_absolute_url(),
            "breadcrumbs": _crumbs(review, ("Archive", None)),
        },
        save=lambda f: services.review_archive(
            review=review,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        form_class=lambda data, instance: ArchiveForm(data),
        success_message="Review archived.",
    )


# --- Lines ----------------------------------------------------------------------------------


def _editable_entry(request, pk: int, perm: str) -> ReviewEntry:
    entry = get_object_or_404(
        ReviewEntry.objects.live().select_related(
            "review", "review__strategy", "body", "outcome", "indicator"
        ),
        pk=pk,
    )
    require_perm(request, perm, entry)
    return entry


def _closed(request, entry: ReviewEntry):
    if not rules.review_accepts_changes(entry.review.status, entry.review.is_archived):
        messages.info(request, "This review is complete, so its lines cannot be changed.")
        return redirect(line_url(entry))
    return None


@login_required
def entry_edit(request, pk: int):
    entry = _editable_entry(request, pk, "reviews.change_reviewentry")
    closed = _closed(request, entry)
    if closed:
        return closed
    review = entry.review
    proposed = rules.is_proposal(entry.indicator_id, entry.proposed_title)
    form_class = ProposalChangeForm if proposed else EntryForm
    if proposed:
        title = "Change a proposed indicator"
        intro = f"Proposed by {entry.body.name} for outcome {entry.outcome}."
    else:
        title = f"{entry.indicator.code}: {entry.indicator.display_title}"
        intro = f"In place for outcome {entry.outcome}. Assessed by {entry.body.name}."
    return run_form(
        request,
        form=form_class(request.POST or None, instance=entry),
        template=FORM,
        context={
            "page_title": title,
            "caption": review.title,
            "intro": intro,
            "submit_label": "Save",
            "cancel_url": line_url(entry),
            "breadcrumbs": _crumbs(review, (str(entry), None)),
        },
        save=lambda f: Goto(
            line_url(
                services.entry_update(
                    entry=entry,
                    changes=f.cleaned_changes(),
                    expected_version=expected_version(f),
                    by=request.user,
                )
            )
        ),
        success_message="Line saved.",
        form_class=form_class,
    )


@login_required
def entry_propose(request, pk: int, body_pk: int):
    review = _review_or_404(request, pk)
    body = get_object_or_404(Body, pk=body_pk)
    require_perm(request, "reviews.add_reviewentry", body)
    if not rules.review_accepts_changes(review.status, review.is_archived):
        messages.info(request, "This review is complete, so no more indicators can be proposed.")
        return redirect(review)
    grid = selectors.review_grid(review, body=body, user=request.user)
    outcomes = [b.outcome for s in grid.sections for b in s.outcomes]
    if not outcomes:
        raise Http404("This partnership leads no outcome in the review")
    initial = {}
    wanted = request.GET.get("outcome", "")
    if wanted.isdigit() and any(o.pk == int(wanted) for o in outcomes):
        initial["outcome"] = int(wanted)
    title = "Propose an additional indicator"
    return run_form(
        request,
        form=ProposalForm(request.POST or None, outcomes=outcomes, initial=initial),
        template=FORM,
        context={
            "page_title": title,
            "caption": f"{review.title}: {body.name}",
            "intro": "Which additional indicators do we want to include? Say what the "
            "indicator would measure for the outcome; it need not exist yet.",
            "submit_label": "Propose indicator",
            "cancel_url": review.get_absolute_url(),
            "breadcrumbs": _crumbs(review, (title, None)),
        },
        save=lambda f: Goto(
            line_url(
                services.entry_propose(
                    review=review,
                    body=body,
                    outcome=f.cleaned_data["outcome"],
                    proposed_title=f.cleaned_data["proposed_title"],
                    comment=f.cleaned_data.get("comment", ""),
                    by=request.user,
                )
            )
        ),
        success_message="Indicator proposed.",
    )


@login_required
def entry_withdraw(request, pk: int):
    entry = _editable_entry(request, pk, "reviews.archive_reviewentry")
    closed = _closed(request, entry)
    if closed:
        return closed
    if not rules.is_proposal(entry.indicator_id, entry.proposed_title):
        messages.info(request, "An indicator in place is dropped, not withdrawn.")
        return redirect(line_url(entry))
    return run_form(
        request,
        form=ArchiveForm(request.POST or None, initial={"version": entry.version}),
        template=FORM,
        context={
            "page_title": "Withdraw a proposed indicator",
            "caption": entry.review.title,
            "intro": f"“{entry.proposed_title}”, proposed by {entry.body.name}. It leaves "
            "the review; its history stays readable.",
            "submit_label": "Withdraw proposal",
            "cancel_url": line_url(entry),
            "breadcrumbs": _crumbs(entry.review, ("Withdraw", None)),
        },
        save=lambda f: Goto(
            services.entry_withdraw(
                entry=entry,
                reason=f.cleaned_data["reason"],
                expected_version=expected_version(f),
                by=request.user,
            ).review.get_absolute_url()
        ),
        form_class=lambda data, instance: ArchiveForm(data),
        success_message="Proposal withdrawn.",
    )
