"""The home page with the keyboard alone, and at the narrowest phone width."""

from .helpers import NARROW, horizontal_overflow, screenshot
from .keyboard import mark_focusables, tab_through


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, demo_site):
    page.goto(demo_site + "/")

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    skip_link_box = page.locator("a.govuk-skip-link").bounding_box()
    page.keyboard.press("Enter")

    assert "govuk-skip-link" in first
    assert skip_link_box["width"] > 1 and skip_link_box["height"] > 1  # shown once focused
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert page.url.endswith("#main-content")


def test_tab_visits_every_focusable_element_in_dom_order_each_with_a_visible_focus(page, demo_site):
    page.goto(demo_site + "/")
    focusables = mark_focusables(page)

    stops = tab_through(page, len(focusables))

    assert len(focusables) > 10
    assert [stop and stop["order"] for stop in stops] == list(range(len(focusables))), stops
    unseen = [stop["element"] for stop in stops if not stop["changed"]]
    assert not unseen, f"no visible focus indicator on: {unseen}"


def test_the_header_report_a_concern_link_takes_keyboard_users_to_the_concern_panel(
    page, demo_site
):
    page.goto(demo_site + "/")
    mark_focusables(page)
    presses = 0
    while presses < 5:
        presses += 1
        (stop,) = tab_through(page, 1)
        if "Report a concern" in stop["element"]:
            break
    page.keyboard.press("Enter")

    # Third stop: after the skip link and the home link, before the search box.
    assert presses == 3, stop
    assert page.evaluate("document.activeElement.id") == "report-a-concern"
    panel = page.locator("#report-a-concern")
    assert panel.is_visible()
    assert page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; })()"
    )


def test_the_home_page_fits_a_320_px_screen_without_scrolling_sideways(page, demo_site):
    page.set_viewport_size(NARROW)
    page.goto(demo_site + "/")
    screenshot(page, "home")

    assert horizontal_overflow(page) is None, horizontal_overflow(page)


def test_the_live_server_serves_the_built_front_end_to_any_host_name(page, demo_site, live_server):
    other_host = live_server.url.replace("localhost", "127.0.0.1")
    stylesheet = page.request.get(demo_site + "/static/css/main.css")
    script = page.request.get(demo_site + "/static/js/main.mjs")

    page.goto(other_host + "/")

    assert stylesheet.ok and "govuk-skip-link" in stylesheet.text()
    assert script.ok
    # The stylesheet applied, and the module script ran under the Content Security Policy.
    assert "system-ui" in page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    # Wagtail's one site (localhost:80, the default) answers for 127.0.0.1 too.
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Worcestershire Local Children's Trusts"
    )
    # The demo county is loaded: its partnerships section is in the navigation.
    assert page.locator('nav[aria-label="Main"] a[href="/partnerships/"]').count() == 1
