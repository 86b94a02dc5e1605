"""Training records and taxi returns in the admin: the directory's area rule, role by role."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.directory.factories import SchoolFactory
from training.enums import CourseAudience, LicenceCondition
from training.models import Course, TaxiLicensingReturn, TrainingRecord

from .factories import CourseFactory, TaxiLicensingReturnFactory, TrainingRecordFactory

pytestmark = [pytest.mark.django_db]

#: Role -> district -> may the role open the edit view of a record of that district?
EXPECTED_EDIT = {
    "administrator": {"redditch": True, "wyre forest": True},
    "redditch coordinator": {"redditch": True, "wyre forest": False},
    "wyre forest coordinator": {"redditch": False, "wyre forest": True},
    "headteacher group editor": {"redditch": False, "wyre forest": False},
    "partner": {"redditch": False, "wyre forest": False},
}


@pytest.fixture
def records(county):
    course = CourseFactory(title="DSL refresher")
    records = {}
    for name, page in [("redditch", county.redditch), ("wyre forest", county.wyre_forest)]:
        school = SchoolFactory(name=f"{page.area.name} High School", area=page.area)
        records[name] = {
            "trainingrecord": TrainingRecordFactory(
                organisation=school, course=course, person_name=f"Trainee of {page.area.name}"
            ),
            "taxilicensingreturn": TaxiLicensingReturnFactory(area=page.area),
            "school": school,
        }
    return records


def url(kind, action, *args):
    return reverse(f"wagtailsnippets_training_{kind}:{action}", args=args)


@pytest.mark.parametrize("role", EXPECTED_EDIT)
@pytest.mark.parametrize("kind", ["trainingrecord", "taxilicensingreturn"])
def test_the_edit_view_follows_the_matrix(client, county, records, role, kind):
    client.force_login(county.users[role])
    answers = {
        area: client.get(url(kind, "edit", records[area][kind].pk)).status_code == 200
        for area in ("redditch", "wyre forest")
    }
    assert answers == EXPECTED_EDIT[role]


def test_a_coordinator_lists_only_their_own_districts_records(client, county, records):
    client.force_login(county.users["redditch coordinator"])
    body = client.get(url("trainingrecord", "list")).content.decode()
    assert "Trainee of Redditch" in body
    assert "Trainee of Wyre Forest" not in body
    assert "Wyre Forest High School" not in body


def test_another_districts_coordinator_cannot_open_a_records_history(client, county, records):
    client.force_login(county.users["wyre forest coordinator"])
    record = records["redditch"]["trainingrecord"]
    assert client.get(url("trainingrecord", "history", record.pk)).status_code != 200
    client.post(url("trainingrecord", "delete", record.pk))
    assert TrainingRecord.objects.filter(pk=record.pk).exists()


def record_data(organisation, course, **fields):
    return {
        "organisation": organisation.pk,
        "course": course.pk,
        "date": "2026-11-02",
        "number_trained": "3",
        "person_name": "",
        "source": "manual",
        "import_reference": "",
        **fields,
    }


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_a_coordinator_records_training_in_their_own_district_and_it_is_logged(
    client, county, records
):
    client.force_login(county.users["redditch coordinator"])
    school = records["redditch"]["school"]
    course = Course.objects.get()
    response = client.post(url("trainingrecord", "add"), record_data(school, course))
    assert response.status_code == 302
    record = TrainingRecord.objects.get(organisation=school, number_trained=3)
    entry = ModelLogEntry.objects.get(object_id=str(record.pk), action="wagtail.create")
    assert entry.user == county.users["redditch coordinator"]


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_a_coordinator_cannot_record_training_for_another_districts_school(client, county, records):
    client.force_login(county.users["redditch coordinator"])
    school = records["wyre forest"]["school"]
    response = client.post(url("trainingrecord", "add"), record_data(school, Course.objects.get()))
    assert response.status_code == 200
    assert "Wyre Forest High School is in Wyre Forest; you coordinate Redditch" in (
        response.content.decode()
    )
    assert not TrainingRecord.objects.filter(organisation=school, number_trained=3).exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_training_cannot_be_recorded_in_the_future(client, county, records):
    client.force_login(county.users["administrator"])
    school = records["redditch"]["school"]
    response = client.post(
        url("trainingrecord", "add"), record_data(school, Course.objects.get(), date="2026-12-08")
    )
    assert response.status_code == 200
    assert "Training cannot be recorded before it happens." in response.content.decode()


def return_data(area, **fields):
    return {
        "area": area.pk,
        "year": "2026",
        "quarter": "4",
        "licensed_drivers": "100",
        "trained_drivers": "40",
        "condition": LicenceCondition.AGREED,
        **fields,
    }


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_a_taxi_return_with_more_trained_than_licensed_drivers_is_refused(client, county):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(
        url("taxilicensingreturn", "add"),
        return_data(county.redditch.area, trained_drivers="101"),
    )
    assert response.status_code == 200
    assert "More drivers trained (101) than licensed (100)." in response.content.decode()
    assert not TaxiLicensingReturn.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_one_return_per_district_and_quarter(client, county, records):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(
        url("taxilicensingreturn", "add"), return_data(county.redditch.area, quarter="3")
    )
    assert response.status_code == 200
    assert "This district already has a return for this quarter." in response.content.decode()
    response = client.post(url("taxilicensingreturn", "add"), return_data(county.redditch.area))
    assert response.status_code == 302


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_a_coordinator_cannot_make_another_districts_return_nor_one_for_a_future_quarter(
    client, county
):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(url("taxilicensingreturn", "add"), return_data(county.wyre_forest.area))
    assert "Wyre Forest is not one of your districts" in response.content.decode()
    response = client.post(
        url("taxilicensingreturn", "add"),
        return_data(county.redditch.area, year="2027", quarter="1"),
    )
    assert "A return is for a quarter that has begun." in response.content.decode()
    assert not TaxiLicensingReturn.objects.exists()


def test_an_administrator_adds_a_course_with_its_audiences(client, county):
    client.force_login(county.users["administrator"])
    response = client.post(
        url("course", "add"),
        {
            "title": "Safer taxis",
            "audiences": [CourseAudience.TAXI_DRIVERS, CourseAudience.PARENTS],
            "provider": "Licensing team",
            "length": "2 hours",
            "refresh_months": "36",
            "outline": "",
        },
    )
    assert response.status_code == 302
    course = Course.objects.get(title="Safer taxis")
    assert sorted(course.audience_values) == ["parents", "taxi_drivers"]


def test_a_coordinator_reads_courses_but_cannot_add_one(client, county):
    CourseFactory(title="DSL refresher")
    client.force_login(county.users["redditch coordinator"])
    assert "DSL refresher" in client.get(url("course", "list")).content.decode()
    assert client.get(url("course", "add")).status_code != 200


def test_a_refresh_period_over_ten_years_is_refused(client, county):
    client.force_login(county.users["administrator"])
    data = {
        "title": "Forever",
        "audiences": [CourseAudience.DSL],
        "provider": "Safeguarding board",
        "length": "1 day",
        "refresh_months": "99999",
        "outline": "",
    }
    response = client.post(url("course", "add"), data)
    assert response.status_code == 200
    assert "At most 120 months (ten years)" in response.content.decode()
    assert client.post(url("course", "add"), {**data, "refresh_months": "120"}).status_code == 302


@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC))
def test_an_absurd_number_of_drivers_is_refused(client, county):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(
        url("taxilicensingreturn", "add"),
        return_data(
            county.redditch.area, licensed_drivers="99999999999999", trained_drivers="100001"
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("No district licenses more than 100,000 drivers in a quarter") == 2
    assert not TaxiLicensingReturn.objects.exists()


def test_the_record_chooser_lists_only_records_the_editor_may_view(client, county):
    """Records of another district are for its coordinators only; the snippet chooser lists
    every district's (course and date, with the id)."""
    far = TrainingRecordFactory(
        organisation=SchoolFactory(area=county.redditch.area),
        course=CourseFactory(title="Only in Redditch"),
    )
    client.force_login(county.users["wyre forest coordinator"])
    response = client.get("/admin/snippets/choose/training/trainingrecord/")
    body = response.content.decode()
    assert f"/chosen/{far.pk}/" not in body and "Only in Redditch" not in body
    assert response.status_code == 404  # records have no chooser at all
    response = client.get(f"/admin/snippets/choose/training/trainingrecord/chosen/{far.pk}/")
    assert response.status_code == 404


def test_where_a_record_is_used_is_for_those_who_may_view_it(client, county, records):
    far = records["redditch"]["trainingrecord"]
    client.force_login(county.users["wyre forest coordinator"])
    response = client.get(url("trainingrecord", "usage", far.pk))
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    client.force_login(county.users["redditch coordinator"])
    assert client.get(url("trainingrecord", "usage", far.pk)).status_code == 200


def test_history_titles_of_a_record_name_nothing(client, county, records):
    """Every editor with a training permission reads the site history: a record's title there
    is its number only, not its course, date, organisation or person."""
    record = records["redditch"]["trainingrecord"]
    client.force_login(county.users["redditch coordinator"])
    response = client.post(
        url("trainingrecord", "edit", record.pk),
        {
            "organisation": record.organisation.pk,
            "course": record.course.pk,
            "date": "2026-01-06",
            "number_trained": "1",
            "person_name": record.person_name,
            "source": record.source,
            "import_reference": "",
        },
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(object_id=str(record.pk), action="wagtail.edit")
    assert entry.label == f"Training record {record.pk}"
    client.force_login(county.users["wyre forest coordinator"])
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "DSL refresher" not in history and "Redditch High School" not in history
