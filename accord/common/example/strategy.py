"""The example partnership's strategy and timetables, exactly as the seed papers give them.

- seed 003: the Sustainable Community Strategy 'Together we Can Aim High' (approved by West
  Cheshire Together and adopted by the Council on 25 February 2010), its 15 commitments and the
  responsibility matrix of appendix 1; the six priorities of section 3; the SCS delivery plan
  2011–14 and the steps 1–4 of its preparation (section 2.3).
- seed 001: the Local Area Agreement 2008–2011 and its 2009 refresh; the LAA 2009 timescales;
  the SCS timescale.
- seed 000: Chester APB's area action plan (January 2012) with its three priorities, each with its
  priority action group.

Nothing is invented. Where a seed gives no date, the date is left empty; where a date is worked
out from what a seed says (a period from '15 years', a year from the paper's context), `source`
says how.
The seeds record plans, not what happened, so every milestone's status is "outcome not
recorded" (not open, so never shown as overdue), and each programme's description says so.
"""

import datetime as dt
from collections import Counter
from typing import Any

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.common.example.data import S000, S001, S003
from accord.milestones.models import DatePrecision
from accord.milestones.services import milestone_create, programme_create
from accord.strategies.services import (
    commitment_create,
    matrix_apply,
    priority_create,
    strategy_create,
)

# --------------------------------------------------------------------------------------------------
# The Sustainable Community Strategy (seed 003).

SCS_APPROVED = dt.date(2010, 2, 25)

SCS: dict[str, Any] = {
    "kind": "scs",
    "title": "Together we Can Aim High",
    "short_title": "Sustainable Community Strategy",
    "owning_body": "lsp",
    "status": "adopted",
    "adopted_by": "lsp",
    "adopted_on": SCS_APPROVED,
    "period_start": SCS_APPROVED,
    "period_end": dt.date(2025, 2, 24),
    "description": (
        "The West Cheshire Sustainable Community Strategy: 'the 15 year vision for improving the "
        "social, economic and environmental well-being of the Borough', with 15 commitments. "
        "Approved by West Cheshire Together at its meeting on 25 February 2010 and adopted by "
        "Cheshire West and Chester Council on the same day."
    ),
    "source": (
        f"{S003}, 1.1: 'At its meeting on 25 February 2010, West Cheshire Together approved the "
        "Sustainable Community Strategy 'Together we Can Aim High' as the vision we will work "
        "together to achieve over the next 15 years. The Strategy was also adopted by Cheshire "
        "West and Chester Council on the same day.' The seed gives no start or end date: the "
        "period is taken as the 15 years from its approval on 25 February 2010 (to 24 February "
        "2025). The seed does not quote the vision statement itself, so the vision is left empty."
    ),
}

MATRIX_SOURCE = f"{S003}, appendix 1 (LSP Thematic Partnership Involvement in SCS Delivery)."

# Appendix 1's columns, in its order, as the example bodies are keyed.
MATRIX_COLUMNS = ["safer", "stronger", "health", "bec", "childrens_trust", "environment"]

L, C, _ = "lead", "contributing", None

