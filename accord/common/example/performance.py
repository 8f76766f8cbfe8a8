"""The example partnership's performance data: the indicators it uses, their real published
figures for Cheshire West and Chester and every English comparator, illustrative targets, a
collection cycle under way, the indicator review of seed 003 appendix 2 and one case study.

What is real and what is not:
- Every figure (`Observation`) is a published value copied from the files in
  `accord/observations/data/` (see SOURCE.md there for each publisher, licence and attribution),
  except the deprivation measure, which is computed from published LSOA figures by the method
  stated on the indicator (`DEPRIVATION_METHOD`). Nothing is invented: a value that is missing
  in a file is missing here, and a suppressed one is recorded as suppressed.
- The seeds give no target values, no lead officers for indicators and no links from indicators
  to commitments. The example supplies them, labelled: targets are `provenance=illustrative`
  with a note saying how they were set; lead officers are the people seed 004 shows reporting
  for each thematic partnership; each indicator's outcomes and the reason are in its rationale.
- The case study is illustrative (`is_illustrative`), about no real person or event.

Figures are written in bulk, like an import: each row points to an ImportBatch naming the file
it came from, and no per-row history is written (see accord.observations.importing)."""

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

import accord.observations
from accord.areas.codes import resolve_area_codes
from accord.areas.models import Area, AreaCode, AreaKind
from accord.areas.reference import RECODED, load_reference_areas
from accord.bodies.models import Body
from accord.casestudies.models import CaseStudy
from accord.collection.models import Return, ReturnStatus
from accord.collection.services import return_approve, return_submit, round_open
from accord.common.example.data import S003, S004
from accord.common.querysets import today
from accord.common.services import record_create
from accord.indicators.library import ONS_INDICATORS, load_library
from accord.indicators.models import (
    Frequency,
    Geography,
    Indicator,
    IndicatorStatus,
    Period,
    PeriodKind,
    Polarity,
    Provenance,
    Scheme,
    ValueType,
)
from accord.indicators.periods import PeriodSpec, add_months, parse_period, periods_for
from accord.indicators.services import indicator_adopt, indicator_create, indicator_update
from accord.observations.importing import ROW_COLUMNS, copy_rows, insert_rows
from accord.observations.models import ImportBatch, ImportStatus, Observation, ObservationStatus
from accord.observations.versions import figures_changed
from accord.reviews.services import review_open
from accord.strategies.models import Commitment, Strategy
from accord.targets.models import TargetKind
from accord.targets.services import target_create

DATA = Path(accord.observations.__file__).resolve().parent / "data"
BOROUGH_CODE = "E06000050"
ENGLAND_CODE = "E92000001"

OGL = "licensed under the Open Government Licence v3.0"
ONS_ATTRIBUTION = f"Source: Office for National Statistics {OGL}"
PLACE_SURVEY_ATTRIBUTION = (
    "Source: Communities and Local Government, Place Survey 2008; contains public sector "
    f"information {OGL} (as redistributed in owenwienczkowski/UKContentmentPredictor)"
)
TRAFFORD_ATTRIBUTION = (
    f"OHID Fingertips figures compiled by Trafford Data Lab; contains public sector information "
    f"{OGL}"
)
IMD_ATTRIBUTION = (
    "English Indices of Deprivation 2019 (MHCLG) and ONS mid-2019 population estimates, via the "
    f"IMD and demographr R packages; {OGL}"
)
PERSON_ROLE = (
    "Lead officer (illustrative): the seeds do not name indicator lead officers ('Further "
    "confirmation of the key lead responsible officers for each LAA indicator is still needed', "
    f"{S004}, item 4); the example gives the indicator to {{person}}, who reported for the "
    f"{{body}} in {S004}, item 3."
)


# --------------------------------------------------------------------------------------------------
# The indicators the example uses.


@dataclass(frozen=True)
class Use:
    """How the example uses one indicator: the SCS commitments it measures (the first one's lead
    partnership owns it), who leads it, and the fields the example settles for its figures."""

    code: str
    outcomes: tuple[str, ...]
    lead: str  # a person key of accord.common.example.data
    why: str
    frequency: str = Frequency.ANNUAL
    period_kind: str | None = None  # None: keep the library's
    geography: str = Geography.BOROUGH
    changes: dict[str, Any] = field(default_factory=dict)


PLACE_SURVEY_CHANGES = {
    "value_type": ValueType.PERCENTAGE,
    "unit": "%",
    "minimum": 0.0,
    "maximum": 100.0,
    "decimal_places": 1,
    "data_source": "Communities and Local Government, Place Survey 2008/09.",
}


def _place_polarity(direction: str, question: str) -> dict[str, Any]:
    better = "higher" if direction == Polarity.HIGHER else "lower"
    return {
        "polarity": direction,
        "polarity_note": (
            "The NI table gives no polarity for this number. The Place Survey figure is the "
            f"percentage of residents {question}, so {better} is better."
        ),
    }


