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


def is_last_weekday(day: dt.date) -> bool:
    """Whether no later date of the month falls on the same weekday (the last Friday, etc.)."""
    return (day + dt.timedelta(days=7)).month != day.month


def last_weekday_of_month(day: dt.date) -> dt.date:
    """The last date of `day`'s month on `day`'s weekday."""
    while not is_last_weekday(day):
        day += dt.timedelta(days=7)
    return day


def _ordinal_day(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def long_date(day: dt.date) -> str:
    """A date as an editor reads it: "29 March 2026"."""
    return f"{day.day} {day:%B %Y}"


def clock_change_error(moment: dt.datetime) -> str:
    """A message if a London wall time falls in the missing or doubled hour of a clock change.

    `moment` is naive (wall time) or aware in Europe/London; "" when the time is unambiguous.
    """
    wall = moment.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=LONDON, fold=0), wall.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    # The change happens between the two offsets' readings of this wall time; find its minute.
    early, late = sorted((first.astimezone(UTC), second.astimezone(UTC)))
    while late - early > dt.timedelta(minutes=1):
        middle = early + (late - early) / 2
        if middle.astimezone(LONDON).utcoffset() == early.astimezone(LONDON).utcoffset():
            early = middle
        else:
            late = middle
    offset_before = early.astimezone(LONDON).utcoffset() or dt.timedelta()
    offset_after = late.astimezone(LONDON).utcoffset() or dt.timedelta()
    change_at = (late + offset_before).replace(tzinfo=None)  # the clock as it changes
    when = f"{long_date(wall.date())}, {wall:%H:%M}"
    if offset_after > offset_before:  # the clocks go forward: this wall time is skipped
        return f"{when} does not exist: the clocks go forward at {change_at:%H:%M}."
    return f"{when} happens twice: the clocks go back at {change_at:%H:%M}."


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
    elif frequency == Frequency.MONTHLY_LAST_WEEKDAY:
        parts = ["FREQ=MONTHLY", f"BYDAY=-1{_WEEKDAYS[start.weekday()]}"]
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
    elif frequency == Frequency.MONTHLY_LAST_WEEKDAY:
        words = f"Every month on the last {weekday}"
    else:
        words = f"Every month on day {start.day}"
        if start.day > 28:  # RFC 5545 skips a month without that day; say so
            words += f" (months without a {_ordinal_day(start.day)} are skipped)"
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
    if start and clock_change_error(local(start)):
        errors["start"] = clock_change_error(local(start))
        return errors
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
    if frequency == Frequency.MONTHLY_LAST_WEEKDAY and not is_last_weekday(local(start).date()):
        day = local(start).date()
        errors["frequency"] = (
            f"{long_date(day)} is not the last {day:%A} of its month: start the series on "
            f"{long_date(last_weekday_of_month(day))}, or choose another way to repeat."
        )
        return errors
    starts = expand(start, build_rrule(frequency, start, count=count, until=until))
    if not starts:
        errors["ends_on"] = "This rule gives no meetings: the end date is before the first one."
    for moment in starts:
        problem = clock_change_error(moment)
        if problem:
            errors["start"] = f"One of the series' meetings falls in a clock change: {problem}"
            break
    return errors


def nearest_dates_hint(dates: Iterable[dt.date], day: dt.date | None) -> str:
    """The series' dates either side of `day` in words ("The nearest are 9 March 2027 and
    13 April 2027."), so an editor can pick a real meeting; "" when there are none."""
    ordered = sorted(dates)
    if day is not None:
        before = [d for d in ordered if d < day][-1:]
        after = [d for d in ordered if d > day][:1]
        ordered = before + after
    nearest = [long_date(d) for d in ordered[:2]]
    if not nearest:
        return ""
    if len(nearest) == 1:
        return f" The nearest is {nearest[0]}."
    return f" The nearest are {nearest[0]} and {nearest[1]}."


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
        errors["original_date"] = "This date is not one of the series' meetings." + (
            nearest_dates_hint(dates, original_date)
        )
    if move:
        if not new_start:
            errors["new_start"] = "Give the new start for a moved meeting."
        if not new_end:
            errors["new_end"] = "Give the new end for a moved meeting."
        if new_start and new_end and new_end <= new_start:
            errors["new_end"] = "The meeting must end after it starts."
        elif new_start and new_end and local(new_end).date() != local(new_start).date():
            errors["new_end"] = "A moved meeting starts and ends on the same day."
        for name, moment in (("new_start", new_start), ("new_end", new_end)):
            if moment and name not in errors and clock_change_error(local(moment)):
                errors[name] = clock_change_error(local(moment))
        if (
            new_start
            and "original_date" not in errors
            and local(new_start).date() != original_date
            and local(new_start).date() in dates
        ):
            errors["new_start"] = "Another meeting of the series is already on that day."
    return errors