# The 15 commitments with their titles exactly as appendix 1 gives them, and the row of the
# matrix: Safer, Stronger, Health and Wellbeing, Business Enterprise and Culture, Children's
# Trust, Environment and Sustainability.
COMMITMENTS: list[tuple[str, str, list[str | None]]] = [
    (
        "1",
        "Recognising, celebrating and engaging with our diverse communities",
        [_, L, C, C, C, C],
    ),
    (
        "2",
        "Building and developing the role of the third sector (i.e. voluntary, community, faith "
        "and other not for profit groups and organisations)",
        [_, L, C, _, C, C],
    ),
    (
        "3",
        "Increasing confidence in the public services, enabling people feel safe in their "
        "communities",
        [L, _, _, C, C, _],
    ),
    (
        "4",
        "Working with our communities to address local issues particularly around crime and "
        "disorder",
        [L, _, C, _, C, _],
    ),
    (
        "5",
        "Engaging with and supporting our communities to take positive action on climate change "
        "and sustainable living.",
        [_, C, C, C, C, L],
    ),
    (
        "6",
        "Developing and promoting appropriate and accessible ways to increase people's ability to "
        "influence decision-making",
        [_, L, C, _, C, C],
    ),
    (
        "7",
        "Reducing health inequalities and encouraging people to live longer, healthier and active "
        "lives",
        [C, _, L, C, C, C],
    ),
    (
        "8",
        "Aiming to eliminate the impact of poverty and deprivation within our communities",
        [C, _, C, C, L, C],
    ),
    (
        "9",
        "Anticipating and supporting the needs and aspirations of our ageing population",
        [_, _, L, C, _, C],
    ),
    (
        "10",
        "Improving access to good quality and affordable homes.",
        [_, _, C, _, C, L],
    ),
    (
        "11",
        "Supporting the development of a sustainable and resilient economy, with thriving "
        "businesses",
        [_, _, _, L, C, C],
    ),
    (
        "12",
        "Providing our workforce with access to locally relevant skills and training to achieve "
        "better paid employment",
        [C, _, C, L, C, C],
    ),
    (
        "13",
        "Valuing and promoting West Cheshire's unique and diverse natural and built environments, "
        "and supporting the development of rich cultural opportunities",
        [_, _, C, L, C, C],
    ),
    (
        "14",
        "Recognising and releasing the potential of young people to play a full and active part "
        "in the future of West Cheshire.",
        [C, _, _, C, L, _],
    ),
    (
        "15",
        "Adapting built and natural environments to be resilient to climate change.",
        [_, _, C, _, _, L],
    ),
]

# --------------------------------------------------------------------------------------------------
# The Local Area Agreement 2008–2011 and its 2009 refresh (seeds 001 and 003).

LAA_END = dt.date(2011, 3, 31)

LAA_2008: dict[str, Any] = {
    "kind": "laa",
    "title": "Local Area Agreement 2008–2011",
    "short_title": "LAA 2008–2011",
    "period_start": dt.date(2008, 4, 1),
    "period_end": LAA_END,
    "status": "draft",
    "delivers": "scs",
    "description": (
        "The 3 year statutory Local Area Agreement for 2008–2011, based upon 'severable' targets "
        "for the area of Cheshire West and Chester (seed 001). Seed 003 (1.2): 'the 3 year local "
        "area agreement (LAA) is the delivery plan for this vision. The current LAA comes to an "
        "end on 31 March 2011.' The seeds show the agreement in force but give neither the date "
        "nor the body that adopted it; as 'adopted' needs both, the status is left at draft."
    ),
    "source": (
        f"{S001}, section 3: 'the 3 year statutory Local Area Agreement targets for the period "
        f"2008-2011'. {S003}, 1.2 (end on 31 March 2011). The period starts on 1 April 2008: the "
        "three years ending 31 March 2011. Owning body: not given in the seeds."
    ),
}

LAA_2009: dict[str, Any] = {
    "kind": "laa",
    "title": "Local Area Agreement 2009–2011 (2009 refresh)",
    "short_title": "LAA 2009–2011",
    "owning_body": "lsp",
    "period_start": dt.date(2009, 4, 1),
    "period_end": LAA_END,
    "status": "draft",
    "delivers": "scs",
    "revises": "laa_2008",
    "description": (
        "The review and refresh of the 2008–2011 LAA, to 'collectively sign up to the partnership "
        "delivery of these outcomes for the next two years'. 'The 2009-2011 LAA will be required "
        "to be formally signed off, on behalf of the Partnership, by the Executive Group at "
        "Cheshire West and Chester Council by 26th March 2009.' Seed 001 was written before that "
        "date and no seed records the sign-off, so the status is draft."
    ),
    "source": (
        f"{S001}, section 3 ('LAA Review and Refresh') and the LSP timetable ('Mid-March: To "
        "review progress and sign-up to a new LAA for 2009-2011'). The period starts on 1 April "
        "2009, when the new LSP begins ('the next two years'), and ends with the LAA on 31 March "
        f"2011 ({S003}, 1.2). It delivers the SCS: {S003}, 1.2."
    ),
}

