"""The example partnership, Cheshire West and Chester 2007–2012, as the five seed papers give it.

Every record carries `source`: the paper (and where useful the passage) it comes from. Nothing
here is invented: where a paper gives no date, the date is left empty and the `source` says so (an
empty start reads as "since before records began"). Records refer to each other by `key`; the
loader resolves them.

The seed papers:
- seed 000: Chester APB, "Steps to action: Chair's report", John Denny, January 2012
- seed 001: Partnership Bulletin no. 1 of the Cheshire West and Chester Partnership, written after
  the Partnership Event of 8 December 2008 and before the LSP began on 1 April 2009
- seed 002: Communities of Cheshire Partnership, "Improving Partnership Working in Cheshire – Work
  Programme 2007/08"
- seed 003: West Cheshire Together, "West Cheshire Sustainable Community Strategy Delivery Plan
  2011-2014", Andrea Mageean, 29 July 2010
- seed 004: Cheshire West LSP Thematic Leads meeting, minutes, 27 April 2009
"""

import datetime as dt
from typing import Any

S000 = "Seed 000: Chester APB 'Steps to action: Chair's report', John Denny, January 2012"
S001 = "Seed 001: Partnership Bulletin no. 1 (after the Partnership Event of 8 December 2008)"
S002 = (
    "Seed 002: Communities of Cheshire Partnership, 'Improving Partnership Working in Cheshire – "
    "Work Programme 2007/08'"
)
S003 = (
    "Seed 003: West Cheshire Together, 'West Cheshire Sustainable Community Strategy Delivery "
    "Plan 2011-2014', 29 July 2010"
)
S004 = "Seed 004: LSP Thematic Leads minutes, 27 April 2009"
ISSUE2 = (
    "Issue 2: 'the county-wide Communities of Cheshire Partnership and the six district LSPs "
    "existed until 31 March 2009; the Cheshire West and Chester LSP replaced the three western "
    "districts' LSPs'"
)
NO_START = "The seeds give no date it was established, so that date is left empty."
NO_DATES = "The seeds give no start or end date, so both are left empty."

END_OF_OLD_STRUCTURES = dt.date(2009, 3, 31)
LSP_START = dt.date(2009, 4, 1)

# --------------------------------------------------------------------------------------------------
# Areas. The borough and its wards come from accord/areas/data/ (see SOURCE.md there); these are the
# areas the seeds name that have no GSS code.

BOROUGH = "borough"

APB_AREAS: list[dict[str, Any]] = [
    {"key": f"apb_area:{name}", "name": name}
    for name in [
        "Chester",
        "Ellesmere Port",
        "Northwich & Rural North",
        "Winsford & Rural East",
        "Rural West",
    ]
]
APB_AREA_DESCRIPTION = (
    "The area of one of the five Area Partnership Boards of Cheshire West and Chester. Its "
    "boundary is not given in the seed papers, so no wards are assigned to it and it has no GSS "
    "code."
)
APB_AREA_SOURCE = (
    f"{S001}: 'The Five APBs have been identified and will cover the geographical areas of: "
    "Chester; Ellesmere Port; Northwich & Rural North; Winsford & Rural East; and Rural West.'"
)

NEIGHBOURHOOD_AREAS: list[dict[str, Any]] = [
    {"key": "nbhd:Blacon", "name": "Blacon", "ward": "Blacon"},
    {"key": "nbhd:Rudheath", "name": "Rudheath", "ward": "Rudheath"},
    {"key": "nbhd:Greenfields", "name": "Greenfields (Winsford)", "ward": ""},
    {"key": "nbhd:Lache", "name": "Lache", "ward": "Lache"},
]
NEIGHBOURHOOD_SOURCE = (
    f"{S001}: neighbourhood management arrangements 'in areas such as Blacon, Rudheath, "
    "Greenfields (Winsford) as well as the nationally acclaimed Lache Neighbourhood Management'."
)

