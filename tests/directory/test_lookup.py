"""Finding the district, and so the LCT, of a postcode or a place: the full postcode first, then
an outward code that lies in one district, else a choice; place names from the county's list."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command

from directory.demo import DISTRICTS
from directory.lookup import find_lct
from directory.models import Area, Organisation, Place
from tests.directory.factories import (
    AreaFactory,
    FindYourLCTPageFactory,
    OrganisationFactory,
    PartnershipPageFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def where(text):
    location = Area.objects.locate(text)
    return location.area.slug if location.area else None


def choice_of(text):
    location = Area.objects.locate(text)
    assert location.area is None and not location.error, location
    return location.question, [(c.label, c.query, c.area.slug) for c in location.choices]


# The order: full postcode, outward code in one district, choice.


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("DY9 0AA", "bromsgrove"),  # Hagley: DY9 is mostly Stourbridge, in Dudley
        ("dy90ab", "bromsgrove"),
        ("B47 6AA", "bromsgrove"),  # Wythall
        ("WR8 0AA", "malvern-hills"),  # Upton-upon-Severn
        ("WR8 9AA", "wychavon"),  # the rest of WR8
        ("B96 6AA", "redditch"),  # Astwood Bank
        ("B96 6HT", "wychavon"),  # Feckenham
        ("B97 4AA", "redditch"),
        ("WR5 2NP", "worcester-city"),
        ("WR11 4AA", "wychavon"),
        ("DY13 8AA", "wyre-forest"),
        ("WR14 3AA", "malvern-hills"),
        ("B60 1AA", "bromsgrove"),
    ],
)
def test_a_postcode_in_the_shipped_file_finds_its_district(shipped_postcodes, postcode, district):
    assert where(postcode) == district


def test_a_terminated_postcode_still_finds_its_district(shipped_postcodes):
    assert where("B97 4ZZ") == "redditch"
    assert where("DY9 0ZZ") == "bromsgrove"


def test_a_postcode_not_in_the_file_goes_by_an_outward_code_wholly_in_one_district(
    shipped_postcodes,
):
    location = Area.objects.locate("B97 9XQ")

    assert (location.kind, location.label, location.area.slug) == ("outward", "B97 9XQ", "redditch")
    assert where("WR14") == "malvern-hills"


def test_an_outward_code_split_between_districts_offers_its_towns_and_districts(shipped_postcodes):
    question, choices = choice_of("b96")

    assert question == "B96 is split between Redditch and Wychavon: which town?"
    assert choices == [
        ("Astwood Bank", "Astwood Bank", "redditch"),
        ("Feckenham", "Feckenham", "wychavon"),
        ("Redditch", "Redditch", "redditch"),
        ("Wychavon", "Wychavon", "wychavon"),
    ]


def test_an_unknown_postcode_in_a_split_outward_code_is_a_choice_not_a_guess(shipped_postcodes):
    question, choices = choice_of("WR8 5ZZ")

    assert question == (
        "WR8 5ZZ is not in our list of the county's postcodes, and WR8 is split between "
        "Malvern Hills and Wychavon: which town?"
    )
    assert ("Upton-upon-Severn", "Upton-upon-Severn", "malvern-hills") in choices
    assert ("Defford", "Defford", "wychavon") in choices


def test_an_outward_code_partly_outside_the_county_never_sends_the_rest_to_the_county(
    shipped_postcodes,
):
    """Stourbridge's DY9 7AA is not in the file (Dudley's rows are dropped); DY9 must not send
    it to Bromsgrove because Hagley's DY9 postcodes are all there."""
    question, choices = choice_of("DY9 7AA")
    location = Area.objects.locate("DY9")

    assert "DY9 is split between Bromsgrove and places outside the county" in question
    assert {slug for _label, _query, slug in choices} == {"bromsgrove"}
    assert location.partly_outside


