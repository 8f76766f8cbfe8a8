"""Rules that hold for every dated record."""

import datetime as dt


def ends_on_or_after_start(start: dt.date | None, end: dt.date | None) -> bool:
    """Anything dated ends on or after the day it starts; an open start or end never breaks this."""
    return start is None or end is None or end >= start