USES: tuple[Use, ...] = (
    Use(
        "NI 1",
        ("1",),
        "tim_jackson",
        "Whether people from different backgrounds get on well together measures commitment 1 "
        "(diverse communities).",
        Frequency.BIENNIAL,
        PeriodKind.FINANCIAL_YEAR,
        changes=PLACE_SURVEY_CHANGES,
    ),
    Use(
        "NI 2",
        ("1",),
        "tim_jackson",
        "A sense of belonging to the neighbourhood measures commitment 1 (engaging with our "
        "communities).",
        Frequency.BIENNIAL,
        PeriodKind.FINANCIAL_YEAR,
        changes={
            **PLACE_SURVEY_CHANGES,
            **_place_polarity(Polarity.HIGHER, "who feel they belong to their neighbourhood"),
        },
    ),
    Use(
        "NI 4",
        ("6",),
        "tim_jackson",
        "Feeling able to influence decisions measures commitment 6 (influence decision-making).",
        Frequency.BIENNIAL,
        PeriodKind.FINANCIAL_YEAR,
        changes=PLACE_SURVEY_CHANGES,
    ),
    Use(
        "NI 5",
        ("13",),
        "sara_mogel",
        "Satisfaction with the local area as a place to live measures commitment 13 (valuing "
        "West Cheshire's natural and built environments).",
        Frequency.BIENNIAL,
        PeriodKind.FINANCIAL_YEAR,
        changes={
            **PLACE_SURVEY_CHANGES,
            **_place_polarity(Polarity.HIGHER, "satisfied with their local area"),
        },
    ),
    Use(
        "NI 42",
        ("4",),
        "tim_jackson",
        "Perceptions of drug use or dealing as a problem measure commitment 4 (local issues "
        "around crime and disorder) and SCS priority 5 (drug and alcohol related problems).",
        Frequency.BIENNIAL,
        PeriodKind.FINANCIAL_YEAR,
        changes={
            **PLACE_SURVEY_CHANGES,
            **_place_polarity(Polarity.LOWER, "who see drug use or dealing as a problem"),
        },
    ),
    Use(
        "FT 91414",
        ("4", "7"),
        "tim_jackson",
        "SCS priority 5: 'Reduce drug and alcohol related problems, particularly in relation to "
        "crime, arson, anti-social behaviour and health inequalities' (commitments 4 and 7).",
    ),
    Use(
        "FT 20601",
        ("7",),
        "wendy_meredith",
        "Excess weight in young children measures commitment 7 (healthier and active lives).",
    ),
    Use(
        "FT 20602",
        ("7",),
        "wendy_meredith",
        "Excess weight in older primary children measures commitment 7 (healthier and active "
        "lives).",
    ),
    Use(
        "FT 10101",
        ("8",),
        "john_stephens",
        "Children in low income families measures commitment 8 (poverty and deprivation).",
    ),
    Use(
        "ONS child-poverty-bhc",
        ("8",),
        "john_stephens",
        "Children in relative poverty measures commitment 8 (poverty and deprivation).",
    ),
    Use(
        "ONS employment-rate",
        ("12", "11"),
        "sara_mogel",
        "The employment rate measures commitments 12 (better paid employment) and 11 (a "
        "resilient economy); SCS priority 1 ('increase the number of people in jobs').",
    ),
    Use(
        "ONS economic-inactivity",
        ("12",),
        "sara_mogel",
        "Economic inactivity is context for commitment 12 (access to employment).",
    ),
    Use(
        "ONS claimant-count",
        ("11",),
        "sara_mogel",
        "The claimant count measures commitment 11 (a sustainable and resilient economy).",
    ),
    Use(
        "ONS median-weekly-pay",
        ("12",),
        "sara_mogel",
        "Median weekly pay measures commitment 12 ('better paid employment').",
        period_kind=PeriodKind.CALENDAR_YEAR,
    ),
    Use(
        "ONS ghg-emissions",
        ("5",),
        "jane_staley",
        "Greenhouse gas emissions per person measure commitment 5 (climate change and "
        "sustainable living).",
    ),
    Use(
        "ONS net-additional-dwellings",
        ("10",),
        "jane_staley",
        "Net additional dwellings measure commitment 10 (access to good quality and affordable "
        "homes) and SCS priority 3 ('increase the number of affordable homes').",
    ),
    Use(
        "ONS housing-affordability",
        ("10",),
        "jane_staley",
        "The housing affordability ratio is context for commitment 10 (affordable homes).",
        period_kind=PeriodKind.CALENDAR_YEAR,
    ),
    Use(
        "ONS hle-male",
        ("7", "9"),
        "wendy_meredith",
        "Healthy life expectancy measures commitments 7 (live longer, healthier lives) and 9 "
        "(our ageing population); SCS priority 4 names men in the most deprived areas.",
    ),
    Use(
        "ONS hle-female",
        ("7", "9"),
        "wendy_meredith",
        "Healthy life expectancy measures commitments 7 and 9; SCS priority 4 names older women.",
    ),
    Use(
        "ONS cvd-mortality-preventable",
        ("7",),
        "wendy_meredith",
        "Preventable cardiovascular deaths measure commitment 7 (reducing health inequalities).",
    ),
    Use(
        "ONS gcse-english-maths",
        ("14",),
        "john_stephens",
        "GCSE attainment measures commitment 14 (the potential of young people).",
    ),
    Use(
        "ONS persistent-absence",
        ("14",),
        "john_stephens",
        "Persistent absence from school measures commitment 14 (young people playing a full part).",
    ),
    Use(
        "ONS eyfs-communication",
        ("14",),
        "john_stephens",
        "Early years communication and language measures commitment 14 (the potential of "
        "young people).",
    ),
    Use(
        "LOCAL DEPRIVED-20",
        ("8",),
        "john_stephens",
        "Where residents of the most deprived neighbourhoods live measures commitment 8 "
        "(poverty and deprivation within our communities) below the borough: seed 004 asks "
        "'where we can focus delivery below the Borough level'.",
        Frequency.AD_HOC,
        PeriodKind.CALENDAR_YEAR,
        Geography.WARD,
    ),
)

