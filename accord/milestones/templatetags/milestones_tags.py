"""Template helpers for timetables: a milestone's status as a GOV.UK tag, and the timeline."""

import datetime as dt

from django import template
from django.utils.html import format_html

from accord.milestones.timeline import render_timeline, state_of

register = template.Library()

TAG_CLASSES = {
    "done": "govuk-tag--green",
    "overdue": "govuk-tag--red",
    "missed": "govuk-tag--red",
    "cancelled": "govuk-tag--grey",
    "unrecorded": "govuk-tag--grey",
    "open": "govuk-tag--blue",
}


@register.filter
def milestone_status(milestone, on: dt.date):
    """The status in words inside a coloured GOV.UK tag: "Overdue", "Done", "Planned"."""
    state, words = state_of(milestone, on)
    if state == "open" and milestone.status == "in_progress":
        css = "govuk-tag--light-blue"
    else:
        css = TAG_CLASSES[state]
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, words)


@register.simple_tag
def timeline(milestones, on, name, uid="timeline"):
    return render_timeline(list(milestones), on=on, name=name, uid=uid)
