"""Viewports, screenshots and layout checks shared by the sweep and the journeys."""

import re
from pathlib import Path

from django.conf import settings

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: The narrowest screen WCAG 1.4.10 (reflow) asks for: 320 CSS pixels.
NARROW = {"width": 320, "height": 640}

#: Under test-artifacts/, which git ignores; CI prints this path at the end of the run.
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

#: Screenshots written in this session, for the summary at the end of the run.
saved = []


def sign_in(page, base_url, username):
    """Sign in through the site's own form as a demo user; the page ends on /account/."""
    from core.demo import demo_password

    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(demo_password())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/")


def open_filters(page):
    """Open a listing's filters where a phone shows them collapsed behind "Filter"."""
    toggle = page.locator("[data-filter-toggle]").first
    if toggle.count() and not toggle.evaluate("details => details.open"):
        toggle.locator("summary").click()


def screenshot(page, name):
    """Save a full-page PNG named after the page and the viewport width; return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    path = SCREENSHOTS / f"{slug}-{page.viewport_size['width']}.png"
    page.screenshot(path=path, full_page=True)
    saved.append(path)
    return path


OVERFLOW = """() => {
  const width = window.innerWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const describe = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/) : [];
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + classes.filter(Boolean).map((c) => "." + c).join("");
    return `${name} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
  };
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)))
    .slice(0, 10)
    .map(describe);
  return {width, scrollWidth: document.scrollingElement.scrollWidth, wide};
}"""


def horizontal_overflow(page):
    """None when the page fits its viewport's width, else a message naming what sticks out."""
    found = page.evaluate(OVERFLOW)
    if found["scrollWidth"] <= found["width"]:
        return None
    return (
        f"{page.url} scrolls sideways at {found['width']} px "
        f"(scrollWidth {found['scrollWidth']} px); widest elements: " + ", ".join(found["wide"])
    )
