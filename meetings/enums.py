"""Choices for meetings, named as editors and the domain name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How a meeting repeats, in words an editor knows; turned into an RFC 5545 RRULE."""

    NONE = "none", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY_WEEKDAY = "monthly_weekday", _("Every month on the same weekday (e.g. second Tuesday)")
    MONTHLY_LAST_WEEKDAY = (
        "monthly_last_weekday",
        _("Every month on the last weekday (e.g. last Friday): start on that day"),
    )
    MONTHLY_DATE = (
        "monthly_date",
        _("Every month on the same date (e.g. the 14th; the 29th-31st skip shorter months)"),
    )


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Going ahead")
    CANCELLED = "cancelled", _("Cancelled (the whole series)")


class ExceptionAction(models.TextChoices):
    """What happens to one occurrence of a series."""

    CANCEL = "cancel", _("Cancel this occurrence")
    MOVE = "move", _("Move this occurrence")
