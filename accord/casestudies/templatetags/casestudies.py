"""`{% case_studies_for obj %}`: the short list "Real benefits to real people" of case studies
linked to an indicator or an outcome, for showing beside its numbers (seed 004).

    {% load casestudies %}
    {% case_studies_for indicator %}            (an h2 heading)
    {% case_studies_for outcome level=3 %}     (an h3, inside an h2 section)

On a page listing many indicators or outcomes, call
`accord.casestudies.selectors.attach_case_studies(objects, user=...)` in the view first, so that
the tag costs no query."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accord.casestudies import selectors
from accord.indicators.models import Indicator

register = template.Library()


@register.inclusion_tag("casestudies/_beside.html", takes_context=True)
def case_studies_for(context, obj, level: int = 2):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user") or AnonymousUser()
    studies = selectors.case_studies_for(obj, user=user)
    is_indicator = isinstance(obj, Indicator)
    param = "indicator" if is_indicator else "outcome"
    can_add = user.is_authenticated and user.has_perm("casestudies.add_casestudy")
    list_url = reverse("casestudies:list")
    return {
        "studies": studies,
        "level": max(2, min(int(level), 6)),
        "uid": f"case-studies-{param}-{obj.pk}",
        "all_url": f"{list_url}?{param}={obj.pk}",
        "add_url": f"{reverse('casestudies:create')}?{param}={obj.pk}" if can_add else "",
        "what": "indicator" if is_indicator else "outcome",
        "limit": selectors.BESIDE_LIMIT,
    }
