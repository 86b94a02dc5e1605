"""A material's own page: who it is for, how to use it, downloads, related materials."""

import pytest
from bs4 import BeautifulSoup

from directory.enums import Visibility
from resources.enums import Audience

from .factories import DocumentFactory, ResourcePageFactory, attach_document

pytestmark = pytest.mark.django_db


def test_the_page_says_who_it_is_for_and_lists_downloads_with_type_and_size(client, library):
    page = ResourcePageFactory(
        parent=library,
        audiences=[Audience.PARENTS_AND_CARERS, Audience.YOUTH_LEADERS],
        body="<p>Read it with your child.</p>",
    )
    document = attach_document(page, DocumentFactory(title="Parents leaflet"))

    html = BeautifulSoup(client.get(page.url).content, "html.parser")

    text = html.get_text(" ", strip=True)
    assert "Parents and carers, Voluntary, uniformed and faith youth leaders" in text
    assert "Read it with your child." in text
    download = html.select_one(".lct-downloads li")
    assert download.a["href"] == document.url
    size = document.get_file_size()
    assert size > 100
    assert download.get_text(" ", strip=True) == f"Parents leaflet (PDF, {size}\xa0bytes)"


def test_related_materials_share_a_topic_and_respect_visibility(client, library):
    page = ResourcePageFactory(parent=library, topics=["Consent"])
    ResourcePageFactory(parent=library, title="Consent lesson two", topics=["Consent"])
    ResourcePageFactory(
        parent=library,
        title="Consent staff notes",
        topics=["Consent"],
        visibility=Visibility.PARTNERS,
    )
    ResourcePageFactory(parent=library, title="Unrelated", topics=["How to report"])

    html = client.get(page.url).content.decode()

    assert "Consent lesson two" in html
    assert "Consent staff notes" not in html
    assert "Unrelated" not in html


def test_an_unapproved_material_says_so(client, library):
    page = ResourcePageFactory(parent=library)

    assert "Not yet approved" in client.get(page.url).content.decode()