# --------------------------------------------------------------------------------------------------
# The SCS delivery plan 2011–14 and its six priorities (seed 003).

DELIVERY_PLAN: dict[str, Any] = {
    "kind": "delivery_plan",
    "title": "West Cheshire Sustainable Community Strategy Delivery Plan 2011-2014",
    "short_title": "SCS delivery plan 2011–14",
    "owning_body": "lsp",
    "period_start": dt.date(2011, 4, 1),
    "period_end": dt.date(2014, 3, 31),
    "status": "draft",
    "delivers": "scs",
    "description": (
        "The delivery plan to achieve the outcomes set out in the SCS, to be developed with the "
        "Thematic Partnerships and Area Partnership Boards (steps 1–4), led by the LSP "
        "Performance and Risk Group; the final plan 'to be adopted by LSP' in April 2011."
    ),
    "source": (
        f"{S003} (report title; 2.3 steps 1–4; 4.1). The paper proposes the process, so the plan "
        "is a draft. The period follows the current LAA, which ends on 31 March 2011 (1.2), and "
        "is taken as 1 April 2011 to 31 March 2014 for '2011-2014'; the seed gives no exact dates."
    ),
}

PRIORITIES_SOURCE = (
    f"{S003}, section 3.1: 'a smaller number of priority issues for the next few years ... these "
    "priorities should provide the focus for action within the SCS Delivery Plan'. The seed does "
    "not link them to numbered commitments, so none is linked. Dates: those of the delivery plan."
)
SCS_PRIORITIES = [
    "Support businesses in order to increase the number of people in jobs and the number of young "
    "people in education, training or employment",
    "Deliver our regeneration programmes in Chester, the Weaver Valley, Ellesmere Port and Rural "
    "Resurgence and provide a strong and sustainable cultural infrastructure as a catalyst for "
    "community revitalisation",
    "Increase the number of affordable homes and ensure that all homes meet the decent homes "
    "standard, particularly in Ellesmere Port",
    "Reduce health inequalities, particularly focusing on men living in the most deprived areas "
    "and older women",
    "Reduce drug and alcohol related problems, particularly in relation to crime, arson, "
    "anti-social behaviour and health inequalities",
    "Work with older people to raise awareness of their needs and aspirations.",
]

# --------------------------------------------------------------------------------------------------
# Chester APB's area action plan (seed 000).

CHESTER_PLAN: dict[str, Any] = {
    "kind": "area_action_plan",
    "title": "Chester Area Action Plan",
    "owning_body": "apb:Chester",
    "area": "apb_area:Chester",
    "status": "draft",
    "description": (
        "The Action Plan of Chester Area Partnership Board. In January 2012 the Chair proposed "
        "that the Board approve the priorities for the Action Plan 'which were considered at the "
        "September meeting', each delivered by a Priority Action Group reporting to each meeting "
        "of the APB's Steering Group."
    ),
    "source": (
        f"{S000}, proposals 3 and 4 ('the development of Chester Area Action Plan'). The paper "
        "proposes the priorities for approval, so the plan is a draft; it gives no period, so the "
        "dates are left empty."
    ),
}
CHESTER_PRIORITIES = [
    ("Enhancing health and well-being / reducing health inequalities", "pag_health"),
    (
        "Enabling economic growth (including employment support & infrastructure, enterprise "
        "communities & capacity building)",
        "pag_economy",
    ),
    (
        "Improving the environment and regenerating neighbourhoods (including housing)",
        "pag_environment",
    ),
]
CHESTER_PRIORITIES_SOURCE = (
    f"{S000}, proposal 3 (the priorities, exactly as listed) and proposal 4 ('three Priority "
    "Action Groups ... Each of which will be required to develop an Action Plan to deliver against "
    "its priority'). The seed does not link them to SCS commitments, so none is linked."
)

