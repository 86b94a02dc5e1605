"""The demo county, built step by step; `python manage.py seed_demo` runs it.

Every step only adds what is missing, identified by a natural key (a slug, a username, a
URN), so a second run changes nothing and an editor's later changes are never overwritten.
Each app contributes its own step in its own `demo.py`; `seed` runs them in order, lower
layers first.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Site

from core.demo import Log, add_page, ensure_user
from directory import demo as directory_demo
from directory.demo import DISTRICTS
from directory.enums import PartnershipKind
from directory.models import Area, PartnershipIndexPage, PartnershipPage
from meetings import demo as meetings_demo
from resources import demo as resources_demo
from training import demo as training_demo

from . import roles
from .demo_audiences import seed_audiences
from .models import ConcernSettings, FooterSettings, HomePage, StandardPage
from .roles import setup_roles

#: The demo county; its districts are those of `directory.demo.DISTRICTS`.
COUNTY = "Worcestershire"
SITE_NAME = f"{COUNTY} Local Children's Trusts"
#: Names a fresh database starts with (migration 0002); the demo names the county instead.
UNNAMED = {None, "", "LCT Portal", "Local Children's Trusts"}


def seed_core(log, *, reset_passwords=False):
    home = HomePage.objects.get(depth=2)
    site = Site.objects.get(is_default_site=True)
    if site.site_name in UNNAMED:
        site.site_name = SITE_NAME
        site.save()
        log.updated("site name")
    if home.title in UNNAMED:
        home.title = home.draft_title = SITE_NAME
        home.save_revision().publish()
        log.updated("home page title")
    # Feeds write addresses from the site's configured root; the demo serves where the admin's
    # e-mails point (WAGTAILADMIN_BASE_URL), so a site still at Wagtail's default moves there.
    if (site.hostname, site.port) == ("localhost", 80):
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        if base.hostname and (base.hostname, base.port or 80) != ("localhost", 80):
            site.hostname, site.port = base.hostname, base.port or 80
            site.save()
            log.updated(f"site address {site.root_url}")
    if not home.body:
        home.body = (
            "<p>Child sexual exploitation can happen to any child, at primary as well as "
            "secondary age, online and in the community. No single organisation can see the "
            "whole picture. Each district's Local Children's Trust brings schools, police, "
            "health, council services, taxi licensing and voluntary, uniformed and faith youth "
            "groups together so that they know each other, share what they see and act early.</p>"
            "<p>Use this site to find your Local Children's Trust and whom to contact, to see "
            "when partners meet, and to find approved, age-appropriate materials.</p>"
        )
        home.save_revision().publish()
        log.updated("home page text")

    if not ConcernSettings.objects.filter(site=site).exists():
        ConcernSettings.objects.create(site=site)
        log.created("report-a-concern panel settings")

    index = add_page(
        home,
        PartnershipIndexPage(
            title="Local Children's Trusts",
            slug="partnerships",
            show_in_menus=True,
            search_description="The partnerships in each district, who sits on them and how to reach them.",
            intro=(
                f"<p>There is one Local Children's Trust in each of {COUNTY}'s six districts, and "
                "a county-wide headteacher group that develops materials for schools.</p>"
            ),
        ),
        log,
    )
    for name, slug, codes in DISTRICTS:
        area, created = Area.objects.get_or_create(
            slug=slug, defaults={"name": name, "outward_codes": codes}
        )
        if created:
            log.created(f"area {name}")
        add_page(
            index,
            PartnershipPage(
                title=f"{name} Local Children's Trust",
                slug=slug,
                kind=PartnershipKind.LCT,
                area=area,
                search_description=f"The Local Children's Trust for {name}: members, meetings and contacts.",
                purpose=(
                    f"<p>The {name} Local Children's Trust brings together the schools, police, "
                    "health and council services and voluntary, uniformed and faith youth groups "
                    f"of {name} to spot and stop child sexual exploitation early.</p>"
                ),
                how_to_get_involved=(
                    "<p>Any school, youth group or service working with children in the district "
                    "can join. Contact the coordinator to be added to the membership and the "
                    "meetings calendar.</p>"
                ),
            ),
            log,
        )
    add_page(
        index,
        PartnershipPage(
            title="County headteacher group",
            slug="headteacher-group",
            kind=PartnershipKind.COUNTY_GROUP,
            search_description="The headteachers developing age-appropriate CSE materials for the county's schools.",
            purpose=(
                "<p>Set up by the county safeguarding board, the headteacher group develops "
                "age-appropriate materials on child sexual exploitation for primary and secondary "
                "schools, so that every school follows a similar programme.</p>"
            ),
            how_to_get_involved=(
                "<p>Headteachers and designated safeguarding leads who would like to contribute "
                "or trial materials can contact the group through their Local Children's Trust.</p>"
            ),
        ),
        log,
    )

    accessibility = add_page(home, accessibility_statement(), log)
    privacy = add_page(home, privacy_notice(), log)
    footer = FooterSettings.for_site(site)
    if footer.accessibility_statement_id is None or footer.privacy_notice_id is None:
        footer.accessibility_statement = footer.accessibility_statement or accessibility
        footer.privacy_notice = footer.privacy_notice or privacy
        footer.save()
        log.updated("footer links")

    seed_users(log, reset_passwords=reset_passwords)


def seed_users(log, *, reset_passwords=False):
    """The demo sign-ins, each in its role's group (see ltc_portal.roles)."""
    setup_roles(log)
    reset = {"reset_password": reset_passwords}
    admin = ensure_user("admin", log, superuser=True, email="admin@example.org", **reset)
    ensure_in_group(admin, roles.ADMINISTRATORS, log)
    for _name, slug, _codes in DISTRICTS:
        area = Area.objects.get(slug=slug)
        user = ensure_user(f"coord-{slug}", log, email=f"coord-{slug}@example.org", **reset)
        ensure_in_group(user, roles.coordinators_group_name(area), log)
    partner = ensure_user("partner", log, email="partner@example.org", **reset)
    ensure_in_group(partner, roles.PARTNERS, log)
    editor = ensure_user("headteacher-editor", log, email="headteacher-editor@example.org", **reset)
    ensure_in_group(editor, roles.HEADTEACHER_EDITORS, log)
    approver = ensure_user("approver", log, email="approver@example.org", **reset)
    ensure_in_group(approver, roles.MATERIALS_APPROVERS, log)


