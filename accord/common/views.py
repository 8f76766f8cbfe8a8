"""Pages that belong to no one domain: home, search, about, errors."""

import datetime as dt

from django.shortcuts import render
from django.urls import reverse

from accord.bodies.selectors import framework_summary
from accord.common.selectors import recent_changes, search_framework


def home(request):
    return render(
        request,
        "common/home.html",
        {
            "summary": framework_summary(user=request.user),
            "recent": recent_changes(user=request.user),
            "framework_then": f"{reverse('bodies:framework')}?as_of={dt.date(2009, 3, 31)}",
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    hits = search_framework(query, user=request.user) if query else []
    groups: dict[str, list] = {}
    for hit in hits:
        groups.setdefault(hit.kind, []).append(hit)
    return render(
        request,
        "common/search.html",
        {
            "query": query,
            "hits": hits,
            "groups": groups.items(),
            "page_title": f"Search: {query}" if query else "Search",
            "breadcrumbs": [("Search", None)],
        },
    )


def about(request):
    return render(
        request,
        "common/about.html",
        {"page_title": "About this service and its data", "breadcrumbs": [("About", None)]},
    )


def not_found(request, exception=None):
    return render(request, "common/404.html", {"page_title": "Page not found"}, status=404)


def forbidden(request, exception=None):
    return render(request, "common/403.html", {"page_title": "You cannot do that"}, status=403)
