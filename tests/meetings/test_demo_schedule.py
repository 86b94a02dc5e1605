"""The demo's meetings look like a real county's: each LCT meets on its own weekday and time,
and nothing is scheduled on a bank holiday or Christmas Eve."""

import datetime as dt

import holidays
import pytest
import time_machine

from directory.enums import PartnershipKind
from ltc_portal.demo import seed
from meetings.models import MeetingPage
from meetings.recurrence import LONDON, local, nth_weekday

pytestmark = pytest.mark.django_db

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2026, 2032))


def going_ahead(now, years=2):
    """Every occurrence of every demo meeting not cancelled, from `now` for `years`."""
    end = now + dt.timedelta(days=365 * years)
    for meeting in MeetingPage.objects.live().specific().prefetch_related("exceptions"):
        for occurrence in meeting.occurrences:
            if not occurrence.cancelled and now <= occurrence.start < end:
                yield meeting, local(occurrence.start)


def lct_series():
    series = MeetingPage.objects.filter(slug="partnership-meeting").specific()
    return [m for m in series if m.get_parent().specific.kind == PartnershipKind.LCT]


# The first seeds in late November, when one LCT's fourth Thursday is Christmas Eve 2026; the
# second in early 2028, when another's third Monday is Easter Monday (17 April 2028). Seeding
# takes seconds, so each seed is checked for both things.
@pytest.mark.parametrize(
    "now",
    [dt.datetime(2026, 11, 20, 9, tzinfo=LONDON), dt.datetime(2028, 2, 10, 9, tzinfo=LONDON)],
)
def test_lcts_meet_on_their_own_weekday_and_time_and_never_on_a_bank_holiday_or_christmas_eve(
    site, now
):
    with time_machine.travel(now, tick=False):
        seed(lambda line: None)

    clashes = [
        (meeting.title, start.date())
        for meeting, start in going_ahead(now)
        if start.date() in ENGLAND or (start.month, start.day) == (12, 24)
    ]
    assert clashes == []

    series = lct_series()
    assert len(series) == 6
    slots = {(nth_weekday(local(m.start).date()), local(m.start).time()) for m in series}
    assert len(slots) == 6
    assert len({local(m.start).time() for m in series}) > 1
    assert len({local(m.start).weekday() for m in series}) > 1
