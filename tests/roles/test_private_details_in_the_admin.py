"""Private contact details in the admin are for the editors of the record: a coordinator reads
their own area's, never another district's, in the people list and its exports."""

import pytest

from core.enums import Visibility
from tests.directory.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/snippets/directory/person/"


def listing_and_export(client):
    listing = client.get(PEOPLE).content.decode()
    export = b"".join(client.get(PEOPLE, {"export": "csv"}).streaming_content).decode()
    return listing, export


def test_a_coordinator_reads_private_details_of_their_own_area_only(client, county):
    ours = OrganisationFactory(name="Redditch school", area=county.redditch.area)
    theirs = OrganisationFactory(name="Wyre Forest school", area=county.wyre_forest.area)
    PersonFactory(
        name="Rhian Own",
        organisation=ours,
        email="rhian@example.org",
        visibility=Visibility.PRIVATE,
    )
    PersonFactory(
        name="Wendy Other",
        organisation=theirs,
        email="wendy@example.org",
        phone="07700 900111",
        visibility=Visibility.PRIVATE,
    )
    PersonFactory(
        name="Pat Partners",
        organisation=theirs,
        email="pat@example.org",
        visibility=Visibility.PARTNERS,
    )
    client.force_login(county.users["redditch coordinator"])

    for shown in listing_and_export(client):
        assert "Wendy Other" in shown  # the record is listed, read-only
        assert "wendy@example.org" not in shown
        assert "07700 900111" not in shown
        assert "rhian@example.org" in shown
        assert "pat@example.org" in shown  # partners' details are for any signed-in partner


def test_an_administrator_reads_every_areas_private_details(client, county):
    theirs = OrganisationFactory(name="Wyre Forest school", area=county.wyre_forest.area)
    PersonFactory(organisation=theirs, email="wendy@example.org", visibility=Visibility.PRIVATE)
    client.force_login(county.users["administrator"])

    for shown in listing_and_export(client):
        assert "wendy@example.org" in shown
