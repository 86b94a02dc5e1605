"""Recurrence an editor sets in plain words, stored as an RFC 5545 RRULE, expanded in local time.

Everything here works in Europe/London wall time: a meeting "every second Tuesday at 16:00"
stays at 16:00 on both sides of a clock change, so its UTC instant moves by an hour. dateutil
keeps the wall time when it is given an aware start in a `zoneinfo` zone, which is what we do.
No Django here: these functions are tested without a database.
"""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from .enums import Frequency

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC

#: Longest series an editor may set up: beyond this, clients and people lose track.
MAX_COUNT = 200
MAX_YEARS = 5
#: The years a meeting may be in: enough for any real schedule, and far enough from the ends
#: of the calendar that the feeds' time-zone arithmetic never overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2099

_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def local(moment: dt.datetime) -> dt.datetime:
    """The same instant as an aware Europe/London datetime (naive input is taken as London time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON)


def nth_weekday(day: dt.date) -> tuple[int, int]:
    """(n, weekday) of a date within its month: the 9th of a month that starts on a Tuesday is
    (2, 1). A date in the fifth week counts as the last (-1), which every month has."""
    n = (day.day - 1) // 7 + 1
    return (-1 if n == 5 else n), day.weekday()


def until_utc(until: dt.date) -> dt.datetime:
    """RFC 5545 wants UNTIL in UTC when DTSTART has a TZID: the end of that London day."""
    end_of_day = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=LONDON)
    return end_of_day.astimezone(UTC)


def build_rrule(
    frequency: str | None,
    start: dt.datetime,
    *,
    count: int | None = None,
    until: dt.date | None = None,
) -> str:
    """The RRULE value (without "RRULE:") for a frequency chosen in the admin; "" for none."""
    if frequency in (None, "", Frequency.NONE):
        return ""
    start = local(start)
    if frequency == Frequency.WEEKLY:
        parts = ["FREQ=WEEKLY"]
    elif frequency == Frequency.FORTNIGHTLY:
        parts = ["FREQ=WEEKLY", "INTERVAL=2"]
    elif frequency == Frequency.MONTHLY_WEEKDAY:
        n, weekday = nth_weekday(start.date())
        parts = ["FREQ=MONTHLY", f"BYDAY={n}{_WEEKDAYS[weekday]}"]
    elif frequency == Frequency.MONTHLY_DATE:
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={start.day}"]
    else:
        raise ValueError(f"Unknown frequency {frequency!r}")
    if count:
        parts.append(f"COUNT={int(count)}")
    elif until:
        parts.append(f"UNTIL={until_utc(until):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def describe(
    frequency: str | None,
    start: dt.datetime,
    *,
    count: int | None = None,
    until: dt.date | None = None,
) -> str:
    """The rule in words, for pages: "Every month on the second Tuesday, 6 times"."""
    start = local(start)
    if frequency in (None, "", Frequency.NONE):
        return ""
    weekday = start.strftime("%A")
    if frequency == Frequency.WEEKLY:
        words = f"Every {weekday}"
    elif frequency == Frequency.FORTNIGHTLY:
        words = f"Every other {weekday}"
    elif frequency == Frequency.MONTHLY_WEEKDAY:
        n, _day = nth_weekday(start.date())
        words = f"Every month on the {_ORDINALS[n]} {weekday}"
    else:
        words = f"Every month on day {start.day}"
    if count:
        words += f", {count} times"
    elif until:
        words += f", until {until.day} {until:%B %Y}"
    return words


def expand(
    start: dt.datetime, rrule: str, *, exdates: Iterable[dt.datetime] = ()
) -> list[dt.datetime]:
    """Every occurrence start of a series, as aware London datetimes, in order.

    A meeting without a rule has one occurrence. The rule must be finite (COUNT or UNTIL):
    the model never stores another kind.
    """
    start = local(start)
    starts = list(rrulestr(rrule, dtstart=start)) if rrule else [start]
    excluded = {local(moment) for moment in exdates}
    return [moment for moment in starts if moment not in excluded]


def year_error(value: dt.date | None) -> str:
    """A message if a date or time is outside the years meetings may be in, else ""."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return ""
    return f"Give a date between {FIRST_YEAR} and {LAST_YEAR}."


def series_errors(
    start: dt.datetime | None,
    end: dt.datetime | None,
    frequency: str | None,
    *,
    count: int | None = None,
    until: dt.date | None = None,
) -> dict[str, str]:
    """Field-keyed problems with a series as an editor set it up, {} when there are none."""
    errors: dict[str, str] = {
        name: year_error(value)
        for name, value in (("start", start), ("end", end), ("ends_on", until))
        if year_error(value)
    }
    if errors:
        return errors
    if start and end and end <= start:
        errors["end"] = "The meeting must end after it starts."
    if frequency in (None, "", Frequency.NONE) or not start:
        return errors
    if not count and not until:
        errors["ends_after"] = "Say when the series ends: after a number of meetings, or on a date."
        return errors
    if count and until:
        errors["ends_on"] = "Choose either a number of meetings or an end date, not both."
        return errors
    if count and count > MAX_COUNT:
        errors["ends_after"] = f"A series can have at most {MAX_COUNT} meetings."
        return errors
    if until and until > local(start).date() + relativedelta(years=MAX_YEARS):
        errors["ends_on"] = f"A series can last at most {MAX_YEARS} years."
        return errors
    if not expand(start, build_rrule(frequency, start, count=count, until=until)):
        errors["ends_on"] = "This rule gives no meetings: the end date is before the first one."
    return errors


def exception_errors(
    occurrence_starts: Iterable[dt.datetime],
    original_date: dt.date | None,
    *,
    move: bool = False,
    new_start: dt.datetime | None = None,
    new_end: dt.datetime | None = None,
) -> dict[str, str]:
    """Field-keyed problems with one cancelled or moved occurrence, {} when there are none.

    `occurrence_starts` are the series' occurrences; the changed one must be among them, and a
    moved one must not land on the day of another occurrence (two meetings on one day).
    """
    errors: dict[str, str] = {
        name: year_error(value)
        for name, value in (("new_start", new_start), ("new_end", new_end))
        if year_error(value)
    }
    if errors:
        return errors
    dates = {local(moment).date() for moment in occurrence_starts}
    if original_date not in dates:
        errors["original_date"] = "This date is not one of the series' meetings."
    if move:
        if not new_start:
            errors["new_start"] = "Give the new start for a moved meeting."
        if not new_end:
            errors["new_end"] = "Give the new end for a moved meeting."
        if new_start and new_end and new_end <= new_start:
            errors["new_end"] = "The meeting must end after it starts."
        if (
            new_start
            and "original_date" not in errors
            and local(new_start).date() != original_date
            and local(new_start).date() in dates
        ):
            errors["new_start"] = "Another meeting of the series is already on that day."
    return errors