# --------------------------------------------------------------------------------------------------
# Organisations

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "cwac",
        "name": "Cheshire West and Chester Council",
        "short_name": "CW&C",
        "sector": "public",
        "kind": "council",
        "gss_code": "E06000050",
        "start_date": LSP_START,
        "description": "The unitary council for Cheshire West and Chester from 1 April 2009.",
        "source": (
            f"{S001} ('CW&C', 'CWAC'); {S004}. GSS code and start date 2009-04-01: mySociety UK "
            "Local Authority Names and Codes (CC BY 4.0), accord/areas/data/."
        ),
    },
    {
        "key": "ccc",
        "name": "Cheshire County Council",
        "short_name": "CCC",
        "sector": "public",
        "kind": "council",
        "description": "The county council before local government reorganisation in 2009.",
        "source": (
            f"{S002} ('Specific issue for Cheshire County Council due to statutory duty'). The "
            "seeds give no end date, so it is left empty."
        ),
    },
    {
        "key": "vrbc",
        "name": "Vale Royal Borough Council",
        "short_name": "VRBC",
        "sector": "public",
        "kind": "council",
        "description": "A district council before local government reorganisation in 2009.",
        "source": (
            f"{S001}: 'Ewan McHenry, VRBC Community Safety Manager'. The seeds give no end date, "
            "so it is left empty."
        ),
    },
    {
        "key": "nhs_wc",
        "name": "NHS Western Cheshire",
        "short_name": "Western Cheshire PCT",
        "sector": "public",
        "kind": "nhs",
        "description": "Western Cheshire Primary Care Trust (PCT).",
        "source": (
            f"{S004} ('NHS Western Cheshire'); {S001} ('Western Cheshire PCT Director of Public "
            "Health'; the LSP list spells it 'NHS West Cheshire')."
        ),
    },
    {
        "key": "wcc",
        "name": "West Cheshire College",
        "sector": "public",
        "kind": "college",
        "source": f"{S004}: Sara Mogel, West Cheshire College.",
    },
    {
        "key": "police",
        "name": "Cheshire Constabulary",
        "sector": "public",
        "kind": "police",
        "source": f"{S004}: Tim Jackson, Cheshire Constabulary.",
    },
    {
        "key": "fire",
        "name": "Cheshire Fire and Rescue Service",
        "sector": "public",
        "kind": "fire",
        "source": f"{S004}: John Salt, Cheshire Fire and Rescue Service.",
    },
    {
        "key": "jcp",
        "name": "Jobcentre Plus",
        "sector": "public",
        "kind": "jobcentre",
        "source": f"{S004} and {S001}, which spell it 'Job Centre Plus'.",
    },
    {
        "key": "groundwork",
        "name": "Groundwork Cheshire",
        "sector": "third",
        "kind": "voluntary",
        "source": f"{S001}: 'Jane Staley, Exec. Director Groundwork Cheshire'; {S004}.",
    },
    {
        "key": "probation",
        "name": "Cheshire Probation",
        "sector": "public",
        "kind": "probation",
        "source": f"{S001}: LSP membership list, 'Cheshire Probation'.",
    },
    {
        "key": "crec",
        "name": "Cheshire & Warrington Racial Equality Council",
        "sector": "third",
        "kind": "voluntary",
        "source": (
            f"{S001}: LSP membership list, 'Representative from Cheshire & Warrington Racial "
            "Equality Council'."
        ),
    },
    {
        "key": "gonw",
        "name": "Government Office North West",
        "short_name": "GONW",
        "sector": "public",
        "kind": "government",
        "source": (
            f"{S001}: LSP membership list ('Government Office North West representative "
            f"(co-opted)') and the LAA timetable; {S004}: GONW administers the Migrant Impact Fund."
        ),
    },
    {
        "key": "nwda",
        "name": "North West Development Agency",
        "short_name": "NWDA",
        "sector": "public",
        "kind": "government",
        "source": (
            f"{S001}: LSP membership list, 'North West Development Agency representative "
            "(co-opted)'."
        ),
    },
    {
        "key": "tsa",
        "name": "Third Sector Assembly",
        "sector": "third",
        "kind": "voluntary",
        "description": (
            "The assembly of voluntary, community and faith organisations, emerging in December "
            "2008."
        ),
        "source": (
            f"{S001}: 'the emerging Third Sector Assembly (Jane Staley, Exec. Director Groundwork "
            f"Cheshire)'; {S004} calls it 'The Third Assembly'."
        ),
    },
    {
        "key": "audit_commission",
        "name": "Audit Commission",
        "sector": "public",
        "kind": "government",
        "description": (
            "Its project 'Improving Partnership Working in Cheshire' made recommendations to the "
            "Communities of Cheshire Partnership."
        ),
        "source": f"{S002}: 'the Audit Commission's project – \"Improving Partnership Working in "
        "Cheshire\"'.",
    },
]

# --------------------------------------------------------------------------------------------------
# People, with the organisations they work for. Contact details only where a seed gives them.