# Who reported for which partnership in seed 004 (item 3).
REPORTED_FOR = {
    "tim_jackson": "Safer and Stronger Communities Group",
    "john_stephens": "Children's Trust",
    "jane_staley": "Environment Sustainability Thematic Group",
    "wendy_meredith": "Health and Wellbeing Group",
    "sara_mogel": "Business, Enterprise and Culture Partnership",
}


def _md_text(path: Path) -> tuple[str, str]:
    """The definition and the 'Source:' line of a Trafford Data Lab metadata file, as text."""
    text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    definition = " ".join(line for line in lines if not line.startswith(("Source:", "Further")))
    source = next(
        (line[len("Source:") :].strip() for line in lines if line.startswith("Source:")), ""
    )
    return definition, source


TRAFFORD_DIR = "fingertips_via_trafford_data_lab"


@dataclass(frozen=True)
class TraffordSeries:
    code: str
    fingertips_id: str
    file: str
    value_type: str
    unit: str
    period_kind: str


TRAFFORD_SERIES = (
    TraffordSeries(
        "FT 91414",
        "91414",
        "alcohol_related_admissions",
        ValueType.RATE_100000,
        "per 100,000 (age standardised)",
        PeriodKind.FINANCIAL_YEAR,
    ),
    TraffordSeries(
        "FT 20601",
        "20601",
        "excess_weight_reception",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.FINANCIAL_YEAR,
    ),
    TraffordSeries(
        "FT 20602",
        "20602",
        "excess_weight_year6",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.FINANCIAL_YEAR,
    ),
    TraffordSeries(
        "FT 10101",
        "10101",
        "low_income_families",
        ValueType.PERCENTAGE,
        "%",
        PeriodKind.CALENDAR_YEAR,
    ),
)

DEPRIVATION_DIR = "deprivation"
DEPRIVATION_METHOD = (
    "Percentage of residents living in lower layer super output areas (LSOAs, 2011) that are "
    "among the 20% most deprived in England on the Index of Multiple Deprivation 2019 (deciles "
    "1 and 2), weighting each LSOA by its mid-2019 population. Numerator: residents of those "
    "LSOAs; denominator: all residents of the area's LSOAs. Authorities: LSOAs by the ONS "
    "LSOA 2011 to district 2021 lookup (districts merged since then are followed to the "
    "authority that took them over); counties: their districts by the 2021 district to upper "
    "tier lookup; regions and England: all their LSOAs. Wards of Cheshire West and Chester: "
    "the 2021 LSOAs of each ward by the ONS LSOA 2021 to ward 2024 lookup; an LSOA whose 2021 "
    "code differs from its 2011 code (it was split or merged in 2021) has no IMD 2019 decile "
    "and is left out, and each such ward's figure says how many of its LSOAs it covers. An "
    "area partnership board area gets the same figure from the LSOAs of the wards assigned to "
    "it (none are in the example: the seeds do not give the boards' wards)."
)


