"""Every public page type meets WCAG 2.2 AA in Chromium, at desktop and phone width."""

import pytest

from . import axe
from .helpers import DESKTOP, PHONE, horizontal_overflow, screenshot
from .sweep import SWEEP


@pytest.mark.parametrize("entry", [entry.param() for entry in SWEEP])
def test_the_page_has_no_wcag_violations_and_fits_a_phone(axe_page, demo_site, entry):
    if entry.setup is not None:
        entry.setup(axe_page, demo_site)
    problems = []
    for viewport in (DESKTOP, PHONE):
        axe_page.set_viewport_size(viewport)
        response = axe_page.goto(demo_site + resolve(entry.path))

        assert response.status == entry.status, f"{resolve(entry.path)} answered {response.status}"
        assert entry.title in axe_page.title()
        found = axe.violations(axe_page)
        if found:
            problems.append(axe.describe(found, f"{entry.name} at {viewport['width']} px"))
        screenshot(axe_page, entry.name)
    problems.append(horizontal_overflow(axe_page))

    assert not any(problems), "\n\n".join(filter(None, problems))


def resolve(path):
    """A sweep path with its placeholders filled from the database (ids differ by database;
    the demo's past meetings depend on the day it was seeded):

    - "{org:<name>}": that organisation's id;
    - "{record:<partnership slug>}": the path of the page of that LCT's latest meeting record;
    - "{record-year:<partnership slug>}": the year of that record.
    """
    while "{" in path:
        start = path.index("{")
        end = path.index("}", start)
        kind, _, value = path[start + 1 : end].partition(":")
        path = path[:start] + _placeholder(kind, value) + path[end + 1 :]
    return path


def _placeholder(kind, value):
    from directory.models import Organisation
    from meetings.records import OccurrenceRecord

    if kind == "org":
        return str(Organisation.objects.get(name=value).pk)
    record = OccurrenceRecord.objects.filter(meeting__url_path__contains=f"/{value}/").latest(
        "date"
    )
    if kind == "record":
        return record.get_absolute_url()
    if kind == "record-year":
        return str(record.date.year)
    raise ValueError(f"unknown sweep placeholder {kind!r}")