PEOPLE: list[dict[str, Any]] = [
    {
        "key": "steve_robinson",
        "name": "Steve Robinson",
        "source": f"{S001} ('Steve Robinson, the new Chief Executive for Cheshire West and "
        f"Chester'); {S004}.",
        "jobs": [("cwac", "Chief Executive", f"{S001}; {S004}")],
    },
    {
        "key": "alistair_jeffs",
        "name": "Alistair Jeffs",
        "email": "alistair.jeffs@cheshire.gov.uk",
        "source": f"{S001} (contact for views on the bulletin, with this e-mail address); {S004}.",
        "jobs": [
            (
                "cwac",
                "Head of Service, Policy Performance & Partnerships",
                f"{S001}: 'CWAC Head of Service, Policy Performance & Partnerships'.",
            )
        ],
    },
    {
        "key": "mike_lewis",
        "name": "Mike Lewis",
        "email": "Mike.Lewis@Cheshirewestandchester.gov.uk",
        "source": f"{S001} (contact for views on the bulletin, with this e-mail address); {S004}.",
        "jobs": [
            (
                "cwac",
                "Director of Area and Community Services",
                f"{S001}: 'CWAC Director of Area and Community Services'.",
            )
        ],
    },
    {
        "key": "wendy_meredith",
        "name": "Wendy Meredith",
        "source": f"{S001}; {S004}.",
        "jobs": [
            (
                "nhs_wc",
                "Director of Public Health",
                f"{S001}: 'Wendy Meredith, Western Cheshire PCT Director of Public Health'.",
            )
        ],
    },
    {
        "key": "ewan_mchenry",
        "name": "Ewan McHenry",
        "source": f"{S001}: presented the Strategic Assessment at the Partnership Event.",
        "jobs": [("vrbc", "Community Safety Manager", f"{S001}: 'VRBC Community Safety Manager'.")],
    },
    {
        "key": "jane_staley",
        "name": "Jane Staley",
        "source": f"{S001}; {S004}.",
        "jobs": [
            (
                "groundwork",
                "Executive Director",
                f"{S001}: 'Jane Staley, Exec. Director Groundwork Cheshire'.",
            )
        ],
    },
    {
        "key": "mike_jones",
        "honorific": "Councillor",
        "name": "Mike Jones",
        "source": (
            f"{S001}: 'the Strategic Leadership Portfolio held by the Leader, Councillor Mike "
            "Jones'."
        ),
        "jobs": [
            (
                "cwac",
                "Leader of the Council (Strategic Leadership Portfolio)",
                f"{S001}. An elected member, not an employee: the job title records the office.",
            )
        ],
    },
    {
        "key": "john_grimshaw",
        "honorific": "Councillor",
        "name": "John Grimshaw",
        "source": f"{S001}: 'organised its Area and Community Services through the portfolio of "
        "Councillor John Grimshaw'.",
        "jobs": [
            (
                "cwac",
                "Portfolio holder, Area and Community Services",
                f"{S001}. An elected member, not an employee: the job title records the office.",
            )
        ],
    },
    {
        "key": "alison_armstrong",
        "name": "Alison Armstrong",
        "email": "alison.armstrong@cheshire.gov.uk",
        "phone": "01244 603336",
        "source": f"{S002} (contact: 'Alison Armstrong, Cheshire LAA Group', with this telephone "
        f"number and e-mail address); {S004} (support staff).",
        "jobs": [("cwac", "", f"{S004}: support staff, Cheshire West and Chester Council.")],
    },
    {
        "key": "andrea_mageean",
        "name": "Andrea Mageean",
        "email": "andrea.mageean@cheshirewestandchester.gov.uk",
        "phone": "01244 977561",
        "source": f"{S003}: author of the report, with these contact details. The seed does not "
        "name her employer, so no employment is recorded.",
        "jobs": [],
    },
    {
        "key": "john_denny",
        "name": "John Denny",
        "source": f"{S000}: 'John Denny, Chair of Chester Area Partnership Board'.",
        "jobs": [],
    },
]

# The 27 April 2009 Thematic Leads meeting: (person key, name, organisation key), minutes' order.
TL_ATTENDING = [
    ("steve_robinson", "Steve Robinson", "cwac"),
    ("wendy_meredith", "Wendy Meredith", "nhs_wc"),
    ("sara_mogel", "Sara Mogel", "wcc"),
    ("john_stephens", "John Stephens", "cwac"),
    ("steve_kent", "Steve Kent", "cwac"),
    ("mike_lewis", "Mike Lewis", "cwac"),
    ("tim_jackson", "Tim Jackson", "police"),
    ("jane_staley", "Jane Staley", "groundwork"),
    ("john_salt", "John Salt", "fire"),
    ("debbie_washington", "Debbie Washington", "jcp"),
    ("ian_whitehead", "Ian Whitehead", "cwac"),
]
TL_APOLOGIES = [
    ("helen_bellairs", "Helen Bellairs", "nhs_wc"),
    ("mark_wilson", "Mark Wilson", "jcp"),
]
TL_SUPPORT = [
    ("alistair_jeffs", "Alistair Jeffs", "cwac"),
    ("alison_armstrong", "Alison Armstrong", "cwac"),
    ("robbie_taylor", "Robbie Taylor", "cwac"),
]

# People the seeds name only in seed 004's lists: a person and an employment from that list.
_known = {p["key"] for p in PEOPLE}
for _key, _name, _org in TL_ATTENDING + TL_APOLOGIES + TL_SUPPORT:
    if _key in _known:
        continue
    _source = f"{S004}: named in the meeting's attendance, apologies or support staff."
    if _key == "sara_mogel":
        _source = (
            f"{S004}. Spelt 'Sara Mogel' in the attendance list and 'Sara Mogul' in item 3; "
            "'Mogel' is used here."
        )
    PEOPLE.append(
        {
            "key": _key,
            "name": _name,
            "source": _source,
            "jobs": [(_org, "", f"{S004}: listed with this organisation; no job title given.")],
        }
    )
    _known.add(_key)