# --------------------------------------------------------------------------------------------------
# Timetables (seeds 001 and 003). Every milestone is a plan: the seeds do not say what happened.

PLAN_NOT_OUTCOME = (
    " The seed records the plan, not what happened: every milestone's outcome is 'not recorded' "
    "until someone records whether it was done."
)

DAY, BY_DAY, MONTH, SPAN = (
    DatePrecision.DAY,
    DatePrecision.BY_DAY,
    DatePrecision.MONTH,
    DatePrecision.SPAN,
)

PROGRAMMES: list[dict[str, Any]] = [
    {
        "title": "LAA 2009 review and refresh timetable",
        "strategy": "laa_2009",
        "description": (
            "The 2009 timescales for the review and refresh of the Local Area Agreement, ending "
            "with the formal adoption and submission of the 2009-2011 LAA to GONW by 26 March "
            "2009." + PLAN_NOT_OUTCOME
        ),
        "source": f"{S001}, section 3, '2009 Timescales'.",
        "milestones": [
            {
                "title": "GONW Review of LAA Targets including Annual Review conclusions sent to "
                "central Government",
                "starts_on": dt.date(2009, 1, 1),
                "due_on": dt.date(2009, 1, 31),
                "precision": MONTH,
                "owner_organisation": "gonw",
                "quote": "January",
            },
            {
                "title": "Communities of Cheshire Partnership to agree the review and refresh "
                "process",
                "due_on": dt.date(2009, 1, 30),
                "precision": DAY,
                "owner_body": "ccp",
                "quote": "30 January",
            },
            {
                "title": "LSP Nominated Representatives to review emerging 2009-2011 LAA",
                "starts_on": dt.date(2009, 2, 1),
                "due_on": dt.date(2009, 2, 28),
                "precision": MONTH,
                "owner_body": "lsp_shadow",
                "quote": "February",
                "note": (
                    " The LSP nominated representatives meet as the LSP Steering Group (shadow) "
                    "during February and March (section 2)."
                ),
            },
            {
                "title": "Final or near final refreshed LAA sent to GONW",
                "due_on": dt.date(2009, 3, 2),
                "precision": DAY,
                "quote": "2 March",
                "note": " The seed does not say who sends it, so no owner is set.",
            },
            {
                "title": "GONW make recommendations to Ministers",
                "due_on": dt.date(2009, 3, 9),
                "precision": DAY,
                "owner_organisation": "gonw",
                "quote": "9 March",
            },
            {
                "title": "Throughout March negotiations to be concluded on any outstanding issues",
                "starts_on": dt.date(2009, 3, 1),
                "due_on": dt.date(2009, 3, 31),
                "precision": MONTH,
                "quote": "March",
                "note": " The seed does not say who negotiates, so no owner is set.",
            },
            {
                "title": "Formal adoption process completed and final LAA submitted to GONW",
                "due_on": dt.date(2009, 3, 26),
                "precision": DAY,
                "owner_organisation": "cwac",
                "quote": "26 March",
                "note": (
                    " Owner: 'formally signed off, on behalf of the Partnership, by the Executive "
                    "Group at Cheshire West and Chester Council by 26th March 2009'."
                ),
            },
        ],
    },
    {
        "title": "Sustainable Community Strategy timescale 2009",
        "owning_body": "lsp",
        "description": (
            "The timescale for developing a new longer term (10 year) Sustainable Community "
            "Strategy for 2009-2019, replacing the Interim Sustainable Community Strategy. Seed "
            "003 records that West Cheshire Together approved the 15-year Sustainable Community "
            "Strategy 'Together we Can Aim High' on 25 February 2010; the seeds do not say "
            "whether that is the strategy planned here, so this timetable is not linked to it."
            + PLAN_NOT_OUTCOME
        ),
        "source": (
            f"{S001}, section 4, 'Timescale'. The table gives no year: it is taken as 2009, the "
            "year of the bulletin's timetables and of the '2009-2019' strategy."
        ),
        "milestones": [
            {
                "title": "Self-Evaluation / State of the Borough evidenced-based review of the "
                "area of Cheshire West and Chester.",
                "due_on": dt.date(2009, 4, 30),
                "precision": BY_DAY,
                "quote": "by 30th April",
            },
            {
                "title": "LSP to issue a draft 2009-2019 Sustainable Community Strategy for "
                "Consultation.",
                "due_on": dt.date(2009, 6, 30),
                "precision": BY_DAY,
                "owner_body": "lsp",
                "quote": "by 30th June",
            },
            {
                "title": "Formally endorse the new 2009-2019 Sustainable Community Strategy",
                "due_on": dt.date(2009, 10, 30),
                "precision": BY_DAY,
                "quote": "by 30th October",
            },
        ],
    },
    {
        "title": "SCS delivery plan 2011–14",
        "strategy": "delivery_plan",
        "owning_body": "prg",
        "description": (
            "The process for developing the SCS delivery plan 2011-2014, 'focusing initially on "
            "the Thematic Partnerships', led by the LSP Performance and Risk Group."
            + PLAN_NOT_OUTCOME
        ),
        "source": f"{S003}, 2.3 (steps 1–4) and 4.1 ('led by the LSP Performance and Risk Group').",
        "milestones": [
            {
                "title": "Step 1: each Thematic Partnership to complete a 'first cut' of the "
                "performance information template (appendix 2)",
                "description": (
                    "It is suggested that a working group be set up to complete this task. "
                    "Evidence of locally relevant performance indicators suggested by the Area "
                    "Partnership Boards should be included."
                ),
                "starts_on": dt.date(2010, 8, 1),
                "due_on": dt.date(2010, 10, 31),
                "precision": SPAN,
                "quote": "Step 1: August - October 2010",
                "note": " Owner: 'Each Thematic Partnership' (several bodies), so none is set.",
            },
            {
                "title": "Initial work presented to the LSP on 28 October 2010",
                "due_on": dt.date(2010, 10, 28),
                "precision": DAY,
                "owner_body": "lsp",
                "quote": "Initial work will be presented to the LSP on 28 October 2010",
            },
            {
                "title": "Step 2: refine, confirm and baseline performance measures, with three "
                "year target setting; map and evaluate resource alignment",
                "description": (
                    "Parallel work to map and evaluate resource alignment throughout the "
                    "partnership framework (draft template at appendix 3), with area based "
                    "discussions through the Area Partnership Boards."
                ),
                "starts_on": dt.date(2010, 11, 1),
                "due_on": dt.date(2010, 12, 31),
                "precision": SPAN,
                "quote": "Step 2: November - December 2010",
            },
            {
                "title": "Step 3: draft SCS delivery plan developed and presented to key "
                "organisations for their comment, endorsement and support",
                "description": (
                    "Further work developing a clearer understanding of resource alignment and "
                    "rationalisation possibilities, particularly by piloting priority issues and "
                    "priority areas."
                ),
                "starts_on": dt.date(2011, 1, 1),
                "due_on": dt.date(2011, 3, 31),
                "precision": SPAN,
                "quote": "Step 3: January - March 2011",
            },
            {
                "title": "Step 4: Final Delivery Plan to be adopted by LSP",
                "starts_on": dt.date(2011, 4, 1),
                "due_on": dt.date(2011, 4, 30),
                "precision": MONTH,
                "owner_body": "lsp",
                "quote": "Step 4: April 2011",
            },
        ],
    },
]


