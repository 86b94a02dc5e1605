"""The browser checks themselves fail where they should: a sweep that cannot fail proves nothing."""

from . import axe
from .helpers import PHONE, horizontal_overflow
from .keyboard import mark_focusables, tab_through

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Broken</title>
<style>
  a:focus { outline: none; }
  .wide { width: 600px; }
</style></head>
<body><main>
  <h1>Broken</h1>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="photo">
  <a href="#one" id="first">First</a>
  <button id="second" style="outline: 3px solid black">Second</button>
  <div class="wide">Too wide for a phone</div>
</main></body></html>"""


def test_axe_reports_a_missing_alt_text_with_rule_impact_target_and_help(axe_page):
    axe_page.set_content(BROKEN_PAGE)

    found = axe.violations(axe_page)
    message = axe.describe(found, "the broken page")

    image = next(violation for violation in found if violation["id"] == "image-alt")
    assert image["impact"] == "critical"
    assert image["targets"] == ["img"]
    assert "image-alt (critical)" in message
    assert "at img" in message
    assert "https://dequeuniversity.com/rules/axe/" in message


def test_a_link_without_a_focus_style_is_reported(page):
    page.set_content(BROKEN_PAGE)
    focusables = mark_focusables(page)

    first, second = tab_through(page, len(focusables))

    assert (first["order"], second["order"]) == (0, 1)
    assert first["changed"] == []  # outline removed, nothing else changes
    assert second["element"].startswith("<button#second>")


def test_an_element_wider_than_the_phone_is_named(page):
    page.set_viewport_size(PHONE)
    page.set_content(BROKEN_PAGE)

    message = horizontal_overflow(page)

    assert "at 390 px" in message
    assert "div.wide" in message