# The Improvement Sub-Group of the Communities of Cheshire Partnership (seed 002).
IMPROVEMENT_SUB_GROUP = [
    ("chris_mahon", "Chris Mahon"),
    ("wendy_wright", "Wendy Wright"),
    ("roger_simpson", "Roger Simpson"),
    ("david_rowlands", "David Rowlands"),
    ("michael_metcalfe", "Michael Metcalfe"),
    ("paul_ancell", "Paul Ancell"),
]
for _key, _name in IMPROVEMENT_SUB_GROUP:
    PEOPLE.append(
        {
            "key": _key,
            "name": _name,
            "source": (
                f"{S002}: 'The Improvement Sub-Group, comprising the Chairs of the six district "
                "Local Strategic Partnerships, Chris Mahon, Wendy Wright, Roger Simpson, David "
                "Rowlands, Michael Metcalfe and Paul Ancell'. The seed does not say which "
                "district LSP each chaired, nor any employer."
            ),
            "jobs": [],
        }
    )

# --------------------------------------------------------------------------------------------------
# Bodies, in the order they are created (successors and parents before the bodies that name them).

SCS_LEADS = (
    "Lead role in the Sustainable Community Strategy for commitments {} (seed 003, appendix 1)."
)

BODIES: list[dict[str, Any]] = [
    {
        "key": "lsp",
        "name": "Cheshire West and Chester Local Strategic Partnership",
        "short_name": "West Cheshire Together",
        "kind": "lsp_board",
        "area": BOROUGH,
        "meeting_cycle": "quarterly",
        "established_on": LSP_START,
        "purpose": (
            "The overarching local strategic partnership for Cheshire West and Chester: to "
            "oversee effective partnership working, key challenges for the area, the "
            "Comprehensive Area Assessment (CAA) and the delivery of the Local Area Agreement "
            "outcomes (seed 001). On 25 February 2010 it approved the Sustainable Community "
            "Strategy 'Together we Can Aim High' (seed 003)."
        ),
        "source": (
            f"{S001}: 'an overarching LSP will be established for the area of Cheshire West and "
            "Chester'; it 'needs to be working effectively from 1st April 2009' and will meet 'on "
            f"a quarterly basis'. Branding: {S004} (item 4, 'LSP branding'); the name West "
            f"Cheshire Together from {S003}."
        ),
    },
    {
        "key": "lsp_shadow",
        "name": "LSP Steering Group (shadow)",
        "kind": "steering",
        "area": BOROUGH,
        "ended_on": END_OF_OLD_STRUCTURES,
        "successors": ["lsp"],
        "purpose": (
            "The individuals nominated to the new LSP, meeting as a Steering Group during "
            "February and March 2009 to consider the emerging 2009-2011 Local Area Agreement, the "
            "interim terms of reference and governance arrangements and the progress with "
            "establishing the Partnership Framework (specifically APBs and LAFs)."
        ),
        "source": (
            f"{S001}: 'the nominated individuals will need to meet as a Steering Group during "
            "February and March'. The seed gives no day it began (only 'during February'), so the "
            "start is left empty; it ends on 31 March 2009 because the LSP it prepared for works "
            "from 1 April 2009."
        ),
    },
    {
        "key": "tl",
        "name": "LSP Thematic Leads Group",
        "short_name": "Thematic Leads",
        "kind": "officer",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "To act as the strategic planning element of the LSP, to 'trouble-shoot' where "
            "necessary and to provide overall direction for the business and work programme "
            "across the LSP framework (seed 004); to manage the work programme of the LSP and the "
            "LAA (seed 001). It reviews all LSP papers before they are circulated (seed 004, item "
            "4)."
        ),
        "source": (
            f"{S004}; {S001} ('The LSP will be supported by regular meetings of the LSP Thematic "
            f"Leads'). {NO_START} The seeds give no fixed meeting cycle."
        ),
    },
    {
        "key": "prg",
        "name": "LSP Performance and Risk Group",
        "kind": "sub_group",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "Leads the development of the delivery plan for the Sustainable Community Strategy "
            "2011-2014."
        ),
        "source": (
            f"{S003}, 4.1: 'This will be led by the LSP Performance and Risk Group'. {NO_START}"
        ),
    },
    {
        "key": "network",
        "name": "West Cheshire Together Network",
        "kind": "network",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": "The wider network of partners of West Cheshire Together.",
        "source": (
            f"{S003}: target audience 'West Cheshire Together Network'. {S001} also proposes 'LSP "
            f"network conferences to keep all partners fully engaged'. {NO_START}"
        ),
    },
    # Thematic partnerships. The two that replaced Safer and Stronger Communities come first.
    {
        "key": "safer",
        "name": "Safer Communities Partnership",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": SCS_LEADS.format("3 and 4"),
        "source": f"{S003}: 'Safer Communities', a Thematic Partnership in appendix 1. {NO_START}",
    },
    {
        "key": "stronger",
        "name": "Stronger Communities Partnership",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": SCS_LEADS.format("1, 2 and 6"),
        "source": (
            f"{S003}: 'Stronger Communities', a Thematic Partnership in appendix 1. {NO_START}"
        ),
    },
    {
        "key": "safer_stronger",
        "name": "Safer and Stronger Communities Group",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "successors": ["safer", "stronger"],
        "purpose": (
            "Thematic group for community safety and stronger communities, incorporating the new "
            "CDRP and Environment groups (seed 001). Lead officers for each of its LAA outcomes "
            "had been appointed by April 2009 (seed 004)."
        ),
        "source": (
            f"{S001}: proposed as '(2) Safer & Stronger Communities'; {S004}: 'The Safer and "
            "Stronger Communities Group meets officially for the first time on 8th May' [2009]. "
            f"By {S003} the thematic partnerships are 'Safer Communities' and 'Stronger "
            "Communities', recorded here as its successors; no seed dates the change, so no end "
            f"date is recorded. {NO_START}"
        ),
    },
    {
        "key": "health",
        "name": "Health and Wellbeing Partnership",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "Health, social care and older people (seed 001). " + SCS_LEADS.format("7 and 9")
        ),
        "source": (
            f"{S001} ('(4) Health & Well-being (incorporating health, social care and Older "
            f"People)'); {S004} ('the Health and Wellbeing Group ... had met twice'); {S003} "
            f"('Health and Wellbeing'). {NO_START}"
        ),
    },
    {
        "key": "bec",
        "name": "Business, Enterprise and Culture Partnership",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "The economy, skills and culture, incorporating the former Economy groups (seed 001). "
            + SCS_LEADS.format("11, 12 and 13")
        ),
        "source": (
            f"{S001} ('(3) Business and Enterprise (incorporating Economy groups)'); {S004} (item "
            "3: 'the Business, Enterprise and Culture Partnership: the first meeting of this "
            f"partnership is currently under preparation'); {S003} ('Business Enterprise and "
            f"Culture'). {NO_START}"
        ),
    },
    {
        "key": "childrens_trust",
        "name": "Children's Trust",
        "short_name": "CYP Trust",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "Focuses on a limited number of key actions for each major outcome; with PCT "
            "colleagues, to establish a strong commissioning framework to target and drive "
            "investment through the Trust; covers support to children and young people, with "
            "links to families and "
            "broader community cohesion issues (seed 004). " + SCS_LEADS.format("8 and 14")
        ),
        "source": (
            f"{S001} ('(1) Children's Trust'); {S004} ('the CYP Trust', item 3); {S003} "
            f"('Childrens Trust'). {NO_START}"
        ),
    },
    {
        "key": "environment",
        "name": "Environment and Sustainability Partnership",
        "kind": "thematic",
        "parent": "lsp",
        "area": BOROUGH,
        "purpose": (
            "Environment and sustainability; home of the housing outcomes (seed 004). "
            + SCS_LEADS.format("5, 10 and 15")
        ),
        "source": (
            f"{S004} ('Environment Sustainability Thematic Group', 'The Environmental Sustainable "
            f"Thematic Partnership'); {S003} ('Environment and Sustainability'). {NO_START}"
        ),
    },
]