def test_a_postcode_outside_the_county_or_no_postcode_gets_a_clear_message(shipped_postcodes):
    assert Area.objects.locate("B1 1AA").error.startswith(
        "B1 1AA is not in one of the county's districts."
    )
    assert Area.objects.locate("WR14 3A").error.startswith("“WR14 3A” is not a UK postcode")
    assert Area.objects.locate("  ").error.startswith("Enter a postcode, or the name of your town")
    assert "nor a town or village in the county that we know" in (
        Area.objects.locate("Narnia").error
    )


# Place names.


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Hagley", "bromsgrove"),
        ("wythall", "bromsgrove"),
        ("DROITWICH", "wychavon"),
        ("Evesham", "wychavon"),
        ("Inkberrow", "wychavon"),
        ("Upton upon Severn", "malvern-hills"),
        ("upton-upon-severn", "malvern-hills"),
        ("St Johns", "worcester-city"),
        ("Stourport", "wyre-forest"),  # the start of Stourport-on-Severn
        ("Wychavon", "wychavon"),  # a district's own name
        ("Callow Hill, Wyre Forest", "wyre-forest"),
    ],
)
def test_a_town_or_village_finds_its_district(shipped_postcodes, text, district):
    assert where(text) == district


def test_a_place_name_in_two_districts_is_a_choice_that_names_the_district(shipped_postcodes):
    question, choices = choice_of("callow hill")

    assert question == "More than one place matches “callow hill”: which one?"
    assert choices == [
        ("Callow Hill", "Callow Hill, Redditch", "redditch"),
        ("Callow Hill", "Callow Hill, Wyre Forest", "wyre-forest"),
    ]


def test_a_place_name_confirms_itself_by_the_place_s_own_name(shipped_postcodes):
    location = Area.objects.locate("upton upon severn")

    assert (location.kind, location.label) == ("place", "Upton-upon-Severn")


# Before any postcode directory is loaded.


def test_without_postcode_data_the_areas_outward_codes_decide():
    AreaFactory(name="Redditch", slug="redditch", outward_codes="B96 B97 B98")
    AreaFactory(name="Wychavon", slug="wychavon", outward_codes="B96 WR11")

    assert where("B97 4AA") == "redditch"
    assert where("WR11 4AA") == "wychavon"
    assert choice_of("B96 6AA")[0].endswith(
        "B96 is split between Redditch and Wychavon: which town?"
    )
    assert Area.objects.locate("DY9 0AA").error.startswith("DY9 0AA is not in one of the county")


def test_once_postcodes_are_loaded_the_outward_codes_no_longer_decide(shipped_postcodes):
    shipped_postcodes["bromsgrove"].outward_codes = "B1"
    shipped_postcodes["bromsgrove"].save()

    assert where("B1 1AA") is None


# One rule everywhere: an organisation's area.


def test_an_organisation_gets_its_area_from_the_same_rule(shipped_postcodes):
    hagley = OrganisationFactory(postcode="DY9 0AA")
    upton = OrganisationFactory(postcode="WR8 0AB")
    unsure = OrganisationFactory(postcode="B96 6ZZ")
    placed = OrganisationFactory(postcode="Hagley")  # not a postcode: no area from a name

    assert hagley.area.slug == "bromsgrove"
    assert upton.area.slug == "malvern-hills"
    assert unsure.area is None
    assert placed.area is None


@pytest.fixture
def seeded(db):
    """The demo county; the site's cached root paths (it moves the site) are forgotten after."""
    call_command("seed_demo", stdout=io.StringIO())
    yield
    cache.clear()


def test_every_demo_organisation_gets_the_district_it_was_made_for(seeded):
    made_for = {code: slug for _name, slug, codes in DISTRICTS for code in codes.split()}

    organisations = Organisation.objects.exclude(postcode="").select_related("area")
    wrong = [
        (o.name, o.postcode, o.area and o.area.slug)
        for o in organisations
        if o.area is None or o.area.slug != made_for[o.postcode.split()[0]]
    ]

    assert organisations.count() > 60
    assert wrong == []
    assert Place.objects.filter(name="Hagley", area__slug="bromsgrove").exists()


