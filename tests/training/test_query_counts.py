"""The coverage page, its CSV and an LCT page: the same queries for 10 and 400 organisations."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.page_cache import bump_version
from directory.enums import OrganisationKind
from directory.models import Organisation
from training.enums import CourseAudience
from training.models import TrainingRecord

from .factories import CourseFactory, TaxiLicensingReturnFactory

pytestmark = pytest.mark.django_db

KINDS = [
    OrganisationKind.SCHOOL,
    OrganisationKind.UNIFORMED_YOUTH_GROUP,
    OrganisationKind.FAITH_YOUTH_GROUP,
    OrganisationKind.TAXI_LICENSING,
]


@pytest.fixture(autouse=True)
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


def add_trained(count, areas, courses):
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Org {n:04d}",
            kind=KINDS[n % 4],
            urn=600000 + n if KINDS[n % 4] == OrganisationKind.SCHOOL else None,
            phase="primary" if KINDS[n % 4] == OrganisationKind.SCHOOL else "",
            area=areas[n % len(areas)],
        )
        for n in range(start, start + count)
    )
    TrainingRecord.objects.bulk_create(
        TrainingRecord(
            organisation=organisation,
            course=courses[n % len(courses)],
            date=dt.date(2025, 1 + n % 12, 1),
            person_name=f"Trainee {n}",
        )
        for n, organisation in enumerate(organisations)
        if n % 3
    )


def queries(client, url):
    client.get(url)  # warm what every request shares (site root paths, settings)
    bump_version()  # the page's own queries, not its copy in the page cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def county_data(redditch, wyre_forest):
    courses = [
        CourseFactory(audiences=[CourseAudience.DSL]),
        CourseFactory(audiences=[CourseAudience.YOUTH_LEADERS, CourseAudience.TAXI_DRIVERS]),
    ]
    for area in (redditch, wyre_forest):
        TaxiLicensingReturnFactory(area=area)
    return [redditch, wyre_forest], courses


@pytest.mark.parametrize("suffix", ["", "csv/"], ids=["page", "csv"])
def test_the_coverage_page_runs_the_same_queries_for_10_and_400_organisations(
    client, coverage_page, county_data, django_assert_num_queries, suffix
):
    areas, courses = county_data
    add_trained(10, areas, courses)
    url = coverage_page.url + suffix
    small = queries(client, url)
    add_trained(390, areas, courses)
    client.get(url)
    bump_version()
    with django_assert_num_queries(small):
        client.get(url)


def test_an_lct_page_runs_the_same_queries_for_10_and_400_organisations(
    client, redditch_lct, county_data, django_assert_num_queries
):
    areas, courses = county_data
    add_trained(10, areas, courses)
    small = queries(client, redditch_lct.url)
    add_trained(390, areas, courses)
    client.get(redditch_lct.url)
    bump_version()
    with django_assert_num_queries(small):
        client.get(redditch_lct.url)


@pytest.mark.scale
def test_the_coverage_page_runs_the_same_queries_for_10_and_24000_organisations(
    client, coverage_page, county_data, django_assert_num_queries
):
    areas, courses = county_data
    add_trained(10, areas, courses)
    small = queries(client, coverage_page.url)
    add_trained(23_990, areas, courses)
    client.get(coverage_page.url)
    bump_version()
    with django_assert_num_queries(small):
        response = client.get(coverage_page.url)
    html = response.content.decode()
    assert " of 6000</td>" in html  # a quarter of the organisations are schools
    assert "Trainee" not in html