APB_PURPOSE = (
    "An independently chaired 'mini-LSP' for its area: to assess evidence of the needs and "
    "priorities of the area to inform an Area Action Plan, to performance manage the relevant "
    "Local Area Agreement and National Indicator Set targets for the area, and to help shape "
    "strategic policies and plans and scrutinise their implications for the area (seed 001)."
)
APB_SOURCE = (
    f"{S001}: 'These APBs will be independently chaired \"mini-LSPs\"'. {S004}: not yet 'up and "
    f"running' on 27 April 2009. {NO_START}"
)
for _area in APB_AREAS:
    _name = _area["name"]
    _body: dict[str, Any] = {
        "key": f"apb:{_name}",
        "name": f"{_name} Area Partnership Board",
        "short_name": f"{_name} APB",
        "kind": "apb",
        "parent": "lsp",
        "area": _area["key"],
        "chair_arrangements": "Independent chair",
        "purpose": APB_PURPOSE,
        "source": APB_SOURCE,
    }
    if _name == "Chester":
        _body["meeting_cycle"] = "twice_a_year"
        _body["purpose"] = APB_PURPOSE + (
            " Its work centres on 'added value' through cooperative working; its terms of "
            "reference set out a longer-term intention to move towards a commissioning agenda. "
            "Its priorities for the Action Plan: enhancing health and well-being / reducing "
            "health inequalities; enabling economic growth; improving the environment and "
            "regenerating neighbourhoods (seed 000)."
        )
        _body["source"] = APB_SOURCE + (
            f" {S000}: the main membership 'continues to meet ... for a half day session twice a "
            "year'."
        )
    BODIES.append(_body)