def _new_indicator_fields() -> dict[str, dict[str, Any]]:
    """Indicators the library does not hold that the example's figures need."""
    fields: dict[str, dict[str, Any]] = {}
    for s in TRAFFORD_SERIES:
        definition, data_source = _md_text(DATA / TRAFFORD_DIR / f"{s.file}.md")
        with (DATA / TRAFFORD_DIR / f"{s.file}.csv").open(encoding="utf-8", newline="") as f:
            title = next(csv.DictReader(f))["indicator"]
        fields[s.code] = {
            "code": s.code,
            "title": title,
            "scheme": Scheme.FINGERTIPS,
            "external_id": s.fingertips_id,
            "definition": definition,
            "unit": s.unit,
            "value_type": s.value_type,
            "minimum": 0.0,
            "maximum": 100.0 if s.value_type == ValueType.PERCENTAGE else None,
            "polarity": Polarity.LOWER,
            "polarity_note": (
                "The source file states no polarity. The measure counts a harm, so lower is "
                "better (Fingertips rates it the same way)."
            ),
            "period_kind": s.period_kind,
            "data_source": data_source,
            "is_national": True,
            "status": IndicatorStatus.REFERENCE,
            "source": (
                f"OHID Fingertips indicator {s.fingertips_id} (fingertips.phe.org.uk/search/"
                f"{s.fingertips_id}), title and definition as Trafford Data Lab's dashboard "
                f"gives them: accord/observations/data/{TRAFFORD_DIR}/{s.file}.md. "
                f"{TRAFFORD_ATTRIBUTION}."
            ),
        }
    fields["LOCAL DEPRIVED-20"] = {
        "code": "LOCAL DEPRIVED-20",
        "title": "Residents living in the 20% most deprived neighbourhoods in England (IMD 2019)",
        "scheme": Scheme.LOCAL,
        "definition": DEPRIVATION_METHOD,
        "unit": "%",
        "value_type": ValueType.PERCENTAGE,
        "minimum": 0.0,
        "maximum": 100.0,
        "polarity": Polarity.LOWER,
        "polarity_note": "Fewer residents in the most deprived neighbourhoods is better.",
        "data_source": IMD_ATTRIBUTION + "; computed by Accord as the definition says.",
        "status": IndicatorStatus.REFERENCE,
        "source": (
            "A local indicator of the example, computed from published figures: "
            f"accord/observations/data/{DEPRIVATION_DIR}/ (see SOURCE.md there)."
        ),
    }
    return fields


# --------------------------------------------------------------------------------------------------
# Figures.


@dataclass
class Figure:
    indicator: str
    area: str
    period: str
    value: float | None
    ci_lower: float | None = None
    ci_upper: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    suppressed: bool = False
    suppression_reason: str = ""
    commentary: str = ""


@dataclass
class Series:
    """The figures read from one file (or computed from one folder), with their attribution."""

    path: str  # under accord/observations/data/
    attribution: str
    figures: list[Figure]

    @property
    def source(self) -> str:
        return f"{self.attribution}: accord/observations/data/{self.path}"


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def _number(text: str) -> float | None:
    text = (text or "").strip()
    if not text or text.upper() == "NA":
        return None
    return float(text)


PLACE_SURVEY_COLUMNS = {
    "NI 1": "NI1_get_on_well_pct",
    "NI 2": "NI2_belong_pct",
    "NI 4": "NI4_influence_decisions_pct",
    "NI 5": "NI5_overall_satisfaction_pct",
    "NI 42": "NI42_drug_use_problem_pct",
}
PLACE_SURVEY_FILE = "place_survey_2008/place_survey_2008_with_codes.csv"


def place_survey() -> Series:
    figures = [
        Figure(code, row["gss_code"], "2008/09", _number(row[column]))
        for row in _read(DATA / PLACE_SURVEY_FILE)
        for code, column in PLACE_SURVEY_COLUMNS.items()
        if _number(row[column]) is not None
    ]
    return Series(PLACE_SURVEY_FILE, PLACE_SURVEY_ATTRIBUTION, figures)


def _ons_period(text: str) -> str:
    """ONS writes most periods as ISO intervals; a bare date (the ASHE survey's April
    reference date, the affordability ratio's year) stands for its calendar year."""
    text = text.strip()
    return text[:4] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def _ons_figure(code: str, row: dict[str, str]) -> Figure | None:
    status = row["status"].strip()
    value = _number(row["observation"])
    if status.lower() == "x":
        return Figure(
            code,
            row["areacd"],
            _ons_period(row["period"]),
            None,
            suppressed=True,
            suppression_reason="Not available or suppressed by ONS (status 'x').",
        )
    if value is None:
        return None
    commentary = (
        "ONS marks this estimate as of low reliability (status 'u')." if status == "u" else status
    )
    return Figure(
        code,
        row["areacd"],
        _ons_period(row["period"]),
        value,
        ci_lower=_number(row["lci_95"]),
        ci_upper=_number(row["uci_95"]),
        commentary=commentary,
    )


def ons(codes: Iterable[str]) -> list[Series]:
    wanted = [s for s in ONS_INDICATORS if s.code in set(codes)]
    series = []
    for dataset in dict.fromkeys(s.dataset for s in wanted):
        by_key = {s.key: s.code for s in wanted if s.dataset == dataset}
        path = f"ons_explore_local_statistics/{dataset}.csv"
        figures = []
        for row in _read(DATA / path):
            code = by_key.get(row["indicator"]) or by_key.get(None)
            if code is not None and (figure := _ons_figure(code, row)) is not None:
                figures.append(figure)
        series.append(
            Series(path, f"ONS Explore Local Statistics, {dataset}. {ONS_ATTRIBUTION}", figures)
        )
    return series


def trafford() -> list[Series]:
    series = []
    for s in TRAFFORD_SERIES:
        path = f"{TRAFFORD_DIR}/{s.file}.csv"
        figures = [
            Figure(s.code, row["area_code"], row["period"], _number(row["value"]))
            for row in _read(DATA / path)
            if _number(row["value"]) is not None
        ]
        series.append(
            Series(path, f"Fingertips indicator {s.fingertips_id}, {TRAFFORD_ATTRIBUTION}", figures)
        )
    return series


