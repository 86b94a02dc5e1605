"""The base layout's accessibility baseline and the report-a-concern panel, on every page type."""

import pytest
from bs4 import BeautifulSoup

from ltc_portal.models import ConcernSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def pages(home_page):
    guidance = StandardPageFactory(
        parent=home_page, title="Guidance for partners", show_in_menus=True
    )
    return {
        "home": "/",
        "standard": guidance.url,
        "search": "/search/?q=partners",
        "not found": "/no-such-page/",
    }


@pytest.mark.parametrize("name", ["home", "standard", "search", "not found"])
def test_every_page_has_the_accessibility_baseline(client, pages, name):
    response = client.get(pages[name])
    html = soup_of(response)

    assert html.html["lang"] == "en-GB"
    skip = html.select_one("a.govuk-skip-link")
    assert skip["href"] == "#main-content"
    assert html.find("main")["id"] == "main-content"
    assert len(html.find_all("h1")) == 1
    assert html.find("header") is not None
    assert html.find("footer") is not None
    assert html.select_one("form[role=search] label[for=site-search]") is not None
    assert html.find("title").get_text(strip=True).endswith("LCT Portal")


@pytest.mark.parametrize("name", ["home", "standard", "search", "not found"])
def test_every_page_shows_how_to_report_a_concern(client, pages, name):
    panel = soup_of(client.get(pages[name])).select_one("#report-a-concern")

    text = panel.get_text(" ", strip=True)
    assert "999" in text
    assert "101" in text
    assert "does not take reports about children" in text
    assert panel.select_one('a[href^="tel:"]') is not None


def test_the_concern_panel_shows_what_an_editor_set(client, site):
    settings = ConcernSettings.for_site(site)
    settings.front_door_phone = "01234 567890"
    settings.front_door_email = "frontdoor@county.example"
    settings.save()

    panel = soup_of(client.get("/")).select_one("#report-a-concern")

    assert "01234 567890" in panel.get_text()
    assert panel.select_one('a[href="tel:01234567890"]') is not None
    assert panel.select_one('a[href="mailto:frontdoor@county.example"]') is not None


def test_navigation_marks_the_current_section(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Guidance", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Other", show_in_menus=True)

    html = soup_of(client.get(section.url))

    current = html.select('nav[aria-label="Main"] a[aria-current="page"]')
    assert [link.get_text(strip=True) for link in current] == ["Guidance"]


def test_a_missing_page_is_a_404_in_the_site_layout(client, site):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in soup_of(response).find("h1").get_text()


def test_the_server_error_page_uses_the_layout_and_the_default_concern_panel(rf):
    from ltc_portal.views import server_error

    response = server_error(rf.get("/"))

    html = soup_of(response)
    assert response.status_code == 500
    assert html.html["lang"] == "en-GB"
    assert "999" in html.select_one("#report-a-concern").get_text()


def test_responses_carry_security_headers(client, site):
    response = client.get("/")

    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "default-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_carry_no_inline_script(client, pages):
    for url in pages.values():
        html = soup_of(client.get(url))
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", url


def script_src(response):
    csp = response.headers["Content-Security-Policy"]
    return next(part for part in csp.split(";") if part.strip().startswith("script-src")).split()


def test_only_the_wagtail_admin_may_run_inline_scripts(client, site):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert "'unsafe-inline'" in script_src(client.get("/admin/"))
    assert "'unsafe-inline'" not in script_src(client.get("/"))
    assert "'unsafe-inline'" not in script_src(client.get("/account/"))
