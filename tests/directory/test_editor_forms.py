"""Editors' forms that prevent mistakes: a person chooser that tells people apart, one role once
at a time, and another district's organisation refused saying why."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.enums import Role
from directory.models import Membership, Person
from tests.directory.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.roles.conftest import county  # noqa: F401 - the fixture, shared with tests/roles

pytestmark = pytest.mark.django_db


# -- the person chooser ----------------------------------------------------------------------


@pytest.fixture
def two_sams(county):  # noqa: F811
    redditch_school = OrganisationFactory(name="Abbey Primary", area=county.redditch.area)
    wyre_school = OrganisationFactory(name="Birchen Coppice", area=county.wyre_forest.area)
    return (
        PersonFactory(name="Sam Smith", job_title="Headteacher", organisation=redditch_school),
        PersonFactory(name="Sam Smith", job_title="Youth leader", organisation=wyre_school),
    )


def chooser_rows(client, **params):
    url = reverse("wagtailsnippetchoosers_directory_person:choose_results")
    response = client.get(url, params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in html.select("tbody tr")
    ]


def test_the_person_chooser_shows_each_persons_job_title_organisation_and_district(
    client,
    county,  # noqa: F811
    two_sams,
):
    client.force_login(county.users["redditch coordinator"])

    response = client.get(reverse("wagtailsnippetchoosers_directory_person:choose"))
    assert response.status_code == 200
    rows = chooser_rows(client)

    assert ["Sam Smith", "Headteacher", "Abbey Primary", "Redditch"] in rows
    assert ["Sam Smith", "Youth leader", "Birchen Coppice", "Wyre Forest"] in rows


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"q": "sam birchen"}, "Birchen Coppice"),
        ({"q": "sam wyre"}, "Birchen Coppice"),
        ({"q": "headteacher"}, "Abbey Primary"),
        ({"area": "redditch"}, "Abbey Primary"),
    ],
    ids=["organisation", "district", "job title", "district filter"],
)
def test_the_person_chooser_is_searched_and_filtered_by_organisation_and_district(
    client,
    county,  # noqa: F811
    two_sams,
    params,
    found,
):
    client.force_login(county.users["redditch coordinator"])
    if "area" in params:
        params = {"area": county.redditch.area.pk}

    rows = chooser_rows(client, **params)

    assert [row[2] for row in rows] == [found]


# -- the membership inline -------------------------------------------------------------------


def seat(person, role=Role.MEMBER, organisation=None, start="", end="", pk=None):
    return {
        "id": pk or "",
        "person": person.pk,
        "role": role,
        "organisation": organisation.pk if organisation else "",
        "start_date": start,
        "end_date": end,
    }


def post_members(client, page, seats, *, saved=0, **fields):
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                **fields,
                "title": page.title,
                "slug": page.slug,
                "purpose": rich_text("<p>Working together.</p>"),
                "how_to_get_involved": rich_text(""),
                "memberships": inline_formset(seats, initial=saved),
                "action-publish": "action-publish",
            }
        ),
    )


def errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in html.select(".error-message"))


def test_the_same_person_cannot_hold_the_same_current_role_twice(client, county):  # noqa: F811
    person = PersonFactory(name="Carys Chair")
    client.force_login(county.users["redditch coordinator"])

    response = post_members(
        client,
        county.redditch,
        [seat(person, Role.CHAIR, start="01/09/2025"), seat(person, Role.CHAIR)],
    )

    assert response.status_code == 200
    assert "Carys Chair is already Chair of this partnership" in errors(response)
    assert not Membership.objects.filter(person=person).exists()


def test_overlapping_dated_seats_in_one_role_are_refused_too(client, county):  # noqa: F811
    person = PersonFactory(name="Carys Chair")
    client.force_login(county.users["redditch coordinator"])

    response = post_members(
        client,
        county.redditch,
        [
            seat(person, Role.CHAIR, start="01/09/2024", end="31/08/2026"),
            seat(person, Role.CHAIR, start="01/09/2025"),
        ],
    )

    assert "Carys Chair is already Chair" in errors(response)


@pytest.mark.parametrize(
    "seats",
    [
        lambda p: [
            seat(p, Role.CHAIR, start="01/09/2023", end="31/08/2025"),
            seat(p, Role.CHAIR, start="01/09/2025"),
        ],
        lambda p: [seat(p, Role.CHAIR), seat(p, Role.COORDINATOR)],
    ],
    ids=["a re-appointment after the old seat ends", "two different roles"],
)
def test_a_person_may_hold_a_role_again_later_or_two_roles_at_once(
    client,
    county,  # noqa: F811
    seats,
):
    person = PersonFactory(name="Carys Chair")
    client.force_login(county.users["redditch coordinator"])

    response = post_members(client, county.redditch, seats(person))

    assert response.status_code == 302, errors(response)
    assert Membership.objects.filter(person=person).count() == 2


def test_the_same_role_on_two_partnerships_is_fine(client, county):  # noqa: F811
    person = PersonFactory(name="Carys Chair")
    MembershipFactory(page=county.headteacher_group, person=person, role=Role.CHAIR)
    client.force_login(county.users["redditch coordinator"])

    response = post_members(client, county.redditch, [seat(person, Role.CHAIR)])

    assert response.status_code == 302, errors(response)


# -- another district's organisation ---------------------------------------------------------


def test_a_coordinator_choosing_another_districts_organisation_for_a_person_is_told_why(
    client,
    county,  # noqa: F811
):
    wyre_school = OrganisationFactory(name="Birchen Coppice", area=county.wyre_forest.area)
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        reverse("wagtailsnippets_directory_person:add"),
        {"name": "Sam Smith", "organisation": wyre_school.pk, "visibility": "partners"},
    )

    assert response.status_code == 200
    assert (
        "Birchen Coppice is in Wyre Forest; you coordinate Redditch — ask the county "
        "administrator." in errors(response)
    )
    assert "Select a valid choice" not in errors(response)
    assert not Person.objects.filter(name="Sam Smith").exists()


def test_a_coordinator_puts_a_person_in_their_own_districts_organisation(
    client,
    county,  # noqa: F811
):
    school = OrganisationFactory(name="Abbey Primary", area=county.redditch.area)
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        reverse("wagtailsnippets_directory_person:add"),
        {"name": "Sam Smith", "organisation": school.pk, "visibility": "partners"},
    )

    assert response.status_code == 302, errors(response)
    assert Person.objects.get(name="Sam Smith").organisation == school


def test_a_coordinators_organisation_with_another_districts_postcode_is_refused_naming_it(
    client,
    county,  # noqa: F811
):
    county.wyre_forest.area.outward_codes = "DY10"
    county.wyre_forest.area.save()
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        reverse("wagtailsnippets_directory_organisation:add"),
        {"name": "Kidderminster Scouts", "kind": "uniformed_youth_group", "postcode": "DY10 1AA"},
    )

    assert "DY10 1AA is in Wyre Forest; you coordinate Redditch" in errors(response)


def test_a_seat_representing_another_districts_organisation_is_refused_saying_why(
    client,
    county,  # noqa: F811
):
    wyre_school = OrganisationFactory(name="Birchen Coppice", area=county.wyre_forest.area)
    person = PersonFactory(organisation=OrganisationFactory(area=county.redditch.area))
    client.force_login(county.users["redditch coordinator"])

    response = post_members(client, county.redditch, [seat(person, organisation=wyre_school)])

    assert "Birchen Coppice is in Wyre Forest; you coordinate Redditch" in errors(response)
    assert not Membership.objects.exists()


def test_a_seat_may_represent_a_county_wide_service_or_the_persons_own_organisation(
    client,
    county,  # noqa: F811
):
    county_wide = OrganisationFactory(name="County Youth Support", area=None)
    wyre_police = OrganisationFactory(name="Wyre Forest police", area=county.wyre_forest.area)
    sergeant = PersonFactory(organisation=wyre_police)
    client.force_login(county.users["redditch coordinator"])

    response = post_members(
        client,
        county.redditch,
        [
            seat(PersonFactory(), organisation=county_wide),
            seat(sergeant, organisation=wyre_police),
        ],
    )

    assert response.status_code == 302, errors(response)


def test_a_seat_saved_earlier_keeps_its_organisation_when_the_page_is_edited(
    client,
    county,  # noqa: F811
):
    wyre_school = OrganisationFactory(name="Birchen Coppice", area=county.wyre_forest.area)
    person = PersonFactory()
    page = county.redditch
    page.memberships.add(
        Membership(person=person, organisation=wyre_school, start_date=dt.date(2025, 9, 1))
    )
    page.save_revision().publish()
    existing = Membership.objects.get(page=page)
    client.force_login(county.users["redditch coordinator"])

    response = post_members(
        client,
        county.redditch,
        [seat(person, organisation=wyre_school, start="01/09/2025", pk=existing.pk)],
        saved=1,
    )

    assert response.status_code == 302, errors(response)


def test_an_administrator_may_choose_any_districts_organisation(client, county):  # noqa: F811
    wyre_school = OrganisationFactory(name="Birchen Coppice", area=county.wyre_forest.area)
    client.force_login(county.users["administrator"])

    response = post_members(
        client,
        county.redditch,
        [seat(PersonFactory(), organisation=wyre_school)],
        kind="lct",
        area=county.redditch.area.pk,
    )

    assert response.status_code == 302, errors(response)
