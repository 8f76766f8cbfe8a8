"""The reference library: the 2008 National Indicator Set, OHID Fingertips metadata and ONS
Explore Local Statistics, loaded from the copies in `data/` (each folder's SOURCE.md says where
they come from, under which licence, and what Accord changed).

Titles are only ever the ones a source gives: an NI number without a sourced title keeps an
empty title. Where a source's polarity is plainly wrong, or missing for a measure whose direction
is plain, the indicator gets ours and `polarity_note` says why."""

import csv
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accord.indicators.models import (
    Frequency,
    Indicator,
    IndicatorStatus,
    PeriodKind,
    Polarity,
    Scheme,
    ValueType,
)
from accord.indicators.services import check_indicator

DATA = Path(__file__).resolve().parent / "data"
NI_DIR = DATA / "national_indicator_set_2008"
FINGERTIPS_DIR = DATA / "fingertips_indicator_metadata_sample"
ONS_DIR = DATA / "ons_explore_local_statistics"

NI_SOURCE = (
    "National Indicator Set 2008 (CLG, October 2007), title as published by the page cited; "
    "compiled in Accord's accord/indicators/data/national_indicator_set_2008."
)
FINGERTIPS_SOURCE = (
    "OHID Fingertips indicator metadata, as published in the sample of dhsc-govuk/FingertipsNext "
    "(MIT, Crown copyright DHSC)."
)
ONS_SOURCE = (
    "ONS Explore Local Statistics metadata (ONSdigital/explore-local-statistics-data). "
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0."
)

CSV_POLARITY = {
    "higher is better": Polarity.HIGHER,
    "lower is better": Polarity.LOWER,
    "": Polarity.NONE,
}


@dataclass(frozen=True)
class PolarityFix:
    polarity: str
    note: str


# The NI table gives a polarity only where its compilers found the title unambiguous; this
# title names a harm outright, so leaving it without a judgement would stop any RAG rating.
NI_POLARITY_FIXES: dict[int, PolarityFix] = {
    56: PolarityFix(
        Polarity.LOWER,
        "The source table gives no polarity. The title names a harm (obesity among Year 6 "
        "children), so lower is better.",
    ),
}

# The Fingertips SOURCE.md warns that this proof-of-concept sample has some polarities that are
# plainly wrong; these are the ones where the measure itself says which way is better.
FINGERTIPS_POLARITY_FIXES: dict[int, PolarityFix] = {
    90362: PolarityFix(
        Polarity.HIGHER,
        "The source sample says 'Low is good'. More years lived in good health is better, as "
        "for life expectancy at 65 (91102, 'High is good'), so higher is better.",
    ),
    91040: PolarityFix(
        Polarity.HIGHER,
        "The source sample says 'Low is good'. This is the share of the eligible population "
        "offered an NHS Health Check, which the programme aims to raise (the linked measure "
        "91112, people receiving a check, is 'High is good'), so higher is better.",
    ),
    92033: PolarityFix(
        Polarity.LOWER,
        "The source sample says 'High is good'. The measure is the prevalence of obesity "
        "among Year 6 children, a harm (adult excess weight, 93088, is 'Low is good'), so "
        "lower is better.",
    ),
}

FINGERTIPS_POLARITY = {
    "High is good": Polarity.HIGHER,
    "Low is good": Polarity.LOWER,
    "No judgement": Polarity.NONE,
}
FINGERTIPS_FREQUENCY = {
    "annually": Frequency.ANNUAL,
    "quarterly": Frequency.QUARTERLY,
    "monthly": Frequency.MONTHLY,
}
ONS_NO_POLARITY = "ONS's metadata states no polarity. "


@dataclass(frozen=True)
class OnsIndicator:
    """How one indicator of an ONS dataset enters the library. The metadata gives the title,
    subtitle, description, caveats, unit suffix and source; this gives what it does not."""

    dataset: str  # the file name without .json
    key: str | None  # the indicator's key in a multi-indicator file (the CSV's `indicator`)
    code: str
    value_type: str
    unit: str
    period_kind: str
    polarity: str = Polarity.NONE
    polarity_note: str = ""


