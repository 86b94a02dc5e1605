"""The directory page, organisation pages and the postcode look-up, as a visitor uses them."""

import pytest
from bs4 import BeautifulSoup

from core.enums import Visibility
from directory.enums import OrganisationKind
from tests.directory.factories import (
    AreaFactory,
    OrganisationFactory,
    PersonFactory,
    SchoolFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_names(response):
    return [a.get_text() for a in soup(response).select("ul.lct-results h3 a")]


def test_the_directory_finds_organisations_by_any_word(client, directory):
    OrganisationFactory(name="1st Redditch Scouts", address="Church Road")
    OrganisationFactory(name="St Mary's Youth Club", address="High Street")
    tagged = OrganisationFactory(name="Lantern Project")
    tagged.tags.add("detached youth work")
    tagged.save()

    assert result_names(client.get(directory.url, {"q": "scouts"})) == ["1st Redditch Scouts"]
    assert result_names(client.get(directory.url, {"q": "high street"})) == ["St Mary's Youth Club"]
    assert result_names(client.get(directory.url, {"q": "detached"})) == ["Lantern Project"]


def test_the_directory_filters_by_area_kind_phase_and_tag(client, directory, area):
    other = AreaFactory(name="Wyre Forest", slug="wyre-forest", outward_codes="DY10")
    SchoolFactory(name="Abbey Primary", area=area, phase="primary")
    SchoolFactory(name="Birchfield High", area=area, phase="high")
    SchoolFactory(name="Castle Primary", area=other, phase="primary")
    police = OrganisationFactory(name="Redditch Police", kind=OrganisationKind.POLICE, area=area)
    police.tags.add("Night-time economy")
    police.save()

    def names(**params):
        return result_names(client.get(directory.url, params))

    assert names(area="redditch") == ["Abbey Primary", "Birchfield High", "Redditch Police"]
    assert names(area="redditch", phase="primary") == ["Abbey Primary"]
    assert names(kind="police") == ["Redditch Police"]
    assert names(tag="night-time-economy") == ["Redditch Police"]


def test_the_directory_counts_results_and_paginates_keeping_the_filters(client, directory, area):
    for n in range(25):
        SchoolFactory(name=f"School {n:02d}", area=area)

    response = client.get(directory.url, {"area": "redditch", "page": 2})

    html = soup(response)
    assert html.select_one("#results").get_text() == "25 organisations found"
    assert len(result_names(response)) == 5
    current = html.select_one('.govuk-pagination a[aria-current="page"]')
    assert current["href"] == "?area=redditch&page=2"


def test_the_filter_form_is_a_plain_get_form_with_labels(client, directory):
    html = soup(client.get(directory.url))

    form = html.select_one("form.lct-filters")
    assert form["method"] == "get"
    for control in form.select("input, select"):
        assert html.select_one(f'label[for="{control["id"]}"]') is not None


def test_an_organisation_page_shows_its_dsl_lct_coordinator_and_referral_route(
    client, directory, lct, area
):
    coordinator = PersonFactory(name="Cora Ordinator", email="cora@example.org")
    lct.coordinator = coordinator
    lct.save_revision().publish()
    dsl = PersonFactory(name="Dee Esel", email="dsl@example.org")
    school = SchoolFactory(name="Abbey Primary", postcode="B97 4AA", dsl=dsl)
    assert school.area == area

    html = soup(client.get(f"/directory/{school.pk}-abbey-primary/"))

    assert html.h1.get_text() == "Abbey Primary"
    assert "dsl@example.org" in html.find(id="safeguarding-lead").find_next("ul").get_text()
    lct_section = html.find(id="lct").parent
    assert lct_section.find("a", string="Redditch Local Children's Trust")["href"] == lct.url
    assert "cora@example.org" in lct_section.get_text()
    assert html.find(id="referral").find_next("a")["href"] == "#report-a-concern"


def test_an_organisation_page_with_the_wrong_slug_redirects_to_the_right_one(client, directory):
    organisation = OrganisationFactory(name="Lantern Project")

    response = client.get(f"/directory/{organisation.pk}-old-name/")

    assert response.status_code == 301
    assert response["Location"] == f"/directory/{organisation.pk}-lantern-project/"
    assert client.get("/directory/999999-missing/").status_code == 404


def test_organisation_pages_are_in_the_sitemap(client, directory):
    organisation = OrganisationFactory(name="Lantern Project")

    body = client.get("/sitemap-organisations.xml").content.decode()

    assert f"http://localhost/directory/{organisation.pk}-lantern-project/" in body


def test_a_postcode_in_a_district_redirects_to_its_lct(client, find_page, lct):
    response = client.get(find_page.url, {"postcode": " b97 4aa "})

    assert response.status_code == 302
    assert response["Location"] == f"{lct.url}?postcode=B97+4AA"


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("not a postcode", "is not a UK postcode"),
        ("", "Enter a postcode"),
        ("SW1A 1AA", "SW1A 1AA is not in one of the county"),
    ],
)
def test_a_bad_or_outside_postcode_gets_a_message_and_county_contacts(
    client, find_page, lct, postcode, message
):
    html = soup(client.get(find_page.url, {"postcode": postcode}))

    summary = html.select_one(".govuk-error-summary a")
    assert message in summary.get_text()
    assert summary["href"] == "#postcode"
    assert html.find(id="postcode") is not None
    assert "County safeguarding board" in html.find(id="county-contacts").parent.get_text()
    assert html.title.get_text().startswith("Error:")


def test_the_find_page_without_a_postcode_shows_just_the_form(client, find_page):
    html = soup(client.get(find_page.url))

    assert html.select_one(".govuk-error-summary") is None
    assert html.select_one('label[for="postcode"]') is not None


def test_an_organisation_page_hides_a_partners_only_dsl_from_anonymous(client, directory):
    dsl = PersonFactory(name="Dee Esel", email="dsl@example.org", visibility=Visibility.PARTNERS)
    school = SchoolFactory(name="Abbey Primary", dsl=dsl)
    url = f"/directory/{school.pk}-abbey-primary/"

    anonymous = client.get(url).content.decode()
    client.force_login(UserFactory())
    signed_in = client.get(url).content.decode()

    assert "Dee Esel" in anonymous and "dsl@example.org" not in anonymous
    assert "dsl@example.org" in signed_in