@dataclass
class _Tally:
    deprived: float = 0.0
    residents: float = 0.0
    lsoas: int = 0
    missing: int = 0

    def add(self, other: "_Tally") -> None:
        self.deprived += other.deprived
        self.residents += other.residents
        self.lsoas += other.lsoas
        self.missing += other.missing


def _share(code: str, area: str, tally: _Tally) -> Figure | None:
    if not tally.residents and not tally.missing:
        return None
    if not tally.residents:
        return Figure(
            code,
            area,
            "2019",
            None,
            suppressed=True,
            suppression_reason=(
                f"All {tally.missing} of the area's LSOAs have 2021 codes with no IMD 2019 decile."
            ),
        )
    commentary = ""
    if tally.missing:
        covered = tally.lsoas
        commentary = (
            f"Computed from {covered} of the area's {covered + tally.missing} LSOAs: the others "
            "have 2021 codes with no IMD 2019 decile."
        )
    return Figure(
        code,
        area,
        "2019",
        round(100 * tally.deprived / tally.residents, 1),
        numerator=tally.deprived,
        denominator=tally.residents,
        commentary=commentary,
    )


def deprivation(areas: dict[str, Area], ward_groups: dict[str, list[str]]) -> Series:
    """The deprivation measure for England, its regions, every authority, the borough's wards
    and each group of wards in `ward_groups` (the key names the area in `areas`, the value
    lists its wards' GSS codes). `areas` holds the areas by code, with their parents."""
    code = "LOCAL DEPRIVED-20"
    folder = DATA / DEPRIVATION_DIR
    deciles = {
        r["lsoa11_code"]: int(r["IMD_decile"]) for r in _read(folder / "imd2019_england_lsoa11.csv")
    }
    people = {
        r["lsoa11_code"]: float(r["total_population"])
        for r in _read(folder / "population_mid2019_lsoa11_england.csv")
    }

    def lsoa(code11: str) -> _Tally:
        if code11 not in deciles or code11 not in people:
            return _Tally(missing=1)
        n = people[code11]
        return _Tally(deprived=n if deciles[code11] <= 2 else 0.0, residents=n, lsoas=1)

    districts: dict[str, _Tally] = defaultdict(_Tally)
    for row in _read(folder / "lookup_lsoa11_ltla21_england.csv"):
        districts[row["ltla21_code"]].add(lsoa(row["lsoa11_code"]))
    counties = {
        r["ltla21_code"]: r["utla21_code"]
        for r in _read(folder / "lookup_ltla21_utla21_england.csv")
    }

    now = resolve_area_codes(districts)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for district, tally in districts.items():
        area = areas.get(now[district].gss_code) if district in now else None
        if area is None:
            continue
        tallies[area.gss_code].add(tally)
        county = counties.get(district, "")
        if county.startswith("E10") and county in areas:
            tallies[county].add(tally)
        if area.parent is not None and area.parent.kind == AreaKind.REGION:
            tallies[area.parent.gss_code].add(tally)
        tallies[ENGLAND_CODE].add(tally)

    wards: dict[str, _Tally] = defaultdict(_Tally)
    for row in _read(folder / "lookup_lsoa21_ward24_cheshire_west_and_chester.csv"):
        wards[row["ward24_code"]].add(lsoa(row["lsoa21_code"]))
    tallies.update(wards)
    for key, ward_codes in ward_groups.items():
        group = _Tally()
        for ward in ward_codes:
            group.add(wards.get(ward, _Tally()))
        tallies[key] = group

    figures = [f for area, tally in sorted(tallies.items()) if (f := _share(code, area, tally))]
    return Series(DEPRIVATION_DIR, f"Computed from {IMD_ATTRIBUTION}", figures)


# --------------------------------------------------------------------------------------------------
# Loading.


def _figure_areas() -> dict[str, Area]:
    """Areas by the codes a file may name them with: their GSS code, or an earlier code of the
    same area (a recode). A code of a former authority now part of a larger one is left out:
    its figure is for part of today's area, not all of it."""
    areas = {
        a.gss_code: a for a in Area.objects.live().exclude(gss_code="").select_related("parent")
    }
    for row in AreaCode.objects.live().filter(note__startswith=RECODED).select_related("area"):
        areas.setdefault(row.code, row.area)
    return areas


def _commitments() -> dict[str, Commitment]:
    return {
        c.number: c
        for c in Commitment.objects.live().filter(strategy__kind="scs").select_related("strategy")
    }


def _lead_bodies(commitments: dict[str, Commitment]) -> dict[str, Body]:
    leads = {}
    for c in commitments.values():
        lead = c.responsibilities.live().filter(role="lead").select_related("body").first()
        if lead is not None:
            leads[c.number] = lead.body
    return leads


