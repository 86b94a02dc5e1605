"""The demo's page for each audience (“I am a …”) and its report-a-concern page.

Run by `ltc_portal.demo.seed`. Each page is added only when the home page has no child with
its slug, and the concern panel's link only when none is chosen, so a second run changes
nothing and an editor's later changes stay. The numbers are the real national ones; the
council's are those of the concern panel's settings, or example.gov.uk addresses.
"""

from wagtail.models import Page, Site

from core.demo import add_page
from directory.enums import OrganisationKind
from resources.enums import Audience

from .models import AudiencePage, ConcernSettings, ReportConcernPage

CHILDLINE = '<a href="https://www.childline.org.uk/">Childline</a>'
CEOP = '<a href="https://www.ceop.police.uk/Safety-Centre/">CEOP Safety Centre</a>'
REPORT_REMOVE = (
    '<a href="https://www.childline.org.uk/info-advice/bullying-abuse-safety/'
    'online-mobile-safety/remove-nude-image-shared-online/">Report Remove</a>'
)
NSPCC = '<a href="https://www.nspcc.org.uk/keeping-children-safe/reporting-abuse/">NSPCC</a>'

JOIN = (
    "<p>Every Local Children's Trust meets once a term and is open to any school, group or "
    "service that works with children in its district. To join, find your Local Children's "
    "Trust above and contact its coordinator: they will add you to the membership and send "
    "you the meetings calendar. Members who sign in to this site see partners-only materials "
    "and contact details.</p>"
)

