"""An organisation's page shows its people by the same rule as a partnership page."""

import re

import pytest

from core.enums import Visibility
from directory.enums import Role
from tests.directory.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(directory, lct):
    """One person at each visibility, on the organisation's staff and on the LCT."""
    organisation = OrganisationFactory(name="Needlewood Scouts", area=lct.area)
    planted = {}
    for n, visibility in enumerate(Visibility.values):
        person = PersonFactory(
            name=f"Planted {visibility}",
            email=f"planted.{visibility}@example.org",
            phone=f"07700 900 10{n}",
            visibility=visibility,
            organisation=organisation,
        )
        MembershipFactory(page=lct, person=person, role=Role.MEMBER, organisation=organisation)
        planted[visibility] = person
    organisation.dsl = planted[Visibility.PRIVATE]
    organisation.save()
    lct.save_revision().publish()
    return {
        "people": planted,
        "organisation_url": directory.organisation_url(organisation),
        "partnership_url": lct.url,
    }


def shown(body, person):
    """What of this person a page shows: name, email, phone, contact card."""
    return (
        person.name in body,
        person.email in body,
        person.phone in body or person.phone.replace(" ", "") in body,
        f"/people/{person.pk}/vcard/" in body,
    )


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (
            "anonymous",
            {
                Visibility.PUBLIC: (True, True, True, True),
                Visibility.PARTNERS: (True, False, False, False),
                Visibility.PRIVATE: (True, False, False, False),
            },
        ),
        (
            "partner",
            {
                Visibility.PUBLIC: (True, True, True, True),
                Visibility.PARTNERS: (True, True, True, True),
                Visibility.PRIVATE: (True, False, False, False),
            },
        ),
    ],
)
def test_the_organisation_page_shows_each_visibility_as_the_partnership_page_does(
    client, people, viewer, expected
):
    if viewer == "partner":
        client.force_login(UserFactory())
    organisation = client.get(people["organisation_url"]).content.decode()
    partnership = client.get(people["partnership_url"]).content.decode()

    for visibility, person in people["people"].items():
        assert shown(organisation, person) == expected[visibility], visibility
        assert shown(organisation, person) == shown(partnership, person), visibility


def test_a_private_dsl_is_named_with_no_way_to_their_details(client, people):
    body = client.get(people["organisation_url"]).content.decode()
    section = body[body.index('id="safeguarding-lead"') : body.index('id="referral"')]

    assert "Planted private" in section
    assert not re.search(r"planted\.private@|07700 ?900 ?102", body)
