"""The public attendance report: per partnership and year, counts for everyone, names for
partners; an overview of every LCT's sectors; the same figures as CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from core.privacy import viewable_by
from core.spreadsheets import neutralise_csv_cell
from core.visibility import is_partner
from directory.enums import PartnershipKind
from directory.models import PartnershipPage

from .attendance import SECTORS, STATUS_COLUMNS, reports
from .listing import FIRST_YEAR, LAST_YEAR
from .models import MeetingPage


def _year(year) -> int:
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year")
    return year


def _partnerships(request):
    return viewable_by(PartnershipPage.objects.live(), request.user, request).order_by("title")


def _meetings(request):
    return viewable_by(MeetingPage.objects.live(), request.user, request)


def _report(request, slug, year):
    partnership = _partnerships(request).filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership")
    return reports([partnership], _year(year), meetings=_meetings(request))[0]


@require_safe
def overview(request, year):
    """Each LCT's attendance by sector in a year (counts only)."""
    year = _year(year)
    lcts = _partnerships(request).filter(kind=PartnershipKind.LCT)
    found = reports(lcts, _year(year), meetings=_meetings(request))
    return render(
        request,
        "meetings/attendance_overview.html",
        {
            "year": year,
            "reports": found,
            "sector_labels": [label for _key, label, _kinds in SECTORS],
            "this_year": timezone.localdate().year,
            "prev_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
        },
    )


@require_safe
def report(request, slug, year):
    year = _year(year)
    found = _report(request, slug, year)
    meetings = len(found.meetings)
    bar_height, gap, label_width, chart_width = 28, 12, 240, 320
    bars = [
        {
            "row": row,
            "y": index * (bar_height + gap),
            "width": round(chart_width * row.meetings_attended / meetings) if meetings else 0,
        }
        for index, row in enumerate(found.sectors)
    ]
    return render(
        request,
        "meetings/attendance_report.html",
        {
            "report": found,
            "year": year,
            "held": meetings,
            "bars": bars,
            "bar_height": bar_height,
            "label_width": label_width,
            "chart_width": chart_width,
            "svg_width": label_width + chart_width + 80,
            "svg_height": len(bars) * (bar_height + gap),
            "show_names": is_partner(request.user),
            "status_columns": STATUS_COLUMNS,
            "prev_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
        },
    )


@require_safe
def report_csv(request, slug, year):
    """The report's figures; rows naming members only for partners."""
    year = _year(year)
    found = _report(request, slug, year)
    held = len(found.meetings)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"attendance-{found.partnership.slug}-{year}.csv"
    )
    writer = csv.writer(response)
    status_headings = [str(label) for _status, label in STATUS_COLUMNS]
    writer.writerow(
        ["Row", "Sector", "Member", "Organisation", "Meetings held", "Meetings attended"]
        + status_headings
    )
    for row in found.sectors:
        writer.writerow(
            ["sector", row.label, "", "", held, row.meetings_attended]
            + [getattr(row.tally, status) for status, _label in STATUS_COLUMNS]
        )
    if is_partner(request.user):
        for member in found.members:
            writer.writerow(
                [
                    neutralise_csv_cell(value) if isinstance(value, str) else value
                    for value in [
                        "member",
                        {s.key: s.label for s in found.sectors}.get(member.sector, ""),
                        member.name,
                        member.organisation,
                        held,
                        member.tally.attended,
                        *(getattr(member.tally, status) for status, _label in STATUS_COLUMNS),
                    ]
                ]
            )
    return response
