"""What people come to the portal for, done in Chromium as they would, on desktop and phone."""

import re

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from playwright.sync_api import expect

from core.demo import demo_password
from core.enums import Visibility
from directory.enums import OrganisationKind
from directory.models import Membership, Organisation, PartnershipPage, Person
from resources.models import ResourcePage

from .helpers import DESKTOP, PHONE, horizontal_overflow, open_filters, sign_in
from .keyboard import mark_focusables, tab_through

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture(params=VIEWPORTS)
def sized_page(request, page):
    page.set_viewport_size(request.param)
    return page


def _fits(page):
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


def test_someone_finds_their_lct_by_postcode_and_reaches_its_coordinator(sized_page, demo_site):
    page = sized_page
    coordinator = PartnershipPage.objects.get(slug="redditch").coordinator
    page.goto(f"{demo_site}/find-your-lct/")

    page.get_by_label("Postcode").fill("B97 4AA")
    page.get_by_role("button", name="Find my Local Children's Trust").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Redditch Local Children's Trust")
    email = page.locator("#coordinator + p + ul").get_by_role("link", name=coordinator.email)
    expect(email).to_have_attribute("href", f"mailto:{coordinator.email}")
    expect(page.locator("#coordinator + p")).to_contain_text(coordinator.name)
    _fits(page)


def test_someone_filters_the_directory_by_area_and_kind(sized_page, demo_site):
    page = sized_page
    expected = set(
        Organisation.objects.filter(
            area__slug="redditch", kind=OrganisationKind.SCHOOL
        ).values_list("name", flat=True)
    )
    page.goto(f"{demo_site}/directory/")
    open_filters(page)

    page.get_by_label("Area").select_option("redditch")
    page.get_by_label("Kind of organisation").select_option(OrganisationKind.SCHOOL)
    page.get_by_role("button", name="Apply").click()

    expect(page.locator("#results")).to_have_text(f"{len(expected)} organisations found")
    shown = page.locator(".lct-result h3").all_inner_texts()
    assert len(shown) > 0 and set(shown) <= expected, shown
    assert "area=redditch" in page.url and "kind=school" in page.url
    _fits(page)


def test_a_teacher_filters_materials_by_audience_and_downloads_one(sized_page, demo_site):
    page = sized_page
    page.goto(f"{demo_site}/materials/")
    open_filters(page)

    page.get_by_role("group", name="Who it is for").get_by_label("Taxi drivers").check()
    page.get_by_role("button", name="Apply").click()
    titles = page.locator("main li > h3").all_inner_texts()
    _fits(page)
    page.locator("main").get_by_role("link", name=titles[0], exact=True).first.click()
    link = page.locator(".lct-downloads a").first
    href = link.get_attribute("href")
    with page.expect_response(lambda response: href in response.url) as answer:
        link.click()
    document = page.request.get(demo_site + href)

    expected = set(
        ResourcePage.objects.live()
        .for_viewer(AnonymousUser())
        .filter(audience_links__audience="taxi-drivers-and-operators")
        .values_list("title", flat=True)
    )
    assert titles and set(titles) <= expected, titles
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"
    assert document.body().startswith(b"%PDF-")


def test_someone_subscribes_to_an_lct_calendar(sized_page, demo_site):
    page = sized_page
    page.goto(f"{demo_site}/partnerships/redditch/")

    page.get_by_text("Subscribe to Redditch Local Children's Trust meetings").click()
    address = page.get_by_label("Calendar address (select it and copy)")
    expect(address).to_be_visible()
    feed = page.request.get(address.input_value())

    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.body())
    events = calendar.walk("VEVENT")
    assert events
    assert any("Redditch" in str(event["SUMMARY"]) for event in events)
    _fits(page)


