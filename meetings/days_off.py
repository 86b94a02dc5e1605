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
