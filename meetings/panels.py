"""Read-only panels in the meeting editor: the repeat rule in words and the next dates it makes,
and each recent or coming date with its own record (agenda, papers, minutes, attendance)."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

from . import recurrence
from .days_off import day_off

#: How many coming dates the editor sees before publishing.
PREVIEW_COUNT = 6
#: How many of the coming dates are checked for bank holidays and Christmas Eve.
DAY_OFF_HORIZON = 36


def schedule_preview(meeting, now=None):
    """(rule in words, next dates as text, problem) for the meeting's start and repeat rule as
    they stand on `meeting` (the saved draft, or what was just submitted)."""
    if not meeting.start or not meeting.end:
        return "", [], "Give a start and an end, then save a draft to see the dates."
    errors = recurrence.series_errors(
        meeting.start,
        meeting.end,
        meeting.frequency,
        count=meeting.ends_after,
        until=meeting.ends_on,
    )
    if errors:
        return "", [], " ".join(dict.fromkeys(errors.values()))
    rule = recurrence.build_rrule(
        meeting.frequency, meeting.start, count=meeting.ends_after, until=meeting.ends_on
    )
    now = now or timezone.now()
    starts = [moment for moment in recurrence.expand(meeting.start, rule) if moment >= now]
    dates = [
        f"{moment:%A} {recurrence.long_date(moment.date())}, {moment:%H:%M}"
        for moment in starts[:PREVIEW_COUNT]
    ]
    words = meeting.repeats or "Does not repeat"
    return words, dates, "" if dates else "No meeting of this rule is still to come."


def day_off_warnings(meeting, now=None):
    """A sentence for each coming date of the meeting (up to `DAY_OFF_HORIZON` of them) that
    falls on an English bank holiday or Christmas Eve and is not already cancelled or moved."""
    if not meeting.start or not meeting.end:
        return []
    if recurrence.series_errors(
        meeting.start,
        meeting.end,
        meeting.frequency,
        count=meeting.ends_after,
        until=meeting.ends_on,
    ):
        return []
    rule = recurrence.build_rrule(
        meeting.frequency, meeting.start, count=meeting.ends_after, until=meeting.ends_on
    )
    now = now or timezone.now()
    changed = {exception.original_date for exception in meeting.exceptions.all()}
    coming = [moment for moment in recurrence.expand(meeting.start, rule) if moment >= now]
    warnings = []
    for moment in coming[:DAY_OFF_HORIZON]:
        name = day_off(moment.date())
        if name and moment.date() not in changed:
            warnings.append(
                f"{moment:%A} {recurrence.long_date(moment.date())} is {name}: cancel or move "
                "that meeting under “Cancelled or moved meetings of this series”."
            )
    return warnings


class SchedulePreviewPanel(Panel):
    """Shows `page.repeats` and the next dates, server-rendered (the admin allows no inline
    script of ours), so an editor sees what a rule means before publishing."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/panels/schedule_preview.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            words, dates, problem = schedule_preview(self.instance)
            context.update(
                {
                    "repeats": words,
                    "next_dates": dates,
                    "problem": problem,
                    "day_off_warnings": day_off_warnings(self.instance),
                }
            )
            return context


#: How many held and how many coming dates the records panel lists.
RECORD_DATES_EACH_WAY = 3


def record_dates(meeting, now=None):
    """The last `RECORD_DATES_EACH_WAY` dates the saved meeting met on and the next ones, each
    as (date, its record or None, whether it is still to come), in date order."""
    from .records import OccurrenceRecord, series_dates

    if meeting.pk is None or not meeting.start or not meeting.end:
        return []
    today = timezone.localdate(now or timezone.now())
    try:
        days = series_dates(meeting)
    except ValueError:  # a rule being edited that gives no dates yet
        return []
    held = [day for day in days if day < today][-RECORD_DATES_EACH_WAY:]
    coming = [day for day in days if day >= today][:RECORD_DATES_EACH_WAY]
    records = {
        record.date: record
        for record in OccurrenceRecord.objects.filter(meeting_id=meeting.pk, date__in=held + coming)
    }
    return [(day, records.get(day), day >= today) for day in held + coming]


def add_record_url(meeting_id: int, day: dt.date) -> str:
    """The admin's form for a new record, with the meeting and date already chosen."""
    query = urlencode({"meeting": meeting_id, "date": day.isoformat()})
    return f"{reverse('wagtailsnippets_meetings_occurrencerecord:add')}?{query}"


class RecordDatesPanel(Panel):
    """Each recent and coming date of the meeting with a link to its record: the record is
    started from here (meeting and date filled in), never typed."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/panels/record_dates.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = []
            for day, record, coming in record_dates(self.instance):
                rows.append(
                    {
                        "day": f"{day:%A} {recurrence.long_date(day)}",
                        "coming": coming,
                        "record": record,
                        "url": (
                            reverse(
                                "wagtailsnippets_meetings_occurrencerecord:edit", args=[record.pk]
                            )
                            if record
                            else add_record_url(self.instance.pk, day)
                        ),
                    }
                )
            context["rows"] = rows
            context["saved"] = self.instance.pk is not None
            return context