#: (slug, title, link text, summary, audiences listed, organisations listed, sections)
AUDIENCES = [
    (
        "schools",
        "For schools",
        "I work in a school or college",
        "Lessons for every phase, staff training and your Local Children's Trust coordinator.",
        [
            Audience.SCHOOL_STAFF,
            Audience.PRIMARY_PUPILS,
            Audience.SECONDARY_PUPILS,
            Audience.POST_16_STUDENTS,
        ],
        "",
        {
            "what_the_lct_is": (
                "<p>Your Local Children's Trust brings your school together with the police, "
                "school nurses, children's services, youth groups and taxi licensing in your "
                "district. Designated safeguarding leads use it to hear what partners are "
                "seeing locally, such as places or apps where children are being targeted, and "
                "to agree what to do together.</p>"
                "<p>Child sexual exploitation happens at primary age as well as secondary. The "
                "county headteacher group writes age-appropriate lessons so that every school "
                "can follow a similar programme.</p>"
            ),
            "training": (
                "<p>Every member of staff should have child sexual exploitation awareness "
                "training, refreshed each year as part of your safeguarding training. The "
                "whole-staff session in the materials below can be run by your designated "
                "safeguarding lead.</p>"
                "<p>To ask for a trainer to run a session for your staff, governors or a group "
                "of schools, contact your Local Children's Trust coordinator (find them below) "
                "with the number of staff and the dates that suit you.</p>"
            ),
            "contact": (
                "<p>For a concern about a pupil, follow your school's safeguarding procedure: "
                "your designated safeguarding lead refers to the Children's Services Family "
                "Front Door. For your Local Children's Trust, its meetings and training, "
                "contact its coordinator.</p>"
            ),
            "how_to_join": JOIN,
        },
    ),
    (
        "parents-and-carers",
        "For parents and carers",
        "I am a parent or carer",
        "The signs to look out for, how to talk to your child, and who to call if you are worried.",
        [Audience.PARENTS_AND_CARERS],
        "",
        {
            "what_the_lct_is": (
                "<p>Your Local Children's Trust is where your child's school, the police, "
                "health and children's services and local youth groups work together to keep "
                "children safe from sexual exploitation. You do not need to contact it to get "
                "help: if you are worried about your child, use the numbers below.</p>"
                "<p>Exploitation can happen to any child, boys as well as girls, online as well "
                "as in person. Signs include new phones, clothes or money you cannot explain, "
                "going missing or coming home late, older friends or a secretive relationship, "
                "and changes in mood or behaviour.</p>"
            ),
            "training": (
                "<p>Schools in the county can run a short briefing on child sexual exploitation "
                "at a parents' evening. If you would like one at your child's school, ask the "
                "school, or ask your Local Children's Trust coordinator to suggest it.</p>"
            ),
            "contact": (
                "<p>If your child is in danger now, call 999. If you are worried but it is not "
                "an emergency, call the Children's Services Family Front Door or the police on "
                '101. The NSPCC helpline, <a href="tel:08088005000">0808 800 5000</a>, gives '
                "advice to any adult worried about a child. You can also talk to the "
                "safeguarding lead at your child's school or nursery.</p>"
            ),
            "how_to_join": (
                "<p>Local Children's Trusts are partnerships of organisations rather than open "
                "meetings, but parents and carers are welcome to ask questions or suggest "
                "something the partnership should look at. Contact your Local Children's "
                "Trust's coordinator.</p>"
            ),
        },
    ),
    (
        "youth-and-faith-groups",
        "For youth and faith groups",
        "I run a youth, uniformed or faith group",
        "For Scout, Guide and cadet leaders, and church, mosque and temple youth workers.",
        [Audience.YOUTH_LEADERS],
        "",
        {
            "what_the_lct_is": (
                "<p>Leaders and volunteers in youth clubs, uniformed groups and faith groups "
                "often hear what children do not tell anyone else. Your Local Children's Trust "
                "connects your group with the schools, police and children's services in your "
                "district, so that you know who to call and hear about risks locally.</p>"
            ),
            "training": (
                "<p>Your national organisation's safeguarding training comes first (for example "
                "Scouts, Girlguiding, your diocese or faith body). For a session on child sexual "
                "exploitation for your leaders and volunteers, contact your Local Children's "
                "Trust coordinator: sessions can be run in the evening for volunteers.</p>"
            ),
            "contact": (
                "<p>For a concern about a child, tell your group's safeguarding lead or welfare "
                "officer and follow your organisation's procedure. If a child is in danger now, "
                "call 999. Otherwise, contact the Children's Services Family Front Door or the "
                "police on 101 straight away: do not wait for your safeguarding lead if they "
                "cannot be reached.</p>"
            ),
            "how_to_join": JOIN,
        },
    ),
    (
        "taxi-drivers",
        "For taxi drivers and operators",
        "I am a taxi driver or operator",
        "What to look out for, the numbers to call, training, and your licensing team.",
        [Audience.TAXI_DRIVERS],
        OrganisationKind.TAXI_LICENSING,
        {
            "what_the_lct_is": (
                "<p>Taxi and private hire drivers are the eyes and ears of their community. "
                "Children being exploited are often moved around by car, late at night, to "
                "hotels, parties or addresses out of their area. Your district's licensing team "
                "sits on its Local Children's Trust, so what you report reaches the police and "
                "children's services who can act.</p>"
                "<p>Look out for a young passenger with an older adult who is not their parent, "
                "who seems frightened, drunk or confused, or who is picked up from a hotel or "
                "house at night, and for fares paid in cash by someone other than the "
                "passenger.</p>"
            ),
            "training": (
                "<p>Your district council decides whether safeguarding and child sexual "
                "exploitation training is a condition of your licence; your licensing team "
                "below can tell you and book you on the next course. Operators who want a "
                "session for all their drivers can ask their licensing team or the Local "
                "Children's Trust coordinator.</p>"
            ),
            "contact": (
                "<p>If a child is in danger now, call 999. If you are worried but it is not an "
                "emergency, call the police on 101 and give the time, the pick-up and drop-off "
                "addresses and a description. Never confront anyone. Then tell your operator "
                "and your district's licensing team:</p>"
            ),
            "how_to_join": (
                "<p>Operators and drivers' associations are welcome at their Local Children's "
                "Trust's meetings. Ask your licensing team, or find your Local Children's Trust "
                "above and contact its coordinator.</p>"
            ),
        },
    ),
    (
        "professionals",
        "For professionals",
        "I am a professional working with children",
        (
            "Health, police, social care and other services: the referral route, threshold "
            "guidance and multi-agency materials."
        ),
        [Audience.ALL_PROFESSIONALS],
        "",
        {
            "what_the_lct_is": (
                "<p>Each district's Local Children's Trust brings together the professionals "
                "who work with its children: schools, police, health, children's services, "
                "youth services, housing and taxi licensing. Members share what they see, map "
                "where children are at risk and agree local action under the county's child "
                "sexual exploitation strategy.</p>"
                "<p>There is no single profile of a child who is exploited: look at the "
                "child's circumstances, not only their age, gender or background.</p>"
            ),
            "training": (
                "<p>Your own agency's safeguarding training comes first. For multi-agency child "
                "sexual exploitation training for your team, contact your Local Children's "
                "Trust coordinator with the number of staff and the dates that suit you.</p>"
            ),
            "contact": (
                "<p>To refer a child, follow the professionals' route on the report-a-concern "
                "page: it sets out the threshold guidance and what to include. Talk to your "
                "agency's safeguarding lead, and call the Children's Services Family Front "
                "Door to discuss a concern if you are unsure whether it meets the "
                "threshold.</p>"
            ),
            "how_to_join": JOIN,
        },
    ),
]