ONS_INDICATORS: tuple[OnsIndicator, ...] = (
    OnsIndicator(
        "children-in-relative-poverty",
        "Children in relative poverty before housing costs",
        "ONS child-poverty-bhc",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.FINANCIAL_YEAR,
        Polarity.LOWER,
        ONS_NO_POLARITY + "It counts children in relative low income, a harm: lower is better.",
    ),
    OnsIndicator(
        "children-in-relative-poverty",
        "Children in relative poverty after housing costs",
        "ONS child-poverty-ahc",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.FINANCIAL_YEAR,
        Polarity.LOWER,
        ONS_NO_POLARITY + "It counts children in relative low income, a harm: lower is better.",
    ),
    OnsIndicator(
        "claimant-count",
        None,
        "ONS claimant-count",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.CALENDAR_YEAR,
        Polarity.LOWER,
        ONS_NO_POLARITY
        + "It is the share of people claiming unemployment-related benefits (as NI 153 for "
        "out-of-work benefits): lower is better.",
    ),
    OnsIndicator(
        "early-years",
        "Communication and language",
        "ONS eyfs-communication",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.INTERVAL,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is the share of 5 year olds at the expected level: higher is better.",
    ),
    OnsIndicator(
        "early-years",
        "Literacy",
        "ONS eyfs-literacy",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.INTERVAL,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is the share of 5 year olds at the expected level: higher is better.",
    ),
    OnsIndicator(
        "early-years",
        "Mathematics",
        "ONS eyfs-maths",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.INTERVAL,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is the share of 5 year olds at the expected level: higher is better.",
    ),
    OnsIndicator(
        "employment-rate",
        "Employment rate",
        "ONS employment-rate",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.CALENDAR_YEAR,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is the share of people aged 16 to 64 in work: higher is better.",
    ),
    # Economic inactivity counts students, carers and the retired as well as those kept out of
    # work, so no direction is plainly better: it stays without a judgement.
    OnsIndicator(
        "employment-rate",
        "Economically inactive",
        "ONS economic-inactivity",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.CALENDAR_YEAR,
    ),
    OnsIndicator(
        "gcses-in-english-and-maths",
        None,
        "ONS gcse-english-maths",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.INTERVAL,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is the share of young people with both GCSEs: higher is better.",
    ),
    OnsIndicator(
        "greenhouse-gas-emissions",
        None,
        "ONS ghg-emissions",
        ValueType.RATIO,
        "tCO2e per person",
        PeriodKind.CALENDAR_YEAR,
        Polarity.LOWER,
        ONS_NO_POLARITY + "Emissions per person are to be cut: lower is better.",
    ),
    OnsIndicator(
        "gross-median-weekly-pay",
        None,
        "ONS median-weekly-pay",
        ValueType.MONEY,
        "£ a week",
        PeriodKind.INTERVAL,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "It is residents' median pay: higher is better.",
    ),
    OnsIndicator(
        "healthy-life-expectancy",
        "Female healthy life expectancy",
        "ONS hle-female",
        ValueType.YEARS,
        "years",
        PeriodKind.POOLED_YEARS,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "More years in good health is better: higher is better.",
    ),
    OnsIndicator(
        "healthy-life-expectancy",
        "Male healthy life expectancy",
        "ONS hle-male",
        ValueType.YEARS,
        "years",
        PeriodKind.POOLED_YEARS,
        Polarity.HIGHER,
        ONS_NO_POLARITY + "More years in good health is better: higher is better.",
    ),
    # A falling ratio helps those buying a home and not those who own one: no judgement.
    OnsIndicator(
        "housing-affordability-ratio",
        None,
        "ONS housing-affordability",
        ValueType.RATIO,
        "ratio",
        PeriodKind.INTERVAL,
    ),
    OnsIndicator(
        "net-additions-to-the-housing-stock",
        None,
        "ONS net-additional-dwellings",
        ValueType.RATE_1000,
        "per 1,000 dwellings",
        PeriodKind.FINANCIAL_YEAR,
        Polarity.HIGHER,
        ONS_NO_POLARITY
        + "It counts homes added to the stock, as NI 154 'Net additional homes provided', "
        "which the NI table marks higher is better.",
    ),
    OnsIndicator(
        "persistent-absences-for-all-pupils",
        None,
        "ONS persistent-absence",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.INTERVAL,
        Polarity.LOWER,
        ONS_NO_POLARITY
        + "It is the share of pupils persistently absent, as NI 87 'Secondary school "
        "persistent absence rate', which the NI table marks lower is better.",
    ),
    OnsIndicator(
        "preventable-cardiovascular-mortality-england",
        None,
        "ONS cvd-mortality-preventable",
        ValueType.RATE_100000,
        "per 100,000",
        PeriodKind.POOLED_YEARS,
        Polarity.LOWER,
        ONS_NO_POLARITY + "It counts preventable deaths: lower is better.",
    ),
)


