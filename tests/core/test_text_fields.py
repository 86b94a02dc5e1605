"""Titles and names lose control characters on save; multi-line text keeps its line breaks."""

import pytest
from wagtail.models import Page

from core.text import multi_line, one_line
from directory.models import Area, Organisation, Person
from meetings.models import MeetingPage, Venue
from resources.models import ResourcePage
from tests.directory.factories import (
    AreaFactory,
    OrganisationFactory,
    PartnershipIndexPageFactory,
    PartnershipPageFactory,
    PersonFactory,
)
from tests.factories import StandardPageFactory
from tests.meetings.factories import MeetingPageFactory, VenueFactory
from tests.resources.factories import DocumentFactory, ResourceIndexPageFactory, ResourcePageFactory

DIRTY = "Bad\x00 name\twith\r\nbreaks\x1b"
CLEAN = "Bad name with breaks"


def test_one_line_turns_breaks_and_tabs_into_a_space_and_drops_other_controls():
    assert one_line(DIRTY) == CLEAN
    assert one_line("a\u2028b\x85c\x7f") == "a b c"
    assert one_line("Łódź – café") == "Łódź – café"
    assert one_line(None) is None


def test_multi_line_keeps_line_breaks_and_drops_nul():
    assert multi_line("1 Market St\r\nBromsgrove\x00\tWR1") == "1 Market St\r\nBromsgrove\tWR1"


@pytest.mark.django_db
def test_names_of_snippets_are_one_line_and_their_addresses_keep_their_lines():
    area = AreaFactory(name=DIRTY)
    organisation = OrganisationFactory(name=DIRTY, address="1 High St\n\x00Redditch")
    person = PersonFactory(name=DIRTY, job_title="Lead\nDSL")
    venue = VenueFactory(name=DIRTY, address="Hall\nStreet\x00")

    assert Area.objects.get(pk=area.pk).name == CLEAN
    stored = Organisation.objects.get(pk=organisation.pk)
    assert stored.name == CLEAN and stored.address == "1 High St\nRedditch"
    assert Person.objects.values_list("name", "job_title").get(pk=person.pk) == (
        CLEAN,
        "Lead DSL",
    )
    stored_venue = Venue.objects.get(pk=venue.pk)
    assert stored_venue.name == CLEAN and stored_venue.address == "Hall\nStreet"


@pytest.mark.django_db
def test_page_titles_of_every_type_are_one_line_live_and_in_drafts(home_page):
    partnerships = PartnershipIndexPageFactory(parent=home_page)
    partnership = PartnershipPageFactory(parent=partnerships, title=DIRTY)
    meeting = MeetingPageFactory(parent=partnership, title=DIRTY)
    library = ResourceIndexPageFactory(parent=home_page)
    material = ResourcePageFactory(parent=library, title=DIRTY)
    standard = StandardPageFactory(parent=home_page, title=DIRTY)

    for page in (partnership, meeting, material, standard):
        stored = Page.objects.get(pk=page.pk)
        assert (stored.title, stored.draft_title) == (CLEAN, CLEAN), type(page)

    meeting.title = "Second\ndraft"
    revision = meeting.save_revision()
    assert revision.content["title"] == "Second draft"
    assert Page.objects.get(pk=meeting.pk).draft_title == "Second draft"
    revision.publish()
    assert MeetingPage.objects.get(pk=meeting.pk).title == "Second draft"
    assert ResourcePage.objects.get(pk=material.pk).title == CLEAN


@pytest.mark.django_db
def test_document_titles_are_one_line():
    document = DocumentFactory(title=DIRTY)
    document.refresh_from_db()
    assert document.title == CLEAN
