"""A material's own page: who it is for, how to use it, downloads, related materials."""

import pytest
from bs4 import BeautifulSoup

from core.enums import Visibility
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


def test_the_admin_edit_form_shows_the_audiences_as_ticked_checkboxes(client, library):
    from tests.factories import UserFactory

    page = ResourcePageFactory(
        parent=library, audiences=[Audience.TAXI_DRIVERS, Audience.ALL_PROFESSIONALS]
    )
    client.force_login(UserFactory(is_superuser=True))

    html = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").content, "html.parser")

    ticked = {box["value"] for box in html.select('input[name="audiences"][checked]')}
    assert ticked == {Audience.TAXI_DRIVERS, Audience.ALL_PROFESSIONALS}


def test_the_admin_form_stores_the_ticked_audiences_as_rows(library):
    from resources.models import ResourcePage

    page = ResourcePageFactory(parent=library, audiences=[Audience.PRIMARY_PUPILS])
    form_class = ResourcePage.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=None)
    form.cleaned_data = {"audiences": [Audience.SCHOOL_STAFF]}
    form.formsets = {}

    saved = form.save(commit=False)

    assert [link.audience for link in saved.audience_links.all()] == [Audience.SCHOOL_STAFF]
