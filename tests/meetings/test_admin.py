"""Editors get field-level messages in the Wagtail admin."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from meetings.models import MeetingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return user


def post_meeting(client, partnership, *, exceptions, **fields):
    data = {
        "title": "Partnership meeting",
        "slug": "partnership-meeting",
        "summary": "",
        "start": "2027-02-09 16:00",
        "end": "2027-02-09 17:30",
        "frequency": "monthly_weekday",
        "ends_after": "6",
        "ends_on": "",
        "venue": "",
        "joining_link": "https://meet.example.org/room",
        "agenda": streamfield([]),
        "papers": streamfield([]),
        "minutes": "",
        "minutes_visibility": "partners",
        "status": "scheduled",
        "cancellation_reason": "",
        "exceptions": inline_formset(exceptions),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return client.post(
        f"/admin/pages/add/meetings/meetingpage/{partnership.pk}/", nested_form_data(data)
    )


def change(original_date, action="cancel", **fields):
    return {
        "original_date": original_date,
        "action": action,
        "reason": "",
        "new_start": "",
        "new_end": "",
        "new_venue": "",
        **fields,
    }


def test_a_change_to_a_date_outside_the_series_is_refused_on_that_field(
    client, editor, partnership
):
    response = post_meeting(client, partnership, exceptions=[change("2027-02-10")])
    assert response.status_code == 200
    formset = response.context["form"].formsets["exceptions"]
    assert "original_date" in formset.forms[0].errors
    assert not MeetingPage.objects.exists()


def test_end_before_start_is_refused_on_the_end_field(client, editor, partnership):
    response = post_meeting(client, partnership, exceptions=[], end="2027-02-09 15:00")
    assert "end" in response.context["form"].errors


def test_a_good_series_with_a_moved_meeting_is_saved(client, editor, partnership):
    moved = change(
        "2027-03-09", action="move", new_start="2027-03-10 10:00", new_end="2027-03-10 11:00"
    )
    response = post_meeting(client, partnership, exceptions=[moved])
    assert response.status_code == 302, response.context["form"].errors
    meeting = MeetingPage.objects.get()
    assert meeting.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"
    assert meeting.exceptions.get().new_start.date() == dt.date(2027, 3, 10)
