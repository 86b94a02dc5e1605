"""Editors get field-level messages in the Wagtail admin."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from meetings.models import MeetingPage
from meetings.recurrence import LONDON

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return user


def meeting_data(*, exceptions=(), **fields):
    """A new meeting's editor submission: a monthly series unless `fields` say otherwise."""
    values = {
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
        "exceptions": inline_formset(list(exceptions)),
        "comments": inline_formset([]),
        **fields,
    }
    return nested_form_data(values)


def post_meeting(client, partnership, *, exceptions, **fields):
    return client.post(
        f"/admin/pages/add/meetings/meetingpage/{partnership.pk}/",
        meeting_data(exceptions=exceptions, **fields),
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


def test_a_start_in_the_missing_hour_is_refused_naming_the_date_and_the_change(
    client, editor, partnership
):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        frequency="none",
        ends_after="",
        start="2026-03-29 01:30",
        end="2026-03-29 03:00",
    )
    assert response.context["form"].errors["start"] == [
        "29 March 2026, 01:30 does not exist: the clocks go forward at 01:00."
    ]


def test_a_series_on_the_last_friday_of_february_is_saved_as_the_last_friday_of_each_month(
    client, editor, partnership
):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        start="2026-02-27 18:00",
        end="2026-02-27 19:00",
        frequency="monthly_last_weekday",
        ends_after="4",
    )
    assert response.status_code == 302, response.context["form"].errors
    assert MeetingPage.objects.get().rrule == "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"


def test_a_last_weekday_series_not_starting_on_one_is_refused_on_the_repeats_field(
    client, editor, partnership
):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        start="2026-02-20 18:00",
        end="2026-02-20 19:00",
        frequency="monthly_last_weekday",
        ends_after="4",
    )
    assert "27 February 2026" in response.context["form"].errors["frequency"][0]


def meeting_form(partnership, user, **fields):
    """The meeting editor's form for a new meeting, bound to a submission."""
    form_class = MeetingPage.get_edit_handler().get_form_class()
    values = {"frequency": "none", "ends_after": "", **fields}
    return form_class(
        meeting_data(**values),
        instance=MeetingPage(),
        for_user=user,
        parent_page=partnership,
    )


def test_a_date_typed_the_british_way_means_that_day_and_is_shown_the_same_way(editor, partnership):
    form = meeting_form(
        partnership, editor, start="09/12/2026 18:00", end="09/12/2026 19:30", ends_on=""
    )
    assert form.is_valid(), form.errors
    start = form.cleaned_data["start"].astimezone(LONDON)
    assert (start.date(), start.hour) == (dt.date(2026, 12, 9), 18)
    # The date picker writes (and so reads) what the widget shows for a stored time: day first.
    form_class = MeetingPage.get_edit_handler().get_form_class()
    shown = form_class(instance=MeetingPage(start=form.cleaned_data["start"]), for_user=editor)
    assert 'value="09/12/2026 18:00"' in str(shown["start"])


def test_a_date_that_cannot_be_read_is_refused_on_its_own_field(editor, partnership):
    form = meeting_form(partnership, editor, start="31/31/2026 18:00")
    assert not form.is_valid()
    assert "start" in form.errors


@time_machine.travel(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), tick=False)
def test_the_editor_shows_the_rule_in_words_and_the_next_six_dates_of_the_saved_draft(
    client, editor, partnership
):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        start="2026-01-30 18:00",
        end="2026-01-30 19:00",
        frequency="monthly_last_weekday",
        ends_after="8",
    )
    assert response.status_code == 302, response.context["form"].errors
    meeting = MeetingPage.objects.get()

    page = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    page = page.split("data-schedule-preview")[1].split("</div>")[0]

    assert "Every month on the last Friday, 8 times." in page
    assert "Friday 30 January 2026, 18:00" in page
    assert "Friday 26 June 2026, 18:00" in page
    assert "Friday 31 July 2026" not in page  # only the next six


def test_a_refused_rule_says_why_in_the_preview_too(client, editor, partnership):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        start="2026-02-20 18:00",
        end="2026-02-20 19:00",
        frequency="monthly_last_weekday",
        ends_after="4",
    )
    assert (
        "is not the last Friday of its month"
        in response.content.decode().split("data-schedule-preview")[1]
    )


def test_the_meeting_to_change_is_chosen_from_the_stored_series_dates(client, editor, partnership):
    response = post_meeting(client, partnership, exceptions=[change("2027-03-09")])
    assert response.status_code == 302, response.context["form"].errors
    meeting = MeetingPage.objects.get()

    form_class = MeetingPage.get_edit_handler().get_form_class()
    form = form_class(instance=meeting, for_user=editor, parent_page=partnership)
    formset = form.formsets["exceptions"]
    chosen = str(formset.forms[0]["original_date"])
    added = str(formset.empty_form["original_date"])

    assert "<select" in chosen
    assert '<option value="2027-03-09" selected>Tuesday 9 March 2027</option>' in chosen
    assert '<option value="2027-07-13">Tuesday 13 July 2027</option>' in added
    assert "2027-03-10" not in added


def test_a_meeting_moved_into_the_doubled_hour_is_refused_naming_the_change(
    client, editor, partnership
):
    moved = change(
        "2026-10-13", action="move", new_start="2026-10-25 01:30", new_end="2026-10-25 03:00"
    )
    response = post_meeting(
        client,
        partnership,
        exceptions=[moved],
        start="2026-10-13 16:00",
        end="2026-10-13 17:30",
    )
    formset = response.context["form"].formsets["exceptions"]
    assert formset.forms[0].errors["new_start"] == [
        "25 October 2026, 01:30 happens twice: the clocks go back at 02:00."
    ]