PAG_SOURCE = (
    f"{S000}, proposal 4: 'The Chester APB sets up three Priority Action Groups comprising of key "
    "operational staff and APB members ... to report back to each meeting of the APB's Steering "
    f"Group ... These groups will meet on an exceptions basis'. {NO_START}"
)
PAG_PURPOSE = (
    "Key operational staff and APB members: to develop an Action Plan to deliver against the "
    "priority '{}' and to report back to each meeting of the Chester APB Steering Group on its "
    "achievement of the outcomes."
)
BODIES += [
    {
        "key": "chester_steering",
        "name": "Chester APB Steering Group",
        "kind": "steering",
        "parent": "apb:Chester",
        "area": "apb_area:Chester",
        "meeting_cycle": "six_to_eight_weeks",
        "purpose": (
            "Key partners meeting with leading service providers to (a) establish the current "
            "approach to service delivery in the Chester area; (b) determine whether there is a "
            "need to reshape services to meet the needs of the area / locality and achieve better "
            "outcomes; (c) consider progress against the agreed priority outcomes from the "
            "Priority Action Groups."
        ),
        "source": (
            f"{S000}, proposal 1: 'A Steering Group is set up and comprises of key partners. It "
            f"meets every six - eight weeks'. {NO_START}"
        ),
    },
    {
        "key": "pag_health",
        "name": "Chester Priority Action Group: Health and Well-being",
        "kind": "priority_action",
        "parent": "chester_steering",
        "area": "apb_area:Chester",
        "meeting_cycle": "exceptions",
        "purpose": PAG_PURPOSE.format(
            "Enhancing health and well-being / reducing health inequalities"
        ),
        "source": PAG_SOURCE,
    },
    {
        "key": "pag_economy",
        "name": "Chester Priority Action Group: Economic Growth",
        "kind": "priority_action",
        "parent": "chester_steering",
        "area": "apb_area:Chester",
        "meeting_cycle": "exceptions",
        "purpose": PAG_PURPOSE.format(
            "Enabling economic growth (including employment support & infrastructure, enterprise "
            "communities & capacity building)"
        ),
        "source": PAG_SOURCE,
    },
    {
        "key": "pag_environment",
        "name": "Chester Priority Action Group: Environment and Neighbourhoods",
        "kind": "priority_action",
        "parent": "chester_steering",
        "area": "apb_area:Chester",
        "meeting_cycle": "exceptions",
        "purpose": PAG_PURPOSE.format(
            "Improving the environment and regenerating neighbourhoods (including housing)"
        ),
        "source": PAG_SOURCE,
    },
]

for _area in NEIGHBOURHOOD_AREAS:
    _name = _area["name"]
    BODIES.append(
        {
            "key": f"np:{_name}",
            "name": f"{_name} Neighbourhood Management",
            "kind": "neighbourhood",
            "area": _area["key"],
            "purpose": (
                "A neighbourhood management partnership existing before the new Partnership "
                "Framework, which the framework means to build on (seed 001)."
            ),
            "source": (
                f"{NEIGHBOURHOOD_SOURCE} The seeds do not say which Area Partnership Board or "
                f"Local Area Forum it works with, so it has no parent. {NO_DATES}"
            ),
        }
    )

# The structures that ended with local government reorganisation on 31 March 2009.
BODIES += [
    {
        "key": "ccp",
        "name": "Communities of Cheshire Partnership",
        "short_name": "CCP",
        "kind": "county_partnership",
        "ended_on": END_OF_OLD_STRUCTURES,
        "successors": ["lsp"],
        "purpose": (
            "The county-wide partnership for Cheshire: the Cheshire Partnerships Framework and "
            "the delivery of the Cheshire Local Area Agreement (seed 002)."
        ),
        "source": (
            f"{S002}; {S001} (the LAA refresh reported to it in January 2009; '30 January: "
            "Communities of Cheshire Partnership to agree the review and refresh process'). End "
            f"date and successor: {ISSUE2}. {NO_START} The seeds give no area record for the "
            "county, so no footprint is set."
        ),
    },
    {
        "key": "ccp_improvement",
        "name": "CCP Improvement Sub-Group",
        "kind": "sub_group",
        "parent": "ccp",
        "ended_on": END_OF_OLD_STRUCTURES,
        "purpose": (
            "A small sub-group of the Partnership, convened to explore the Audit Commission's "
            "recommendations ('Improving Partnership Working in Cheshire'); comprising the chairs "
            "of the six district LSPs. It first met on 11 May (2007, the year of the work "
            "programme)."
        ),
        "source": (
            f"{S002}, 'Recent Progress'. {NO_START} It ends with its parent partnership ({ISSUE2})."
        ),
    },
    {
        "key": "laa_group",
        "name": "Cheshire LAA Officer Group",
        "short_name": "Cheshire LAA Group",
        "kind": "officer",
        "parent": "ccp",
        "ended_on": END_OF_OLD_STRUCTURES,
        "purpose": (
            "Officers supporting the Cheshire Local Area Agreement; with the Improvement "
            "Sub-Group, identified and risk-assessed the 18 proposed work programmes of 2007/08 "
            "(seed 002)."
        ),
        "source": (
            f"{S002} ('LAA Officer Group', 'LAA Officers Group', 'Cheshire LAA Group'). {NO_START} "
            f"It ends with its parent partnership ({ISSUE2})."
        ),
    },
]

