"""Site search over every page type, and the sitemap."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select("main ul.govuk-list h3 a")]


def test_search_finds_a_page_by_a_word_in_its_body(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Taxi drivers", body="<p>Eyes and ears licensing</p>"
    )
    StandardPageFactory(parent=home_page, title="Parents", body="<p>Online safety at home</p>")

    response = client.get("/search/", {"q": "licensing"})

    assert result_titles(response) == ["Taxi drivers"]
    assert "1 result for" in response.content.decode()


def test_search_leaves_out_drafts_and_restricted_pages(client, home_page):
    StandardPageFactory(parent=home_page, title="Draft plan", body="<p>grooming</p>", live=False)
    restricted = StandardPageFactory(
        parent=home_page, title="Partners plan", body="<p>grooming</p>"
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    assert result_titles(client.get("/search/", {"q": "grooming"})) == []


def test_search_paginates_and_keeps_the_query_in_page_links(client, home_page):
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"Consent lesson {n}", body="<p>consent</p>")

    response = client.get("/search/", {"q": "consent", "page": 2})

    assert len(result_titles(response)) == 2
    html = BeautifulSoup(response.content, "html.parser")
    current = html.select_one('.govuk-pagination a[aria-current="page"]')
    assert current.get_text(strip=True) == "2"
    assert current["href"] == "?q=consent&page=2"


def test_an_empty_search_shows_the_form_without_results(client, site):
    response = client.get("/search/")

    assert response.status_code == 200
    assert result_titles(response) == []


def test_the_sitemap_lists_live_public_pages_only(client, home_page):
    StandardPageFactory(parent=home_page, title="Public guidance", slug="public-guidance")
    StandardPageFactory(parent=home_page, title="Draft", slug="draft-guidance", live=False)
    restricted = StandardPageFactory(parent=home_page, slug="partners-guidance")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    body = client.get("/sitemap-pages.xml").content.decode()

    assert "/public-guidance/" in body
    assert "/draft-guidance/" not in body
    assert "/partners-guidance/" not in body
