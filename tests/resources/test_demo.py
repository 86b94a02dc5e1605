"""The demo library: every audience and topic, partners-only materials, PDFs, advice that
fits each audience, video links, and no review overdue on the day it is loaded."""

import datetime

import pytest
import time_machine

from core.visibility import may_see
from ltc_portal.demo import seed
from resources.enums import SEED_TOPICS, Audience, ResourceFormat
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


# Far from the dates the demo was written on: reviews must be counted from the day of loading.
# Seeding takes seconds, so one test checks the library and its review dates.
@time_machine.travel(datetime.datetime(2031, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_the_demo_builds_an_approved_library_for_each_audience_none_due_for_review(site):
    seed(lambda line: None)
    materials = list(
        ResourcePage.objects.live().prefetch_related(
            "audience_links", "tags", "files__document", "links"
        )
    )

    assert len(materials) >= 25
    assert {a for m in materials for a in m.audience_values} == set(Audience.values)
    topics = {tag.slug for m in materials for tag in m.tags.all()}
    assert {slug for _name, slug in SEED_TOPICS} <= topics
    assert any(not may_see(None, m.visibility) for m in materials)
    for material in materials:
        assert material.approved_by is not None and material.approved_at is not None
        document = material.files.get().document
        with document.open_file() as handle:
            assert handle.read(8) == b"%PDF-1.4"
        advises_its_own_audience(material)

    today = datetime.date.today()
    overdue = [m.title for m in materials if m.review_overdue]
    assert overdue == []
    assert all(m.last_reviewed <= today for m in materials)
    assert any(m.review_due <= today + datetime.timedelta(days=60) for m in materials)

    assert seed(lambda line: None) == 0


def advises_its_own_audience(material):
    """Parents are not told to tell a safeguarding lead; children are told where to turn;
    a video links to where it can be watched."""
    audiences = set(material.audience_values)
    text = material.body.lower()
    if Audience.SCHOOL_STAFF not in audiences:
        # Only staff have a designated safeguarding lead to tell, or one leading a session.
        assert "tell your designated safeguarding lead" not in text or (
            "for the adult leading the session" in text
        ), material.title
    if audiences == {Audience.PARENTS_AND_CARERS}:
        assert "your child" in text, material.title
    if audiences & {Audience.PRIMARY_PUPILS, Audience.SECONDARY_PUPILS}:
        assert "childline" in text and "0800 1111" in text, material.title
    if audiences == {Audience.TAXI_DRIVERS}:
        assert "your operator" in text and "licensing team" in text, material.title
    if material.format == ResourceFormat.VIDEO:
        assert [link.url for link in material.links.all()], material.title
    else:
        assert not material.links.all(), material.title
