"""Wagtail's bulk-action confirmation pages name no file the editor may not act on."""

import pytest
from wagtail.models import Collection

from tests.resources.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["delete", "add_to_collection", "add_tags"])
def test_a_coordinator_reads_no_title_of_another_districts_document_by_bulk_action(
    client, county, action
):
    theirs = DocumentFactory(
        title="Wyre Forest confidential", collection=Collection.objects.get(name="Wyre Forest")
    )
    ours = DocumentFactory(
        title="Redditch leaflet", collection=Collection.objects.get(name="Redditch")
    )
    client.force_login(county.users["redditch coordinator"])

    response = client.get(
        f"/admin/bulk/wagtaildocs/document/{action}/", {"id": [theirs.pk, ours.pk]}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Redditch leaflet" in body
    assert "Wyre Forest confidential" not in body


def test_a_coordinator_cannot_delete_another_districts_document_by_bulk_action(client, county):
    theirs = DocumentFactory(collection=Collection.objects.get(name="Wyre Forest"))
    client.force_login(county.users["redditch coordinator"])

    client.post(f"/admin/bulk/wagtaildocs/document/delete/?id={theirs.pk}")

    assert type(theirs).objects.filter(pk=theirs.pk).exists()