def ensure_in_group(user, group_name, log):
    group = Group.objects.get(name=group_name)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        log.updated(f"groups of {user.username}")


def accessibility_statement():
    return StandardPage(
        title="Accessibility statement",
        slug="accessibility-statement",
        summary="How accessible this website is, what we know is not yet right, and how to tell us about a problem.",
        last_reviewed=datetime.date(2026, 11, 29),
        body=(
            "<p>This website is run by the county safeguarding partnership for the Local Children's "
            "Trusts. We want as many people as possible to be able to use it. You should be able to "
            "change colours, contrast levels and fonts using browser or device settings; zoom in up "
            "to 400% without the text spilling off the screen; navigate most of the website using "
            "just a keyboard or speech recognition software; and listen to most of the website using "
            "a screen reader.</p>"
            "<h2>How accessible this website is</h2>"
            "<p>Some older documents in the materials library are PDFs that are not fully accessible "
            "to screen reader software.</p>"
            "<h2>Feedback and contact information</h2>"
            "<p>If you need information on this website in a different format, such as accessible "
            "PDF, large print, easy read, audio recording or braille, email "
            "accessibility@example.gov.uk. We'll consider your request and get back to you in 10 "
            "working days.</p>"
            "<h2>Reporting accessibility problems with this website</h2>"
            "<p>We're always looking to improve the accessibility of this website. If you find any "
            "problems not listed on this page or think we're not meeting accessibility requirements, "
            "email accessibility@example.gov.uk.</p>"
            "<h2>Enforcement procedure</h2>"
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we "
            "respond to your complaint, contact the Equality Advisory and Support Service "
            "(EASS).</p>"
            "<h2>Technical information about this website's accessibility</h2>"
            "<p>The county council is committed to making its website accessible, in accordance "
            "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018.</p>"
            "<h3>Compliance status</h3>"
            "<p>This website is partially compliant with the Web Content Accessibility Guidelines "
            "version 2.2 AA standard, due to the non-compliances listed below.</p>"
            "<h2>Non-accessible content</h2>"
            "<h3>Non-compliance with the accessibility regulations</h3>"
            "<p>Some PDF documents in the materials library do not have tags or a logical reading "
            "order (WCAG 2.2 success criterion 1.3.1). We are replacing them as each material is "
            "reviewed.</p>"
            "<h2>What we're doing to improve accessibility</h2>"
            "<p>Every public page type is tested automatically in a real browser with axe-core "
            "against the WCAG 2.2 A and AA rules, at desktop and phone widths, and with the "
            "keyboard alone.</p>"
            "<h2>Preparation of this accessibility statement</h2>"
            "<p>This statement was prepared on 29 November 2026. It was last reviewed on "
            "29 November 2026. This website was last tested on 29 November 2026 by the portal's "
            "development team, using automated checks and manual keyboard and screen reader "
            "checks of each page type.</p>"
        ),
    )