def test_a_partner_signs_in_and_sees_partners_only_details_and_their_private_feed(
    sized_page, demo_site
):
    page = sized_page
    hidden = (
        Person.objects.filter(
            memberships__in=Membership.objects.current().filter(page__slug="redditch"),
            visibility=Visibility.PARTNERS,
        )
        .exclude(email="")
        .first()
    )
    page.goto(f"{demo_site}/partnerships/redditch/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert hidden.email not in page.content()

    sign_in(page, demo_site, "partner")
    private = page.get_by_label("Calendar address (select it and copy)").input_value()
    _fits(page)
    page.goto(f"{demo_site}/partnerships/redditch/")

    assert private.startswith(f"{demo_site}/calendar/private/")
    assert page.request.get(private).status == 200
    expect(page.get_by_role("link", name=hidden.email)).to_be_visible()


# Wagtail's page editor sends several requests at once while publishing; pytest-django's live
# server shares its one in-memory SQLite connection between threads, which then breaks
# savepoints. So this journey runs on PostgreSQL, what production runs (.ci/run does both).
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="admin journey needs PostgreSQL: the live server shares one in-memory SQLite connection",
)
def test_a_coordinator_adds_a_member_to_their_lct_in_the_admin_and_publishes(sized_page, demo_site):
    page = sized_page
    redditch = PartnershipPage.objects.get(slug="redditch")
    newcomer = (
        Person.objects.exclude(memberships__page=redditch)
        .filter(organisation__area__slug="redditch")
        .order_by("pk")
        .first()
    )
    page.goto(f"{demo_site}/partnerships/redditch/")
    assert newcomer.name not in page.locator("main").inner_text()

    page.goto(f"{demo_site}/admin/login/")
    page.get_by_label("Username").fill("coord-redditch")
    page.get_by_label("Password").fill(demo_password())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{demo_site}/admin/")
    page.goto(f"{demo_site}/admin/pages/{redditch.pk}/edit/")
    new_form = int(page.locator("#id_memberships-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Add member").click()
    page.locator(f"#id_memberships-{new_form}-person-chooser").get_by_role(
        "button", name="Choose person"
    ).click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_label("Name, job title, organisation or district").fill(newcomer.name)
    chooser.get_by_role("link", name=newcomer.name, exact=True).click()
    expect(page.locator(f"#id_memberships-{new_form}-person-title")).to_have_text(newcomer.name)
    page.locator(f"#id_memberships-{new_form}-role").select_option("member")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto(f"{demo_site}/partnerships/redditch/")
    expect(page.locator("main").get_by_text(newcomer.name).first).to_be_visible()


def _tab_to(page, target, limit=40):
    """Press Tab until the focused element's description contains `target`.

    Every stop on the way must follow the one before in document order and show that it
    has focus.
    """
    mark_focusables(page)
    stops = []
    while len(stops) < limit:
        (stop,) = tab_through(page, 1)
        stops.append(stop)
        assert stop is not None, f"focus left the page after {stops[:-1]}"
        assert stop["changed"], f"no visible focus indicator on {stop['element']}"
        if len(stops) > 1 and stop["order"] is not None and stops[-2]["order"] is not None:
            assert stop["order"] > stops[-2]["order"], f"focus went backwards: {stops}"
        if target in stop["element"]:
            return stops
    raise AssertionError(f"{target} not reached in {limit} presses: {stops}")


def _choose(page, value, limit=15):
    """Move the focused <select> to `value` with the arrow keys."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} not among the first {limit} options")


def test_with_the_keyboard_alone_someone_finds_their_lct_and_its_coordinator(page, demo_site):
    coordinator = PartnershipPage.objects.get(slug="redditch").coordinator
    page.goto(f"{demo_site}/find-your-lct/")

    _tab_to(page, "<input#postcode>")
    page.keyboard.type("B97 4AA")
    _tab_to(page, "Find my Local Children's Trust", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/partnerships/redditch/\?postcode=B97\+4AA$"))
    stops = _tab_to(page, f"mailto:{coordinator.email}")

    assert "Skip to main content" in stops[0]["element"]
    expect(page.locator(":focus")).to_have_text(coordinator.email)


def test_with_the_keyboard_alone_someone_filters_the_directory(page, demo_site):
    expected = Organisation.objects.filter(
        area__slug="redditch", kind=OrganisationKind.SCHOOL
    ).count()
    page.goto(f"{demo_site}/directory/")

    _tab_to(page, "<select#id_area>")
    _choose(page, "redditch")
    _tab_to(page, "<select#id_kind>", limit=3)
    _choose(page, OrganisationKind.SCHOOL)
    _tab_to(page, '"Apply"', limit=5)
    page.keyboard.press("Enter")
    page.wait_for_url("**/directory/?*")

    expect(page.locator("#results")).to_have_text(f"{expected} organisations found")
    first_result = page.locator(".lct-result a").first
    stops = _tab_to(page, f"<a {first_result.get_attribute('href')}>", limit=60)
    page.keyboard.press("Enter")

    assert len(stops) > 5
    expect(page.get_by_role("heading", level=1)).to_have_text(stops[-1]["element"].split('"')[1])
