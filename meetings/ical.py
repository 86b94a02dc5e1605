"""iCalendar for meetings: one function builds a meeting's VEVENTs, one wraps them in a VCALENDAR.

Every feed (county, partnership, a member's private feed) and the single-meeting .ics use these
two, so what a calendar client sees is the same everywhere. No Django here: the models turn
a meeting into a `CalendarMeeting` and these functions are tested without a database.

Choices that real clients depend on:
- one VEVENT per series with RRULE, times with TZID=Europe/London and a VTIMEZONE covering
  the dates used, so the wall time an editor entered survives clock changes;
- a cancelled or moved occurrence is its own VEVENT with RECURRENCE-ID and a SEQUENCE never
  below the series' (clients ignore an override with a lower one);
- cancellations stay in the feed with STATUS:CANCELLED for `KEEP_CANCELLED`, so subscribed
  clients see them and drop them; older cancelled occurrences become EXDATEs.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from icalendar import Calendar, Event, Timezone, vRecur

from core.text import one_line

from .recurrence import LONDON, expand, local

PRODID = "-//LCT Portal//Meetings//EN"
TZID = "Europe/London"
#: How long a cancelled occurrence stays in a feed as STATUS:CANCELLED: clients drop it only if
#: they see it, so it stays well beyond the 90 days every subscriber must be given.
KEEP_CANCELLED = dt.timedelta(days=180)
#: How often clients should fetch a feed again.
REFRESH = dt.timedelta(hours=1)  # keep X-PUBLISHED-TTL below in step


@dataclass(frozen=True)
class OccurrenceChange:
    """One occurrence of a series cancelled or moved, as the feed should show it."""

    original_start: dt.datetime
    cancelled: bool = False
    reason: str = ""
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    #: The new place, or "" to keep the series' place.
    location: str = ""
    #: How often this change itself has been changed; added to the series' SEQUENCE.
    sequence: int = 0


@dataclass(frozen=True)
class CalendarMeeting:
    """What a calendar needs to know about a meeting, whoever may see it."""

    uid: str
    title: str
    url: str
    start: dt.datetime
    end: dt.datetime
    rrule: str = ""
    location: str = ""
    #: Plain text any viewer may read: agenda, papers, access notes.
    description: str = ""
    #: Plain text for partners only, e.g. partners-only minutes: set only in data built for a
    #: partner (the model decides who sees what; this builder never checks the viewer).
    partners_description: str = ""
    #: The online joining link, set only in data built for a partner.
    joining_link: str = ""
    #: Whether the meeting can be joined online, told to every viewer (without the link).
    online: bool = False
    cancelled: bool = False
    cancellation_reason: str = ""
    sequence: int = 0
    created: dt.datetime | None = None
    last_modified: dt.datetime | None = None
    changes: tuple[OccurrenceChange, ...] = field(default_factory=tuple)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _description(meeting: CalendarMeeting, *, extra: str = "") -> str:
    parts = [extra] if extra else []
    if meeting.description:
        parts.append(meeting.description)
    if meeting.joining_link:
        parts.append(f"Join online: {meeting.joining_link}")
    elif meeting.online:
        parts.append("Online meeting (partners receive the joining link).")
    if meeting.partners_description:
        parts.append(meeting.partners_description)
    parts.append(f"Details: {meeting.url}")
    return "\n\n".join(parts)


def _location(meeting: CalendarMeeting, location: str) -> str:
    location = location or meeting.location
    if meeting.joining_link or meeting.online:
        online = f"Online: {meeting.joining_link}" if meeting.joining_link else "Online"
        location = f"{location}; {online}" if location else online
    return location


def _common(event: Event, meeting: CalendarMeeting, *, dtstamp: dt.datetime, sequence: int) -> None:
    event.add("uid", meeting.uid)
    event.add("dtstamp", _utc(dtstamp))
    event.add("sequence", sequence)
    if meeting.created:
        event.add("created", _utc(meeting.created))
    if meeting.last_modified:
        event.add("last-modified", _utc(meeting.last_modified))
    event.add("url", meeting.url)


def meeting_vevents(
    meeting: CalendarMeeting,
    *,
    dtstamp: dt.datetime,
    now: dt.datetime,
    partners: bool | None = None,
) -> list[Event]:
    """The VEVENTs for one meeting, from data already built for the viewer.

    Who sees what is decided once, when the data is built (`MeetingPage.calendar_data`): a
    public viewer's data has no joining link and no partners-only text, and this builder
    never checks the viewer again. `partners` is ignored (kept so that callers not yet
    updated still work). `dtstamp` is the one export time; `now` decides which cancelled
    occurrences are old enough to become plain EXDATEs.
    """
    del partners
    start, end = local(meeting.start), local(meeting.end)
    status = "CANCELLED" if meeting.cancelled else "CONFIRMED"
    master = Event()
    _common(master, meeting, dtstamp=dtstamp, sequence=meeting.sequence)
    summary = f"Cancelled: {meeting.title}" if meeting.cancelled else meeting.title
    master.add("summary", summary)
    master.add("dtstart", start)
    master.add("dtend", end)
    master.add("status", status)
    extra = f"Cancelled: {meeting.cancellation_reason}" if meeting.cancelled else ""
    if meeting.cancelled and not meeting.cancellation_reason:
        extra = "This meeting is cancelled."
    master.add("description", _description(meeting, extra=extra))
    location = _location(meeting, "")
    if location:
        master.add("location", location)

    events = [master]
    if not meeting.rrule:
        return events
    master.add("rrule", vRecur.from_ical(meeting.rrule))

    occurrences = set(expand(start, meeting.rrule))
    duration = end - start
    exdates = []
    for change in sorted(meeting.changes, key=lambda c: c.original_start):
        original = local(change.original_start)
        if original not in occurrences:
            continue  # the series changed under it; validation stops this in the admin
        if change.cancelled and _utc(original) < _utc(now) - KEEP_CANCELLED:
            exdates.append(original)
            continue
        override = Event()
        _common(override, meeting, dtstamp=dtstamp, sequence=meeting.sequence + change.sequence)
        override.add("recurrence-id", original)
        new_start = local(change.start) if change.start else original
        new_end = local(change.end) if change.end else new_start + duration
        cancelled = change.cancelled or meeting.cancelled
        override.add("summary", f"Cancelled: {meeting.title}" if cancelled else meeting.title)
        override.add("dtstart", new_start)
        override.add("dtend", new_end)
        override.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if change.cancelled:
            why = f"Cancelled: {change.reason}" if change.reason else "This meeting is cancelled."
        else:
            why = f"Moved from {original:%A %-d %B %Y, %H:%M}."
            if change.reason:
                why += f" {change.reason}"
        override.add("description", _description(meeting, extra=why))
        location = _location(meeting, change.location)
        if location:
            override.add("location", location)
        events.append(override)
    if exdates:
        master.add("exdate", exdates)
    return events


def _span(events: Sequence[Event]) -> tuple[dt.date, dt.date] | None:
    """The first and last dates the calendar's times fall on, for its VTIMEZONE."""
    moments: list[dt.datetime] = []
    for event in events:
        for name in ("dtstart", "dtend", "recurrence-id"):
            if name in event:
                moments.append(event.decoded(name))
        if "rrule" in event:
            rule: Any = event["rrule"]  # a vRecur; icalendar types it as any property
            moments.extend(expand(event.decoded("dtstart"), rule.to_ical().decode()))
    if not moments:
        return None
    dates = [local(moment).date() for moment in moments]
    return min(dates), max(dates)


