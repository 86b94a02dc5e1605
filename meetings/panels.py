"""A read-only panel in the meeting editor: the repeat rule in words and the next dates it makes."""

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
