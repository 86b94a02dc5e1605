"""The visibility matrix: each visibility against anonymous, partner and coordinator viewers.

On the public site a coordinator is a partner like any other: private details appear only in
the admin, where the coordinator's list and export show those of their own area.
"""

import pytest

from core.enums import Visibility
from directory.models import Membership
from tests.directory.factories import DirectoryPageFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

#: Viewer -> where -> the visibilities whose phone numbers that viewer sees there.
EXPECTED = {
    "anonymous": {"page": {"public"}, "vcard": {"public"}},
    "partner": {"page": {"public", "partners"}, "vcard": {"public", "partners"}},
    "redditch coordinator": {"page": {"public", "partners"}, "vcard": {"public", "partners"}},
}


@pytest.fixture
def members(county):
    people = {}
    school = OrganisationFactory(area=county.redditch.area)
    for n, visibility in enumerate(Visibility.values):
        person = PersonFactory(
            name=f"{visibility} person",
            phone=f"07700 90{n}{n}{n}{n}",
            visibility=visibility,
            organisation=school,
        )
        Membership.objects.create(page=county.redditch, person=person)
        people[visibility] = person
    county.redditch.save_revision().publish()
    return people


@pytest.mark.parametrize("viewer", EXPECTED)
def test_each_viewer_sees_the_contact_details_their_level_allows(client, county, members, viewer):
    directory = DirectoryPageFactory(parent=county.redditch.get_parent().get_parent())
    if viewer != "anonymous":
        client.force_login(county.users[viewer])

    page = client.get(county.redditch.url).content.decode()
    seen_on_page = {v for v, person in members.items() if person.phone in page}
    seen_in_vcards = {
        v
        for v, person in members.items()
        if person.phone in client.get(f"{directory.url}people/{person.pk}/vcard/").content.decode()
    }

    assert seen_on_page == EXPECTED[viewer]["page"]
    assert seen_in_vcards == EXPECTED[viewer]["vcard"]


def test_a_coordinator_sees_every_visibility_of_their_area_in_the_admin_export(
    client, county, members
):
    client.force_login(county.users["redditch coordinator"])

    response = client.get("/admin/snippets/directory/person/?export=csv")
    export = b"".join(response.streaming_content).decode()

    assert all(person.phone in export for person in members.values())


def test_an_anonymous_visitor_cannot_reach_the_admin_export(client, county, members):
    response = client.get("/admin/snippets/directory/person/?export=csv")

    assert response.status_code == 302
    assert members["private"].phone not in response.content.decode()