def _adopt(*, by: Any, people: dict[str, Any], counts: Counter) -> dict[str, Indicator]:
    commitments = _commitments()
    leads = _lead_bodies(commitments)
    new = _new_indicator_fields()
    found = {i.code: i for i in Indicator.objects.live().filter(code__in=[u.code for u in USES])}
    adopted: dict[str, Indicator] = {}
    for use in USES:
        indicator = found.get(use.code)
        if indicator is None:
            indicator = indicator_create(fields=new[use.code], by=by)
        person = people[use.lead]
        owner = leads[use.outcomes[0]]
        outcomes = [commitments[n] for n in use.outcomes]
        if indicator.status == IndicatorStatus.REFERENCE:
            indicator = indicator_adopt(
                indicator=indicator,
                lead_officer=person,
                owning_body=owner,
                outcomes=outcomes,
                expected_version=None,
                by=by,
            )
        titles = "; ".join(f"{c.number} '{c.title}'" for c in outcomes)
        noun = "commitments" if len(outcomes) > 1 else "commitment"
        changes: dict[str, Any] = {
            "frequency": use.frequency,
            "geography": use.geography,
            "rationale": (indicator.rationale + "\n\n" if indicator.rationale else "")
            + (
                f"In the example partnership it measures SCS {noun} {titles}. {use.why} "
                "The seeds do not link indicators to commitments: the example does, and its "
                "owner is the partnership that leads the first commitment (seed 003, appendix 1). "
                + PERSON_ROLE.format(person=person.name, body=REPORTED_FOR[use.lead])
            ),
            **use.changes,
        }
        if use.period_kind:
            changes["period_kind"] = use.period_kind
        adopted[use.code] = indicator_update(
            indicator=indicator, changes=changes, expected_version=None, by=by
        )
    counts["indicators_in_use"] = len(adopted)
    return adopted


INDICATOR, PERIOD, AREA = (
    ROW_COLUMNS.index(name) for name in ("indicator_id", "period_id", "area_id")
)


@dataclass(frozen=True)
class Written:
    figure: Figure
    period: Period
    source: str


def _write(
    series: list[Series],
    indicators: dict[str, Indicator],
    areas: dict[str, Area],
    *,
    keep: Area,
    by: Any,
    counts: Counter,
) -> list[Written]:
    """Write the figures the way an import does (straight to the table, one ImportBatch per
    file): rows for known areas only, the first figure for each indicator, period and area
    kept, and none where a figure already stands. Returns those written for the area `keep`."""
    periods = periods_for({f.period for s in series for f in s.figures})
    standing = set(
        Observation.objects.current()
        .filter(indicator__in=list(indicators.values()), breakdown="")
        .values_list("indicator_id", "period_id", "area_id")
    )
    user_id = by.pk if getattr(by, "is_authenticated", False) else None
    now = timezone.now()
    written: list[Written] = []
    for s in series:
        rows: list[tuple] = []
        for f in s.figures:
            area = areas.get(f.area)
            if area is None:
                continue
            key = (indicators[f.indicator].pk, periods[f.period].pk, area.pk)
            if key in standing:
                continue
            standing.add(key)
            if area.pk == keep.pk:
                written.append(Written(f, periods[f.period], s.source))
            row = {
                "indicator_id": key[0],
                "period_id": key[1],
                "area_id": key[2],
                "breakdown": "",
                "value": f.value,
                "numerator": f.numerator,
                "denominator": f.denominator,
                "ci_lower": f.ci_lower,
                "ci_upper": f.ci_upper,
                "status": ObservationStatus.FINAL.value,
                "suppressed": f.suppressed,
                "suppression_reason": f.suppression_reason,
                "commentary": f.commentary,
                "provenance": Provenance.REAL.value,
                "restatement_reason": "",
                "source": s.source,
                "restates_id": None,
            }
            rows.append(tuple(row[name] for name in ROW_COLUMNS))
        skipped = len(s.figures) - len(rows)
        batch = record_create(
            ImportBatch,
            fields={
                "filename": f"accord/observations/data/{s.path}",
                "layout": "example",
                "status": ImportStatus.DONE,
                "finished_on": now,
                "rows_total": len(s.figures),
                "rows_done": len(s.figures),
                "rows_loaded": len(rows),
                "rows_rejected": skipped,
                "problems": [
                    {
                        "row": None,
                        "column": "",
                        "problem": f"{skipped} figures are for areas that are not authorities "
                        "now, or repeat a figure already recorded, and were left out.",
                    }
                ]
                if skipped
                else [],
                "source": s.source,
            },
            by=by,
        )
        constants = {
            "is_locked": False,
            "is_current": True,
            "batch_id": batch.pk,
            "created_on": now,
            "created_by_id": user_id,
            "modified_on": now,
            "modified_by_id": user_id,
            "archived_on": None,
            "archive_reason": "",
            "version": 1,
        }
        # In index order, so each index grows at its end rather than all over.
        rows.sort(key=lambda r: (r[INDICATOR], r[AREA], r[PERIOD]))
        if connection.vendor == "postgresql":
            copy_rows(iter([rows]), constants)
        else:
            insert_rows(iter([rows]), constants)
        figures_changed()
        counts["import_batches"] += 1
        counts["observations"] += len(rows)
    return written


# --- Targets ---------------------------------------------------------------------------------

