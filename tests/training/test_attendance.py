"""The coordinator marks attendance in the admin; attending makes training records that
coverage counts, through the same records every other source makes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.directory.factories import SchoolFactory
from tests.factories import UserFactory
from tests.meetings.factories import publish
from training.attendance import AttendanceRefused, mark_attendance
from training.booking import Wanted, book
from training.coverage import area_figures, organisation_statuses
from training.enums import RecordSource, Status
from training.models import TrainingRecord

from .factories import TrainingSessionPageFactory

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
AFTER = dt.datetime(2027, 2, 5, 12, tzinfo=dt.UTC)


@pytest.fixture
def booked(coverage, county):
    """A Redditch session with two people of one school booked and one waiting."""
    with time_machine.travel(BEFORE, tick=False):
        session = publish(
            TrainingSessionPageFactory(parent=coverage, area=county.redditch.area, capacity=2)
        )
        school = SchoolFactory(area=county.redditch.area, name="Abbey Primary")
        bookings = book(
            session, school, [Wanted("Ann"), Wanted("Ben"), Wanted("Cat")], by=UserFactory()
        )
    return session, school, bookings


def test_attending_makes_one_session_record_each_and_coverage_counts_it(booked):
    session, school, (ann, ben, cat) = booked
    with time_machine.travel(AFTER, tick=False):
        assert organisation_statuses([school])[school.pk]["dsl"][0] == Status.NOT_TRAINED
        in_date_before = area_figures(school.area).schools.in_date
        assert mark_attendance(session, {ann.pk, cat.pk}) == (1, 0)  # Cat only waited
        record = TrainingRecord.objects.get()
        assert (record.organisation, record.course, record.date) == (
            school,
            session.course,
            dt.date(2027, 2, 4),
        )
        assert record.source == RecordSource.SESSION
        assert record.person_name == "Ann"
        assert record.import_reference == f"Session {session.pk}: {session.title}"
        assert organisation_statuses([school])[school.pk]["dsl"][0] == Status.IN_DATE
        assert area_figures(school.area).schools.in_date == in_date_before + 1
        # Marking again keeps one record; unmarking removes it.
        assert mark_attendance(session, {ann.pk, ben.pk}) == (1, 0)
        assert TrainingRecord.objects.count() == 2
        assert mark_attendance(session, {ben.pk}) == (0, 1)
        assert list(TrainingRecord.objects.values_list("person_name", flat=True)) == ["Ben"]
        ann.refresh_from_db()
        assert ann.attended is False and ann.record is None


def test_attendance_cannot_be_marked_before_the_session(booked):
    session, _school, (ann, _ben, _cat) = booked
    with time_machine.travel(BEFORE, tick=False), pytest.raises(AttendanceRefused):
        mark_attendance(session, {ann.pk})
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("administrator", True),
        ("redditch coordinator", True),
        ("wyre forest coordinator", False),
        ("partner", False),
    ],
)
def test_only_the_sessions_coordinators_see_and_mark_attendance(
    client, county, booked, role, allowed
):
    session, _school, (ann, _ben, _cat) = booked
    url = reverse("training_session_attendance", args=[session.pk])
    with time_machine.travel(AFTER, tick=False):
        client.force_login(county.users[role])
        response = client.get(url)
        if not allowed:
            assert response.status_code in (302, 403)
            assert b"Ann" not in response.content
            client.post(url, {"attended": [ann.pk]})
            assert not TrainingRecord.objects.exists()
            return
        assert response.status_code == 200
        page = response.content.decode()
        assert "Ann" in page and "Cat" in page
        response = client.post(url, {"attended": [ann.pk]})
        assert response.status_code == 302
        assert TrainingRecord.objects.get().person_name == "Ann"
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).content
        assert url.encode() in edit


def test_a_bad_attendance_post_says_so_and_changes_nothing(client, county, booked):
    session, _school, _bookings = booked
    url = reverse("training_session_attendance", args=[session.pk])
    with time_machine.travel(AFTER, tick=False):
        client.force_login(county.users["redditch coordinator"])
        response = client.post(url, {"attended": ["nonsense"]})
    assert response.status_code == 200
    assert b"Not a booking" in response.content
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(county.users["redditch coordinator"])
        response = client.post(url, {"attended": []})
    assert b"once the session has started" in response.content
    assert not TrainingRecord.objects.exists()
