"""The demo library: every audience and topic, partners-only and overdue materials, PDFs."""

import datetime

import pytest

from core.visibility import may_see
from ltc_portal.demo import seed
from resources.enums import SEED_TOPICS, Audience
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def test_the_demo_builds_an_approved_library_once(site):
    seed(lambda line: None)
    materials = list(
        ResourcePage.objects.live().prefetch_related("audience_links", "tags", "files__document")
    )

    assert len(materials) >= 25
    assert {a for m in materials for a in m.audience_values} == set(Audience.values)
    topics = {tag.slug for m in materials for tag in m.tags.all()}
    assert {slug for _name, slug in SEED_TOPICS} <= topics
    assert any(not may_see(None, m.visibility) for m in materials)
    assert any(m.review_due < datetime.date.today() for m in materials)
    for material in materials:
        assert material.approved_by is not None and material.approved_at is not None
        document = material.files.get().document
        with document.open_file() as handle:
            assert handle.read(8) == b"%PDF-1.4"

    assert seed(lambda line: None) == 0