TARGET_STEP = 0.02  # the illustrative improvement on the baseline for each target period
TARGET_NOTE = (
    "Illustrative target made for the Accord demonstration: the seed papers give no target "
    "values. Set at the baseline ({baseline_period}: {baseline:g}) improved by {percent:g}% in "
    "the better direction ({better} is better)."
)


def _later(period: Period | PeriodSpec, months: int) -> PeriodSpec:
    """The period of the same length `months` later (both ends moved by whole months)."""
    start = add_months(period.start, months)
    end = add_months(period.end + dt.timedelta(days=1), months) - dt.timedelta(days=1)
    return parse_period(f"{start.isoformat()}/{end.isoformat()}")


def _targets(
    indicators: dict[str, Indicator],
    borough: Area,
    figures: list[Written],
    *,
    by: Any,
    counts: Counter,
) -> None:
    """Illustrative targets for the borough: for the latest period with a figure (measured
    from a baseline three figures earlier) and the next two periods of the indicator's cycle."""
    history: dict[str, list[Written]] = defaultdict(list)
    for w in figures:
        if w.figure.value is not None:
            history[w.figure.indicator].append(w)
    for code, ind in indicators.items():
        points = sorted(history.get(code, []), key=lambda w: w.period.start)
        if ind.polarity == Polarity.NONE or not points:
            continue
        sign = 1 if ind.polarity == Polarity.HIGHER else -1
        step_months = 24 if ind.frequency == Frequency.BIENNIAL else 12
        baseline = points[-4] if len(points) >= 4 else points[0]
        latest = points[-1]
        planned: list[Period | PeriodSpec] = [latest.period] if latest is not baseline else []
        planned += [_later(latest.period, step_months * n) for n in (1, 2)]
        base = baseline.figure.value
        assert base is not None
        for n, period in enumerate(planned, start=1):
            value = base * (1 + sign * TARGET_STEP * n)
            if ind.maximum is not None:
                value = min(value, ind.maximum)
            value = round(max(value, ind.minimum or 0.0), ind.decimal_places)
            target_create(
                fields={
                    "indicator": ind,
                    "period": period,
                    "area": borough,
                    "value": value,
                    "baseline_value": base,
                    "baseline_period": baseline.period,
                    "kind": TargetKind.LOCAL,
                    "provenance": Provenance.ILLUSTRATIVE,
                    "notes": TARGET_NOTE.format(
                        baseline_period=baseline.period.code,
                        baseline=base,
                        percent=round(100 * TARGET_STEP * n, 1),
                        better="higher" if sign > 0 else "lower",
                    ),
                    "source": (
                        "Illustrative, set by the example loader (accord/common/example/"
                        f"performance.py) from the baseline figure's source: {baseline.source}"
                    ),
                },
                by=by,
            )
            counts["targets"] += 1


# --- The collection cycle --------------------------------------------------------------------

ROUND_INSTRUCTIONS = (
    "An example round of the demonstration: lead officers enter each indicator's figure for "
    "the period, with commentary, by the deadline. Its dates are set relative to the day the "
    "example was loaded; the seeds describe the cycle (seed 004, item 4: 'the LAA Performance "
    "Management Framework ... to ensure performance monitoring and reporting is robust and "
    "timely'), not these rounds."
)


def _rounds(borough: Area, *, by: Any, counts: Counter) -> None:
    day = today()
    earlier = round_open(
        fields={
            "title": "Annual performance returns 2024/25",
            "period": "2024/25",
            "opens_on": day - dt.timedelta(days=75),
            "deadline": day - dt.timedelta(days=45),
            "instructions": ROUND_INSTRUCTIONS,
            "source": "Example collection round (dates relative to loading).",
        },
        areas=[borough],
        by=by,
    )
    # Where the figure is already published, its lead officer submits it and it is approved;
    # the other returns of this round are still owed after the deadline: they are late.
    returns = Return.objects.filter(round=earlier).select_related("indicator")
    published = {
        o.indicator_id: o
        for o in Observation.objects.current().filter(
            area=borough, period=earlier.period, indicator__in=[r.indicator_id for r in returns]
        )
    }
    for ret in returns:
        figure = published.get(ret.indicator_id)
        if figure is None or figure.value is None:
            continue
        submitted = return_submit(
            ret=ret,
            value=figure.value,
            commentary=(
                f"The published figure, as in {figure.source}. Submitted and approved in the "
                "example."
            ),
            unusual_change_confirmed=True,
            expected_version=None,
            by=by,
        )
        return_approve(ret=submitted, expected_version=None, by=by)
        counts["returns_approved"] += 1
    current = round_open(
        fields={
            "title": "Annual performance returns 2025/26",
            "period": "2025/26",
            "opens_on": day - dt.timedelta(days=7),
            "deadline": day + dt.timedelta(days=14),
            "instructions": ROUND_INSTRUCTIONS,
            "source": "Example collection round (dates relative to loading).",
        },
        areas=[borough],
        by=by,
    )
    counts["collection_rounds"] += 2
    counts["returns"] = Return.objects.filter(round__in=[earlier, current]).count()
    counts["returns_late"] = Return.objects.filter(
        round=earlier, status__in=[ReturnStatus.DUE, ReturnStatus.RETURNED]
    ).count()


