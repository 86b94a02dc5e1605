"""On a phone, from the home page's "Postcode or town" box to the right LCT, including the
boundary postcodes of the shipped postcode file and a split outward code."""

from playwright.sync_api import expect

from .axe import assert_accessible
from .helpers import PHONE, horizontal_overflow, screenshot


def _find(page, text):
    page.get_by_label("Postcode or town").fill(text)
    page.get_by_role("button", name="Find my Local Children's Trust").click()


def test_on_a_phone_the_home_page_box_finds_the_lct_of_a_boundary_postcode_and_a_split_one(
    axe_page, demo_site
):
    page = axe_page
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site}/")
    screenshot(page, "home page postcode or town box")

    # Hagley's DY9 0AA is in Bromsgrove, though most of DY9 is Stourbridge.
    _find(page, "DY9 0AA")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bromsgrove Local Children's Trust")
    expect(page.locator("#lct-confirmation")).to_contain_text(
        "DY9 0AA is in Bromsgrove: your LCT is Bromsgrove Local Children's Trust"
    )
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    assert_accessible(page, "an LCT page confirming a postcode")
    screenshot(page, "lct confirmed from the home page")

    page.goto(f"{demo_site}/")
    _find(page, "B96")

    expect(page.locator("#lct-choice h2")).to_have_text(
        "B96 is split between Redditch and Wychavon: which town?"
    )
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    assert_accessible(page, "the choice for a split outward code")
    screenshot(page, "find your lct split outward code")
    page.get_by_role("link", name="Feckenham").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wychavon Local Children's Trust")
    expect(page.locator("#lct-confirmation")).to_contain_text(
        "Feckenham is in Wychavon: your LCT is Wychavon Local Children's Trust"
    )
