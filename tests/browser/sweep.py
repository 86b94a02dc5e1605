"""The pages the accessibility sweep visits: one line per public page type and state.

Every entry is visited at desktop and phone width in a seeded demo county, checked with
axe-core against WCAG 2.2 A and AA, screenshotted at both widths and checked for sideways
scrolling on the phone.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .helpers import sign_in


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


def _next_month():
    today = datetime.date.today()
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


def _sign_in_partner(page, base_url):
    sign_in(page, base_url, "partner")


SWEEP = [
    SweepPage("home", "/", title="Worcestershire Local Children's Trusts"),
    SweepPage("directory filtered", "/directory/?area=redditch&kind=school", title="Directory"),
    SweepPage(
        "organisation",
        "/directory/{org:Abbeyfield Academy}-abbeyfield-academy/",
        title="Abbeyfield Academy",
    ),
    SweepPage(
        "suggest a change",
        "/suggest-a-change/organisation/{org:Abbeyfield Academy}/",
        title="Suggest a change to Abbeyfield Academy",
    ),
    SweepPage("partnerships index", "/partnerships/", title="Local Children's Trusts"),
    SweepPage("LCT", "/partnerships/bromsgrove/", title="Bromsgrove Local Children's Trust"),
    SweepPage(
        "headteacher group", "/partnerships/headteacher-group/", title="County headteacher group"
    ),
    SweepPage("meeting list", "/meetings/", title="Meetings"),
    SweepPage("month view", f"/meetings/?month={_next_month()}", title="Meetings"),
    SweepPage(
        "meeting",
        "/partnerships/redditch/partnership-meeting/",
        title="Redditch LCT partnership meeting",
    ),
    SweepPage(
        "meeting record",
        "{record:redditch}",
        title="Redditch",
    ),
    SweepPage("attendance overview", "/attendance/{record-year:redditch}/", title="Attendance"),
    SweepPage(
        "attendance report",
        "/attendance/{record-year:redditch}/redditch/",
        title="Attendance",
    ),
    SweepPage(
        "attendance report signed in",
        "/attendance/{record-year:redditch}/redditch/",
        title="Attendance",
        setup=_sign_in_partner,
    ),
    SweepPage(
        "meeting emails",
        "/account/meeting-emails/",
        title="Meeting emails",
        setup=_sign_in_partner,
    ),
    SweepPage(
        "materials filtered",
        "/materials/?audience=school-staff&format=guidance",
        title="Materials library",
    ),
    SweepPage("material", "/materials/taxi-drivers-pocket-card/", title="Taxi drivers"),
    SweepPage(
        "materials for an audience",
        "/materials/for/parents-and-carers/",
        title="Materials for parents and carers",
    ),
    SweepPage("materials on a topic", "/materials/topic/consent/", title="Materials on consent"),
    *[
        SweepPage(f"audience {slug}", f"/{slug}/", title=title)
        for slug, title in [
            ("schools", "For schools"),
            ("parents-and-carers", "For parents and carers"),
            ("youth-and-faith-groups", "For youth and faith groups"),
            ("taxi-drivers", "For taxi drivers and operators"),
            ("professionals", "For professionals"),
        ]
    ],
    SweepPage("report a concern", "/report-a-concern/", title="Report a concern about a child"),
    SweepPage("accessibility statement", "/accessibility-statement/", title="Accessibility"),
    SweepPage("search results", "/search/?q=trust", title="Search results for “trust”"),
    SweepPage("sign in", "/account/sign-in/", title="Sign in"),
    SweepPage("account", "/account/", title="account", setup=_sign_in_partner),
    SweepPage(
        "your contact details",
        "/account/your-details/",
        title="Your contact details",
        setup=_sign_in_partner,
    ),
    SweepPage("LCT signed in", "/partnerships/redditch/", title="Redditch", setup=_sign_in_partner),
    SweepPage(
        "find your LCT with an error",
        "/find-your-lct/?postcode=nonsense",
        title="Error: Find your Local Children's Trust",
    ),
    SweepPage(
        "find your LCT choice",
        "/find-your-lct/?postcode=B96",
        title="Find your Local Children's Trust",
    ),
    SweepPage(
        "LCT confirming a postcode",
        "/partnerships/bromsgrove/?postcode=DY9+0AA",
        title="Bromsgrove",
    ),
    SweepPage("training coverage", "/training-coverage/", title="Training coverage"),
    SweepPage("page not found", "/no-such-page/", title="Page not found", status=404),
]
