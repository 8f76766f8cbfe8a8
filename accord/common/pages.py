"""Small helpers every page view shares."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

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
