"""Days nobody should be asked to a meeting: English bank holidays (with their substitute days)
and Christmas Eve. Pure functions over dates, from the `holidays` package's calendar."""

import datetime as dt
from functools import lru_cache

import holidays

CHRISTMAS_EVE = "Christmas Eve"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def day_off(day: dt.date) -> str:
    """The name of the bank holiday (or "Christmas Eve") on `day`, or "" on an ordinary day."""
    if (day.month, day.day) == (12, 24):
        return CHRISTMAS_EVE
    return _bank_holidays(day.year).get(day, "")


def next_working_day(day: dt.date) -> dt.date:
    """`day`, or the first weekday after it that is not a day off."""
    while day.weekday() >= 5 or day_off(day):
        day += dt.timedelta(days=1)
    return day


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not day_off(day)


def publication_day(meeting_day: dt.date, clear_days: int = 5) -> dt.date:
    """The last working day on which papers may be published with `clear_days` clear working
    days before `meeting_day` (neither the day of publication nor of the meeting counts)."""
    day, counted = meeting_day, 0
    while counted < clear_days:
        day -= dt.timedelta(days=1)
        counted += is_working_day(day)
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