DISTRICT_LSP_SOURCE = (
    f"{S002} (the 'six district Local Strategic Partnerships'); {S001} ('the current Local "
    "Strategic Partnerships in the new Authority area'). End date and, for the three western "
    f"districts, successor: {ISSUE2}. The seeds do not name the six districts: the names are those "
    "of Cheshire's six districts before 2009 as given in the project brief; no file in the shared "
    f"data gives codes for them, so they have no area footprint. {NO_START}"
)
for _key, _name, _western in [
    ("dlsp_chester", "Chester", True),
    ("dlsp_epn", "Ellesmere Port and Neston", True),
    ("dlsp_vale_royal", "Vale Royal", True),
    ("dlsp_congleton", "Congleton", False),
    ("dlsp_crewe", "Crewe and Nantwich", False),
    ("dlsp_macclesfield", "Macclesfield", False),
]:
    BODIES.append(
        {
            "key": _key,
            "name": f"{_name} Local Strategic Partnership",
            "short_name": f"{_name} LSP",
            "kind": "district_lsp",
            "ended_on": END_OF_OLD_STRUCTURES,
            "successors": ["lsp"] if _western else [],
            "purpose": (
                f"The local strategic partnership of the former {_name} district, before local "
                "government reorganisation in 2009."
                + (
                    " Replaced by the Cheshire West and Chester LSP."
                    if _western
                    else " Its area became part of Cheshire East, outside this partnership; the "
                    "seeds name no successor."
                )
            ),
            "source": DISTRICT_LSP_SOURCE,
        }
    )

# --------------------------------------------------------------------------------------------------
# Posts: the LSP membership proposed in seed 001, seats defined by office with no person named.

LSP_POSTS: list[dict[str, Any]] = [
    {"label": "CW&C Leader or an Executive Member", "organisation": "cwac", "sector": "public"},
    {"label": "CW&C Chief Executive", "organisation": "cwac", "sector": "public"},
    {"label": "Area Commander of Police", "sector": "public"},
    {"label": "Area Commander of Fire & Rescue", "sector": "public"},
    {
        "label": "Chief Executive of NHS West Cheshire",
        "organisation": "nhs_wc",
        "sector": "public",
        "note": "The seed spells it 'NHS West Cheshire'; elsewhere 'NHS Western Cheshire'.",
    },
    {"label": "Nomination from the Third Sector", "sector": "third"},
    {
        "label": "Nomination from Private sector (Chamber of Commerce, SMEs and larger companies)",
        "sector": "private",
    },
    {"label": "Representative from the Housing Partnership"},
    {"label": "Representative from Further / Higher Education"},
    {"label": "Cheshire Probation", "organisation": "probation", "sector": "public"},
    {"label": "Job Centre Plus", "organisation": "jcp", "sector": "public"},
    {
        "label": "Representative from Cheshire & Warrington Racial Equality Council",
        "organisation": "crec",
        "sector": "third",
    },
    {
        "label": "Government Office North West representative (co-opted)",
        "organisation": "gonw",
        "sector": "public",
        "co_opted": True,
    },
    {
        "label": "North West Development Agency representative (co-opted)",
        "organisation": "nwda",
        "sector": "public",
        "co_opted": True,
    },
    {"label": "Thematic Board Chairs – if not covered by the above"},
    {"label": "Chairs of Area Partnership Boards - if not covered by the above"},
]
LSP_POSTS_SOURCE = (
    f"{S001}: 'The emerging consensus is that the LSP should comprise:-' (item {{}} of 16). A seat "
    "defined by office; the seed names no person, so none is recorded. The seed gives no date, so "
    "the seat's dates are left empty."
)

# --------------------------------------------------------------------------------------------------
# Memberships: (person key, body key, role, on behalf of organisation key or None, source, notes).

MEMBERSHIPS: list[dict[str, Any]] = []

