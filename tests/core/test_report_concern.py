"""The report-a-concern page and the concern panel's link to it on every page."""

import pytest
from bs4 import BeautifulSoup

from ltc_portal.models import ConcernSettings
from tests.factories import ReportConcernPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def concern_page(home_page):
    return ReportConcernPageFactory(parent=home_page)


def test_the_page_shows_each_route_with_a_link_to_it_and_takes_no_reports(
    client, site, concern_page
):
    html = soup_of(client.get(concern_page.url))

    main = html.select_one("main")
    headings = [h.get_text(strip=True) for h in main.select("section h2")]
    assert headings == ["If you are a child or young person", "If you work with children"]
    assert [a.get_text(strip=True) for a in main.select('nav a[href^="#route-"]')] == headings
    assert "Call Childline on 0800 1111." in main.get_text()
    assert main.find("form") is None


def test_the_page_leads_with_the_emergency_and_front_door_numbers_an_editor_set(
    client, site, concern_page
):
    settings = ConcernSettings.for_site(site)
    settings.front_door_phone = "01234 567890"
    settings.save()

    main = soup_of(client.get(concern_page.url)).select_one("main")

    assert "call 999" in main.get_text()
    assert main.select_one('a[href="tel:01234567890"]') is not None


def test_the_panel_on_every_page_links_to_more_ways_to_get_help(client, site, concern_page):
    settings = ConcernSettings.for_site(site)
    settings.more_help_page = concern_page
    settings.save()
    other = StandardPageFactory(parent=site.root_page)

    for url in ["/", other.url, "/search/?q=help", "/no-such-page/"]:
        panel = BeautifulSoup(client.get(url).content, "html.parser").select_one(
            "#report-a-concern"
        )
        link = panel.find("a", string="More ways to get help")
        assert link is not None and link["href"] == concern_page.url, url


def test_the_panel_leaves_the_link_out_while_the_chosen_page_is_unpublished(
    client, site, concern_page
):
    concern_page.unpublish()
    settings = ConcernSettings.for_site(site)
    settings.more_help_page = concern_page
    settings.save()

    panel = soup_of(client.get("/")).select_one("#report-a-concern")

    assert panel.find("a", string="More ways to get help") is None


def test_the_server_error_panel_from_defaults_asks_nothing_of_the_database(
    rf, django_assert_num_queries
):
    from ltc_portal.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    panel = BeautifulSoup(response.content, "html.parser").select_one("#report-a-concern")
    assert "999" in panel.get_text()
    assert "More ways to get help" not in panel.get_text()
