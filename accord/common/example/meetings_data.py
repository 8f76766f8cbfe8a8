"""The example partnership's meetings, papers, decisions, actions and forward plan, transcribed from
the seed papers. Pure data: no Django; `accord.common.example.meetings` loads it through the
services.

What is recorded, and how:
- Seed 004, the minutes of the LSP Thematic Leads meeting of 27 April 2009: the meeting, its
  attendance (attending, apologies, support staff, each with the organisation the minutes give),
  the six items with their minutes and every "Action - Decision" entry (one decision per bullet,
  "None required." as kind `none_required`), the two decisions that give a task to a named owner
  also as actions (no due date: the minutes give none), the two decisions that put a matter to "a
  future meeting" also as forward-plan items of the Thematic Leads Group, the three items of the
  LSP agenda of 30 April 2009 (item 4) as the LSP's forward plan for that meeting, the reports the
  minutes say were considered, and the next meeting (Monday 18 May 2009, 1.30pm–3.00pm).
- Seed 001, the Partnership Bulletin: the Partnership Event of 8 December 2008 at the Holiday Inn,
  Ellesmere Port, with its four presentations and the workshop discussion whose emerging themes
  Appendix A records.
- Seed 000: the Chester APB Chair's report "Steps to action" (January 2012) as a paper of the
  Chester APB, and "the September meeting" of the Board, at which the priorities for the Action
  Plan were considered, as a meeting dated to its month only (September 2011: the last September
  before the report), held, with that one item. The seeds record no minutes of it: the item's
  minute is the report's own words about the meeting, so the meeting stays "held" (see
  `accord.common.example.meetings`). "The last Chester APB" has no month in the seed either, so
  it is only described, in `UNDATED_MEETINGS`.
- Seed 003: its cover sheet as a paper of West Cheshire Together, and "Initial work will be
  presented to the LSP on 28 October 2010" as a forward-plan item.

Minute text is verbatim, spelling included ("Sara Mogul" in item 3, though the attendance list
and the person record say "Sara Mogel"; "further consideration will given"). HTML is turned into
plain text: paragraphs are separated by a blank line, list entries are lines beginning with the
seed's own bullet "• " (nested entries "◦ "), superscripts are run in ("8<sup>th</sup>" → "8th").
Where a page break of the original splits a sentence (item 3 twice, item 4 once) the halves are
joined with one space. A heading's closing full stop or colon is left off the item title.

Nothing is invented, so nothing here is marked illustrative. Where a seed is silent (start time
of the event and of the LSP meeting, end time on 27 April, postcodes, whether a meeting was open
to the public, when minutes were circulated) the field is left empty or at the model's default.
People, organisations and bodies are named by the keys of `accord.common.example.data`; every
one of them already exists there.
"""

import datetime as dt
from dataclasses import dataclass

from accord.common.example.data import S000, S001, S003, S004

# --------------------------------------------------------------------------------------------------
# Record shapes. Statuses, kinds and capacities are the model choices' stored values.


@dataclass(frozen=True)
class VenueData:
    key: str
    name: str
    address: str
    source: str
    postcode: str = ""


@dataclass(frozen=True)
class AttendanceData:
    person: str
    organisation: str | None
    status: str  # present / apologies / absent
    capacity: str  # member / chair / substitute / support / observer / adviser
    source: str
    note: str = ""


@dataclass(frozen=True)
class DecisionData:
    text: str
    kind: str  # decision / approval / noted / none_required
    source: str


@dataclass(frozen=True)
class ActionData:
    key: str
    title: str
    owner_text: str
    body: str
    source: str
    owner: str | None = None
    organisation: str | None = None
    description: str = ""


@dataclass(frozen=True)
class PaperData:
    key: str
    title: str
    source: str
    description: str = ""
    document_purpose: str = ""  # the cover sheet's free-text "Document purpose"
    purpose: str = ""  # decision / information / discussion / consultation, if the seed says
    circulation: str = ""
    decision_required: str = ""
    author: str | None = None
    author_text: str = ""
    contact_details: str = ""
    published_on: dt.date | None = None
    target_audience: str = ""
    cross_reference: str = ""
    body: str | None = None


@dataclass(frozen=True)
class ItemData:
    number: int
    title: str
    source: str
    standing: str = ""  # "" / welcome / minutes / aob
    minutes: str = ""
    presenter: str | None = None
    presenter_text: str = ""
    papers: tuple[str, ...] = ()
    decisions: tuple[DecisionData, ...] = ()
    actions: tuple[ActionData, ...] = ()


@dataclass(frozen=True)
class MeetingData:
    key: str
    body: str
    date: dt.date
    status: str
    source: str
    date_precision: str = "day"  # day / month / year; a month or a year is stored on its 1st
    title: str = ""
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    venue_text: str = ""
    next_meeting: str | None = None
    attendance: tuple[AttendanceData, ...] = ()
    items: tuple[ItemData, ...] = ()


@dataclass(frozen=True)
class ForwardPlanData:
    key: str
    body: str
    title: str
    source: str
    intended_date: dt.date | None = None
    meeting: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class UndatedMeetingData:
    """A meeting a seed mentions without giving even its month or year."""

    body: str
    when: str
    what_the_seed_records: str
    source: str


