"""The coordinator's attendance flags in the admin: meetings without a quorum and sectors
missing for three meetings running, for the partnerships whose meetings they edit."""

import contextlib

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import PartnershipPage

from .attendance import MISSING_RUN, reports
from .listing import FIRST_YEAR, LAST_YEAR
from .permissions import editable_meetings


def own_partnerships(user):
    """Partnerships with a meeting this user may edit."""
    meetings = editable_meetings(user).only("path")
    paths = {meeting.path[: -PartnershipPage.steplen] for meeting in meetings}
    return PartnershipPage.objects.filter(path__in=paths).order_by("title")


def attendance_flags(request):
    year = timezone.localdate().year
    with contextlib.suppress(ValueError):
        asked = int(request.GET.get("year", year))
        # A year the calendar can hold; any other asks for this year's flags.
        if FIRST_YEAR <= asked <= LAST_YEAR:
            year = asked
    found = reports(own_partnerships(request.user), year, meetings=editable_meetings(request.user))
    return render(
        request,
        "meetings/admin/attendance_flags.html",
        {
            "header_title": _("Attendance flags"),
            "page_title": _("Attendance flags"),
            "reports": found,
            "year": year,
            "missing_run": MISSING_RUN,
        },
    )
