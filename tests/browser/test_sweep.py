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
    """A sweep path; "{org:<name>}" becomes that organisation's id, which differs by database."""
    if "{org:" not in path:
        return path
    from directory.models import Organisation

    start = path.index("{org:")
    end = path.index("}", start)
    name = path[start + 5 : end]
    return path[:start] + str(Organisation.objects.get(name=name).pk) + path[end + 1 :]
