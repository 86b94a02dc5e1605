"""Directory → Areas: county administrators set an area's ONS code and its towns and villages;
coordinators cannot change what decides which LCT a postcode finds."""

import pytest

from directory.models import Area, Place
from directory.viewsets import AreaViewSet

pytestmark = pytest.mark.django_db


def edit_url(area):
    return f"/admin/snippets/directory/area/edit/{area.pk}/"


def area_form_data(area, **changes):
    data = {
        "name": area.name,
        "slug": area.slug,
        "ons_code": area.ons_code,
        "outward_codes": area.outward_codes,
        "places-TOTAL_FORMS": "1",
        "places-INITIAL_FORMS": "0",
        "places-MIN_NUM_FORMS": "0",
        "places-MAX_NUM_FORMS": "1000",
        "places-0-name": "Astwood Bank",
        "places-0-outward_codes": "b96",
        "places-0-id": "",
        "places-0-DELETE": "",
    }
    data.update(changes)
    return data


def test_an_administrator_sets_the_ons_code_and_adds_a_town(client, county):
    client.force_login(county.users["administrator"])
    area = county.redditch.area

    response = client.post(edit_url(area), area_form_data(area, ons_code="e07000236"))

    assert response.status_code == 302, response.content.decode()[:2000]
    area.refresh_from_db()
    assert area.ons_code == "E07000236"
    place = Place.objects.get(area=area)
    assert (place.name, place.key, place.outward_codes) == ("Astwood Bank", "astwood-bank", "B96")


def test_two_areas_cannot_share_an_ons_code(client, county):
    client.force_login(county.users["administrator"])
    Area.objects.filter(pk=county.wyre_forest.area.pk).update(ons_code="E07000236")
    area = county.redditch.area

    response = client.post(edit_url(area), area_form_data(area, ons_code="E07000236"))

    assert response.status_code == 200
    assert "Another area has this ONS district code." in response.content.decode()


def test_a_coordinator_cannot_open_the_areas(client, county):
    client.force_login(county.users["redditch coordinator"])

    assert client.get(edit_url(county.redditch.area)).status_code in (302, 403)
    assert client.get("/admin/snippets/directory/area/").status_code in (302, 403)


def test_the_area_form_withholds_the_codes_from_anyone_but_an_administrator(county):
    coordinator = county.users["redditch coordinator"]
    administrator = county.users["administrator"]
    area = county.redditch.area
    AreaForm = AreaViewSet.edit_handler.bind_to_model(Area).get_form_class()

    assert "ons_code" not in AreaForm(instance=area, for_user=coordinator).fields
    assert "ons_code" in AreaForm(instance=area, for_user=administrator).fields
