"""On a phone (390 px): filters wait behind a "Filter" button with the results first, the month
view shows all seven days, and long lists come a page at a time."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.enums import Role
from directory.models import Membership, PartnershipPage
from tests.directory.factories import PersonFactory

from .helpers import DESKTOP, PHONE, horizontal_overflow, screenshot

#: Each listing with filters: its address, a filter field's label, its results heading.
LISTINGS = [
    pytest.param("/directory/", "Area", "#results", id="directory"),
    pytest.param("/materials/", "Search materials", "#library-results", id="materials"),
    pytest.param("/meetings/", "Partnership", "#coming-meetings", id="meetings"),
]


@pytest.mark.parametrize(("path", "field", "results"), LISTINGS)
def test_on_a_phone_the_filters_are_collapsed_and_the_results_come_first(
    page, demo_site, path, field, results
):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + path)

    toggle = page.locator("summary.lct-filter-toggle__summary")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("Filter")
    expect(page.get_by_label(field, exact=True)).to_be_hidden()
    heading = page.locator(results).bounding_box()
    assert heading is not None and heading["y"] + heading["height"] < PHONE["height"], heading
    assert toggle.bounding_box()["y"] < heading["y"]
    screenshot(page, f"phone filters collapsed {path}")

    # The keyboard opens it: the summary is a control of its own.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label(field, exact=True)).to_be_visible()
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


@pytest.mark.parametrize(("path", "field", "results"), LISTINGS)
def test_on_a_desktop_the_filters_show_without_a_button(page, demo_site, path, field, results):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_site + path)
    expect(page.get_by_label(field, exact=True)).to_be_visible()
    expect(page.locator("summary.lct-filter-toggle__summary")).to_be_hidden()


def test_without_javascript_a_phone_still_shows_the_filters(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{demo_site}/directory/")
        expect(page.get_by_label("Area", exact=True)).to_be_visible()
    finally:
        context.close()


def test_on_a_phone_the_month_view_shows_all_seven_days(page, demo_site):
    page.set_viewport_size(PHONE)
    month = timezone.localdate().replace(day=1) + dt.timedelta(days=32)
    page.goto(f"{demo_site}/meetings/?month={month:%Y-%m}#month-heading")

    headers = page.locator("table.lct-month thead th")
    expect(headers).to_have_count(7)
    width = page.viewport_size["width"]
    for box in (headers.nth(n).bounding_box() for n in range(7)):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    scroll = page.locator(".lct-table-scroll").evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert scroll[0] <= scroll[1], scroll
    expect(page.locator("table.lct-month .lct-month__meeting").first).to_be_visible()
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    page.locator("#month-heading").scroll_into_view_if_needed()
    screenshot(page, "phone month view")


def test_on_a_phone_the_coming_meetings_come_a_page_at_a_time(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site}/meetings/")
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination).to_be_visible()
    expect(page.locator(".lct-meeting-list__item")).to_have_count(15)
    # A phone shows the first, current and last page numbers and Previous and Next.
    pagination.get_by_role("link", name="Next page").click()
    expect(pagination.locator("[aria-current=page]")).to_have_text("2")
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


def test_a_long_membership_list_comes_a_page_at_a_time(page, demo_site):
    lct = PartnershipPage.objects.get(slug="redditch")
    for n in range(40):
        Membership.objects.create(
            page=lct, person=PersonFactory(name=f"Extra member {n:02d}"), role=Role.MEMBER
        )
    page.set_viewport_size(PHONE)
    page.goto(demo_site + lct.url)

    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination).to_be_visible()
    expect(page.locator(".lct-member")).to_have_count(PartnershipPage.members_per_page)
    expect(page.locator("#members + p")).to_contain_text("; page 1 of")
    screenshot(page, "phone partnership members page 1")
