"""iCalendar for meetings: one function builds a meeting's VEVENTs, one wraps them in a VCALENDAR.

Every feed (county, partnership, a member's private feed) and the single-meeting .ics use these
two, so what a calendar client sees is the same everywhere. No Django here: the models turn
a meeting into a `CalendarMeeting` and these functions are tested without a database.

Choices that real clients depend on:
- one VEVENT per series with RRULE, times with TZID=Europe/London and the canonical yearly
  Europe/London VTIMEZONE (one STANDARD, one DAYLIGHT rule), so the wall time an editor
  entered survives clock changes;
- a cancelled or moved occurrence is its own VEVENT with RECURRENCE-ID and a SEQUENCE above
  the series' (clients ignore an override with a lower one, iTIP clients one not higher);
- cancellations stay in the feed with STATUS:CANCELLED for `KEEP_CANCELLED`, so subscribed
  clients see them and drop them; older cancelled occurrences become EXDATEs.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vRecur,
    vUri,
)

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
    #: The occurrence's own public text (e.g. another venue's access notes), or None for
    #: the series'.
    description: str | None = None
    #: How often this change itself has been changed; the override's SEQUENCE is the series'
    #: plus this plus one.
    sequence: int = 0
    #: This occurrence's own page (its agenda, papers and minutes), or "" for the series'.
    url: str = ""


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
) -> list[Event]:
    """The VEVENTs for one meeting, from data already built for the viewer.

    Who sees what is decided once, when the data is built (`MeetingPage.calendar_data`): a
    public viewer's data has no joining link and no partners-only text, and this builder
    never checks the viewer again. `dtstamp` is the one export time; `now` decides which
    cancelled occurrences are old enough to become plain EXDATEs.
    """
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
        # One above the series' at least: clients had this occurrence at the series' SEQUENCE,
        # and an iTIP client ignores a change that does not rank above what it has.
        sequence = meeting.sequence + change.sequence + 1
        _common(override, meeting, dtstamp=dtstamp, sequence=sequence)
        override.add("recurrence-id", original)
        if change.url:
            override["url"] = vUri(change.url)
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
        own = (
            meeting
            if change.description is None
            else replace(meeting, description=change.description)
        )
        override.add("description", _description(own, extra=why))
        location = _location(meeting, change.location)
        if location:
            override.add("location", location)
        events.append(override)
    if exdates:
        master.add("exdate", exdates)
    return events


def vtimezone() -> Timezone:
    """Europe/London as Outlook and Google publish it: one STANDARD and one DAYLIGHT rule.

    Each observance repeats every year, so it holds for any date a client evaluates. British
    Summer Time starts on the last Sunday of March at 01:00 GMT and ends on the last Sunday of
    October at 02:00 BST; DTSTART is the local time before the change, as RFC 5545 asks.
    (A tz-database transition list started summer at 02:00 local and covered only a few
    years, so vobject read times across a clock change an hour off.)
    """
    timezone = Timezone()
    timezone.add("tzid", TZID)
    rules = (
        (TimezoneStandard, "GMT", dt.datetime(1970, 10, 25, 2), 1, 0, 10),
        (TimezoneDaylight, "BST", dt.datetime(1970, 3, 29, 1), 0, 1, 3),
    )
    for kind, name, first, offset_from, offset_to, month in rules:
        observance = kind()
        observance.add("tzname", name)
        observance.add("dtstart", first)
        observance.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        observance.add("tzoffsetto", dt.timedelta(hours=offset_to))
        observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        timezone.add_component(observance)
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
    cal.add_component(vtimezone())
    for event in events:
        cal.add_component(event)
    return cal


def scheduling_message(
    events: Sequence[Event],
    *,
    method: str,
    organizer: str,
    attendee: str,
    dtstamp: dt.datetime,
) -> Calendar:
    """An iTIP message (RFC 5546) sending these VEVENTs, built by `meeting_vevents`, to one
    attendee: METHOD:REQUEST invites or updates, METHOD:CANCEL cancels.

    The events keep the UID and SEQUENCE the feeds carry, so a client that has the meeting from
    a feed merges the two. RFC 5546 asks each VEVENT of a REQUEST or CANCEL for an ORGANIZER
    and at least one ATTENDEE; replies are not wanted (RSVP=FALSE). The events given are
    copied, never changed.
    """
    if method not in {"REQUEST", "CANCEL"}:
        raise ValueError(f"Not a method an organizer sends: {method}")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add_component(vtimezone())
    for source in events:
        event = Event.from_ical(source.to_ical())
        event.pop("DTSTAMP", None)
        event.add("dtstamp", _utc(dtstamp))
        event.add("organizer", f"mailto:{organizer}", parameters={"CN": "LCT Portal"})
        event.add(
            "attendee",
            f"mailto:{attendee}",
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )
        cal.add_component(event)
    return cal


__all__ = [
    "LONDON",
    "CalendarMeeting",
    "OccurrenceChange",
    "calendar",
    "meeting_vevents",
    "scheduling_message",
]