# A fixed number of queries, whatever the answer.


@pytest.mark.parametrize(
    ("text", "queries"),
    [
        ("B97 4AA", 1),  # in the directory
        ("B97 9XQ", 3),  # not there: its outward code, and the code's districts
        ("B96", 3),  # split: the code, its districts, their places
        ("B1 1AA", 3),  # outside: no postcode, no outward code, whether any postcode is loaded
        ("Hagley", 1),
        ("Wychavon", 3),  # no place: by the start of a name, then the districts
    ],
)
def test_a_lookup_takes_a_fixed_number_of_queries(
    shipped_postcodes, django_assert_num_queries, text, queries
):
    with django_assert_num_queries(queries):
        Area.objects.locate(text)


# The pages.


@pytest.fixture
def lcts(shipped_postcodes, partnerships_index):
    return {
        slug: PartnershipPageFactory(
            parent=partnerships_index,
            title=f"{area.name} Local Children's Trust",
            slug=slug,
            area=area,
        )
        for slug, area in shipped_postcodes.items()
    }


@pytest.fixture
def find_page(home_page):
    return FindYourLCTPageFactory(parent=home_page)


def test_a_found_postcode_leads_to_its_lct_page_which_confirms_it(client, find_page, lcts):
    response = client.get(find_page.url, {"postcode": "dy9 0aa"})

    assert response.status_code == 302
    assert response["Location"] == f"{lcts['bromsgrove'].url}?postcode=DY9+0AA"
    html = soup(client.get(response["Location"]))
    banner = html.select_one("#lct-confirmation")
    assert banner.select_one(".govuk-notification-banner__heading").get_text() == (
        "DY9 0AA is in Bromsgrove: your LCT is Bromsgrove Local Children's Trust"
    )
    assert banner.find("a", string="Not right? Look up another postcode or town")["href"] == (
        find_page.url
    )


def test_an_lct_page_confirms_only_what_is_in_its_own_district(client, lcts):
    html = soup(client.get(lcts["bromsgrove"].url, {"postcode": "B97 4AA"}))

    assert html.select_one("#lct-confirmation") is None
    assert soup(client.get(lcts["redditch"].url, {"postcode": "B97 4AA"})).select_one(
        "#lct-confirmation"
    )


def test_a_split_outward_code_offers_links_that_find_the_right_lct(client, find_page, lcts):
    html = soup(client.get(find_page.url, {"postcode": "B96"}))

    assert html.select_one("#lct-choice h2").get_text() == (
        "B96 is split between Redditch and Wychavon: which town?"
    )
    link = html.find("a", string="Feckenham")
    response = client.get(link["href"])
    assert response["Location"] == f"{lcts['wychavon'].url}?postcode=Feckenham"
    assert html.select_one(".govuk-error-summary") is None
    assert html.find(id="postcode") is not None


def test_a_place_in_a_district_without_an_lct_page_says_so(client, find_page, shipped_postcodes):
    html = soup(client.get(find_page.url, {"postcode": "Hagley"}))

    assert "Hagley is in Bromsgrove, which has no Local Children's Trust page yet" in (
        html.select_one(".govuk-error-summary").get_text()
    )


def test_the_home_page_has_the_postcode_or_town_box(client, find_page):
    html = soup(client.get("/"))

    form = html.find(id="postcode").find_parent("form")
    assert form["action"] == find_page.url and form["method"] == "get"
    assert html.find("label", attrs={"for": "postcode"}).get_text() == "Postcode or town"
    assert form.find("button").get_text() == "Find my Local Children's Trust"


def test_find_lct_names_the_lct_in_its_confirmation(lcts):
    outcome = find_lct("Upton upon Severn")

    assert outcome.page == lcts["malvern-hills"]
    assert outcome.confirmation == (
        "Upton-upon-Severn is in Malvern Hills: your LCT is Malvern Hills Local Children's Trust"
    )
