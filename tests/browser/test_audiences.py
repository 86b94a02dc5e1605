"""Five people start from the home page, tap “I am a …” and reach the right contact.

Each journey runs at desktop and at phone width on the seeded demo county.
"""

import re

import pytest
from playwright.sync_api import expect

from directory.models import Organisation, PartnershipPage

from .helpers import DESKTOP, PHONE, horizontal_overflow, screenshot

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture(params=VIEWPORTS)
def sized_page(request, page):
    page.set_viewport_size(request.param)
    return page


def _fits(page):
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


def _start(page, demo_site, entry, title):
    page.goto(f"{demo_site}/")
    page.get_by_role("link", name=entry).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    _fits(page)


def _find_lct(page, postcode, district):
    page.get_by_label("Postcode or town").fill(postcode)
    page.get_by_role("button", name="Find my Local Children's Trust").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{district} Local Children's Trust")
    coordinator = PartnershipPage.objects.get(
        title=f"{district} Local Children's Trust"
    ).coordinator
    email = page.locator("#coordinator + p + ul").get_by_role("link", name=coordinator.email)
    expect(email).to_have_attribute("href", f"mailto:{coordinator.email}")
    expect(page.locator("#coordinator + p")).to_contain_text(coordinator.name)
    _fits(page)


def _material_titles(page):
    return page.locator("#materials ~ ul h3 a").all_inner_texts()


def test_a_school_finds_its_lct_coordinator_by_postcode(sized_page, demo_site):
    page = sized_page
    _start(page, demo_site, "I work in a school or college", "For schools")
    assert "CSE awareness for all school staff" not in _material_titles(page)  # partners only
    assert "Safe and unsafe secrets (KS1)" in _material_titles(page)
    screenshot(page, "audience schools")

    _find_lct(page, "B97 4AA", "Redditch")


def test_a_parent_reaches_their_materials_and_the_ways_to_report_a_concern(sized_page, demo_site):
    page = sized_page
    _start(page, demo_site, "I am a parent or carer", "For parents and carers")
    assert "Online grooming: a guide for parents and carers" in _material_titles(page)
    screenshot(page, "audience parents")

    page.locator("main").get_by_role("link", name="How to report a concern").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Report a concern about a child")
    page.get_by_role("link", name="If you are a parent, carer or member of the public").click()
    route = page.locator("section", has=page.locator("#route-2"))
    expect(route.get_by_role("link", name="0808 800 5000")).to_have_attribute(
        "href", "tel:08088005000"
    )
    expect(page.locator("main").get_by_role("link", name="01905 822666")).to_have_attribute(
        "href", "tel:01905822666"
    )
    _fits(page)
    screenshot(page, "report a concern")


def test_a_youth_group_leader_finds_their_lct_and_how_to_join(sized_page, demo_site):
    page = sized_page
    _start(page, demo_site, "I run a youth, uniformed or faith group", "For youth and faith groups")
    assert "Safeguarding for uniformed group leaders" in _material_titles(page)
    expect(page.locator("#join")).to_have_text("How to join your Local Children's Trust")

    _find_lct(page, "WR14 2AB", "Malvern Hills")


def test_a_taxi_driver_reaches_taxi_materials_and_their_licensing_team(sized_page, demo_site):
    page = sized_page
    team = Organisation.objects.get(name="Wyre Forest Taxi and Private Hire Licensing")
    _start(page, demo_site, "I am a taxi driver or operator", "For taxi drivers and operators")
    assert "Taxi drivers' pocket card" in _material_titles(page)
    assert "Operators' guide to safeguarding" not in _material_titles(page)  # partners only
    screenshot(page, "audience taxi drivers")

    page.get_by_role("link", name=team.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(team.name)
    expect(page.locator("main").get_by_role("link", name=team.email)).to_have_attribute(
        "href", f"mailto:{team.email}"
    )
    _fits(page)


def test_a_professional_reaches_the_referral_route_and_threshold_guidance(sized_page, demo_site):
    page = sized_page
    _start(
        page,
        demo_site,
        "I am a professional working with children",
        "For professionals",
    )
    assert "There is no single profile of a vulnerable child" in _material_titles(page)

    page.locator("#report-a-concern").get_by_role("link", name="More ways to get help").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Report a concern about a child")
    page.get_by_role("link", name="If you work with children").click()
    expect(page).to_have_url(re.compile(r"#route-3$"))
    route = page.locator("section", has=page.locator("#route-3"))
    expect(route).to_contain_text("significant harm")
    expect(route.get_by_role("link", name="Levels of Need")).to_be_visible()
    _fits(page)
