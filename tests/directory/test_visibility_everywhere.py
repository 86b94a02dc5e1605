"""A partners-only email and a private phone number, planted everywhere, leak nowhere."""

import pytest

from core.enums import Visibility
from directory.enums import Role
from tests.directory.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PARTNERS_EMAIL = "planted.partners.only@example.org"
PRIVATE_PHONE = "07700 900 4242"


@pytest.fixture
def planted(directory, lct, partnerships_index, find_page):
    """Both people in every role the site shows: member, coordinator, DSL, staff member."""
    organisation = OrganisationFactory(name="Needlewood Scouts", area=lct.area)
    partners_only = PersonFactory(
        name="Parveen Partners",
        email=PARTNERS_EMAIL,
        phone="",
        visibility=Visibility.PARTNERS,
        organisation=organisation,
    )
    private = PersonFactory(
        name="Piotr Private",
        email="",
        phone=PRIVATE_PHONE,
        visibility=Visibility.PRIVATE,
        organisation=organisation,
    )
    organisation.dsl = partners_only
    organisation.save()
    MembershipFactory(page=lct, person=partners_only, role=Role.CHAIR, organisation=organisation)
    MembershipFactory(page=lct, person=private, role=Role.MEMBER)
    lct.coordinator = private
    lct.save_revision().publish()
    return {
        "urls": [
            lct.url,
            partnerships_index.url,
            directory.url,
            directory.url + "?q=needlewood",
            directory.url + "?q=parveen",
            directory.organisation_url(organisation),
            directory.vcard_url(partners_only),
            directory.vcard_url(private),
            "/search/?q=Parveen",
            "/search/?q=Needlewood",
            "/search/?q=planted",
            "/sitemap.xml",
            "/sitemap-pages.xml",
            "/sitemap-organisations.xml",
            find_page.url + "?postcode=B97+4AA",
            find_page.url + "?postcode=SW1A+1AA",
        ],
        "organisation": organisation,
    }


def bodies(client, urls):
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        yield url, content.decode()


def test_no_anonymous_response_contains_a_partners_only_or_private_detail(client, planted):
    for url, body in bodies(client, planted["urls"]):
        assert PARTNERS_EMAIL not in body, url
        assert PRIVATE_PHONE not in body, url
        assert PRIVATE_PHONE.replace(" ", "") not in body, url


def test_a_signed_in_partner_sees_partners_only_details_but_never_private_ones(client, planted):
    client.force_login(UserFactory())
    seen = set()
    for url, body in bodies(client, planted["urls"]):
        assert PRIVATE_PHONE not in body, url
        assert PRIVATE_PHONE.replace(" ", "") not in body, url
        if PARTNERS_EMAIL in body:
            seen.add(url)

    organisation_url = next(u for u in planted["urls"] if "needlewood-scouts" in u)
    assert organisation_url in seen
    assert any(url.endswith("/vcard/") for url in seen)
    assert any(url.startswith("/partnerships/") for url in seen)


def test_hidden_people_still_appear_by_name_and_role(client, planted, lct):
    body = client.get(lct.url).content.decode()

    assert "Parveen Partners" in body and "Piotr Private" in body
    assert "Chair" in body


def test_contact_details_never_reach_the_search_index(planted):
    from wagtail.search.backends import get_search_backend

    from directory.models import Person

    backend = get_search_backend()

    assert [p.name for p in backend.search("Parveen", Person)] == ["Parveen Partners"]
    assert list(backend.search("planted", Person)) == []
    assert list(backend.search("4242", Person)) == []