def vtimezone(first: dt.date, last: dt.date) -> Timezone:
    """Europe/London from the tz database, covering these dates, one RDATE value per line.

    icalendar writes a transition list as one multi-valued RDATE; ical.js (Thunderbird's
    parser) reads only the first value of each RDATE, and so got every later clock change
    wrong. One value per property reads the same in every parser. A year either side,
    because clients also evaluate times just outside the events' own dates.
    """
    timezone = Timezone.from_tzid(
        TZID, first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
    )
    for observance in timezone.subcomponents:
        if "RDATE" not in observance:
            continue
        # One vDDDLists, or a list of them; icalendar types it as any property.
        rdates: Any = observance["RDATE"]
        rdates = rdates if isinstance(rdates, list) else [rdates]
        moments = [moment.dt for rdate in rdates for moment in rdate.dts]
        del observance["RDATE"]
        for moment in moments:
            observance.add("rdate", moment)
    return timezone


def calendar(
    events: Sequence[Event], *, name: str, dtstamp: dt.datetime, description: str = ""
) -> Calendar:
    """A VCALENDAR holding these VEVENTs, with a Europe/London VTIMEZONE covering their dates."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # icalendar refuses a line break here (a title saved before titles were tidied).
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", TZID)
    if description:
        cal.add("x-wr-caldesc", one_line(description))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    span = _span(events)
    if span is None:
        first = last = local(dtstamp).date()
    else:
        first, last = span
    cal.add_component(vtimezone(first, last))
    for event in events:
        cal.add_component(event)
    return cal


__all__ = ["LONDON", "CalendarMeeting", "OccurrenceChange", "calendar", "meeting_vevents"]