def privacy_notice():
    return StandardPage(
        title="Privacy notice",
        slug="privacy-notice",
        summary="What personal information this website holds, why, and who can see it.",
        last_reviewed=datetime.date(2026, 11, 29),
        body=(
            "<p>This website holds the names, job titles and work contact details of people who "
            "sit on the Local Children's Trusts and the county headteacher group, and of the "
            "designated safeguarding leads of schools and youth groups, so that partners can "
            "reach each other.</p>"
            "<h2>Who can see your details</h2>"
            "<p>You choose who may see your email address and phone number: anyone, signed-in "
            "partners only, or nobody but the site's editors. Your name and role are shown where "
            "you sit on a partnership. The same choice applies everywhere the site shows you: "
            "pages, search results, contact cards, calendars and exports.</p>"
            "<p>Signed-in partners can change their own email address, phone number and this "
            "choice from their account page; their coordinator sees that they did.</p>"
            "<h2>Suggesting a change</h2>"
            "<p>Anyone can tell a coordinator that a detail on a page is wrong. If you give your "
            "email address so that they can reply, only the coordinator of that district (and "
            "the county's administrators) can see it, and it is deleted as soon as they mark "
            "your suggestion done.</p>"
            "<h2>What this website does not hold</h2>"
            "<p>This website does not take reports about children and holds no information about "
            "individual children. To report a concern, use the contacts at the foot of every page.</p>"
            "<h2>Your rights</h2>"
            "<p>You can ask to see, correct or remove your details by contacting your Local "
            "Children's Trust coordinator or dataprotection@example.gov.uk.</p>"
        ),
    )


@transaction.atomic
def seed(write, *, reset_passwords=False):
    """Build the demo county; returns the number of changes made."""
    log = Log(write)
    seed_core(log, reset_passwords=reset_passwords)
    directory_demo.seed(log)
    meetings_demo.seed(log)
    resources_demo.seed_index(log)
    # The roles now include the library: headteacher group editors draft, the board approves.
    setup_roles(log)
    resources_demo.seed(log)
    seed_audiences(log)
    training_demo.seed(log)
    # Now with the coverage page: coordinators add their districts' training sessions under it.
    setup_roles(log)
    seed_search_promotions(log)
    return log.changes


#: Words people type, and the slug of the page (a child of the home page) that answers them.
SEARCH_PROMOTIONS = [
    ("worried", "report-a-concern"),
    ("abuse", "report-a-concern"),
    ("999", "report-a-concern"),
    ("referral", "report-a-concern"),
    ("taxi", "taxi-drivers"),
]


def seed_search_promotions(log):
    """Promote the page that answers each of these words first in the site search; a word whose
    page does not exist (yet) is left for a later run."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    home = HomePage.objects.get(depth=2)
    pages = {
        page.slug: page
        for page in home.get_children().filter(slug__in={s for _, s in SEARCH_PROMOTIONS})
    }
    for word, slug in SEARCH_PROMOTIONS:
        page = pages.get(slug)
        if page is None:
            continue
        query = Query.get(word)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(query=query, page=page, sort_order=0)
            log.created(f"search promotion “{word}” → {page.title}")
