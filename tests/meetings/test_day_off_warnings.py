"""The meeting editor warns when a planned date falls on a bank holiday or Christmas Eve."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from meetings.enums import ExceptionAction, Frequency
from meetings.models import MeetingException, MeetingPage
from meetings.panels import day_off_warnings
from meetings.recurrence import LONDON
from tests.meetings.test_admin import post_meeting

# A page's content type is looked up in the database unless cached: every test may ask it.
pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 1, 9, tzinfo=LONDON)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return user


def fourth_thursdays(**fields):
    start = dt.datetime(2026, 11, 26, 10, tzinfo=LONDON)  # Dec 2026's is Christmas Eve
    return MeetingPage(
        title="Malvern Hills LCT",
        start=start,
        end=start + dt.timedelta(hours=1),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=6,
        **fields,
    )


def test_a_series_date_on_christmas_eve_is_named_in_a_warning():
    warnings = day_off_warnings(fourth_thursdays(), now=NOW)
    assert warnings == [
        "Thursday 24 December 2026 is Christmas Eve: cancel or move that meeting under "
        "“Cancelled or moved meetings of this series”."
    ]


def test_a_bank_holiday_is_named_by_its_name():
    start = dt.datetime(2027, 3, 15, 16, tzinfo=LONDON)  # third Mondays; 17 Apr 2028 is Easter
    meeting = MeetingPage(
        title="Worcester City LCT",
        start=start,
        end=start + dt.timedelta(hours=1),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=14,
    )
    warnings = day_off_warnings(meeting, now=NOW)
    assert len(warnings) == 1
    assert warnings[0].startswith("Monday 17 April 2028 is Easter Monday")


def test_a_date_already_cancelled_is_not_warned_about():
    meeting = fourth_thursdays()
    meeting.exceptions = [
        MeetingException(original_date=dt.date(2026, 12, 24), action=ExceptionAction.CANCEL)
    ]
    assert day_off_warnings(meeting, now=NOW) == []


def test_ordinary_dates_and_past_ones_give_no_warning():
    assert day_off_warnings(fourth_thursdays(), now=dt.datetime(2027, 1, 1, tzinfo=LONDON)) == []


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_editor_shows_the_warning_below_the_schedule_preview(client, editor, partnership):
    response = post_meeting(
        client,
        partnership,
        exceptions=[],
        start="2026-11-26 10:00",
        end="2026-11-26 11:00",
        frequency="monthly_weekday",
        ends_after="6",
    )
    assert response.status_code == 302, response.context["form"].errors
    meeting = MeetingPage.objects.get()
    page = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    warning = page.split("data-day-off-warnings")[1].split("</div>")[0]
    assert "Thursday 24 December 2026 is Christmas Eve" in warning