# --- The review, the case study --------------------------------------------------------------

REVIEW_INSTRUCTIONS = (
    "For each outcome: a. What outcomes do we want to achieve? b. What indicators do we "
    "currently have in place? c. How effectively do they measure the outcomes we want to "
    "achieve? d. Which indicators do we want to retain? e. Which additional indicators do we "
    "want to include? Evidence of locally relevant performance indicators suggested by the Area "
    "Partnership Boards should be included."
)


def _review(*, by: Any, counts: Counter) -> None:
    scs = Strategy.objects.live().filter(kind="scs").order_by("pk").first()
    review = review_open(
        fields={
            "title": "Review of SCS performance indicators (appendix 2)",
            "strategy": scs,
            "due_on": dt.date(2010, 10, 31),
            "instructions": REVIEW_INSTRUCTIONS,
            "source": (
                f'{S003}, 2.3 step 1 (\'Each Thematic Partnership to complete a "first cut" of '
                "the template set out at Appendix 2', August - October 2010) and appendix 2 (the "
                "template's questions a-e). The ratings and decisions are left for the "
                "partnerships to make."
            ),
        },
        by=by,
    )
    counts["indicator_reviews"] += 1
    counts["review_entries"] = review.entries.count()


CASE_STUDY = {
    "title": "Illustrative: a joint alcohol harm project in Ellesmere Port",
    "summary": (
        "An illustrative case study written for the Accord demonstration: it describes no real "
        "person, project or event. It shows how a story of 'real benefits to real people' sits "
        "beside the figures for the outcome and indicator it is linked to."
    ),
    "story": (
        "This story is illustrative. In it, partners of the Safer Communities Partnership and "
        "the Health and Wellbeing Partnership agree to look together at alcohol-related harm in "
        "Ellesmere Port, where colleagues at the Thematic Leads meeting of 27 April 2009 "
        "reported particular risks. A resident who had repeatedly been admitted to hospital is "
        "offered support through one named contact instead of several services, and the "
        "partnership follows whether hospital admissions for alcohol-related conditions fall."
    ),
    "is_published": True,
    "is_illustrative": True,
    "source": (
        "Illustrative, written for the example; not a real case. It draws on "
        f"{S004}, items 3 and 4 ('particular risks within the town of Ellesmere Port'; 'sound "
        "qualitative evidence and real benefits to real people')."
    ),
}


def _case_study(
    indicators: dict[str, Indicator],
    bodies: dict[str, Body],
    areas: dict[str, Area],
    *,
    by: Any,
    counts: Counter,
) -> None:
    alcohol = indicators["FT 91414"]
    record_create(
        CaseStudy,
        fields={
            **CASE_STUDY,
            "area": areas.get("apb_area:Ellesmere Port"),
            "body": bodies.get("safer"),
        },
        by=by,
        many={"outcomes": list(alcohol.outcomes.all()), "indicators": [alcohol]},
    )
    counts["case_studies"] += 1


def board_area_wards() -> tuple[dict[str, Area], dict[str, list[str]]]:
    """The area partnership board areas whose wards are on record, keyed for `deprivation`,
    with their wards' GSS codes (none in the example: the seeds do not give them)."""
    keyed: dict[str, Area] = {}
    wards: dict[str, list[str]] = defaultdict(list)
    rows = (
        Area.objects.live()
        .filter(kind=AreaKind.WARD, parent__kind=AreaKind.APB_AREA, parent__archived_on=None)
        .exclude(gss_code="")
        .select_related("parent")
    )
    for ward in rows:
        key = f"area:{ward.parent_id}"
        keyed[key] = ward.parent  # type: ignore[assignment]
        wards[key].append(ward.gss_code)
    return keyed, dict(wards)


def load_performance(
    *,
    by: Any,
    bodies: dict[str, Body],
    areas: dict[str, Area],
    people: dict[str, Any],
    counts: Counter,
) -> None:
    """Load the example's performance data, all at once or not at all (see the module's
    docstring for what is real and what is illustrative)."""
    with transaction.atomic():
        for name, n in load_reference_areas(by=by).items():
            counts[name] += n
        counts["library_indicators"] += load_library(by=by)["created"]
        indicators = _adopt(by=by, people=people, counts=counts)
        figure_areas = _figure_areas()
        borough = figure_areas[BOROUGH_CODE]
        series = [place_survey(), *ons(indicators), *trafford()]
        boards, board_wards = board_area_wards()
        figure_areas.update(boards)
        series.append(deprivation(figure_areas, board_wards))
        figures = _write(series, indicators, figure_areas, keep=borough, by=by, counts=counts)
        _targets(indicators, borough, figures, by=by, counts=counts)
        _rounds(borough, by=by, counts=counts)
        _review(by=by, counts=counts)
        _case_study(indicators, bodies, areas, by=by, counts=counts)
