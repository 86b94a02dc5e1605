"""The pages the accessibility sweep visits: one line per public page type and state.

Every entry is visited at desktop and phone width in a seeded demo county, checked with
axe-core against WCAG 2.2 A and AA, screenshotted at both widths and checked for sideways
scrolling on the phone.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@dataclass(frozen=True)
class SweepPage:
    #: Names the test id and the screenshot files.
    name: str
    #: Path on the live server, query string included.
    path: str
    #: Text the document title must contain, so that an error page never passes for the page.
    title: str
    #: HTTP status the page must answer with.
    status: int = 200
    #: `setup(page, base_url)` runs before the visit: sign in, add data, fill a form.
    setup: Callable | None = None
    #: A template another branch builds: the entry skips, saying so, until the template exists.
    template: str | None = None

    def param(self):
        """This entry as a pytest parameter, skipped (saying why) until its template exists."""
        marks = []
        if self.template is not None and not template_exists(self.template):
            reason = f"{self.name}: waits for the template {self.template} (another branch)"
            marks.append(pytest.mark.skip(reason=reason))
        return pytest.param(self, id=self.name, marks=marks)


def template_exists(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


SWEEP = [
    SweepPage("home", "/", title="LCT Portal"),
    SweepPage(
        "partnerships index",
        "/partnerships/",
        title="Local Children's Trusts",
        template="directory/partnership_index_page.html",
    ),
    SweepPage(
        "LCT",
        "/partnerships/bromsgrove/",
        title="Bromsgrove Local Children's Trust",
        template="directory/partnership_page.html",
    ),
    SweepPage(
        "headteacher group",
        "/partnerships/headteacher-group/",
        title="County headteacher group",
        template="directory/partnership_page.html",
    ),
    SweepPage("accessibility statement", "/accessibility-statement/", title="Accessibility"),
    SweepPage("search results", "/search/?q=trust", title="Search results for “trust”"),
    SweepPage("page not found", "/no-such-page/", title="Page not found", status=404),
]
