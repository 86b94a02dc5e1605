"""The sitemap as an index and parts: every part below its limit, each cached and refreshed as
soon as a page or organisation changes, and nothing private or personal in any of them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from directory.sitemaps import OrganisationSitemap
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def everything_listed(client):
    parts = locations(client, "/sitemap.xml")
    return [
        loc for part in parts for loc in locations(client, part.removeprefix("http://testserver"))
    ]


def test_the_index_lists_every_part_and_each_part_stays_below_its_limit(
    client, directory, monkeypatch
):
    monkeypatch.setattr(OrganisationSitemap, "limit", 2)
    organisations = [OrganisationFactory(name=f"Club {n}") for n in range(5)]

    parts = locations(client, "/sitemap.xml")

    assert parts == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-organisations.xml",
        "http://testserver/sitemap-organisations.xml?p=2",
        "http://testserver/sitemap-organisations.xml?p=3",
    ]
    listed = []
    for part in parts[1:]:
        urls = locations(client, part.removeprefix("http://testserver"))
        assert 1 <= len(urls) <= 2
        listed += urls
    assert listed == [f"http://localhost{directory.organisation_url(o)}" for o in organisations]
    assert client.get("/sitemap-organisations.xml?p=4").status_code == 404
    assert client.get("/sitemap-people.xml").status_code == 404


def test_no_part_lists_a_draft_or_restricted_page_or_a_person(client, directory, home_page):
    StandardPageFactory(parent=home_page, slug="public-guidance")
    StandardPageFactory(parent=home_page, slug="draft-guidance", live=False)
    restricted = StandardPageFactory(parent=home_page, slug="partners-guidance")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    person = PersonFactory(name="Parveen Quill", email="parveen@example.org")
    OrganisationFactory(name="Needlewood School", dsl=person)

    listed = everything_listed(client)

    assert "http://localhost/public-guidance/" in listed
    assert any("needlewood-school" in url for url in listed)
    body = " ".join(listed).lower()
    for absent in ("draft-guidance", "partners-guidance", "parveen", "vcard", "people"):
        assert absent not in body


def test_a_restricted_directory_lists_no_organisations(client, directory):
    OrganisationFactory(name="Needlewood School")
    PageViewRestriction.objects.create(page=directory, restriction_type="login")

    assert not any("needlewood" in url for url in everything_listed(client))


def test_each_part_is_served_from_the_cache_until_something_in_it_changes(
    client, directory, home_page
):
    page = StandardPageFactory(parent=home_page, slug="public-guidance")
    organisation = OrganisationFactory(name="Lantern Project")
    assert "http://localhost/public-guidance/" in locations(client, "/sitemap-pages.xml")
    locations(client, "/sitemap-organisations.xml")
    locations(client, "/sitemap.xml")

    for url in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-organisations.xml"):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        assert not [q for q in captured if "wagtailcore_page" in q["sql"]], url
        assert not [q for q in captured if "directory_organisation" in q["sql"]], url

    page.unpublish()
    assert "http://localhost/public-guidance/" not in locations(client, "/sitemap-pages.xml")

    page.save_revision().publish()
    assert "http://localhost/public-guidance/" in locations(client, "/sitemap-pages.xml")

    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "http://localhost/public-guidance/" not in locations(client, "/sitemap-pages.xml")

    organisation.name = "Lantern Trust"
    organisation.save()
    assert locations(client, "/sitemap-organisations.xml") == [
        f"http://localhost/directory/{organisation.pk}-lantern-trust/"
    ]

    organisation.delete()
    assert locations(client, "/sitemap-organisations.xml") == []


def test_a_live_page_below_an_unpublished_one_is_not_in_the_sitemap(client, home_page):
    from tests.directory.factories import PartnershipIndexPageFactory, PartnershipPageFactory

    index = PartnershipIndexPageFactory(parent=home_page)
    below = PartnershipPageFactory(parent=index, slug="below-a-draft")
    index.unpublish()
    assert Page.objects.get(pk=below.pk).live
    assert "below-a-draft" not in client.get("/sitemap-pages.xml").content.decode()
