"""Named rules of case studies ("real benefits to real people", seed 004)."""

import datetime as dt


def publishable(summary: str, linked: bool) -> bool:
    """A case study is published only when it says what happened and is linked to an outcome
    or an indicator, so that it can sit beside the numbers."""
    return bool(summary.strip()) and linked


def not_in_future(happened_on: dt.date | None, today: dt.date) -> bool:
    """A case study tells what has happened, so its date is not after today."""
    return happened_on is None or happened_on <= today
