"""Training's factories, the only ones for its models; every app's tests use these."""

import datetime as dt

import factory
import wagtail_factories

from meetings.recurrence import LONDON
from tests.directory.factories import AreaFactory, SchoolFactory
from tests.meetings.factories import VenueFactory
from training.enums import CourseAudience, LicenceCondition, RecordSource
from training.models import (
    Course,
    CourseAudienceLink,
    CoveragePage,
    TaxiLicensingReturn,
    TrainingRecord,
    TrainingSessionPage,
)


class CourseFactory(factory.django.DjangoModelFactory):
    """A two-yearly DSL course unless told otherwise; `audiences` lists its audiences."""

    title = factory.Sequence(lambda n: f"CSE awareness {n}")
    provider = "County safeguarding board"
    length = "Half a day"
    refresh_months = 24

    class Meta:
        model = Course
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create:
            for audience in extracted or [CourseAudience.DSL]:
                CourseAudienceLink.objects.create(course=self, audience=audience)

    class Params:
        never_expires = factory.Trait(refresh_months=None)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(SchoolFactory)
    course = factory.SubFactory(CourseFactory)
    date = dt.date(2026, 1, 15)
    number_trained = 1
    source = RecordSource.MANUAL

    class Meta:
        model = TrainingRecord


class TaxiLicensingReturnFactory(factory.django.DjangoModelFactory):
    area = factory.SubFactory(AreaFactory)
    year = 2026
    quarter = 3
    licensed_drivers = 200
    trained_drivers = 120
    condition = LicenceCondition.REQUIRED

    class Meta:
        model = TaxiLicensingReturn


class CoveragePageFactory(wagtail_factories.PageFactory):
    title = "Training coverage"
    slug = "training-coverage"

    class Meta:
        model = CoveragePage


class TrainingSessionPageFactory(wagtail_factories.PageFactory):
    """A morning session at a venue, 10 places, on 4 February 2027 (UK time); pass `area`
    (None for county-wide) and `parent` (the coverage page)."""

    title = factory.Sequence(lambda n: f"CSE awareness session {n}")
    course = factory.SubFactory(CourseFactory)
    start = dt.datetime(2027, 2, 4, 9, 30, tzinfo=LONDON)
    end = dt.datetime(2027, 2, 4, 12, 30, tzinfo=LONDON)
    venue = factory.SubFactory(VenueFactory)
    capacity = 10
    area = factory.SubFactory(AreaFactory)

    class Meta:
        model = TrainingSessionPage

    class Params:
        online_only = factory.Trait(venue=None, joining_link="https://meet.example.org/cse-101")
