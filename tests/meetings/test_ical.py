import dataclasses
import datetime as dt

from icalendar import Calendar

from meetings.enums import Frequency
from meetings.ical import CalendarMeeting, OccurrenceChange, calendar, meeting_vevents
from meetings.recurrence import LONDON, build_rrule

NOW = dt.datetime(2027, 1, 15, 12, tzinfo=dt.UTC)


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def series(**overrides):
    start = london(2027, 2, 9, 16)
    values = {
        "uid": "abc@lct-portal",
        "title": "Bromsgrove LCT",
        "url": "https://example.org/partnerships/bromsgrove/meeting/",
        "start": start,
        "end": start + dt.timedelta(hours=2),
        "rrule": build_rrule(Frequency.MONTHLY_WEEKDAY, start, count=12),
        "location": "Parkside Hall, Market Street, Bromsgrove, B61 8DA",
        "description": "Agenda:\n1. Welcome",
        "partners_description": "Minutes for partners",
        "joining_link": "https://meet.example.org/secret-room",
        "sequence": 2,
        "last_modified": NOW,
    }
    values.update(overrides)
    return CalendarMeeting(**values)


def for_viewer(meeting, *, partners):
    """The data as the model builds it for this viewer: no link or partners' text for the public."""
    if partners:
        return meeting
    return dataclasses.replace(
        meeting, joining_link="", partners_description="", online=bool(meeting.joining_link)
    )


def ics(meeting, *, partners=False, now=NOW):
    events = meeting_vevents(for_viewer(meeting, partners=partners), dtstamp=now, now=now)
    return calendar(events, name="Test", dtstamp=now).to_ical().decode()


def test_a_series_is_one_vevent_with_a_tzid_rrule():
    text = ics(series())
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/London:20270209T160000" in text
    assert "RRULE:FREQ=MONTHLY;COUNT=12;BYDAY=2TU" in text
    assert "UID:abc@lct-portal" in text
    assert "SEQUENCE:2" in text


def test_the_calendar_carries_its_name_time_zone_and_refresh_hints():
    text = ics(series())
    for line in (
        "X-WR-CALNAME:Test",
        "X-WR-TIMEZONE:Europe/London",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "TZOFFSETTO:+0100",
    ):
        assert line in text


def test_public_feeds_carry_no_joining_link_or_partners_text():
    public = ics(series())
    assert "secret-room" not in public
    assert "Minutes for partners" not in public
    partners = Calendar.from_ical(ics(series(), partners=True)).walk("VEVENT")[0]
    assert "secret-room" in str(partners["description"])
    assert "Minutes for partners" in str(partners["description"])


def test_cancelled_and_moved_occurrences_are_overrides_with_recurrence_id():
    meeting = series(
        changes=(
            OccurrenceChange(original_start=london(2027, 3, 9, 16), cancelled=True, reason="Snow"),
            OccurrenceChange(
                original_start=london(2027, 4, 13, 16),
                start=london(2027, 4, 14, 10),
                end=london(2027, 4, 14, 12),
                location="Library",
                sequence=1,
            ),
        )
    )
    events = Calendar.from_ical(ics(meeting)).walk("VEVENT")
    cancelled, moved = events[1], events[2]
    assert cancelled.decoded("recurrence-id") == london(2027, 3, 9, 16)
    assert str(cancelled["status"]) == "CANCELLED"
    assert "Snow" in str(cancelled["description"])
    assert moved.decoded("recurrence-id") == london(2027, 4, 13, 16)
    assert moved.decoded("dtstart") == london(2027, 4, 14, 10)
    assert str(moved["location"]).startswith("Library")
    assert all(str(event["uid"]) == "abc@lct-portal" for event in events)


def test_an_override_never_has_a_sequence_below_its_series():
    meeting = series(
        sequence=5,
        changes=(OccurrenceChange(original_start=london(2027, 3, 9, 16), cancelled=True),),
    )
    events = Calendar.from_ical(ics(meeting)).walk("VEVENT")
    assert events[1]["sequence"] >= events[0]["sequence"] == 5


def test_old_cancellations_become_exdates_after_the_keep_period():
    meeting = series(
        changes=(OccurrenceChange(original_start=london(2027, 3, 9, 16), cancelled=True),)
    )
    later = dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
    text = ics(meeting, now=later)
    assert "RECURRENCE-ID" not in text
    assert "EXDATE;TZID=Europe/London:20270309T160000" in text


def test_a_cancelled_series_stays_with_status_cancelled():
    text = ics(series(cancelled=True, cancellation_reason="Merged with Redditch"))
    assert "STATUS:CANCELLED" in text
    assert "Merged with Redditch" in text


def test_one_dtstamp_per_export_and_last_modified_in_utc():
    text = ics(series(changes=(OccurrenceChange(london(2027, 3, 9, 16), cancelled=True),)))
    assert text.count("DTSTAMP:20270115T120000Z") == 2
    assert "LAST-MODIFIED:20270115T120000Z" in text


def test_the_vtimezone_is_the_canonical_yearly_europe_london_one():
    text = ics(series(rrule=build_rrule(Frequency.WEEKLY, london(2027, 2, 9, 16), count=150)))
    (timezone,) = Calendar.from_ical(text).walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/London"
    standard, daylight = timezone.walk("STANDARD"), timezone.walk("DAYLIGHT")
    assert len(standard) == len(daylight) == 1
    lines = timezone.to_ical().decode().splitlines()
    # Summer time starts at 01:00 GMT, ends at 02:00 BST; every year, for any date.
    assert lines == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:STANDARD",
        "DTSTART:19701025T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZNAME:GMT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:BST",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    assert "RDATE" not in text


def test_the_public_feed_says_a_meeting_is_online_without_the_link():
    online_only = Calendar.from_ical(ics(series(location=""))).walk("VEVENT")[0]
    assert str(online_only["location"]) == "Online"
    assert "Online meeting (partners receive the joining link)." in str(online_only["description"])
    both = Calendar.from_ical(ics(series())).walk("VEVENT")[0]
    assert str(both["location"]) == "Parkside Hall, Market Street, Bromsgrove, B61 8DA; Online"
    partners = Calendar.from_ical(ics(series(location=""), partners=True)).walk("VEVENT")[0]
    assert str(partners["location"]) == "Online: https://meet.example.org/secret-room"


def test_the_builder_shows_what_the_data_holds_and_never_asks_about_the_viewer():
    # Who sees what is decided when the data is built; the builder never checks again.
    data = series(online=True)
    events = meeting_vevents(data, dtstamp=NOW, now=NOW)
    assert "secret-room" in str(events[0]["description"])