def clean_text(value: Any) -> str:
    """Publisher text made plain: HTML entities decoded, Windows line ends and non-breaking
    spaces normalised, runs of spaces and of blank lines collapsed."""
    if not value:
        return ""
    text = html.unescape(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


# --- National Indicator Set 2008 ------------------------------------------------------------


def _ni_value_type(title: str) -> str:
    """Percentage where the title itself says so; otherwise the count default stands."""
    lowered = title.lower()
    if lowered.startswith(("%", "percentage", "proportion")):
        return ValueType.PERCENTAGE
    return ValueType.COUNT


def ni_rows() -> Iterator[dict[str, Any]]:
    """The fields of NI 1 to NI 198 as the table gives them (with our polarity fixes)."""
    with open(NI_DIR / "ni_2008.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            number = int(row["ni"])
            title = row["title"].strip()
            note = row["note"].strip()
            url = row["source_url"].strip()
            polarity: str = CSV_POLARITY[row["polarity"].strip()]
            polarity_note = ""
            fix = NI_POLARITY_FIXES.get(number)
            if fix is not None:
                polarity, polarity_note = fix.polarity, fix.note
            source_lines = [NI_SOURCE]
            if url:
                source_lines.append(f"{'Title' if title else 'Note'} from: {url}")
            if note and note != "not found":
                source_lines.append(f"Note: {note}")
            elif not title:
                source_lines.append("No source seen gives this indicator's title.")
            yield {
                "code": f"NI {number}",
                "title": title,
                # The URL is the title's source only where there is a title.
                "title_source": url if title else "",
                "scheme": Scheme.NI_2008,
                "external_id": str(number),
                "theme": row["theme"].strip()[:200],
                "value_type": _ni_value_type(title),
                "unit": "%" if _ni_value_type(title) == ValueType.PERCENTAGE else "",
                "minimum": 0.0 if _ni_value_type(title) == ValueType.PERCENTAGE else None,
                "maximum": 100.0 if _ni_value_type(title) == ValueType.PERCENTAGE else None,
                "polarity": polarity,
                "polarity_note": polarity_note,
                "is_national": True,
                "source": "\n".join(source_lines),
            }


# --- OHID Fingertips ------------------------------------------------------------------------


def _fingertips_value_type(value_type: str, unit_value: str) -> str:
    kind = (value_type or "").lower()
    if "life expectancy" in kind:
        return ValueType.YEARS
    if "score" in kind:
        return ValueType.SCORE
    if "proportion" in kind:
        return ValueType.PERCENTAGE
    if "ratio" in kind:
        return ValueType.RATIO
    if "rate" in kind:
        return {"1000": ValueType.RATE_1000, "100000": ValueType.RATE_100000}.get(
            str(unit_value), ValueType.RATIO
        )
    return ValueType.COUNT


def _fingertips_period_kind(period_type: str, frequency: str) -> str:
    """Fingertips' period type with its frequency, as one of our kinds of period. Academic
    years, survey years (November to November) and year-end points are spans of their own."""
    kind = (period_type or "").lower()
    by_frequency: dict[str, str]
    if kind == "financial":
        by_frequency = {
            Frequency.QUARTERLY: PeriodKind.FINANCIAL_QUARTER,
            Frequency.MONTHLY: PeriodKind.MONTH,
        }
        return by_frequency.get(frequency, PeriodKind.FINANCIAL_YEAR)
    if kind == "calendar":
        by_frequency = {
            Frequency.QUARTERLY: PeriodKind.QUARTER,
            Frequency.MONTHLY: PeriodKind.MONTH,
        }
        return by_frequency.get(frequency, PeriodKind.CALENDAR_YEAR)
    if kind == "financial multi-year":
        return PeriodKind.POOLED_YEARS
    return PeriodKind.INTERVAL


def fingertips_rows() -> Iterator[dict[str, Any]]:
    with open(FINGERTIPS_DIR / "indicators.json", encoding="utf-8") as fh:
        records = json.load(fh)
    for r in records:
        number = int(r["indicatorID"])
        frequency = FINGERTIPS_FREQUENCY.get(r.get("frequency") or "", Frequency.ANNUAL)
        polarity: str = FINGERTIPS_POLARITY.get(r.get("polarity") or "", Polarity.NONE)
        polarity_note = ""
        fix = FINGERTIPS_POLARITY_FIXES.get(number)
        if fix is not None:
            polarity, polarity_note = fix.polarity, fix.note
        value_type = _fingertips_value_type(r.get("valueType") or "", r.get("unitValue") or "")
        numerator = clean_text(r.get("countDefinition"))
        denominator = clean_text(r.get("denominatorDefinition"))
        rights = [f"Copyright: {t}" for t in [clean_text(r.get("copyright"))] if t] + [
            f"Reuse: {t}" for t in [clean_text(r.get("reuse"))] if t
        ]
        yield {
            "code": f"FT {number}",
            "title": clean_text(r["indicatorName"]),
            "title_source": "",
            "scheme": Scheme.FINGERTIPS,
            "external_id": str(number),
            "definition": _paragraphs(
                clean_text(r.get("indicatorDefinition")),
                f"Numerator: {numerator}" if numerator else "",
                f"Denominator: {denominator}" if denominator else "",
            ),
            "rationale": clean_text(r.get("rationale")),
            "unit": clean_text(r.get("unitLabel")),
            "value_type": value_type,
            "minimum": 0.0,
            "maximum": 100.0 if value_type == ValueType.PERCENTAGE else None,
            "polarity": polarity,
            "polarity_note": polarity_note,
            "frequency": frequency,
            "period_kind": _fingertips_period_kind(r.get("periodType") or "", frequency),
            "data_source": clean_text(r.get("dataSource")),
            "is_national": True,
            "source": "\n".join(
                [
                    FINGERTIPS_SOURCE,
                    f"Fingertips indicator {number}; value type "
                    f"'{clean_text(r.get('valueType'))}', period type "
                    f"'{clean_text(r.get('periodType'))}', polarity "
                    f"'{clean_text(r.get('polarity'))}'.",
                    *rights,
                ]
            ),
        }


# --- ONS Explore Local Statistics -----------------------------------------------------------


def _ons_metadata(dataset: str) -> dict[str, Any]:
    with open(ONS_DIR / f"{dataset}.json", encoding="utf-8") as fh:
        return json.load(fh)["ess-beta-metadata"]


def ons_rows() -> Iterator[dict[str, Any]]:
    for spec in ONS_INDICATORS:
        meta = _ons_metadata(spec.dataset)
        shared = meta.get("shared", meta)
        own = meta[spec.key] if spec.key and "shared" in meta else meta
        label = clean_text(own.get("label"))
        source_org = " and ".join(
            part.strip() for part in (shared.get("sourceOrg") or "").split("|") if part.strip()
        )
        url = clean_text(shared.get("sourceURL"))
        caveats = clean_text(own.get("caveats"))
        yield {
            "code": spec.code,
            "title": label,
            "title_source": "",
            "scheme": Scheme.ONS,
            # The dataset and the CSV's `indicator` value, so its figures can find it.
            "external_id": f"{spec.dataset}/{spec.key or label}",
            "definition": _paragraphs(
                clean_text(own.get("subtitle")),
                clean_text(own.get("longDescription")),
                f"Caveats: {caveats}" if caveats else "",
            ),
            "unit": spec.unit,
            "value_type": spec.value_type,
            "decimal_places": int(shared.get("decimalPlaces") or 1),
            "minimum": 0.0 if spec.value_type == ValueType.PERCENTAGE else None,
            "maximum": 100.0 if spec.value_type == ValueType.PERCENTAGE else None,
            "polarity": spec.polarity,
            "polarity_note": spec.polarity_note,
            "frequency": Frequency.ANNUAL,
            "period_kind": spec.period_kind,
            "data_source": f"{source_org}: {url}" if url else source_org,
            "is_national": True,
            "source": "\n".join(
                [
                    ONS_SOURCE,
                    f"Dataset '{spec.dataset}' (source dated {shared.get('sourceDate') or '?'}).",
                ]
            ),
        }


# --- Loading --------------------------------------------------------------------------------


def library_rows() -> Iterator[dict[str, Any]]:
    yield from ni_rows()
    yield from fingertips_rows()
    yield from ons_rows()


def load_library(*, by: Any = None) -> dict[str, int]:
    """Add the reference indicators that are not in the library yet, in one transaction.

    An indicator already there (matched by code, archived ones included) is left as it is, so
    re-running changes nothing and never undoes a manager's adoption, edits or archiving. Each
    new indicator is validated (its fields and the named rules) before any is saved; they are
    then saved together with their first history entry. Returns how many were created and how
    many were already there, with the count of each scheme read."""
    counts = {"created": 0, "existing": 0, Scheme.NI_2008: 0, Scheme.FINGERTIPS: 0, Scheme.ONS: 0}
    user = by if getattr(by, "is_authenticated", False) else None
    now = timezone.now()
    with transaction.atomic():
        existing = set(Indicator.objects.values_list("code", flat=True))
        new: list[Indicator] = []
        for fields in library_rows():
            counts[fields["scheme"]] += 1
            if fields["code"] in existing:
                counts["existing"] += 1
                continue
            indicator = Indicator(
                **fields,
                status=IndicatorStatus.REFERENCE,
                created_by=user,
                modified_by=user,
                created_on=now,
                modified_on=now,
            )
            indicator.full_clean(validate_constraints=False)
            check_indicator(indicator)
            existing.add(indicator.code)
            new.append(indicator)
        bulk_create_with_history(new, Indicator, default_user=user, default_date=now)
        counts["created"] = len(new)
    return {str(k): v for k, v in counts.items()}
