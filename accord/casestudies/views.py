"""Case study pages: the list, one case study, and the manager's forms. Published case studies
are public; illustrative ones say so wherever they appear."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.casestudies import selectors, services
from accord.casestudies.forms import CaseStudyForm, PublishForm
from accord.casestudies.models import CaseStudy
from accord.common.editing import expected_version, run_form
from accord.common.pages import RecordPages, create_page, paginate, require_perm
from accord.common.selectors import history_for
from accord.indicators.models import Indicator
from accord.strategies.models import Commitment

INDEX_URL = reverse_lazy("casestudies:list")
INDEX_LABEL = "Case studies"

PAGES = RecordPages(
    model=CaseStudy,
    form=CaseStudyForm,
    noun="case study",
    a_noun="a case study",
    list_label=INDEX_LABEL,
    list_url=INDEX_URL,
    create_service=services.casestudy_create,
    update_service=services.casestudy_update,
    archive_service=services.casestudy_archive,
    archive_intro=(
        "Archiving takes the case study off every page it appears on. Its page and its "
        "history stay readable."
    ),
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def index(request):
    user = request.user
    outcome_id = _int(request.GET.get("outcome"))
    indicator_id = _int(request.GET.get("indicator"))
    outcome = Commitment.objects.filter(pk=outcome_id).first() if outcome_id else None
    indicator = Indicator.objects.filter(pk=indicator_id).first() if indicator_id else None
    page, page_range = paginate(
        request,
        selectors.casestudy_list(
            user=user,
            outcome=outcome.pk if outcome else None,
            indicator=indicator.pk if indicator else None,
        ),
    )
    return render(
        request,
        "casestudies/index.html",
        {
            "page_title": INDEX_LABEL,
            "breadcrumbs": [(INDEX_LABEL, None)],
            "page": page,
            "page_range": page_range,
            "outcome": outcome,
            "indicator": indicator,
            "can_add": user.has_perm("casestudies.add_casestudy"),
            "can_manage": selectors.can_manage(user),
        },
    )


def detail(request, pk: int):
    try:
        cs = selectors.casestudy_detail(pk=pk, user=request.user)
    except CaseStudy.DoesNotExist:
        raise Http404("No such case study") from None
    user = request.user
    live = not cs.is_archived
    can_change = live and user.has_perm("casestudies.change_casestudy", cs)
    return render(
        request,
        "casestudies/detail.html",
        {
            "page_title": cs.title,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (cs.title, None)],
            "cs": cs,
            "history": history_for(cs),
            "can_change": can_change,
            "can_archive": live and user.has_perm("casestudies.archive_casestudy", cs),
            "can_see_unpublished": selectors.can_manage(user),
        },
    )


@login_required
def create(request):
    require_perm(request, "casestudies.add_casestudy")
    initial: dict = {}
    if (i := _int(request.GET.get("indicator"))) is not None:
        initial["indicators"] = [i]
    if (o := _int(request.GET.get("outcome"))) is not None:
        initial["outcomes"] = [o]
    title = "Add a case study"
    return create_page(
        request,
        CaseStudyForm(request.POST or None, initial=initial),
        services.casestudy_create,
        context={
            "page_title": title,
            "caption": INDEX_LABEL,
            "intro": "Qualitative evidence of real benefits to real people, shown beside the "
            "numbers of the outcomes and indicators it is linked to. It stays a draft until "
            "you publish it.",
            "submit_label": "Add case study",
            "cancel_url": INDEX_URL,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (title, None)],
        },
        success_message="Case study added.",
    )


@login_required
def edit(request, pk: int):
    return PAGES.edit(request, pk)


@login_required
def archive(request, pk: int):
    return PAGES.archive(request, pk)


def _publish_page(request, pk: int, publish: bool):
    cs = get_object_or_404(CaseStudy, pk=pk)
    require_perm(request, "casestudies.change_casestudy", cs)
    if cs.is_archived or cs.is_published == publish:
        messages.info(
            request,
            "This case study is archived."
            if cs.is_archived
            else f"This case study is already {'published' if publish else 'a draft'}.",
        )
        return redirect(cs)
    verb = "Publish" if publish else "Unpublish"
    return run_form(
        request,
        form=PublishForm(request.POST or None, initial={"version": cs.version}),
        template="common/form.html",
        context={
            "page_title": f"{verb} {cs.title}",
            "caption": INDEX_LABEL,
            "intro": (
                "Once published, anyone can read it, on its own page and beside the numbers "
                "of its outcomes and indicators."
                + (" It will be labelled as an illustrative example." if cs.is_illustrative else "")
            )
            if publish
            else "It goes back to being a draft that only partnership managers can see.",
            "submit_label": verb,
            "cancel_url": cs.get_absolute_url(),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (cs.title, cs.get_absolute_url()),
                (verb, None),
            ],
        },
        save=lambda f: services.casestudy_publish(
            casestudy=cs, publish=publish, expected_version=expected_version(f), by=request.user
        ),
        form_class=lambda data, instance: PublishForm(data),
        success_message=f"Case study {'published' if publish else 'unpublished'}.",
    )


@login_required
def publish(request, pk: int):
    return _publish_page(request, pk, True)


@login_required
def unpublish(request, pk: int):
    return _publish_page(request, pk, False)