def _strategy(
    item: dict[str, Any], by: Any, bodies: dict[str, Body], areas: dict[str, Area], made: dict
):
    fields = dict(item)
    for name in ("owning_body", "adopted_by"):
        if fields.get(name):
            fields[name] = bodies[fields[name]]
    for name in ("delivers", "revises"):
        if fields.get(name):
            fields[name] = made[fields[name]]
    if fields.get("area"):
        fields["area"] = areas[fields["area"]]
    return strategy_create(fields=fields, by=by)


def load_strategy(
    *,
    by: Any,
    bodies: dict[str, Body],
    areas: dict[str, Area],
    organisations: dict[str, Any],
    counts: Counter,
) -> None:
    """Load the strategies, commitments, matrix, priorities and timetables of the seeds."""
    made: dict[str, Any] = {}
    made["scs"] = _strategy(SCS, by, bodies, areas, made)
    made["laa_2008"] = _strategy(LAA_2008, by, bodies, areas, made)
    made["laa_2009"] = _strategy(LAA_2009, by, bodies, areas, made)
    made["delivery_plan"] = _strategy(DELIVERY_PLAN, by, bodies, areas, made)
    made["chester_plan"] = _strategy(CHESTER_PLAN, by, bodies, areas, made)
    counts["strategies"] = len(made)

    scs = made["scs"]
    cells: dict[tuple[int, int], str | None] = {}
    for position, (number, title, row) in enumerate(COMMITMENTS, start=1):
        commitment = commitment_create(
            fields={
                "strategy": scs,
                "kind": "commitment",
                "number": number,
                "title": title,
                "position": position,
                "source": f"{S003}, appendix 1, commitment {number}.",
            },
            by=by,
        )
        counts["commitments"] += 1
        for column, role in zip(MATRIX_COLUMNS, row, strict=True):
            if role:
                cells[(commitment.pk, bodies[column].pk)] = role
    matrix_apply(strategy=scs, cells=cells, by=by)
    counts["responsibilities"] = len(cells)

    plan = made["delivery_plan"]
    for position, title in enumerate(SCS_PRIORITIES, start=1):
        priority_create(
            fields={
                "title": title,
                "strategy": plan,
                "valid_from": plan.period_start,
                "valid_to": plan.period_end,
                "position": position,
                "source": PRIORITIES_SOURCE,
            },
            by=by,
        )
        counts["priorities"] += 1
    chester = made["chester_plan"]
    for position, (title, group) in enumerate(CHESTER_PRIORITIES, start=1):
        priority_create(
            fields={
                "title": title,
                "strategy": chester,
                "area": chester.area,
                "action_group": bodies[group],
                "position": position,
                "source": CHESTER_PRIORITIES_SOURCE,
            },
            by=by,
        )
        counts["priorities"] += 1

    for item in PROGRAMMES:
        programme = programme_create(
            fields={
                "title": item["title"],
                "description": item["description"],
                "owning_body": bodies.get(item.get("owning_body", "")),
                "strategy": made.get(item.get("strategy", "")),
                "source": item["source"],
            },
            by=by,
        )
        counts["programmes"] += 1
        for position, m in enumerate(item["milestones"], start=1):
            milestone_create(
                fields={
                    "programme": programme,
                    "title": m["title"],
                    "description": m.get("description", ""),
                    "starts_on": m.get("starts_on"),
                    "due_on": m["due_on"],
                    "precision": m["precision"],
                    "owner_body": bodies.get(m.get("owner_body", "")),
                    "owner_organisation": organisations.get(m.get("owner_organisation", "")),
                    "status": "unrecorded",
                    "position": position,
                    "source": f"{item['source']} The paper's date: '{m['quote']}'."
                    + m.get("note", ""),
                },
                by=by,
            )
            counts["milestones"] += 1
