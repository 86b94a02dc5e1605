"""Listing meetings on pages: occurrences in a time window, their partnerships, a month grid.

Plain functions over meetings already fetched; they never import the models, so the page
models can use them.
"""

import calendar as pycalendar
import datetime as dt

from core.tree import parent_path
from directory.models import PartnershipPage

#: Months the calendar pages between; beyond them the month view and its links would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def occurrences_of(meetings, *, start=None, end=None):
    """Occurrences of these meetings overlapping [start, end), in time order."""
    found = []
    for meeting in meetings:
        for occurrence in meeting.occurrences:
            if start and occurrence.end <= start:
                continue
            if end and occurrence.start >= end:
                continue
            found.append(occurrence)
    return sorted(found, key=lambda occurrence: (occurrence.start, occurrence.meeting.title))


def meetings_with_partnerships(queryset):
    """Meetings with venue and changes loaded, and `.partnership` set: four queries in all."""
    meetings = list(queryset.with_schedule())
    by_path = {
        partnership.path: partnership
        for partnership in PartnershipPage.objects.filter(
            path__in={parent_path(meeting.path) for meeting in meetings}
        ).select_related("area")
    }
    for meeting in meetings:
        meeting.partnership = by_path.get(parent_path(meeting.path))
    return meetings


def month_from_query(value, today):
    """The first day of the month in `?month=YYYY-MM`, or of this month if that is no month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return dt.date(year, month, 1)
    except (ValueError, AttributeError):
        pass
    return today.replace(day=1)


def month_table(occurrences, first):
    """Weeks (Monday first) of the month starting `first`, each day with its occurrences."""
    by_day = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.start.date(), []).append(occurrence)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {"date": day, "in_month": day.month == first.month, "items": by_day.get(day, [])}
                for day in week
            ]
        )
    return weeks
