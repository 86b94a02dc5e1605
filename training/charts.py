"""Coverage as bar charts: each chart's rows drawn as SVG bars and listed as a table.

The template draws both from the same rows, so the chart and its table cannot disagree. Sizes
are in the SVG's own units; the SVG scales to its container, so it fits a 390-pixel phone.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .coverage import SMALL, Coverage, Tally, TaxiFigures

#: The SVG's width, the longest bar's length, and each row's height.
WIDTH = 400
BAR_LENGTH = 310
ROW_HEIGHT = 48


@dataclass
class Row:
    label: str
    percent: int | None
    #: "12 of 20" (covered of total), shown beside the bar and in the table.
    count: str
    expiring: int | None = None
    #: Why its figures are withheld ("" when shown): no bar, no percentage, no count.
    withheld: str = ""

    @property
    def bar_length(self) -> float:
        return BAR_LENGTH * (self.percent or 0) / 100

    @property
    def value_x(self) -> float:
        """Where the value's text starts: just after the end of the bar."""
        return self.bar_length + 4

    @property
    def value_text(self) -> str:
        if self.withheld:
            return self.withheld
        return _("no figures") if self.percent is None else f"{self.percent}%"


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    #: The table's heading for the count column, e.g. "Schools covered".
    count_heading: str
    rows: list[Row]
    show_expiring: bool = True

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.rows)

    @property
    def width(self) -> int:
        return WIDTH

    def positioned(self) -> list[tuple[int, Row]]:
        """Each row with the y of its top, for the SVG."""
        return [(n * ROW_HEIGHT, row) for n, row in enumerate(self.rows)]


def withheld_text(tally: Tally) -> str:
    """What is shown instead of a suppressed group's figures ("" when they are shown)."""
    if not tally.suppressed:
        return ""
    if tally.suppressed == SMALL:
        return _("fewer than 3 organisations")
    return _("not shown, so that a smaller group cannot be worked out")


def _tally_row(label: str, tally: Tally) -> Row:
    if tally.suppressed:
        text = withheld_text(tally)
        return Row(label, None, text, None, withheld=text)
    return Row(
        label,
        tally.percent,
        _("%(covered)s of %(total)s") % {"covered": tally.covered, "total": tally.total},
        tally.expiring,
    )


def _taxi_row(label: str, taxi: TaxiFigures) -> Row:
    count = _("%(trained)s of %(licensed)s") % {"trained": taxi.trained, "licensed": taxi.licensed}
    return Row(label, taxi.percent, f"{count} ({taxi.partial})" if taxi.partial else count)


def _describe(rows: list[Row]) -> str:
    return "; ".join(f"{row.label}: {row.value_text} ({row.count})" for row in rows)


def _chart(slug: str, title: str, count_heading: str, rows: list[Row], **kwargs) -> Chart:
    return Chart(slug, title, _describe(rows), count_heading, rows, **kwargs)


def coverage_charts(coverage: Coverage) -> list[Chart]:
    """The public page's charts, county-wide and by district."""
    county = coverage.county
    districts = coverage.districts
    return [
        _chart(
            "schools-by-district",
            _("Schools with an in-date trained designated safeguarding lead, by district"),
            _("Schools covered"),
            [_tally_row(d.name, d.schools) for d in districts]
            + [_tally_row(county.name, county.schools)],
        ),
        _chart(
            "schools-by-phase",
            _("Schools with an in-date trained designated safeguarding lead, by phase"),
            _("Schools covered"),
            [_tally_row(t.label, t) for t in county.schools_by_phase],
        ),
        _chart(
            "youth-groups-by-district",
            _("Uniformed and faith youth groups with in-date trained leaders, by district"),
            _("Groups covered"),
            [_tally_row(d.name, d.youth_groups) for d in districts]
            + [_tally_row(t.label, t) for t in county.youth_groups_by_kind],
        ),
        _chart(
            "taxi-by-district",
            _("Licensed taxi drivers with current CSE training, by district (latest return)"),
            _("Drivers trained"),
            [_taxi_row(f"{t.label} ({t.quarter})", t) for t in county.taxi_by_district]
            + [_taxi_row(_("All districts"), county.taxi)],
            show_expiring=False,
        ),
        *trend_charts(coverage.county),
    ]


def trend_charts(figures) -> list[Chart]:
    """Schools' and taxi drivers' coverage quarter by quarter."""
    return [
        _chart(
            "schools-trend",
            _("Schools with an in-date trained designated safeguarding lead, quarter by quarter"),
            _("Schools covered"),
            [_tally_row(str(p.quarter), p.schools) for p in figures.trend],
        ),
        _chart(
            "taxi-trend",
            _("Licensed taxi drivers with current CSE training, quarter by quarter"),
            _("Drivers trained"),
            [_taxi_row(str(p.quarter), p.taxi) for p in figures.trend],
            show_expiring=False,
        ),
    ]


def district_charts(figures) -> list[Chart]:
    """An LCT page's charts: its own district's figures."""
    return [
        _chart(
            "district-schools-by-phase",
            _("Schools with an in-date trained designated safeguarding lead, by phase"),
            _("Schools covered"),
            [_tally_row(t.label, t) for t in figures.schools_by_phase]
            + [_tally_row(figures.schools.label, figures.schools)],
        ),
        _chart(
            "district-youth-groups",
            _("Uniformed and faith youth groups with in-date trained leaders"),
            _("Groups covered"),
            [_tally_row(t.label, t) for t in figures.youth_groups_by_kind]
            + [_tally_row(figures.youth_groups.label, figures.youth_groups)],
        ),
        _chart(
            "district-taxi",
            _("Licensed taxi drivers with current CSE training"),
            _("Drivers trained"),
            [_taxi_row(str(t.quarter), t) for t in figures.taxi_by_district],
            show_expiring=False,
        ),
    ]
