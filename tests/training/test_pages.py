"""The public coverage page, its CSV and each LCT page's figures: aggregates only."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from wagtail.models import PageViewRestriction

from core.page_cache import HEADER
from tests.directory.factories import OrganisationFactory, PersonFactory, SchoolFactory
from tests.factories import UserFactory
from training.enums import CourseAudience

from .factories import CourseFactory, TaxiLicensingReturnFactory, TrainingRecordFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("freeze"),
]
PLANTED = "Zebedee Quartermaine"


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def trained_county(redditch, wyre_forest):
    """Redditch ahead (two of three schools), Wyre Forest behind; a record naming a person."""
    course = CourseFactory(title="DSL refresher")
    schools = [SchoolFactory(area=redditch, name=f"Redditch school {n}") for n in range(3)]
    for n in range(3):  # no public figure of a group smaller than 3 (test_suppression)
        SchoolFactory(area=wyre_forest, name=f"Wyre Forest school {n}")
    dsl = PersonFactory(name="Dana Designated", organisation=schools[0])
    schools[0].dsl = dsl
    schools[0].save()
    TrainingRecordFactory(
        organisation=schools[0], course=course, date=dt.date(2026, 3, 1), person_name=PLANTED
    )
    TrainingRecordFactory(organisation=schools[1], course=course, date=dt.date(2025, 1, 20))
    group = OrganisationFactory(kind="uniformed_youth_group", area=wyre_forest, name="1st Scouts")
    TrainingRecordFactory(
        organisation=group,
        course=CourseFactory(audiences=[CourseAudience.YOUTH_LEADERS]),
        date=dt.date(2026, 5, 1),
        person_name=PLANTED,
    )
    TaxiLicensingReturnFactory(area=redditch, licensed_drivers=200, trained_drivers=150)
    TaxiLicensingReturnFactory(area=wyre_forest, licensed_drivers=100, trained_drivers=10)
    return schools


def test_the_coverage_page_shows_each_districts_figures_as_charts_and_tables(
    client, coverage_page, trained_county
):
    response = client.get(coverage_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html
    assert '<title id="schools-by-district-title">' in html
    assert "Redditch: 67% (2 of 3)" in html  # the chart's description
    assert "Wyre Forest: 0% (0 of 3)" in html
    assert '<th scope="row" class="govuk-table__header">Redditch</th>' in html
    assert "150 of 200" in html and "10 of 100" in html
    assert "A condition of every licence" in html


def test_the_csv_holds_the_same_figures(client, coverage_page, trained_county):
    response = client.get(coverage_page.url + "csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    redditch = next(
        row
        for row in rows
        if row["Area"] == "Redditch"
        and row["Group"] == "All schools"
        and row["Period"] == "2026-12-07"
    )
    assert (redditch["Total"], redditch["Covered"], redditch["Percent covered"]) == ("3", "2", "67")
    # Trained 20 January 2025, a two-year course: expiring within 90 days.
    assert redditch["Of which expiring within 90 days"] == "1"
    taxi = next(
        row
        for row in rows
        if row["Area"] == "Wyre Forest" and row["Measure"].startswith("Licensed")
    )
    assert (taxi["Total"], taxi["Covered"], taxi["Percent covered"]) == ("100", "10", "10")


def test_the_lct_page_shows_its_own_districts_figures(
    client, coverage_page, redditch_lct, trained_county
):
    html = client.get(redditch_lct.url).content.decode()
    assert "CSE training in Redditch" in html
    assert "2 of 3 schools have an in-date trained designated safeguarding lead (67%)" in html
    assert "150 of 200 licensed taxi drivers" in html


def test_no_persons_name_or_organisation_appears_in_any_public_output(
    client, coverage_page, redditch_lct, trained_county
):
    for url in (coverage_page.url, coverage_page.url + "csv/", redditch_lct.url):
        text = client.get(url).content.decode()
        assert PLANTED not in text
        assert "Redditch school 1" not in text
        assert "1st Scouts" not in text
    client.force_login(UserFactory())  # a partner sees aggregates only, too
    assert PLANTED not in client.get(coverage_page.url).content.decode()


def test_a_private_coverage_page_and_its_csv_are_for_signed_in_partners_only(
    client, coverage_page, trained_county
):
    PageViewRestriction.objects.create(page=coverage_page, restriction_type="login")
    assert client.get(coverage_page.url).status_code == 302
    assert client.get(coverage_page.url + "csv/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(coverage_page.url + "csv/").status_code == 200


def test_a_training_edit_retires_the_cached_coverage_page(client, coverage_page, trained_county):
    first = client.get(coverage_page.url)
    assert first[HEADER] == "miss"
    assert client.get(coverage_page.url)[HEADER] == "hit"
    TrainingRecordFactory(
        organisation=trained_county[2],
        course=trained_county[0].training_records.first().course,
        date=dt.date(2026, 11, 1),
    )
    again = client.get(coverage_page.url)
    assert again[HEADER] == "miss"
    assert "Redditch: 100% (3 of 3)" in again.content.decode()


def test_a_taxi_return_edit_retires_the_cached_lct_page(
    client, coverage_page, redditch_lct, trained_county
):
    client.get(redditch_lct.url)
    assert client.get(redditch_lct.url)[HEADER] == "hit"
    taxi = redditch_lct.area.taxi_returns.get()
    taxi.trained_drivers = 199
    taxi.save()
    response = client.get(redditch_lct.url)
    assert response[HEADER] == "miss"
    assert "199 of 200 licensed taxi drivers" in response.content.decode()


def test_the_lct_figures_and_link_are_only_for_those_who_may_open_the_coverage_page(
    client, coverage_page, redditch_lct, trained_county
):
    html = client.get(redditch_lct.url).content.decode()
    assert f'href="{coverage_page.url}"' in html and "CSE training in Redditch" in html
    PageViewRestriction.objects.create(page=coverage_page, restriction_type="login")
    html = client.get(redditch_lct.url).content.decode()
    assert f'href="{coverage_page.url}"' not in html
    assert "CSE training in Redditch" not in html and "150 of 200" not in html
    client.force_login(UserFactory())
    html = client.get(redditch_lct.url).content.decode()
    assert f'href="{coverage_page.url}"' in html and "150 of 200" in html


def test_no_lct_figures_while_the_coverage_page_is_unpublished(
    client, coverage_page, redditch_lct, trained_county
):
    coverage_page.unpublish()
    assert "CSE training in Redditch" not in client.get(redditch_lct.url).content.decode()


def test_an_lct_with_nothing_recorded_says_so_without_empty_charts(
    client, coverage_page, redditch_lct
):
    html = client.get(redditch_lct.url).content.decode()
    assert "No schools, youth groups or taxi licensing returns are recorded" in html
    assert 'role="img"' not in html


def test_a_long_refresh_period_does_not_take_the_coverage_pages_down(
    client, coverage_page, redditch
):
    """The course form accepts 99999 months on SQLite; coverage then overflows the calendar
    (year 10359) and the coverage page, its CSV, every LCT page and the gaps view answer 500.
    The form now refuses it (test_admin); a value already stored is still read safely."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's smallint column refuses 99999 months itself")
    course = CourseFactory(title="DSL refresher", refresh_months=99_999)
    TrainingRecordFactory(
        organisation=SchoolFactory(area=redditch), course=course, date=dt.date(2026, 6, 1)
    )
    assert client.get(coverage_page.url).status_code == 200
    assert client.get(coverage_page.url + "csv/").status_code == 200


def test_a_quarters_county_taxi_figure_says_how_many_districts_returned(
    client, coverage_page, redditch, wyre_forest
):
    TaxiLicensingReturnFactory(area=redditch, licensed_drivers=200, trained_drivers=150)
    html = client.get(coverage_page.url).content.decode()
    assert "150 of 200 (1 of 2 districts returned)" in html
    rows = list(
        csv.DictReader(io.StringIO(client.get(coverage_page.url + "csv/").content.decode()))
    )
    point = next(
        r for r in rows if r["Group"] == "Returns of the quarter" and r["Area"] != "Redditch"
    )
    assert point["Note"] == "1 of 2 districts returned"
    TaxiLicensingReturnFactory(area=wyre_forest, licensed_drivers=100, trained_drivers=10)
    html = client.get(coverage_page.url).content.decode()
    assert "160 of 300</td>" in html and "districts returned" not in html
