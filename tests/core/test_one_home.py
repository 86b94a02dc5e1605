"""Each app's modules do one job and point one way: models never import views, helpers never
import the models that call them, and each shared rule has one home."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imports_of(module):
    """The modules `app/module.py` imports, at the top or inside a function, as dotted names."""
    app, name = module.split(".")
    tree = ast.parse((ROOT / app / f"{name}.py").read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = f"{app}." if node.level == 1 else ""
            target = base + (node.module or "")
            found.add(target.rstrip("."))
            if node.module is None:
                found.update(f"{app}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("module", "never"),
    [
        ("meetings.models", "meetings.views"),
        ("meetings.links", "meetings.models"),
        ("meetings.listing", "meetings.models"),
        ("resources.library", "resources.models"),
    ],
)
def test_a_module_never_imports_the_module_above_it(module, never):
    assert never not in imports_of(module)


def test_link_builders_and_listing_helpers_are_not_in_the_views():
    import meetings.views

    for name in ("subscribe_links", "partnership_links", "occurrences_of", "index_context"):
        assert not hasattr(meetings.views, name)


def test_the_workflow_names_live_with_the_workflow():
    import resources.enums
    import resources.workflow
    from ltc_portal import roles

    assert not hasattr(resources.enums, "APPROVERS_GROUP")
    assert roles.MATERIALS_APPROVERS == resources.workflow.APPROVERS_GROUP


def test_minutes_and_materials_offer_the_same_visibilities():
    from core.enums import PUBLISHED_VISIBILITY_CHOICES
    from meetings.models import MeetingPage
    from resources.models import ResourcePage

    for model, field in ((MeetingPage, "minutes_visibility"), (ResourcePage, "visibility")):
        assert model._meta.get_field(field).choices == PUBLISHED_VISIBILITY_CHOICES