CONCERN_PAGE_INTRO = (
    "<p>If you are worried that a child is being sexually exploited, or is at risk, tell "
    "someone now. You do not need proof, and you will not get anyone into trouble by asking "
    "for advice. This website does not take reports itself: choose the route below that "
    "fits you.</p>"
)

ROUTES = [
    (
        "If you are a child or young person",
        "<p>If you are in danger now, call 999.</p>"
        "<p>If someone is making you do things you do not want to, giving you gifts or money "
        "for something in return, or asking for photos, it is not your fault. Tell an adult "
        "you trust, such as a parent or carer, a teacher or a youth leader.</p>"
        "<ul>"
        f'<li>{CHILDLINE}: call <a href="tel:08001111">0800 1111</a> free, any time, or talk '
        "online. The call does not show on your phone bill.</li>"
        f"<li>If someone you met online is making you feel uncomfortable, report them to the "
        f"{CEOP}.</li>"
        f"<li>If a nude image of you has been shared, or someone is threatening to share one, "
        f"{REPORT_REMOVE}, from Childline and the Internet Watch Foundation, can help get it "
        "taken down. It is for anyone under 18.</li>"
        "</ul>",
    ),
    (
        "If you are a parent, carer or member of the public",
        "<p>If a child is in danger now, call 999.</p>"
        "<p>If you are worried about a child but it is not an emergency, call the Children's "
        "Services Family Front Door (the number is at the top of this page) or the police on "
        "101. Tell them what you saw or heard, when and where, and the child's name if you "
        "know it. You can ask not to be named.</p>"
        f"<p>If you are not sure, the {NSPCC} helpline gives advice to any adult worried about "
        'a child: call <a href="tel:08088005000">0808 800 5000</a> or email '
        '<a href="mailto:help@nspcc.org.uk">help@nspcc.org.uk</a>.</p>',
    ),
    (
        "If you work with children",
        "<p>If a child is in immediate danger, call 999. Otherwise:</p>"
        "<ol>"
        "<li>Talk to your organisation's designated safeguarding lead straight away, unless "
        "waiting would put the child at risk.</li>"
        "<li>Check the county's threshold guidance, "
        '<a href="https://www.example.gov.uk/levels-of-need">Levels of Need</a>. If you think '
        "a child is suffering, or likely to suffer, significant harm, or needs help from "
        "more than one service, refer to the Children's Services Family Front Door by "
        "phone.</li>"
        "<li>Follow your call with the written referral on the "
        '<a href="https://www.example.gov.uk/familyfrontdoor">Family Front Door page</a> '
        "within one working day, including the child's details, what you have seen, what the "
        "child has said in their own words, and what you have already done. Attach the "
        "child sexual exploitation screening tool if you have completed it.</li>"
        "<li>Tell the police on 101 about information on places, vehicles or adults of "
        "concern, even when you do not know which child is involved.</li>"
        "<li>If you have not heard back within one working day, call the Front Door again. If "
        "you disagree with the decision, ask to speak to the team manager.</li>"
        "</ol>"
        "<p>If you are unsure whether a concern meets the threshold, call the Front Door for a "
        "consultation: you do not need to have filled in any form first.</p>",
    ),
]


def seed_audiences(log):
    """The report-a-concern page, the concern panel's link to it, and the audience pages."""
    home = Page.objects.get(depth=2)
    concern = add_page(
        home,
        ReportConcernPage(
            title="Report a concern about a child",
            slug="report-a-concern",
            search_description=(
                "Who to call if you are worried about a child: for the public, professionals "
                "and children and young people."
            ),
            intro=CONCERN_PAGE_INTRO,
            routes=[
                {"type": "route", "value": {"heading": heading, "body": body}}
                for heading, body in ROUTES
            ],
        ),
        log,
    )
    site = Site.objects.get(is_default_site=True)
    panel = ConcernSettings.for_site(site)
    if panel.more_help_page_id is None:
        panel.more_help_page = concern
        panel.save()
        log.updated("report-a-concern panel's “More ways to get help” link")

    for slug, title, label, summary, audiences, kind, sections in AUDIENCES:
        add_page(
            home,
            AudiencePage(
                title=title,
                slug=slug,
                entry_label=label,
                summary=summary,
                search_description=summary,
                material_audiences=[str(value) for value in audiences],
                contact_kind=kind,
                **sections,
            ),
            log,
        )