def _paras(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _bullets(*entries: str, mark: str = "•") -> str:
    return "\n".join(f"{mark} {e}" for e in entries)


# --------------------------------------------------------------------------------------------------
# Venues

VENUES: list[VenueData] = [
    VenueData(
        key="county_hall",
        name="County Hall",
        address="Chester",
        source=(
            f"{S004}: 'Venue: Committee Room 2B, County Hall, Chester'; the next meeting in the "
            "same room. The room is kept on each meeting. The seed gives no postcode."
        ),
    ),
    VenueData(
        key="holiday_inn_ep",
        name="The Holiday Inn",
        address="Ellesmere Port",
        source=(
            f"{S001}, Appendix A: 'Cheshire West and Chester Partnership Event - 8th December "
            "2008, The Holiday Inn, Ellesmere Port'. The seed gives no street address or postcode."
        ),
    ),
]

# --------------------------------------------------------------------------------------------------
# Papers

PAPERS: list[PaperData] = [
    PaperData(
        key="caa_self_assessment",
        title="CAA Initial Self Assessment",
        body="lsp",
        description=(
            "The Report produced on behalf of a number of public sector officers on ‘CAA Initial "
            "Self Assessment’. There will be four key lines of enquiry (paragraph 3.5) taken from "
            "the national framework and the report will evolve and contain more detail and be "
            "more accessible (for staff and the public) by its launch in June."
        ),
        source=(
            f"{S004}, item 4: 'Alistair Jeffs introduced the Report produced on behalf of a "
            "number of public sector officers on ‘CAA Initial Self Assessment’'; on the LSP agenda "
            "of 30 April 2009 as 'CAA – Initial Self Assessment Report'. The seed gives no author, "
            "publication date or purpose."
        ),
    ),
    PaperData(
        key="laa_pmf",
        title="LAA Performance Management Framework",
        body="lsp",
        description=(
            "The LAA Performance Management Framework report, this outlined the delivery plan "
            "template and process to ensure performance monitoring and reporting is robust and "
            "timely."
        ),
        source=(
            f"{S004}, item 4: 'Alistair also introduced the LAA Performance Management Framework "
            "report'; on the LSP agenda of 30 April 2009 as 'LAA – Performance Management "
            "Framework'. The seed gives no author, publication date or purpose."
        ),
    ),
    PaperData(
        key="sub_regional_paper",
        title="Sub-regional partnership arrangements",
        description=(
            "A recent paper outlining the broader, strategic sub-regional partnership arrangements "
            "under development."
        ),
        source=(
            f"{S004}, item 6: 'The Chair updated the Group on some of the broader, strategic "
            "sub-regional partnership arrangements under development and outlined in a recent "
            "paper'; 'Comments on the sub-regional paper to the Chair would be welcome.' The seed "
            "gives the paper no title (the title is its subject in the minutes' words), author, "
            "date or owning body."
        ),
    ),
    PaperData(
        key="chester_steps_to_action",
        title="Steps to action: Chair's report",
        body="apb:Chester",
        author="john_denny",
        author_text="Chair of Chester Area Partnership Board",
        purpose="decision",
        description=_paras(
            "Following discussions at the last Chester APB and subsequent sub-group deliberations "
            "about the development of Chester Area Action Plan, the following key points were "
            "made:-",
            _bullets(
                "The work of the Chester APB centres around “added value” through cooperative "
                "working",
                "For partners, it is recognised that the networking, learning and information "
                "sharing opportunity that the APB provides enables better partnership working and "
                "the chance for partners to add value and develop shared projects & initiatives, "
                "which would not otherwise happen or would take much longer to come to fruition",
                "Much added work has taken place but is not readily captured or reported back on "
                "by partners – we also need to be measuring the impact of what is being achieved",
                "Partners need to have a consistent approach at APB level; and as part of which it "
                "is important that we all demonstrate an equal level of commitment to the shared "
                "APB agenda and give equitable support in terms of time, resources, ways of "
                "working etc",
                "Crucially, as the partners on Chester APB we need to confirm our shared "
                "aspirations and priorities in order to make a tangible and measurable difference "
                "to meeting the key issues affecting the communities of Chester.",
                "Due to the limits on all our partners’ resources and in line with best practice "
                "approaches of Total Place and emerging through Community Budgets, as Chester APB "
                "we need to agree and then concentrate on delivering against its priorities. In "
                "this way it will be able to make a real and identifiable difference.",
                "To achieve this, all partners will need to committing and focusing their efforts "
                "and resources together – the outcomes will be harder and less achievable if it "
                "falls to some of the partners rather than all",
                "Through this approach as Chester APB we will be able to identify any gaps and "
                "work towards the development of a shared budget to procure / commission services "
                "to meet these gaps. It will also move the APB to a position where we can start "
                "to get “upstream” on issues and look to preventing rather than curing / "
                "resolving issues",
                "To achieve this, there is a need for a framework for key operational staff, our "
                "“virtual” team, to work towards. It may be necessary for them to come together "
                "to carry out this partnership work on occasions; recognising that it is "
                "important not to be meeting for meetings’ sake but to achieve positive outcomes",
                "To demonstrate the impact of our joint efforts, there is a need to audit and to "
                "measure what is already being achieved collectively",
                "A longer term intention is for the APB to move towards a commissioning agenda; "
                "this is set out in the terms of reference. To do this APB needs to sponsor a "
                "more responsible approach towards the issues set out in the area profile for "
                "Chester",
            ),
        ),
        decision_required=_paras(
            "Having considered the views of the Board, I am proposing the following course of "
            "action:-",
            "\n".join(
                [
                    "1. A Steering Group is set up and comprises of key partners. It meets every "
                    "six - eight weeks with leading service providers to;",
                    "◦ a) establish the current approach to service delivery in the Chester area",
                    "◦ b) determine whether there is a need to reshape services to meet the needs "
                    "of the area / locality (universal services vs local needs) and achieve better "
                    "outcomes for the locality.",
                    "◦ c) consider progress with achievements against agreed priority outcomes "
                    "from the Priority Action Groups (see 4 below)",
                    "2. Chester APB main membership continues to meets for the wider partnership "
                    "discussions and to enable networking opportunities – for a half day session "
                    "twice a year",
                    "3. Chester APB approves the priorities for the Action Plan which were "
                    "considered at the September meeting;",
                    "◦ Enhancing health and well-being / reducing health inequalities",
                    "◦ Enabling economic growth (including employment support & infrastructure, "
                    "enterprise communities & capacity building)",
                    "◦ Improving the environment and regenerating neighbourhoods (including "
                    "housing)",
                    "4 The Chester APB sets up three Priority Action Groups comprising of key "
                    "operational staff and APB members. Each of which will be required to develop "
                    "an Action Plan to deliver against its priority (see above) and to report back "
                    "to each meeting of the APB’s Steering Group on its achievement of the "
                    "outcomes. These groups will meet on an exceptions basis rather than a regular "
                    "meeting cycle.",
                ]
            ),
        ),
        source=(
            f"{S000}. Signed 'John Denny, Chair of Chester Area Partnership Board, January 2012'; "
            "the seed gives the month only, so the publication date is left empty. Purpose "
            "'decision': the report proposes a course of action for the Board. The seed does not "
            "say at which meeting the Board considered it."
        ),
    ),
    PaperData(
        key="scs_delivery_plan",
        title="West Cheshire Sustainable Community Strategy Delivery Plan 2011-2014",
        body="lsp",
        description=(
            "The West Cheshire Sustainable Community Strategy (SCS) sets out the 15 year vision "
            "for improving the social, economic and environmental well-being of the Borough. Work "
            "is now required to develop a delivery plan to cover the period when the current "
            "Local Area Agreement (LAA) comes to an end on 31 st March 2010 in order to prepare "
            "for the next round of LAA, or whatever replaces it."
        ),
        document_purpose=_paras(
            "This report sets out the process by which a delivery plan to achieve the outcomes "
            "set out in the SCS can be developed. This involves working with the Thematic "
            "Partnerships and Area Partnership Boards over the coming months to identify:",
            "\n".join(
                [
                    "- the performance measures which need to be in place to support the outcomes "
                    "we are aiming to achieve;",
                    "- how our collective resources need to be aligned to achieve these outcomes; "
                    "and",
                    "- how the experiences and preferences of our customers need to shape the "
                    "delivery of these outcomes.",
                ]
            ),
        ),
        purpose="decision",
        circulation="West Cheshire Together.",
        decision_required=_paras(
            "Partners are asked to:",
            "\n".join(
                [
                    "a. Support the overall approach suggested for the development of an SCS "
                    "delivery plan",
                    "b. Support work with the Thematic Partnerships and Area Partnership Boards to "
                    "identify the performance measures required to support the delivery of the "
                    "outcomes we are aiming to achieve",
                    "c. Support work with Thematic Partnerships and Area Partnership Boards to map "
                    "and evaluate the alignment of resources to achieve these outcomes.",
                ]
            ),
        ),
        author="andrea_mageean",
        contact_details="01244 977561 andrea.mageean@cheshirewestandchester.gov.uk",
        published_on=dt.date(2010, 7, 29),
        target_audience="West Cheshire Together Network",
        cross_reference="Local Government and Public Involvement in Health Act",
        source=(
            f"{S003}: the cover sheet, field by field (the description keeps the seed's '31 st "
            "March 2010'; section 1.2 says the LAA ends on 31 March 2011). Purpose 'decision': "
            "'Decision/Action required: Partners are asked to: ...'."
        ),
    ),
]

# --------------------------------------------------------------------------------------------------
# Seed 004: the LSP Thematic Leads meeting of 27 April 2009, and the next one.

TL_DATE = dt.date(2009, 4, 27)
TL_NEXT_DATE = dt.date(2009, 5, 18)
LSP_MEETING_DATE = dt.date(2009, 4, 30)

_ATTENDING = f"{S004}: 'Attending'."
_APOLOGIES = (
    f"{S004}: 'Apologies: Helen Bellairs (NHS Western Cheshire), Mark Wilson (Job Centre Plus)'."
)
_SUPPORT = (
    f"{S004}: 'Support Staff: Alistair Jeffs, Alison Armstrong, Robbie Taylor (Cheshire West and "
    "Chester Council)'."
)

TL_ATTENDANCE: tuple[AttendanceData, ...] = (
    AttendanceData(
        "steve_robinson", "cwac", "present", "chair", f"{S004}: 'Steve Robinson (Chair)'."
    ),
    AttendanceData("wendy_meredith", "nhs_wc", "present", "member", _ATTENDING),
    AttendanceData(
        "sara_mogel",
        "wcc",
        "present",
        "member",
        f"{_ATTENDING} Spelt 'Sara Mogel' here and 'Sara Mogul' in item 3.",
    ),
    AttendanceData("john_stephens", "cwac", "present", "member", _ATTENDING),
    AttendanceData("steve_kent", "cwac", "present", "member", _ATTENDING),
    AttendanceData("mike_lewis", "cwac", "present", "member", _ATTENDING),
    AttendanceData("tim_jackson", "police", "present", "member", _ATTENDING),
    AttendanceData("jane_staley", "groundwork", "present", "member", _ATTENDING),
    AttendanceData("john_salt", "fire", "present", "member", _ATTENDING),
    AttendanceData(
        "debbie_washington",
        "jcp",
        "present",
        "member",
        f"{_ATTENDING} The seed spells the organisation 'Job Centre Plus'.",
    ),
    AttendanceData("ian_whitehead", "cwac", "present", "member", _ATTENDING),
    AttendanceData("helen_bellairs", "nhs_wc", "apologies", "member", _APOLOGIES),
    AttendanceData("mark_wilson", "jcp", "apologies", "member", _APOLOGIES),
    AttendanceData("alistair_jeffs", "cwac", "present", "support", _SUPPORT),
    AttendanceData("alison_armstrong", "cwac", "present", "support", _SUPPORT),
    AttendanceData("robbie_taylor", "cwac", "present", "support", _SUPPORT),
)


def _decision_source(item: int, bullet: int | None = None) -> str:
    where = f"{S004}, item {item}, 'Action - Decision'"
    return f"{where}, bullet {bullet}." if bullet else f"{where}."


TL_ITEMS: tuple[ItemData, ...] = (
    ItemData(
        number=1,
        title="Welcome, introductions and apologies",
        standing="welcome",
        minutes=(
            "The Chair welcomed members of the group and apologies were noted. The Group were "
            "reminded of their key purpose and function: to act as the strategic planning element "
            "of the LSP, to 'trouble-shoot' where necessary and to provide overall direction for "
            "the business and work programme across the LSP framework."
        ),
        decisions=(DecisionData("None required.", "none_required", _decision_source(1)),),
        source=f"{S004}, Item No.1.",
    ),
    ItemData(
        number=2,
        title="Minutes and matters arising from last meeting",
        standing="minutes",
        decisions=(
            DecisionData(
                "The minutes were agreed.",
                "approval",
                _decision_source(2)
                + " The minutes agreed are those of the group's previous meeting, which the seeds "
                "do not date, so that meeting is not recorded.",
            ),
        ),
        source=f"{S004}, Item No.2. The seed records no minute for this item, only its decision.",
    ),
    ItemData(
        number=3,
        title="Thematic Partnerships – progress, work programme and emerging issues",
        minutes=_paras(
            "Each of the Thematic Partnerships provided a verbal update on current progress, "
            "starting with the CYP Trust.",
            "John Stephens reported that the Trust had committed itself to focus on a limited "
            "number of key actions for each major outcome; therefore ensuring results are more "
            "tightly driven. A future key task will be to establish (along with PCT colleagues) a "
            "strong commissioning framework, to target and drive investment through the Trust. "
            "The Trust will also cover support not just to children and young people, but include "
            "links to families and broader community cohesion issues.",
            "Tim Jackson reported that lead officers for each of the LAA outcomes had been "
            "appointed and the associated delivery work-streams were continuing to develop. The "
            "Safer and Stronger Communities Group meets officially for the first time on 8th May "
            "and further consideration will given to finalising partnership membership. The "
            "partnership has a number of colleagues currently working through the delivery "
            "planning process and testing out the new templates.",
            "Jane Staley reported on discussions at the recent Environment Sustainability Thematic "
            "Group meeting. Four of the performance indicators within the remit of the Group are "
            "driven independently of the new Partnership, for example, improving road maintenance "
            "is based solely on the level of spend directed at services. To draw value from the "
            "Group, the outcomes which partners can exert some influence to improve delivery will "
            "be concentrated upon, to make a difference. Once the LAA delivery plans are "
            "completed and a review has taken place, the membership of the Partnership will be "
            "revisited and finalised. The Partnership will concentrate on its LAA commitments "
            "before considering its contribution to develop a new Sustainable Community Strategy "
            "(SCS). A discussion had occurred on the best home for the housing outcomes.",
            "Wendy Meredith updated on behalf of the Health and Wellbeing Group, the Group had met "
            "twice and had shared their strategic plans to look for synergies. The recent meeting "
            "examined the Joint Strategic Needs Assessment in some depth and its role to support "
            "evidence based activities and new SCS consultation. Future meetings of the Group "
            "will concentrate on single key issues each meeting: the next meeting will focus on "
            "the theme of older adults. There has been a good commitment from colleagues to "
            "support the objectives of the new Partnership.",
            "Sara Mogul advised that she and Mark Wilson will be the respective Chair and Vice "
            "Chair of the Business, Enterprise and Culture Partnership: the first meeting of this "
            "partnership is currently under preparation. One key challenge will be the engagement "
            "and ongoing involvement of the business community: especially as achieving the two "
            "LAA skills targets relate to people in employment and their progress in attaining "
            "NVQ Levels 2 and 3.",
            "The Chair asked where we can focus delivery below the Borough level, based on "
            "evidence and analysis, to enable the LSP to identify and target some quick wins to "
            "allow us to raise the profile of the new LSP and our work. A number of colleagues "
            "reported particular risks within the town of Ellesmere Port, where more concerted "
            "efforts are required. How can we now work differently in this area as a Partnership?",
        ),
        decisions=(
            DecisionData(
                "The new Commissioning framework under development will be mainstreamed across "
                "the entire LSP framework.",
                "decision",
                _decision_source(3, 1),
            ),
            DecisionData(
                "A future meeting will concentrate on Ellesmere Port and service realignment to "
                "meet specific needs, especially when the new Area Partnerships Boards (APBs) are "
                "up and running.",
                "decision",
                _decision_source(3, 2),
            ),
            DecisionData(
                "The Third Assembly to assist in ensuring more representatives from the Third "
                "Sector and local communities are members of each Thematic Partnership.",
                "decision",
                _decision_source(3, 3),
            ),
            DecisionData(
                "The Environmental Sustainable Thematic Partnership confirmed all housing "
                "outcomes are fine where they are located.",
                "decision",
                _decision_source(3, 4),
            ),
        ),
        actions=(
            ActionData(
                key="third_assembly_representatives",
                title=(
                    "The Third Assembly to assist in ensuring more representatives from the Third "
                    "Sector and local communities are members of each Thematic Partnership."
                ),
                owner_text="The Third Assembly",
                organisation="tsa",
                body="tl",
                source=(
                    f"{_decision_source(3, 3)} The owner is 'The Third Assembly', the Third Sector "
                    "Assembly. The minutes give no due date."
                ),
            ),
        ),
        source=(
            f"{S004}, Item No.3. Two page breaks of the original split sentences ('a verbal "
            "update on / current progress'; 'relate to people / in employment'); the halves are "
            "joined."
        ),
    ),
    ItemData(
        number=4,
        title="Local Strategic Partnership agenda (30th April 2009)",
        minutes=_paras(
            _bullets(
                "LSP branding",
                "CAA – Initial Self Assessment Report",
                "LAA – Performance Management Framework",
            ),
            "Partners were shown the initial LSP branding ideas and decided it best not to go "
            "further with suggestions 2, 4 and 5 and to add West Cheshire Partnership as a further "
            "option.",
            "Alistair Jeffs introduced the Report produced on behalf of a number of public sector "
            "officers on ‘CAA Initial Self Assessment’. There will be four key lines of enquiry "
            "(paragraph 3.5) taken from the national framework and the report will evolve and "
            "contain more detail and be more accessible (for staff and the public) by its launch "
            "in June. The Chair asked whether Partners are clear about their role in the joint "
            "Assessment in the autumn and each Thematic Partnership needs to take ownership of "
            "the relevant sections of the initial self evaluation to build up a more detailed "
            "picture.",
            "Alistair also introduced the LAA Performance Management Framework report, this "
            "outlined the delivery plan template and process to ensure performance monitoring and "
            "reporting is robust and timely. Further confirmation of the key lead responsible "
            "officers for each LAA indicator is still needed and invitations will be circulated "
            "for partners to identify their appropriate colleagues. Colleagues commented that the "
            "delivery plans were just part of good performance reporting and that we need to "
            "additionally evidence sound qualitative evidence and ‘real benefits to real people'. "
            "Some performance indicators are not possible to report from the APB footprints and "
            "there are ongoing issues concerning evidence to support in-year performance "
            "reporting, where data is available only annually. However, significant improvements "
            "will only follow the realignment of budgets and services to our priority outcomes, "
            "not just the data underpinning the inherited LAA indicators.",
        ),
        papers=("caa_self_assessment", "laa_pmf"),
        decisions=(
            DecisionData(
                "The Thematic Leads Group to review all LSP papers in advance of their "
                "circulation in the future.",
                "decision",
                _decision_source(4, 1)
                + " A standing practice of the group, not a task that ends, so not an action.",
            ),
            DecisionData(
                "The revised and updated 'CAA Initial Self Assessment' report to be revisited at "
                "a future meeting; especially concerning the cross-cutting details for APBs, "
                "equality and diversity, community empowerment etc.",
                "decision",
                _decision_source(4, 2),
            ),
            DecisionData(
                "All Chairs and Vice Chairs to ensure the LAA delivery plans are completed within "
                "the proposed timescale.",
                "decision",
                _decision_source(4, 3),
            ),
        ),
        actions=(
            ActionData(
                key="laa_delivery_plans",
                title=(
                    "All Chairs and Vice Chairs to ensure the LAA delivery plans are completed "
                    "within the proposed timescale."
                ),
                owner_text="All Chairs and Vice Chairs",
                body="tl",
                source=(
                    f"{_decision_source(4, 3)} The owner is recorded as the minutes name it. The "
                    "minutes give no due date ('within the proposed timescale')."
                ),
            ),
        ),
        source=(
            f"{S004}, Item No.4. The heading's list (the LSP agenda of 30 April 2009) opens the "
            "minute. A page break of the original splits a sentence ('real benefits to real / "
            "people'); the halves are joined."
        ),
    ),
    ItemData(
        number=5,
        title="Migrant Impact Fund bid",
        minutes=(
            "John Salt advised the Group of the details of this GONW administered external "
            "funding scheme, aimed at providing additional support to agencies, working in "
            "partnership, with legal migrant communities. Approval and support from the LSP was "
            "required in order to submit a bid on behalf of the broader sub-region. The "
            "submission date of 1st May was the first step in the bidding process and any "
            "potential funding will not be available until April 2010. The bid would support the "
            "broader work of the LSP and be 'labelled' as a Partnership project if successful and "
            "it offered an early opportunity to work on cross-cutting sub-regional issues."
        ),
        decisions=(
            DecisionData(
                "The bid was approved by colleagues and further detail of the project activities "
                "would be welcome as they progressed.",
                "approval",
                _decision_source(5, 1),
            ),
        ),
        source=f"{S004}, Item No.5.",
    ),
    ItemData(
        number=6,
        title="Any other business",
        standing="aob",
        minutes=(
            "The Chair updated the Group on some of the broader, strategic sub-regional "
            "partnership arrangements under development and outlined in a recent paper. There is "
            "a new sub-regional Leaders group (including Chief Executives) with a broader "
            "sub-group featuring the Chief Constable and Chief Fire Officer. The large number of "
            "sub-regional partnerships are being rationalised and orientated more sharply, for "
            "instance having only one partnership looking at the prosperity agenda. The Chair "
            "reminded the Group that a key undertaking of the LGR bid was to produce a stronger "
            "sub-region and these new partnerships would be the mechanism to do so."
        ),
        papers=("sub_regional_paper",),
        decisions=(
            DecisionData(
                "Comments on the sub-regional paper to the Chair would be welcome.",
                "decision",
                _decision_source(6),
            ),
        ),
        source=f"{S004}, Item No.6.",
    ),
)

TL_MEETING = MeetingData(
    key="tl_2009_04_27",
    body="tl",
    title="Cheshire West LSP Thematic Leads meeting",
    date=TL_DATE,
    start_time=dt.time(14, 30),
    venue="county_hall",
    venue_text="Committee Room 2B",
    # The seed is the minutes, written up but not signed ("Signed (Chair): ....."), and the seeds
    # do not say whether a later meeting agreed them: circulated, not agreed, not signed.
    status="minutes_circulated",
    next_meeting="tl_2009_05_18",
    attendance=TL_ATTENDANCE,
    items=TL_ITEMS,
    source=(
        f"{S004}: 'Date: 27th April 2009. Time: 2.30pm. Venue: Committee Room 2B, County Hall, "
        "Chester.' The seed gives no end time. The minutes are unsigned ('Signed (Chair): "
        ".....'), so they are recorded as circulated, neither agreed nor signed; the seed does "
        "not say when they were circulated."
    ),
)

TL_NEXT_MEETING = MeetingData(
    key="tl_2009_05_18",
    body="tl",
    date=TL_NEXT_DATE,
    start_time=dt.time(13, 30),
    end_time=dt.time(15, 0),
    venue="county_hall",
    venue_text="Committee Room 2B",
    status="scheduled",
    source=(
        f"{S004}: 'Details of next meeting: Monday 18th May, 1.30pm – 3.00pm, Committee Room 2B, "
        "County Hall, Chester' (the year is the minutes' own, 2009; 18 May 2009 was a Monday). "
        "The seeds do not record the meeting itself, so it stays scheduled."
    ),
)

LSP_MEETING = MeetingData(
    key="lsp_2009_04_30",
    body="lsp",
    date=LSP_MEETING_DATE,
    status="scheduled",
    source=(
        f"{S004}, item 4: 'Local Strategic Partnership agenda (30th April 2009)'. The seed gives "
        "no time or venue, and the seeds do not record the meeting itself, so it stays scheduled "
        "with its three planned items in the forward plan."
    ),
)

# --------------------------------------------------------------------------------------------------
# Seed 001: the Partnership Event of 8 December 2008.

_EVENT_PRESENTATIONS = (
    f"{S001}, section 1: 'Presentations were received on Partnership Working (Steve Robinson), "
    "the Joint Strategic Needs Assessment (Wendy Meredith, Western Cheshire PCT Director of Public "
    "Health), Strategic Assessment (Ewan McHenry, VRBC Community Safety Manager) and the emerging "
    "Third Sector Assembly (Jane Staley, Exec. Director Groundwork Cheshire).' The bulletin "
    "records no content of the presentation."
)

EVENT_DISCUSSION_MINUTES = _paras(
    "Emerging themes from workshop groups",
    "Q1. We will move to a single LSP for Cheshire West and Chester. Who should be the key "
    "partners on the LSP and the key thematic groups?",
    "\n".join(
        [
            "• All sectors need to be represented, with all engaged and understanding the issues.",
            "• Representation should be flexible and as appropriate to the issues raised.",
            "• Need people who can take decisions and “move resources”.",
            "• Also need people who are able to make clear the links between the “top table” and "
            "the thematic groups, supported by excellent communications.",
            "• With an independent Chairman, the “top table” should comprise:",
            "◦ Leader or an Executive Member (ideally with Partnerships portfolio)",
            "◦ CW&C Chief Executive",
            "◦ Area Commander of Police",
            "◦ Area Commander of Fire & Rescue",
            "◦ Chief Executive of PCT",
            "◦ Representative from Education (Headteacher's Association, FE, HE)",
            "◦ Representative from Third Sector Assembly",
            "◦ Representative from Private Sector (Chamber of Commerce, SMEs and larger companies)",
            "◦ Representative from Strategic Housing Authority",
            "◦ Representatives from thematic groups.",
            "• Thematic groups should maintain equitable representation from the same key partners "
            "but as appropriate to their alignment with work streams and LAA themes.",
            "• Thematic groups must also be flexible in being able to co-opt representatives as "
            "appropriate to the issues being raised.",
            "• One group asked if an LSP was necessary with APBs in place and could there be a "
            "confusion in roles and responsibilities.",
            "• A greater emphasis, therefore, on good communications.",
        ]
    ),
    "Q2. What improvements or difference do you see Area Partnership Boards delivering?",
    "\n".join(
        [
            "• Improvements include a local flavour to the strategic agenda e.g. LAA",
            "• Introduction of robust performance management i.e. for delivery and stretch.",
            "• Some, however, felt there were too many layers in this framework and it would be "
            "too bureaucratic with communications a problem.",
            "• Difference will depend on several elements:",
            "◦ the size and scope of the areas;",
            "◦ which elected Members are involved;",
            "◦ the role of Town & Parish Councils;",
            "◦ the local issues emerging;",
            "◦ how they link to neighbourhoods;",
            "◦ how partners buy-in to this new way of working;",
            "◦ how in delivery terms it will be important to emphasise that one size does not "
            "necessarily fit all;",
            "◦ how partners take the opportunity to align strategies with Area Action Plans; and",
            "◦ how partners take the opportunity to align or pool budgets.",
        ]
    ),
    "Q3. What issues raised in the Third Sector Assembly presentation could you immediately help "
    "with?",
    "Groups identified a range of support that may be offered, as follows:",
    _bullets(
        "To increase awareness and understanding of issues, with a clarity of roles;",
        "With commissioning opportunities;",
        "Promotion, facilitation and signposting;",
        "Planning law;",
        "To release potential (of all partners, organisations and individuals);",
        "With cross-cutting formal links;",
        "Publicity and communications.",
    ),
    "One group did, however, ask if the Third Sector Assembly was able to adequately represent "
    "all community, voluntary and faith organisations. Was there any mapping of Third Sector "
    "groups that was inclusive, with recognition of smaller groups.",
    "Q4. What was the issue in the Joint Strategic Needs assessment that you found most "
    "interesting?",
    "Groups saw a number of challenges here, as follows:",
    _bullets(
        "It should be joined up and overlaid with the Strategic Assessment;",
        "Uncertain if there is a formal tie-in to LAA objectives e.g. mental health and all "
        "alcohol issues;",
        "Information shared to allow partners to become more strategic;",
        "Still some differences in measurement;",
        "Importance of local evidence (one story of place and impact of CAA);",
        "Not enough on BME groups;",
        "LSP role to co-ordinate on issues",
        "Some communications issues.",
    ),
    "Q5. What was the issue in the Strategic Assessment that you found most surprising?",
    "Groups found the following issues most surprising:",
    _bullets(
        "Public perception versus reality and how local level action may improve the “feel good” "
        "factor (work still required on fear of crime issues);",
        "Agencies seem to be working together, but in a comprehensive way e.g. shared evidence "
        "bases?",
        "Promotion of positive images should provide greater confidence;",
        "Benefits of co-location as a preventative response.",
    ),
    "Other issues",
    _bullets(
        "Will structures remain flexible to the wider context?",
        "LAA partnership desks (co-location)",
        "Identify relevance of work (e.g. to private sector representatives)",
        "Local decision makers need to be identified",
        "Political clout – where is the political interface?",
        "Are we alert to tensions (politically and operational)?",
    ),
)

EVENT_MEETING = MeetingData(
    key="event_2008_12_08",
    # The event brought together everyone in the partnerships of the new borough, before the LSP
    # existed (1 April 2009); of the example's bodies, the wider network of partners is the one
    # whose gatherings these are (seed 001 proposes 'LSP network conferences').
    body="network",
    title="Cheshire West and Chester Partnership Event",
    date=dt.date(2008, 12, 8),
    venue="holiday_inn_ep",
    # The bulletin circulated its record, Appendix A, to everyone in the partnership.
    status="minutes_circulated",
    items=(
        ItemData(
            number=1,
            title="Partnership Working",
            presenter="steve_robinson",
            presenter_text="the new Chief Executive for Cheshire West and Chester",
            source=_EVENT_PRESENTATIONS,
        ),
        ItemData(
            number=2,
            title="Joint Strategic Needs Assessment",
            presenter="wendy_meredith",
            presenter_text="Western Cheshire PCT Director of Public Health",
            source=_EVENT_PRESENTATIONS,
        ),
        ItemData(
            number=3,
            title="Strategic Assessment",
            presenter="ewan_mchenry",
            presenter_text="VRBC Community Safety Manager",
            source=_EVENT_PRESENTATIONS,
        ),
        ItemData(
            number=4,
            title="The emerging Third Sector Assembly",
            presenter="jane_staley",
            presenter_text="Exec. Director Groundwork Cheshire",
            source=_EVENT_PRESENTATIONS,
        ),
        ItemData(
            number=5,
            title=(
                "Facilitated discussion: the proposed Partnership Framework and each of the "
                "presentation areas"
            ),
            minutes=EVENT_DISCUSSION_MINUTES,
            source=(
                f"{S001}, section 1: 'This was followed by a facilitated discussion centred "
                "around the proposed Partnership Framework (See below) and on each of the "
                "presentation areas. Appendix A contains a summary of the key issues raised "
                "during these discussions'. The minute is Appendix A, 'Emerging themes from "
                "workshop groups', verbatim."
            ),
        ),
    ),
    source=(
        f"{S001}, section 1: 'Over 100 individuals attended the recent Partnership Event held in "
        "Ellesmere Port on 8th December 2008. This was an opportunity to meet Steve Robinson, the "
        "new Chief Executive for Cheshire West and Chester and consider the new arrangements for "
        "Partnership working from April 2009.' Appendix A: 'Cheshire West and Chester Partnership "
        "Event - 8th December 2008, The Holiday Inn, Ellesmere Port'. The bulletin gives no time "
        "and no list of those attending. Its record is the bulletin's Appendix A, which the "
        "bulletin circulated 'to all individuals and organisations associated with the current "
        "Local Strategic Partnerships'; the bulletin is undated and no meeting agreed the "
        "record, so it stands as minutes circulated, with no date."
    ),
)

# --------------------------------------------------------------------------------------------------
# Seed 000: the Chester APB's September meeting (2011).

CHESTER_APB_PRIORITIES = (
    "Enhancing health and well-being / reducing health inequalities",
    "Enabling economic growth (including employment support & infrastructure, enterprise "
    "communities & capacity building)",
    "Improving the environment and regenerating neighbourhoods (including housing)",
)
_S000_PROPOSAL_3 = (
    f"{S000}, proposal 3: 'Chester APB approves the priorities for the Action Plan which were "
    "considered at the September meeting; Enhancing health and well-being / reducing health "
    "inequalities; Enabling economic growth (including employment support & infrastructure, "
    "enterprise communities & capacity building); Improving the environment and regenerating "
    "neighbourhoods (including housing)'."
)

CHESTER_APB_SEPTEMBER = MeetingData(
    key="chester_apb_2011_09",
    body="apb:Chester",
    # "The September meeting": the report is signed January 2012, so the last September before
    # it; the seed gives no day, so the meeting is dated to the month and stored on the 1st.
    date=dt.date(2011, 9, 1),
    date_precision="month",
    # It took place (the report refers back to it); the seeds record no minutes, agreed or not.
    status="held",
    items=(
        ItemData(
            number=1,
            title="Priorities for the Chester Area Action Plan",
            minutes=_paras(
                "The priorities for the Action Plan which were considered at the September "
                "meeting:",
                _bullets(*CHESTER_APB_PRIORITIES),
            ),
            source=(
                f"{_S000_PROPOSAL_3} The item's title is its subject in the report's words; the "
                "minute is what the report says the meeting considered, nothing more. The report "
                "records no decision of the meeting: the Board is asked to approve the priorities "
                "later, in January 2012."
            ),
        ),
    ),
    source=(
        f"{_S000_PROPOSAL_3} The year is not given: the report is signed 'January 2012', so the "
        "September before it, 2011. The seed gives no day, time, venue or attendance, and no "
        "minutes of the meeting; its other business, if any, is not recorded."
    ),
)

# In the order they are created: a meeting's next meeting before the meeting that names it.
MEETINGS: list[MeetingData] = [
    EVENT_MEETING,
    TL_NEXT_MEETING,
    TL_MEETING,
    LSP_MEETING,
    CHESTER_APB_SEPTEMBER,
]

# --------------------------------------------------------------------------------------------------
# Forward plan

FORWARD_PLAN: list[ForwardPlanData] = [
    ForwardPlanData(
        key="lsp_branding",
        body="lsp",
        title="LSP branding",
        intended_date=LSP_MEETING_DATE,
        meeting="lsp_2009_04_30",
        notes=(
            "Partners were shown the initial LSP branding ideas and decided it best not to go "
            "further with suggestions 2, 4 and 5 and to add West Cheshire Partnership as a "
            "further option. (Thematic Leads, 27 April 2009, item 4.)"
        ),
        source=f"{S004}, item 4: 'Local Strategic Partnership agenda (30th April 2009)', entry 1.",
    ),
    ForwardPlanData(
        key="lsp_caa",
        body="lsp",
        title="CAA – Initial Self Assessment Report",
        intended_date=LSP_MEETING_DATE,
        meeting="lsp_2009_04_30",
        source=f"{S004}, item 4: 'Local Strategic Partnership agenda (30th April 2009)', entry 2.",
    ),
    ForwardPlanData(
        key="lsp_laa_pmf",
        body="lsp",
        title="LAA – Performance Management Framework",
        intended_date=LSP_MEETING_DATE,
        meeting="lsp_2009_04_30",
        source=f"{S004}, item 4: 'Local Strategic Partnership agenda (30th April 2009)', entry 3.",
    ),
    ForwardPlanData(
        key="tl_ellesmere_port",
        body="tl",
        title="Ellesmere Port and service realignment to meet specific needs",
        notes=(
            "A future meeting will concentrate on Ellesmere Port and service realignment to meet "
            "specific needs, especially when the new Area Partnerships Boards (APBs) are up and "
            "running."
        ),
        source=(
            f"{_decision_source(3, 2)} The seeds name no meeting or date, so none is recorded."
        ),
    ),
    ForwardPlanData(
        key="tl_caa_revisited",
        body="tl",
        title="The revised and updated 'CAA Initial Self Assessment' report",
        notes=(
            "The revised and updated 'CAA Initial Self Assessment' report to be revisited at a "
            "future meeting; especially concerning the cross-cutting details for APBs, equality "
            "and diversity, community empowerment etc."
        ),
        source=(
            f"{_decision_source(4, 2)} The seeds name no meeting or date, so none is recorded."
        ),
    ),
    ForwardPlanData(
        key="lsp_scs_delivery_initial_work",
        body="lsp",
        title="SCS delivery plan: initial work of the Thematic Partnerships",
        intended_date=dt.date(2010, 10, 28),
        notes="Initial work will be presented to the LSP on 28 October 2010.",
        source=(
            f"{S003}, 2.3, step 1: 'Initial work will be presented to the LSP on 28 October "
            "2010.' The seeds record no LSP meeting on that day beyond this, so no meeting is "
            "created for it."
        ),
    ),
]

# --------------------------------------------------------------------------------------------------
# Meetings a seed mentions without even a month or a year. A meeting needs at least its year
# (`Meeting.date_precision`), so these are not created; they are kept here so that what the seed
# says is not lost (the Chester APB paper's description quotes it). The September meeting of the
# Chester APB, dated to its month, is created above (CHESTER_APB_SEPTEMBER).

UNDATED_MEETINGS: list[UndatedMeetingData] = [
    UndatedMeetingData(
        body="apb:Chester",
        when="before January 2012 (no date given; it may be the September meeting)",
        what_the_seed_records=(
            "Discussions at the Board, followed by sub-group deliberations, about the development "
            "of Chester Area Action Plan; the Chair's report records the key points made."
        ),
        source=(
            f"{S000}: 'Following discussions at the last Chester APB and subsequent sub-group "
            "deliberations about the development of Chester Area Action Plan'."
        ),
    ),
]
