"""The coverage figures as CSV: the same aggregates the page shows, one row per figure."""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheets import neutralise_csv_cell

from .charts import withheld_text
from .coverage import SUPPRESSION_NOTE, Coverage, Figures, Tally, TaxiFigures

HEADER = [
    "Area",
    "Measure",
    "Group",
    "Period",
    "Total",
    "Covered",
    "Of which expiring within 90 days",
    "Percent covered",
    "Note",
]
SCHOOLS = "Schools with an in-date trained DSL"
YOUTH = "Youth groups with in-date trained leaders"
TAXI = "Licensed taxi drivers with current CSE training"


def _tally(area: str, measure: str, tally: Tally, period: str) -> list:
    if tally.suppressed:
        return [area, measure, tally.label, period, "", "", "", "", withheld_text(tally)]
    percent = "" if tally.percent is None else tally.percent
    covered, expiring = tally.covered, tally.expiring
    return [area, measure, tally.label, period, tally.total, covered, expiring, percent, ""]


def _taxi(area: str, group: str, taxi: TaxiFigures) -> list:
    percent = "" if taxi.percent is None else taxi.percent
    period = str(taxi.quarter) if taxi.quarter else ""
    return [area, TAXI, group, period, taxi.licensed, taxi.trained, "", percent, taxi.partial]


def figure_rows(figures: Figures, on: str) -> list[list]:
    rows = [_tally(figures.name, SCHOOLS, figures.schools, on)]
    rows += [_tally(figures.name, SCHOOLS, tally, on) for tally in figures.schools_by_phase]
    rows.append(_tally(figures.name, YOUTH, figures.youth_groups, on))
    rows += [_tally(figures.name, YOUTH, tally, on) for tally in figures.youth_groups_by_kind]
    rows += [_taxi(figures.name, taxi.label, taxi) for taxi in figures.taxi_by_district]
    for point in figures.trend:
        period = str(point.quarter)
        rows.append(_tally(figures.name, SCHOOLS, point.schools, period))
        rows.append(_tally(figures.name, YOUTH, point.youth_groups, period))
        if point.taxi.licensed:
            rows.append(_taxi(figures.name, _("Returns of the quarter"), point.taxi))
    return rows


def coverage_csv(coverage: Coverage) -> str:
    """Every figure of the county and of each district, as CSV text."""
    on = coverage.on.isoformat()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow(["", "", "", "", "", "", "", "", SUPPRESSION_NOTE])
    for figures in [coverage.county, *coverage.districts]:
        for row in figure_rows(figures, on):
            writer.writerow([neutralise_csv_cell(cell) for cell in row])
    return out.getvalue()
