"""Periods as the partnership and the statisticians write them, turned into real spans of dates.

Every figure and target is for a `Period`: a financial year (2008/09), a calendar year (2008), a
quarter of either (2009/10 Q3, 2009 Q3), a month (2009-04), pooled years (2001 - 03, the way
Fingertips writes them) or any other span (an ISO 8601 interval). One canonical code per span, so
"2008/2009", "FY 2008/09" and "2008-04-01/2009-03-31" are the same period."""

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from accord.indicators.models import Period, PeriodKind

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class PeriodSpec:
    code: str
    kind: str
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        """Whole months spanned (periods built from month boundaries)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span(start: dt.date, months: int) -> tuple[dt.date, dt.date]:
    return start, add_months(start, months) - dt.timedelta(days=1)


def _fy(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def spec_from_dates(start: dt.date, end: dt.date) -> PeriodSpec:
    """The tidiest period for a span: a year, quarter or month where it is one, else an interval."""
    if end < start:
        raise PeriodError(f"The period ends ({end}) before it starts ({start}).")
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return PeriodSpec(f"{start.year}-{start.month:02d}", PeriodKind.MONTH, start, end)
        if months == 3 and start.month in (1, 4, 7, 10):
            calendar_q = (start.month - 1) // 3 + 1
            if start.month == 1:
                fy = start.year - 1
                return PeriodSpec(f"{_fy(fy)} Q4", PeriodKind.FINANCIAL_QUARTER, start, end)
            fy_q = calendar_q - 1
            code = f"{_fy(start.year)} Q{fy_q}"
            return PeriodSpec(code, PeriodKind.FINANCIAL_QUARTER, start, end)
        if months % 12 == 0 and start.month in (1, 4):
            years = months // 12
            last = start.year + years - 1
            if start.month == 1:
                if years == 1:
                    return PeriodSpec(str(start.year), PeriodKind.CALENDAR_YEAR, start, end)
                code = f"{start.year} - {last % 100:02d}"
                return PeriodSpec(code, PeriodKind.POOLED_YEARS, start, end)
            if years == 1:
                return PeriodSpec(_fy(start.year), PeriodKind.FINANCIAL_YEAR, start, end)
            code = f"{_fy(start.year)} - {_fy(last)[2:]}"
            return PeriodSpec(code, PeriodKind.POOLED_YEARS, start, end)
    code = f"{start.isoformat()}/{end.isoformat()}"
    return PeriodSpec(code, PeriodKind.INTERVAL, start, end)


def _calendar_quarter(year: int, quarter: int) -> PeriodSpec:
    start, end = _span(dt.date(year, 3 * quarter - 2, 1), 3)
    return PeriodSpec(f"{year} Q{quarter}", PeriodKind.QUARTER, start, end)


def _financial_quarter(fy: int, quarter: int) -> PeriodSpec:
    start, end = _span(add_months(dt.date(fy, 4, 1), 3 * (quarter - 1)), 3)
    return PeriodSpec(f"{_fy(fy)} Q{quarter}", PeriodKind.FINANCIAL_QUARTER, start, end)


def _financial_year(text: str, first: str, second: str) -> int:
    year = int(first)
    following = int(second)
    if following != (year + 1) % (100 if len(second) == 2 else 10000):
        raise PeriodError(f"'{text}' is not a financial year: {second} does not follow {first}.")
    return year


def _full_year(first: int, short: str) -> int:
    """The four-digit year that a two-digit '03' in '2001 - 03' means."""
    if len(short) == 4:
        return int(short)
    century = first - first % 100
    year = century + int(short)
    return year if year >= first else year + 100


_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_FY = r"(\d{4})\s*/\s*(\d{2}|\d{4})"


def _iso_date(text: str, whole: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise PeriodError(f"'{whole}' has a date that is not a real date: {text}.") from error


def _parse_interval(text: str) -> PeriodSpec:
    first, _, second = text.partition("/")
    start = _iso_date(first.strip(), text)
    second = second.strip()
    duration = _DURATION.match(second)
    if duration and any(duration.groups()):
        years, months, weeks, days = (int(part or 0) for part in duration.groups())
        end = add_months(start, years * 12 + months) + dt.timedelta(weeks=weeks, days=days)
        return spec_from_dates(start, end - dt.timedelta(days=1))
    return spec_from_dates(start, _iso_date(second, text))


def parse_period(text: str) -> PeriodSpec:
    """Read a period written any of the usual ways; raise PeriodError saying what was expected."""
    try:
        spec = _parse(text)
    except PeriodError:
        raise
    except (ValueError, OverflowError) as error:
        raise PeriodError(
            f"'{text}' is not a real period, or is outside the years 1800 to 2200."
        ) from error
    if not (spec.start.year >= 1800 and spec.end.year <= 2200):
        raise PeriodError(f"'{text}' is outside the years 1800 to 2200.")
    return spec


def _parse(text: str) -> PeriodSpec:
    if not isinstance(text, str) or not text.strip():
        raise PeriodError("Enter a period, for example 2008/09, 2009/10 Q3 or 2001 - 03.")
    raw = text
    text = re.sub(r"\s+", " ", text.strip().replace("\u2013", "-").replace("\u2014", "-"))
    text = re.sub(r"^(FY|Financial year)\s*", "", text, flags=re.IGNORECASE)
    upper = text.upper()

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}\s*/\s*\S+", text):
        return _parse_interval(text)
    if m := re.fullmatch(r"\d{4}", text):
        year = int(text)
        start, end = _span(dt.date(year, 1, 1), 12)
        return PeriodSpec(text, PeriodKind.CALENDAR_YEAR, start, end)
    if m := re.fullmatch(_FY, text):
        year = _financial_year(raw, m.group(1), m.group(2))
        start, end = _span(dt.date(year, 4, 1), 12)
        return PeriodSpec(_fy(year), PeriodKind.FINANCIAL_YEAR, start, end)
    if m := re.fullmatch(_FY + r"\s*-?\s*Q([1-4])", upper) or re.fullmatch(
        r"Q([1-4])\s*-?\s*" + _FY, upper
    ):
        groups = m.groups()
        quarter, first, second = (
            (groups[2], groups[0], groups[1]) if upper.startswith(groups[0]) else groups
        )
        return _financial_quarter(_financial_year(raw, first, second), int(quarter))
    if m := re.fullmatch(r"(\d{4})\s*-?\s*Q([1-4])", upper):
        return _calendar_quarter(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"Q([1-4])\s*-?\s*(\d{4})", upper):
        return _calendar_quarter(int(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        # ISO 8601 year-month; pooled years are written with spaces ("2001 - 03") or an en dash.
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(
                f"'{raw}' is not a month. Write pooled years as '{year} - {m.group(2)}' "
                f"and financial years as '{year}/{m.group(2)}'."
            )
        if "\u2013" in raw:
            return _pooled_years(raw, year, m.group(2))
        start, end = _span(dt.date(year, month, 1), 1)
        return PeriodSpec(text, PeriodKind.MONTH, start, end)
    if m := re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", text):
        named = MONTHS.get(m.group(1).lower())
        if named:
            year = int(m.group(2))
            start, end = _span(dt.date(year, named, 1), 1)
            return PeriodSpec(f"{year}-{named:02d}", PeriodKind.MONTH, start, end)
    if m := re.fullmatch(r"(\d{4}) ?- ?(\d{2}|\d{4})", text):
        return _pooled_years(raw, int(m.group(1)), m.group(2))
    if m := re.fullmatch(_FY + r" ?- ?(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})", text):
        first = _financial_year(raw, m.group(1), m.group(2))
        last_start = _full_year(first, m.group(3))
        _financial_year(raw, str(last_start), m.group(4))
        if last_start <= first:
            raise PeriodError(f"'{raw}' ends before it starts.")
        return spec_from_dates(dt.date(first, 4, 1), dt.date(last_start + 1, 3, 31))
    raise PeriodError(
        f"'{raw}' is not a period we can read. Use for example 2008/09 (financial year), "
        "2008 (calendar year), 2009/10 Q3, 2009 Q3, 2009-04 (month), 2001 - 03 (pooled years) "
        "or an ISO interval such as 2008-04-01/2009-03-31."
    )


def _pooled_years(raw: str, first: int, short: str) -> PeriodSpec:
    last = _full_year(first, short)
    if not first < last <= first + 10:
        raise PeriodError(f"'{raw}' is not a span of pooled years (at most ten, in order).")
    return spec_from_dates(dt.date(first, 1, 1), dt.date(last, 12, 31))


def period_key(spec: PeriodSpec | Period) -> str:
    """The canonical code of a period."""
    return spec.code


def shift(period: PeriodSpec | Period, months: int) -> PeriodSpec:
    """The period of the same kind and length, `months` later (negative: earlier)."""
    start = add_months(period.start, months)
    if period.kind == PeriodKind.INTERVAL:
        # Moving the day after the end keeps month-end intervals (an academic year) whole.
        after = add_months(period.end + dt.timedelta(days=1), months)
        return spec_from_dates(start, after - dt.timedelta(days=1))
    end = add_months(dt.date(period.end.year, period.end.month, 1), months)
    spec = spec_from_dates(start, _month_end(end.year, end.month))
    if period.kind == PeriodKind.QUARTER and spec.kind == PeriodKind.FINANCIAL_QUARTER:
        return _calendar_quarter(start.year, (start.month - 1) // 3 + 1)
    return spec


def _length_months(period: PeriodSpec | Period) -> int:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def previous_period(period: PeriodSpec | Period) -> PeriodSpec:
    """The period just before: the year before a year, the quarter before a quarter; pooled
    years roll back one year (2015 - 17 before 2016 - 18), as rolling pooled figures are
    published."""
    if period.kind == PeriodKind.POOLED_YEARS:
        return shift(period, -12)
    whole_months = period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1
    if period.kind == PeriodKind.INTERVAL and not whole_months:
        length = period.end - period.start + dt.timedelta(days=1)
        return spec_from_dates(period.start - length, period.start - dt.timedelta(days=1))
    return shift(period, -_length_months(period))


def year_earlier(period: PeriodSpec | Period) -> PeriodSpec:
    """The same period a year earlier (2008/09 Q3 for 2009/10 Q3)."""
    return shift(period, -12)


def as_spec(period: PeriodSpec | Period) -> PeriodSpec:
    return PeriodSpec(period.code, period.kind, period.start, period.end)


def period_for(value: str | PeriodSpec) -> Period:
    """The stored Period for a text or spec, made if it is new."""
    spec = value if isinstance(value, PeriodSpec) else parse_period(value)
    period, _ = Period.objects.get_or_create(
        code=spec.code, defaults={"kind": spec.kind, "start": spec.start, "end": spec.end}
    )
    return period


def periods_for(texts: Iterable[str], errors: dict[str, str] | None = None) -> dict[str, Period]:
    """Stored Periods for many texts at once, keyed by the text as given, in three queries.

    A text that cannot be read raises PeriodError, unless `errors` is given: then its message
    is put there under the text and the rest are still returned."""
    specs: dict[str, PeriodSpec] = {}
    for text in set(texts):
        try:
            specs[text] = parse_period(text)
        except PeriodError as error:
            if errors is None:
                raise
            errors[text] = str(error)
    wanted = {spec.code: spec for spec in specs.values()}
    found = {p.code: p for p in Period.objects.filter(code__in=list(wanted))}
    missing = [spec for code, spec in wanted.items() if code not in found]
    if missing:
        Period.objects.bulk_create(
            [Period(code=s.code, kind=s.kind, start=s.start, end=s.end) for s in missing],
            ignore_conflicts=True,
        )
        found.update((p.code, p) for p in Period.objects.filter(code__in=[s.code for s in missing]))
    return {text: found[spec.code] for text, spec in specs.items()}
