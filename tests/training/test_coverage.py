"""Coverage arithmetic: in date, expiring within 90 days, not trained, at the boundaries."""

import datetime as dt

import pytest
import time_machine

from directory.enums import OrganisationKind, Phase
from tests.directory.factories import OrganisationFactory, SchoolFactory
from training.coverage import (
    area_figures,
    county_coverage,
    expires_on,
    organisation_statuses,
    status_for,
)
from training.enums import CourseAudience, Status
from training.quarters import Quarter

from .factories import CourseFactory, TaxiLicensingReturnFactory, TrainingRecordFactory

TODAY = dt.date(2026, 12, 7)
pytestmark = pytest.mark.django_db


def test_a_completion_expires_its_refresh_period_after_it_was_done():
    assert expires_on(dt.date(2024, 12, 7), 24) == dt.date(2026, 12, 7)
    assert expires_on(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert expires_on(dt.date(2020, 1, 1), None) == dt.date.max
    assert expires_on(dt.date(2026, 6, 1), 99_999) == dt.date.max  # beyond 9999: never


@pytest.mark.parametrize(
    ("expiry", "status"),
    [
        (TODAY - dt.timedelta(days=1), Status.NOT_TRAINED),
        (TODAY, Status.NOT_TRAINED),  # expires today: no longer in date
        (TODAY + dt.timedelta(days=1), Status.EXPIRING),
        (TODAY + dt.timedelta(days=90), Status.EXPIRING),
        (TODAY + dt.timedelta(days=91), Status.IN_DATE),
        (None, Status.NOT_TRAINED),
    ],
)
def test_status_at_the_boundaries(expiry, status):
    assert status_for(expiry, TODAY) == status


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
@pytest.mark.parametrize(
    ("trained_on", "status"),
    [
        (dt.date(2024, 12, 7), Status.NOT_TRAINED),  # expires today
        (dt.date(2025, 3, 7), Status.EXPIRING),  # expires 7 March 2027: in 90 days
        (dt.date(2025, 3, 8), Status.IN_DATE),  # 91 days
    ],
)
def test_an_organisations_status_follows_its_latest_record(redditch, trained_on, status):
    school = SchoolFactory(area=redditch)
    course = CourseFactory()
    TrainingRecordFactory(organisation=school, course=course, date=dt.date(2023, 1, 1))
    TrainingRecordFactory(organisation=school, course=course, date=trained_on)
    assert organisation_statuses([school])[school.pk][CourseAudience.DSL][0] == status
    figures = area_figures(redditch)
    assert (figures.schools.in_date, figures.schools.expiring, figures.schools.total) == (
        int(status == Status.IN_DATE),
        int(status == Status.EXPIRING),
        1,
    )


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_only_a_course_for_the_audience_counts(redditch):
    school = SchoolFactory(area=redditch)
    TrainingRecordFactory(
        organisation=school, course=CourseFactory(audiences=[CourseAudience.PARENTS])
    )
    TrainingRecordFactory(
        organisation=school,
        course=CourseFactory(audiences=[CourseAudience.SCHOOL_STAFF]),
        date=dt.date(2026, 6, 1),
    )
    statuses = organisation_statuses([school])[school.pk]
    assert statuses[CourseAudience.DSL][0] == Status.NOT_TRAINED
    assert statuses[CourseAudience.SCHOOL_STAFF][0] == Status.IN_DATE
    assert area_figures(redditch).schools.covered == 0


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_a_course_that_never_expires_stays_in_date(redditch):
    group = OrganisationFactory(kind=OrganisationKind.FAITH_YOUTH_GROUP, area=redditch)
    course = CourseFactory(audiences=[CourseAudience.YOUTH_LEADERS], never_expires=True)
    TrainingRecordFactory(organisation=group, course=course, date=dt.date(2010, 1, 1))
    figures = area_figures(redditch)
    assert (figures.youth_groups.in_date, figures.youth_groups.total) == (1, 1)
    faith = next(t for t in figures.youth_groups_by_kind if t.label == "Faith youth group")
    assert faith.in_date == 1


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_schools_are_counted_by_phase_and_district_and_the_county_adds_them_up(
    redditch, wyre_forest
):
    course = CourseFactory()
    for n, (area, phase, trained) in enumerate(
        [
            (redditch, Phase.PRIMARY, True),
            (redditch, Phase.PRIMARY, False),
            (redditch, Phase.SECONDARY, True),
            (wyre_forest, Phase.PRIMARY, False),
        ]
    ):
        school = SchoolFactory(area=area, phase=phase, urn=900000 + n)
        if trained:
            TrainingRecordFactory(organisation=school, course=course, date=dt.date(2026, 1, 1))
    coverage = county_coverage()
    by_name = {figures.name: figures for figures in coverage.districts}
    redditch_figures = by_name["Redditch"]
    assert (redditch_figures.schools.covered, redditch_figures.schools.total) == (2, 3)
    # Wyre Forest's one school is withheld, so Redditch (the next smallest) is too.
    assert redditch_figures.schools.suppressed == "complement"
    assert [(t.label, t.covered, t.total) for t in redditch_figures.schools_by_phase] == [
        ("Primary", 1, 2),
        ("Secondary", 1, 1),
    ]
    assert (by_name["Wyre Forest"].schools.covered, by_name["Wyre Forest"].schools.total) == (0, 1)
    assert (coverage.county.schools.covered, coverage.county.schools.total) == (2, 4)
    # The LCT page's own function gives the district the same figures.
    assert area_figures(redditch).schools == redditch_figures.schools


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_the_trend_counts_coverage_at_each_quarters_end(redditch):
    school = SchoolFactory(area=redditch)
    course = CourseFactory(refresh_months=6)
    TrainingRecordFactory(organisation=school, course=course, date=dt.date(2026, 2, 1))
    trend = {str(point.quarter): point.schools for point in area_figures(redditch).trend}
    assert trend["2025 Q4"].covered == 0  # not yet trained
    assert trend["2026 Q1"].covered == 1
    assert trend["2026 Q2"].covered == 1  # expires 1 August
    assert trend["2026 Q3"].covered == 0
    assert list(trend)[-1] == "2026 Q4"
    assert len(trend) == 8


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_taxi_drivers_come_from_each_districts_latest_return(redditch, wyre_forest):
    TaxiLicensingReturnFactory(area=redditch, year=2026, quarter=2, trained_drivers=50)
    TaxiLicensingReturnFactory(area=redditch, year=2026, quarter=3, trained_drivers=150)
    TaxiLicensingReturnFactory(
        area=wyre_forest, year=2026, quarter=3, licensed_drivers=100, trained_drivers=10
    )
    coverage = county_coverage()
    assert [(t.label, str(t.quarter), t.trained) for t in coverage.county.taxi_by_district] == [
        ("Redditch", "2026 Q3", 150),
        ("Wyre Forest", "2026 Q3", 10),
    ]
    assert (coverage.county.taxi.trained, coverage.county.taxi.licensed) == (160, 300)
    trend = {str(point.quarter): point.taxi for point in coverage.county.trend}
    assert (trend["2026 Q2"].trained, trend["2026 Q2"].licensed) == (50, 200)
    assert (trend["2026 Q3"].trained, trend["2026 Q3"].licensed) == (160, 300)
    assert area_figures(wyre_forest).taxi.percent == 10


def test_quarters_count_back_across_years():
    assert [str(q) for q in Quarter(2026, 2).last(4)] == [
        "2025 Q3",
        "2025 Q4",
        "2026 Q1",
        "2026 Q2",
    ]
    assert Quarter(2026, 4).last_day == dt.date(2026, 12, 31)
    assert Quarter.of(dt.date(2026, 4, 1)) == Quarter(2026, 2)
