"""axe-core in the page under test: one helper for every page the sweep and journeys visit.

The site's Content Security Policy forbids inline script, and injecting axe adds a script
element with inline content, so the page must come from a context opened with
`bypass_csp=True` (the `axe_page` fixture). Only the injection needs it: the site's own
scripts are still the same files.
"""

from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0, 2.1 and 2.2, levels A and AA: what UK public-sector sites must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def violations(page):
    """The WCAG A/AA violations axe finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def describe(found, where):
    """A failure message a person can act on: rule, impact, elements, where to read more."""
    lines = [f"axe found {len(found)} WCAG 2.2 A/AA violation(s) on {where}:"]
    for violation in found:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        lines.extend(f"    at {target}" for target in violation["targets"])
    return "\n".join(lines)


def assert_accessible(page, where):
    """Fail with a readable list when axe finds any WCAG A/AA violation."""
    found = violations(page)
    assert not found, describe(found, where)
