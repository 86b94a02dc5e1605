"""A record per occurrence: each date of a series has its own agenda, papers and minutes, on
its own page, with papers from their publication date and minutes at their visibility (the
page and the document download ask the same rule)."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from icalendar import Calendar

from core.enums import Visibility
from core.page_cache import bump_version
from meetings import feeds
from meetings.days_off import publication_day
from meetings.enums import ExceptionAction, Frequency
from meetings.models import MeetingException
from meetings.records import AgendaItem, MinutesStatus, OccurrenceRecord
from meetings.recurrence import LONDON
from tests.factories import UserFactory
from tests.resources.factories import DocumentFactory

from .factories import MeetingPageFactory, OccurrenceRecordFactory, PaperFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

DECEMBER, NOVEMBER, FEBRUARY = dt.date(2026, 12, 8), dt.date(2026, 11, 10), dt.date(2027, 2, 9)


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def text(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def served(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def series(partnership):
    """Second Tuesday monthly from September 2026: four past dates before NOW (10 Jan 2027)."""
    meeting = MeetingPageFactory(
        parent=partnership,
        title="Bromsgrove LCT meeting",
        slug="lct-meeting",
        start=london(2026, 9, 8, 16),
        end=london(2026, 9, 8, 18),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=8,
        agenda=[
            ("item", {"title": "Apologies", "lead": "Chair", "papers": []}),
            ("item", {"title": "Online grooming update", "lead": "Police", "papers": []}),
        ],
    )
    meeting.save_revision().publish()
    return meeting


def occurrence_url(meeting, day):
    return f"{meeting.url}{day:%Y-%m-%d}/"


def test_a_new_record_starts_from_the_series_default_agenda(series):
    record = OccurrenceRecordFactory(meeting=series, date=DECEMBER)

    assert [item.title for item in record.agenda_items.all()] == [
        "Apologies",
        "Online grooming update",
    ]
    assert record.agenda_items.first().lead == "Chair"


def test_a_record_is_only_for_a_date_the_series_meets_on(series):
    record = OccurrenceRecord(meeting=series, date=dt.date(2026, 12, 9))

    with pytest.raises(ValidationError) as error:
        record.full_clean()

    assert "does not meet on 9 December 2026" in str(error.value.message_dict["date"])


def test_agreed_minutes_need_the_later_meeting_that_agreed_them(series):
    record = OccurrenceRecord(meeting=series, date=DECEMBER, minutes_status=MinutesStatus.AGREED)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "minutes_agreed_on" in error.value.message_dict

    record.minutes_agreed_on = DECEMBER
    with pytest.raises(ValidationError):
        record.full_clean()

    record.minutes_agreed_on = dt.date(2027, 1, 12)
    record.full_clean()


def test_two_occurrences_carry_their_own_agenda_papers_and_minutes(client, series):
    november = OccurrenceRecordFactory(
        meeting=series,
        date=NOVEMBER,
        minutes_text="<p>November discussed taxi licensing.</p>",
        minutes_visibility=Visibility.PUBLIC,
        minutes_status=MinutesStatus.AGREED,
        minutes_agreed_on=DECEMBER,
    )
    AgendaItem.objects.create(record=november, title="Taxi drivers as eyes and ears", sort_order=9)
    PaperFactory(record=november, title="Licensing report", document=DocumentFactory())
    december = OccurrenceRecordFactory(
        meeting=series,
        date=DECEMBER,
        minutes_document=DocumentFactory(title="December minutes"),
        minutes_visibility=Visibility.PUBLIC,
    )
    AgendaItem.objects.create(record=december, title="Schools' training programme", sort_order=9)
    PaperFactory(record=december, title="Training coverage", document=DocumentFactory())

    first = text(client.get(occurrence_url(series, NOVEMBER)))
    second = text(client.get(occurrence_url(series, DECEMBER)))

    assert "Taxi drivers as eyes and ears" in first and "Taxi drivers" not in second
    assert "Schools' training programme" in second and "training programme" not in first
    assert "Licensing report" in first and "Licensing report" not in second
    assert "Training coverage" in second and "Training coverage" not in first
    assert "November discussed taxi licensing" in first and "Agreed" in first
    assert "December minutes" in second and "Draft" in second
    assert "December minutes" not in first


def test_the_series_page_links_each_occurrence_and_lists_past_minutes(client, series):
    OccurrenceRecordFactory(
        meeting=series, date=NOVEMBER, minutes_text="<p>Done.</p>", minutes_visibility="public"
    )

    response = client.get(series.url)

    page = BeautifulSoup(response.content, "html.parser")
    links = {a["href"] for a in page.find_all("a")}
    assert occurrence_url(series, NOVEMBER) in links  # past meetings with minutes
    assert occurrence_url(series, dt.date(2027, 1, 12)) in links  # coming meetings


def test_a_date_the_series_does_not_meet_on_has_no_page(client, series):
    assert client.get(occurrence_url(series, dt.date(2026, 12, 9))).status_code == 404
    assert client.get(f"{series.url}2026-13-45/").status_code == 404


def test_an_occurrence_without_a_record_shows_the_usual_agenda(client, series):
    body = text(client.get(occurrence_url(series, FEBRUARY)))

    assert "the agenda for this date has not been published yet" in body
    assert "Online grooming update" in body


def test_partners_only_minutes_are_refused_to_anonymous_visitors_on_the_page_and_as_a_file(
    client, series
):
    minutes = DocumentFactory(title="Confidential minutes")
    OccurrenceRecordFactory(
        meeting=series,
        date=DECEMBER,
        minutes_document=minutes,
        minutes_visibility=Visibility.PARTNERS,
    )

    body = text(client.get(occurrence_url(series, DECEMBER)))
    assert "Confidential minutes" not in body
    assert "The minutes are for partners" in body
    assert served(client, minutes.url) != 200

    client.force_login(UserFactory())
    assert "Confidential minutes" in text(client.get(occurrence_url(series, DECEMBER)))
    assert served(client, minutes.url) == 200


def test_public_minutes_of_an_unpublished_meeting_are_not_served(client, series):
    minutes = DocumentFactory()
    OccurrenceRecordFactory(
        meeting=series, date=DECEMBER, minutes_document=minutes, minutes_visibility="public"
    )
    assert served(client, minutes.url) == 200

    series.unpublish()

    assert served(client, minutes.url) != 200


def test_papers_are_shown_and_served_from_their_publication_date(client, series):
    record = OccurrenceRecordFactory(meeting=series, date=FEBRUARY)
    paper = PaperFactory(record=record, title="Action plan progress", document=DocumentFactory())
    assert paper.publish_on == dt.date(2027, 2, 1)  # five clear working days before

    body = text(client.get(occurrence_url(series, FEBRUARY)))
    assert "Action plan progress" not in body
    assert "Papers will be published on Monday 1 February 2027" in body
    assert served(client, paper.document.url) != 200

    with time_machine.travel(london(2027, 2, 1, 9), tick=False):
        assert "Action plan progress" in text(client.get(occurrence_url(series, FEBRUARY)))
        assert served(client, paper.document.url) == 200


def test_a_partners_only_paper_is_for_partners(client, series):
    record = OccurrenceRecordFactory(meeting=series, date=DECEMBER)
    paper = PaperFactory(
        record=record, title="Case themes", document=DocumentFactory(), visibility="partners"
    )

    assert "Case themes" not in text(client.get(occurrence_url(series, DECEMBER)))
    assert served(client, paper.document.url) != 200
    client.force_login(UserFactory())
    assert "Case themes" in text(client.get(occurrence_url(series, DECEMBER)))
    assert served(client, paper.document.url) == 200


def test_five_clear_working_days_skip_weekends_and_bank_holidays():
    # Tuesday 9 February 2027: Tue 2 to Mon 8 are the five clear days.
    assert publication_day(dt.date(2027, 2, 9)) == dt.date(2027, 2, 1)
    # Thursday 1 April 2027: Good Friday and Easter Monday are no working days.
    assert publication_day(dt.date(2027, 4, 1)) == dt.date(2027, 3, 22)


def test_a_moved_occurrence_in_the_feed_points_at_its_own_page(series):
    MeetingException.objects.create(
        page=series,
        original_date=FEBRUARY,
        action=ExceptionAction.MOVE,
        new_start=london(2027, 2, 10, 16),
        new_end=london(2027, 2, 10, 18),
    )
    series.save_revision().publish()
    series.refresh_from_db()

    body = feeds.build_feed([series], user=None, name="Test")
    events = Calendar.from_ical(body).walk("VEVENT")

    override = next(event for event in events if event.get("recurrence-id"))
    assert str(override["url"]).endswith("/lct-meeting/2027-02-09/")


@pytest.mark.parametrize("size", [1, 6])
def test_the_occurrence_page_takes_the_same_queries_at_any_size(
    client, series, size, django_assert_num_queries
):
    record = OccurrenceRecordFactory(
        meeting=series,
        date=DECEMBER,
        minutes_document=DocumentFactory(),
        minutes_visibility="public",
    )
    for number in range(size):
        AgendaItem.objects.create(record=record, title=f"Item {number}", sort_order=10 + number)
        PaperFactory(record=record, document=DocumentFactory())
    url = occurrence_url(series, DECEMBER)
    client.get(url)  # warm the site and locale caches
    bump_version()  # count the page's own rendering, not the page cache's copy

    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


#: Queries for one occurrence page, whatever the number of items and papers.
QUERIES = 22
