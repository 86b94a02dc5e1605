"""A coordinator's training gaps: their own districts' schools and groups not covered or
expiring, soonest first, and the one-click reminder to the DSL (sent, and in the history)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.directory.factories import OrganisationFactory, PersonFactory, SchoolFactory
from training.coverage import gaps
from training.enums import CourseAudience, Status
from training.reminders import REMINDER_ACTION

from .factories import CourseFactory, TrainingRecordFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def schools(county):
    course = CourseFactory(title="DSL refresher")
    redditch, wyre = county.redditch.area, county.wyre_forest.area
    made = {
        "in date": SchoolFactory(name="In Date School", area=redditch),
        "expiring": SchoolFactory(name="Expiring School", area=redditch),
        "never": SchoolFactory(name="Never Trained School", area=redditch),
        "far": SchoolFactory(name="Far Away School", area=wyre),
        "scouts": OrganisationFactory(
            name="Needlewood Scouts", kind="uniformed_youth_group", area=redditch
        ),
        "police": OrganisationFactory(name="Police team", kind="police", area=redditch),
    }
    TrainingRecordFactory(organisation=made["in date"], course=course, date=dt.date(2026, 1, 1))
    TrainingRecordFactory(organisation=made["expiring"], course=course, date=dt.date(2025, 1, 10))
    dsl = PersonFactory(name="Dana Designated", email="dana@example.org", private=True)
    dsl.organisation = made["expiring"]
    dsl.save()
    made["expiring"].dsl = dsl
    made["expiring"].save()
    return made


def test_gaps_are_the_schools_and_groups_not_in_date_expiring_first(schools):
    found = gaps(Q())
    names = [(g.organisation_id, g.status) for g in found]
    assert names[0] == (schools["expiring"].pk, Status.EXPIRING)
    assert {pk for pk, _status in names} == {
        schools["expiring"].pk,
        schools["never"].pk,
        schools["far"].pk,
        schools["scouts"].pk,
    }
    assert next(g for g in found if g.organisation_id == schools["scouts"].pk).audience == (
        CourseAudience.YOUTH_LEADERS
    )


def test_a_coordinator_sees_only_their_own_districts_gaps(client, county, schools):
    client.force_login(county.users["redditch coordinator"])
    body = client.get(reverse("training_gaps")).content.decode()
    assert "Expiring School" in body and "Never Trained School" in body
    assert "Needlewood Scouts" in body
    assert "Far Away School" not in body
    assert "In Date School" not in body
    assert "Police team" not in body
    assert body.index("Expiring School") < body.index("Never Trained School")


def test_one_click_sends_the_dsl_a_reminder_and_logs_it(client, county, schools):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(reverse("training_send_reminder", args=[schools["expiring"].pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["dana@example.org"]
    assert email.subject == "CSE training for Expiring School expires on 10 January 2027"
    assert "DSL refresher" in email.body
    entry = ModelLogEntry.objects.get(action=REMINDER_ACTION)
    assert entry.object_id == str(schools["expiring"].pk)
    assert entry.user == county.users["redditch coordinator"]


def test_no_reminder_without_a_dsl_address_nor_for_another_district(client, county, schools):
    client.force_login(county.users["redditch coordinator"])
    client.post(reverse("training_send_reminder", args=[schools["never"].pk]))
    assert mail.outbox == []
    response = client.post(reverse("training_send_reminder", args=[schools["far"].pk]))
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's refusal
    assert (
        client.get(reverse("training_send_reminder", args=[schools["expiring"].pk])).status_code
        == 405
    )
    assert mail.outbox == []


def test_a_partner_cannot_see_the_gaps(client, county, schools):
    client.force_login(county.users["partner"])
    assert client.get(reverse("training_gaps")).status_code in (302, 403)
    client.post(reverse("training_send_reminder", args=[schools["expiring"].pk]))
    assert mail.outbox == []


def test_the_gaps_view_runs_the_same_queries_for_few_and_many(
    client, county, schools, django_assert_num_queries
):
    client.force_login(county.users["redditch coordinator"])
    url = reverse("training_gaps")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(60):
        SchoolFactory(name=f"More School {n}", area=county.redditch.area)
    with django_assert_num_queries(len(small)):
        client.get(url)


@pytest.fixture
def covered_school(county):
    course = CourseFactory(title="DSL refresher")
    school = SchoolFactory(name="In Date School", area=county.redditch.area)
    dsl = PersonFactory(name="Dana Designated", email="dana@example.org", organisation=school)
    school.dsl = dsl
    school.save()
    TrainingRecordFactory(organisation=school, course=course, date=dt.date(2026, 6, 1))
    return school


def test_no_reminder_claims_no_training_to_a_school_in_date(client, county, covered_school):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(reverse("training_send_reminder", args=[covered_school.pk]), follow=True)
    assert mail.outbox == [], mail.outbox and mail.outbox[0].body
    assert "In Date School's CSE training is in date until 1 June 2028: no reminder sent." in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_repeated_clicks_send_one_reminder(client, county, covered_school):
    school = SchoolFactory(name="Never Trained", area=county.redditch.area)
    dsl = PersonFactory(name="Nia Never", email="nia@example.org", organisation=school)
    school.dsl = dsl
    school.save()
    client.force_login(county.users["redditch coordinator"])
    for _ in range(3):
        response = client.post(reverse("training_send_reminder", args=[school.pk]), follow=True)
    assert len(mail.outbox) == 1
    assert "Never Trained has already been sent a reminder today" in response.content.decode()
    with time_machine.travel(dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC), tick=False):
        client.post(reverse("training_send_reminder", args=[school.pk]))
    assert len(mail.outbox) == 2  # the next day, one more


def test_a_name_with_a_line_break_from_the_schools_register_does_not_break_the_reminder(
    client, county
):
    """The GIAS import writes names in bulk, without the control-character rule; the reminder
    puts the name in the Subject header and Django refuses it (BadHeaderError: a 500)."""
    school = SchoolFactory(name="Forest Edge First School", area=county.redditch.area)
    dsl = PersonFactory(name="Nia Never", email="nia@example.org", organisation=school)
    type(school).objects.filter(pk=school.pk).update(
        name="Forest Edge\r\nFirst School", dsl=dsl
    )  # as directory.importing's bulk_update leaves it
    client.force_login(county.users["redditch coordinator"])
    response = client.post(reverse("training_send_reminder", args=[school.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "\n" not in mail.outbox[0].subject
