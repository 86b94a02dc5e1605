"""“I am a …” pages: their approved materials from the library, contacts, the home links."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from core.enums import Visibility
from directory.enums import OrganisationKind
from resources.enums import Audience
from tests.directory.factories import (
    AreaFactory,
    DirectoryPageFactory,
    FindYourLCTPageFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.factories import AudiencePageFactory, UserFactory
from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def material_titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select("#materials ~ ul h3 a")]


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def materials(library):
    parents = [Audience.PARENTS_AND_CARERS]
    made = {
        "leaflet": ResourcePageFactory(
            parent=library, title="Online grooming: a guide for parents", audiences=parents
        ),
        "shared": ResourcePageFactory(
            parent=library,
            title="Nudes and sextortion",
            audiences=[Audience.SECONDARY_PUPILS, Audience.PARENTS_AND_CARERS],
        ),
        "staff": ResourcePageFactory(
            parent=library, title="Staff briefing", audiences=[Audience.SCHOOL_STAFF]
        ),
        "partners": ResourcePageFactory(
            parent=library,
            title="Partners-only parents' pack",
            audiences=parents,
            visibility=Visibility.PARTNERS,
        ),
        "draft": ResourcePageFactory(
            parent=library, title="Unpublished parents' draft", audiences=parents, live=False
        ),
        "board": ResourcePageFactory(
            parent=library, title="Board members' parents' notes", audiences=parents
        ),
    }
    # An editor's Privacy setting: only the board's group may see this public material.
    restriction = PageViewRestriction.objects.create(
        page=made["board"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Safeguarding board"))
    return made


@pytest.fixture
def parents_page(home_page):
    return AudiencePageFactory(parent=home_page)


def test_an_audience_page_lists_its_audiences_live_public_materials_to_a_visitor(
    client, materials, parents_page
):
    titles = material_titles(client.get(parents_page.url))

    assert titles == ["Nudes and sextortion", "Online grooming: a guide for parents"]


def test_a_partner_also_sees_partners_only_materials_but_not_another_groups(
    client, materials, parents_page
):
    client.force_login(UserFactory())

    titles = material_titles(client.get(parents_page.url))

    assert titles == [
        "Nudes and sextortion",
        "Online grooming: a guide for parents",
        "Partners-only parents' pack",
    ]


def test_a_page_for_several_audiences_lists_each_material_once(client, home_page, materials):
    schools = AudiencePageFactory(
        parent=home_page,
        title="For schools",
        slug="schools",
        material_audiences=[Audience.SCHOOL_STAFF, Audience.SECONDARY_PUPILS],
    )

    html = soup_of(client.get(schools.url))

    titles = [a.get_text(strip=True) for a in html.select("#materials ~ ul h3 a")]
    assert titles == ["Nudes and sextortion", "Staff briefing"]
    library_link = html.find("a", string=lambda s: s and "in the library" in s)
    assert library_link["href"] == "/materials/?audience=school-staff&audience=secondary-pupils"


def test_the_page_links_to_the_librarys_landing_url_for_its_audience(
    client, materials, parents_page
):
    html = soup_of(client.get(parents_page.url))

    assert html.select_one('a[href="/materials/for/parents-and-carers/"]') is not None


def test_without_a_library_the_page_says_there_are_no_materials_yet(client, parents_page):
    html = soup_of(client.get(parents_page.url))

    assert "no published materials for you yet" in html.get_text()


def test_the_page_shows_what_the_lct_is_training_contact_and_how_to_join(client, parents_page):
    html = soup_of(client.get(parents_page.url))

    assert html.h1.get_text(strip=True) == "For parents and carers"
    for anchor, text in [
        ("your-lct", "keeps children safe together"),
        ("training", "Ask your Local Children's Trust coordinator"),
        ("contact", "Call the Family Front Door"),
        ("join", "Contact the coordinator"),
    ]:
        heading = html.find(id=anchor)
        assert text in heading.find_next("div").get_text(), anchor
        assert html.select_one(f'a[href="#{anchor}"]') is not None


def test_the_contact_section_asks_for_a_postcode_or_town_for_the_find_your_lct_page(
    client, home_page, parents_page
):
    find = FindYourLCTPageFactory(parent=home_page)

    html = soup_of(client.get(parents_page.url))

    form = html.select_one("form[method=get]:not([role=search])")
    assert form["action"] == find.url
    field = form.select_one("input[name=postcode]")
    assert html.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == (
        "Postcode or town"
    )


def test_the_taxi_drivers_page_lists_each_licensing_team_with_its_public_contacts(
    client, home_page
):
    directory = DirectoryPageFactory(parent=home_page)
    area = AreaFactory(name="Redditch", slug="redditch", outward_codes="B97")
    team = OrganisationFactory(
        name="Redditch Taxi Licensing",
        kind=OrganisationKind.TAXI_LICENSING,
        area=area,
        email="taxi@example.gov.uk",
    )
    team.dsl = PersonFactory(name="Private Officer", visibility=Visibility.PRIVATE)
    team.save()
    OrganisationFactory(name="Redditch High School", kind=OrganisationKind.SCHOOL, area=area)
    page = AudiencePageFactory(
        parent=home_page,
        title="For taxi drivers",
        slug="taxi-drivers",
        material_audiences=[Audience.TAXI_DRIVERS],
        contact_kind=OrganisationKind.TAXI_LICENSING,
    )

    contact = soup_of(client.get(page.url)).select_one("main")

    assert contact.select_one('a[href="mailto:taxi@example.gov.uk"]') is not None
    link = contact.find("a", string="Redditch Taxi Licensing")
    assert link["href"] == directory.url + directory.organisation_subpath(team)
    assert "Redditch High School" not in contact.get_text()
    assert "Private Officer" not in contact.get_text()


def test_the_home_page_links_to_each_live_audience_page_by_its_label(client, home_page):
    AudiencePageFactory(parent=home_page)
    AudiencePageFactory(
        parent=home_page, slug="taxi-drivers", entry_label="I am a taxi driver", live=False
    )

    html = soup_of(client.get("/"))

    nav = html.select_one('nav[aria-labelledby="audiences-heading"]')
    links = [(a.get_text(strip=True), a["href"]) for a in nav.select("a")]
    assert links == [("I am a parent or carer", "/parents-and-carers/")]


def test_the_editor_ticks_which_audiences_materials_the_page_lists(client, parents_page):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)

    html = soup_of(client.get(f"/admin/pages/{parents_page.pk}/edit/"))

    boxes = html.select('input[type=checkbox][name="material_audiences"]')
    assert {box["value"] for box in boxes} == set(Audience.values)
    assert [box["value"] for box in boxes if box.has_attr("checked")] == ["parents-and-carers"]