for _key, _name, _org in TL_ATTENDING:
    MEMBERSHIPS.append(
        {
            "person": _key,
            "body": "tl",
            "role": "chair" if _key == "steve_robinson" else "member",
            "on_behalf_of": _org,
            "notes": "Attended the meeting of 27 April 2009"
            + (" as Chair." if _key == "steve_robinson" else "."),
            "source": f"{S004}: 'Attending'. The seed gives no start date, so it is left empty.",
        }
    )
for _key, _name, _org in TL_APOLOGIES:
    MEMBERSHIPS.append(
        {
            "person": _key,
            "body": "tl",
            "role": "member",
            "on_behalf_of": _org,
            "notes": "Sent apologies to the meeting of 27 April 2009.",
            "source": f"{S004}: 'Apologies'. The seed gives no start date, so it is left empty.",
        }
    )
for _key, _name, _org in TL_SUPPORT:
    MEMBERSHIPS.append(
        {
            "person": _key,
            "body": "tl",
            "role": "support_staff",
            "on_behalf_of": _org,
            "has_vote": False,
            "notes": "Support staff at the meeting of 27 April 2009.",
            "source": (
                f"{S004}: 'Support Staff: Alistair Jeffs, Alison Armstrong, Robbie Taylor "
                "(Cheshire West and Chester Council)'. The seed gives no start date, so it is "
                "left empty."
            ),
        }
    )

MEMBERSHIPS += [
    {
        "person": "sara_mogel",
        "body": "bec",
        "role": "chair",
        "on_behalf_of": "wcc",
        "source": (
            f"{S004}, item 3: 'Sara Mogul advised that she and Mark Wilson will be the respective "
            "Chair and Vice Chair of the Business, Enterprise and Culture Partnership' (spelt "
            "'Mogel' in the attendance list, which is used here). No start date given."
        ),
    },
    {
        "person": "mark_wilson",
        "body": "bec",
        "role": "vice_chair",
        "on_behalf_of": "jcp",
        "source": (
            f"{S004}, item 3: Sara Mogel 'and Mark Wilson will be the respective Chair and Vice "
            "Chair'. No start date given."
        ),
    },
    {
        "person": "john_stephens",
        "body": "childrens_trust",
        "role": "member",
        "on_behalf_of": "cwac",
        "notes": "Reported for the CYP Trust at the Thematic Leads meeting of 27 April 2009.",
        "source": (
            f"{S004}, item 3: 'John Stephens reported that the Trust had committed itself ...'. "
            "His role in the Trust is not stated, so it is recorded as member. No start date "
            "given."
        ),
    },
    {
        "person": "tim_jackson",
        "body": "safer_stronger",
        "role": "member",
        "on_behalf_of": "police",
        "notes": "Reported for the group at the Thematic Leads meeting of 27 April 2009.",
        "source": (
            f"{S004}, item 3: Tim Jackson reported on the Safer and Stronger Communities Group. "
            "His role in it is not stated, so it is recorded as member. No start date given."
        ),
    },
    {
        "person": "jane_staley",
        "body": "environment",
        "role": "member",
        "on_behalf_of": "groundwork",
        "notes": "Reported for the group at the Thematic Leads meeting of 27 April 2009.",
        "source": (
            f"{S004}, item 3: 'Jane Staley reported on discussions at the recent Environment "
            "Sustainability Thematic Group meeting'. Her role in it is not stated, so it is "
            "recorded as member. No start date given."
        ),
    },
    {
        "person": "wendy_meredith",
        "body": "health",
        "role": "member",
        "on_behalf_of": "nhs_wc",
        "notes": "Reported for the group at the Thematic Leads meeting of 27 April 2009.",
        "source": (
            f"{S004}, item 3: 'Wendy Meredith updated on behalf of the Health and Wellbeing "
            "Group'. Her role in it is not stated, so it is recorded as member. No start date "
            "given."
        ),
    },
    {
        "person": "john_denny",
        "body": "apb:Chester",
        "role": "chair",
        "source": (
            f"{S000}: signed 'John Denny, Chair of Chester Area Partnership Board', January 2012. "
            "The seed gives no start date, so it is left empty."
        ),
    },
    {
        "person": "alison_armstrong",
        "body": "laa_group",
        "role": "member",
        "notes": "Named as the contact for the 2007/08 work programme paper.",
        "source": (
            f"{S002}: 'Contact: Alison Armstrong, Cheshire LAA Group'. Her role in the group is "
            "not stated, so it is recorded as member. No start date given; it ends with the group."
        ),
    },
]
for _key, _name in IMPROVEMENT_SUB_GROUP:
    MEMBERSHIPS.append(
        {
            "person": _key,
            "body": "ccp_improvement",
            "role": "member",
            "notes": "Chair of one of the six district LSPs (the seed does not say which).",
            "source": (
                f"{S002}: a member of the Improvement Sub-Group, which 'met for the first time ... "
                "on 11 May'. No start date given; it ends with the sub-group."
            ),
        }
    )
