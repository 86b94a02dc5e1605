"""Training coverage: the one place every output (public page, LCT pages, CSV, admin) asks.

An organisation is *covered* for an audience on a day when a record of a course for that
audience, completed on or before the day, is still in date: its date plus the course's refresh
period is after the day (a course with no refresh period never expires). Covered splits into
*in date* and *expiring within 90 days*; the rest is *not trained*. Schools count by their
designated safeguarding lead's training, uniformed and faith youth groups by their leaders';
taxi drivers come from each district licensing authority's quarterly return; a quarter's county
figure adds up the returns made and says so ("4 of 6 districts returned") until all are in.

Everything is read in a fixed number of queries (organisations, courses, their audiences,
records, taxi returns, and the districts) and counted in Python, whatever the size of the
county. Only aggregates leave this module's public figures; names are never read.

No public figure tells one organisation's status: a group of fewer than `MIN_GROUP`
organisations is *suppressed* (its outputs show "fewer than 3 organisations", no covered count,
percentage or bar), and where exactly one group of a breakdown shown with its total is
suppressed, the next smallest group is suppressed too, so that it cannot be worked out by
difference (`suppress`). A total is never suppressed to protect its groups. Taxi figures are
counts of drivers from a licensing authority's return, not of organisations: never suppressed.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.enums import OrganisationKind, Phase
from directory.models import Area, Organisation

from .enums import AUDIENCES_BY_KIND, YOUTH_GROUP_KINDS, CourseAudience, LicenceCondition, Status
from .quarters import Quarter
from .records import Course, CourseAudienceLink, TaxiLicensingReturn, TrainingRecord

#: Days before expiry from which training counts as expiring (and reminders go out).
EXPIRING_DAYS = 90
#: Quarters shown in the trend, the current one last.
TREND_QUARTERS = 8
#: The expiry of a course that never needs refreshing.
NEVER = dt.date.max
#: The smallest group of organisations whose coverage is published.
MIN_GROUP = 3
#: Why a group's figures are not published.
SMALL = "small"
COMPLEMENT = "complement"
#: The rule, in one sentence, for the page and the CSV.
SUPPRESSION_NOTE = (
    "To protect individual organisations, a group of fewer than 3 organisations is shown "
    "without its figures, and so is the next smallest group of the same breakdown when the "
    "first could otherwise be worked out from the total."
)


def expires_on(trained_on: dt.date, refresh_months: int | None) -> dt.date:
    """The first day a completion is no longer in date (never later than `NEVER`)."""
    if refresh_months is None:
        return NEVER
    try:
        return trained_on + relativedelta(months=refresh_months)
    except (OverflowError, ValueError):  # beyond year 9999
        return NEVER


def status_for(expiry: dt.date | None, on: dt.date) -> Status:
    """In date, expiring within 90 days, or not trained (never, or expired), on day `on`."""
    if expiry is None or expiry <= on:
        return Status.NOT_TRAINED
    if expiry <= on + dt.timedelta(days=EXPIRING_DAYS):
        return Status.EXPIRING
    return Status.IN_DATE


@dataclass
class Tally:
    """How many organisations of a group are covered: in date, expiring, of a total."""

    label: str
    total: int = 0
    in_date: int = 0
    expiring: int = 0
    #: "" when published; SMALL or COMPLEMENT when its figures are withheld (`suppress`).
    suppressed: str = ""

    @property
    def covered(self) -> int:
        return self.in_date + self.expiring

    @property
    def not_covered(self) -> int:
        return self.total - self.covered

    @property
    def percent(self) -> int | None:
        """The percentage covered; None with no organisations or when suppressed."""
        if self.suppressed or not self.total:
            return None
        return round(100 * self.covered / self.total)

    def add(self, status: Status) -> None:
        self.total += 1
        if status == Status.IN_DATE:
            self.in_date += 1
        elif status == Status.EXPIRING:
            self.expiring += 1


@dataclass
class TaxiFigures:
    """Licensed drivers and drivers with current CSE training, from the returns of a quarter."""

    label: str
    quarter: Quarter | None = None
    licensed: int = 0
    trained: int = 0
    condition: str = ""
    #: Returns added up, and of how many districts (0: one district's own figures).
    returned: int = 0
    districts: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.licensed) if self.licensed else None

    @property
    def partial(self) -> str:
        """E.g. "4 of 6 districts returned" when a quarter's county figures miss some."""
        if not self.districts or not self.returned or self.returned >= self.districts:
            return ""
        return _("%(returned)s of %(districts)s districts returned") % {
            "returned": self.returned,
            "districts": self.districts,
        }

    def add(self, licensed: int, trained: int) -> None:
        self.licensed += licensed
        self.trained += trained
        self.returned += 1


@dataclass
class TrendPoint:
    """Coverage at the end of a quarter (or today, for the current quarter)."""

    quarter: Quarter
    schools: Tally
    youth_groups: Tally
    taxi: TaxiFigures


@dataclass
class Figures:
    """The aggregates of one district, or of the county."""

    name: str
    schools: Tally
    schools_by_phase: list[Tally]
    youth_groups: Tally
    youth_groups_by_kind: list[Tally]
    #: Each district's latest return (one row for a district's own figures).
    taxi_by_district: list[TaxiFigures]
    taxi: TaxiFigures
    trend: list[TrendPoint]

    @property
    def has_figures(self) -> bool:
        """Whether there is anything to count: schools, youth groups or a taxi return."""
        return bool(self.schools.total or self.youth_groups.total or self.taxi_by_district)


@dataclass
class Coverage:
    """The county's figures and each district's, counted on one day."""

    on: dt.date
    county: Figures
    districts: list[Figures] = field(default_factory=list)
    #: Each district's Area pk, in the order of `districts`.
    area_ids: list[int] = field(default_factory=list)

    def by_area(self) -> list[tuple[int, Figures]]:
        return list(zip(self.area_ids, self.districts, strict=True))


def suppress(groups: list[Tally], total: Tally | None = None) -> None:
    """Withhold the figures of each group (and the total) of fewer than `MIN_GROUP`
    organisations; when `total` is published and exactly one group is withheld, withhold the
    next smallest group too, so that the first is not the total less the others."""
    for tally in [*groups, *([total] if total else [])]:
        if 0 < tally.total < MIN_GROUP and not tally.suppressed:
            tally.suppressed = SMALL
    if total is None or total.suppressed:
        return
    if sum(1 for tally in groups if tally.suppressed) != 1:
        return
    others = [tally for tally in groups if not tally.suppressed and tally.total]
    if others:
        min(others, key=lambda tally: tally.total).suppressed = COMPLEMENT


# --- Loading: the fixed set of queries ---------------------------------------------------


@dataclass
class _Loaded:
    #: (pk, kind, phase, area_id) of the organisations counted.
    organisations: list[tuple[int, str, str, int | None]]
    #: (organisation, audience) -> [(completed on, expires on)].
    completions: dict[tuple[int, str], list[tuple[dt.date, dt.date]]]
    #: (area_id, area name, quarter, licensed, trained, condition), oldest first.
    returns: list[tuple[int, str, Quarter, int, int, str]]


def _load(organisations: Q, returns: Q, on: dt.date) -> _Loaded:
    counted = Organisation.objects.filter(organisations).filter(kind__in=list(AUDIENCES_BY_KIND))
    rows = list(counted.order_by().values_list("pk", "kind", "phase", "area_id"))
    refresh = dict(Course.objects.order_by().values_list("pk", "refresh_months"))
    audiences: dict[int, list[str]] = defaultdict(list)
    for course_id, audience in CourseAudienceLink.objects.order_by().values_list(
        "course_id", "audience"
    ):
        audiences[course_id].append(audience)
    completions: dict[tuple[int, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    records = TrainingRecord.objects.filter(
        organisation__in=counted.values("pk"), date__lte=on
    ).order_by()
    for organisation_id, course_id, date in records.values_list(
        "organisation_id", "course_id", "date"
    ):
        expiry = expires_on(date, refresh.get(course_id))
        for audience in audiences.get(course_id, ()):
            completions[(organisation_id, audience)].append((date, expiry))
    current = Quarter.of(on)
    taxi = [
        (area_id, name, Quarter(year, number), licensed, trained, condition)
        for area_id, name, year, number, licensed, trained, condition in (
            TaxiLicensingReturn.objects.filter(returns)
            .order_by("year", "quarter", "area__name")
            .values_list(
                "area_id",
                "area__name",
                "year",
                "quarter",
                "licensed_drivers",
                "trained_drivers",
                "condition",
            )
        )
        if Quarter(year, number) <= current
    ]
    return _Loaded(rows, completions, taxi)


# --- Counting: pure Python over what was loaded -------------------------------------------


def _expiry(completions: list[tuple[dt.date, dt.date]] | None, on: dt.date) -> dt.date | None:
    """The latest expiry of the completions made by day `on`; None if there were none."""
    if not completions:
        return None
    return max((expiry for done, expiry in completions if done <= on), default=None)


def _phase_label(value: str) -> str:
    return str(Phase(value).label) if value in Phase.values else _("Phase not recorded")


def _figures(name: str, loaded: _Loaded, on: dt.date) -> Figures:
    phases: dict[str, Tally] = {}
    schools = Tally(_("All schools"))
    kinds: dict[str, Tally] = {
        str(kind): Tally(str(OrganisationKind(kind).label)) for kind in YOUTH_GROUP_KINDS
    }
    youth_groups = Tally(_("All youth groups"))
    quarters = Quarter.of(on).last(TREND_QUARTERS)
    days = [min(quarter.last_day, on) for quarter in quarters]
    trend_schools = [Tally(_("All schools")) for _quarter in quarters]
    trend_youth = [Tally(_("All youth groups")) for _quarter in quarters]
    for pk, kind, phase, _area in loaded.organisations:
        if kind == OrganisationKind.SCHOOL:
            completions = loaded.completions.get((pk, CourseAudience.DSL))
            status = status_for(_expiry(completions, on), on)
            schools.add(status)
            phases.setdefault(phase, Tally(_phase_label(phase))).add(status)
            for tally, day in zip(trend_schools, days, strict=True):
                tally.add(status_for(_expiry(completions, day), day))
        elif kind in kinds:
            completions = loaded.completions.get((pk, CourseAudience.YOUTH_LEADERS))
            status = status_for(_expiry(completions, on), on)
            youth_groups.add(status)
            kinds[kind].add(status)
            for tally, day in zip(trend_youth, days, strict=True):
                tally.add(status_for(_expiry(completions, day), day))
    order = {value: n for n, value in enumerate(Phase.values)}
    by_phase = [phases[value] for value in sorted(phases, key=lambda v: order.get(v, len(order)))]

    latest: dict[int, TaxiFigures] = {}
    per_quarter = {quarter: TaxiFigures(str(quarter), quarter) for quarter in quarters}
    for area_id, area_name, quarter, licensed, trained, condition in loaded.returns:
        # Oldest first, so each district's last return read is its latest.
        latest[area_id] = TaxiFigures(
            area_name, quarter, licensed, trained, str(LicenceCondition(condition).label)
        )
        if quarter in per_quarter:
            per_quarter[quarter].add(licensed, trained)
    by_district = sorted(latest.values(), key=lambda figures: figures.label)
    taxi = TaxiFigures(_("Latest returns"))
    for district in by_district:
        taxi.add(district.licensed, district.trained)
    trend = [
        TrendPoint(quarter, trend_schools[n], trend_youth[n], per_quarter[quarter])
        for n, quarter in enumerate(quarters)
    ]
    by_kind = list(kinds.values())
    suppress(by_phase, schools)
    suppress(by_kind, youth_groups)
    for point in trend:
        suppress([point.schools])
        suppress([point.youth_groups])
    return Figures(name, schools, by_phase, youth_groups, by_kind, by_district, taxi, trend)


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def area_figures(area: Area, on: dt.date | None = None) -> Figures:
    """One district's figures (its LCT page shows them), as the county's coverage shows
    them, suppression across districts included: six queries."""
    coverage = county_coverage(on)
    return next(figures for pk, figures in coverage.by_area() if pk == area.pk)


def county_coverage(on: dt.date | None = None, *, county_name: str = "") -> Coverage:
    """The county's figures and each district's, from one load: six queries."""
    on = _today(on)
    loaded = _load(Q(), Q(), on)
    county = _figures(county_name or _("All districts"), loaded, on)
    organisations_by_area: dict[int | None, list[tuple[int, str, str, int | None]]]
    organisations_by_area = defaultdict(list)
    for organisation in loaded.organisations:
        organisations_by_area[organisation[3]].append(organisation)
    returns_by_area: dict[int, list[tuple[int, str, Quarter, int, int, str]]]
    returns_by_area = defaultdict(list)
    for taxi_return in loaded.returns:
        returns_by_area[taxi_return[0]].append(taxi_return)
    areas = list(Area.objects.order_by("name").values_list("pk", "name"))
    districts = [
        _figures(
            name,
            _Loaded(organisations_by_area[pk], loaded.completions, returns_by_area[pk]),
            on,
        )
        for pk, name in areas
    ]
    # A county trend point adds up the returns made: it says how many districts made one.
    for point in county.trend:
        point.taxi.districts = len(areas)
    # The districts are a breakdown of the county's totals, in the charts and the CSV.
    suppress([figures.schools for figures in districts], county.schools)
    suppress([figures.youth_groups for figures in districts], county.youth_groups)
    for n, point in enumerate(county.trend):
        suppress([figures.trend[n].schools for figures in districts], point.schools)
        suppress([figures.trend[n].youth_groups for figures in districts], point.youth_groups)
    return Coverage(on, county, districts, [pk for pk, _name in areas])


def organisation_statuses(
    organisations: Iterable[Organisation], on: dt.date | None = None
) -> dict[int, dict[str, tuple[Status, dt.date | None]]]:
    """Each organisation's status and expiry for each audience that counts for its kind.

    For coordinators and the organisation itself, never a public page: three queries.
    """
    on = _today(on)
    organisations = list(organisations)
    pks = [organisation.pk for organisation in organisations]
    loaded = _load(Q(pk__in=pks), Q(pk__in=[]), on)
    statuses: dict[int, dict[str, tuple[Status, dt.date | None]]] = {}
    for organisation in organisations:
        statuses[organisation.pk] = {}
        for audience in AUDIENCES_BY_KIND.get(organisation.kind, ()):
            expiry = _expiry(loaded.completions.get((organisation.pk, audience)), on)
            statuses[organisation.pk][audience] = (status_for(expiry, on), expiry)
    return statuses


#: The audience an organisation's coverage is counted by: its DSL's for a school, its
#: leaders' for a uniformed or faith youth group.
COUNTED_AUDIENCE: dict[str, str] = {
    OrganisationKind.SCHOOL: CourseAudience.DSL,
    **dict.fromkeys(YOUTH_GROUP_KINDS, CourseAudience.YOUTH_LEADERS),
}


@dataclass(frozen=True)
class Gap:
    """An organisation not covered, or covered only until `expiry` (within 90 days)."""

    organisation_id: int
    audience: str
    status: Status
    expiry: dt.date | None


def gaps(organisations: Q, on: dt.date | None = None) -> list[Gap]:
    """The schools and youth groups of `organisations` not covered or expiring, soonest
    expiring first, then never trained: what a coordinator chases. Four queries."""
    on = _today(on)
    loaded = _load(organisations, Q(pk__in=[]), on)
    found = []
    for pk, kind, _phase, _area in loaded.organisations:
        audience = COUNTED_AUDIENCE.get(kind)
        if audience is None:
            continue
        expiry = _expiry(loaded.completions.get((pk, audience)), on)
        status = status_for(expiry, on)
        if status != Status.IN_DATE:
            found.append(Gap(pk, audience, status, expiry))
    found.sort(key=lambda gap: (gap.status != Status.EXPIRING, gap.expiry or dt.date.min))
    return found


def expiring_in(days: Iterable[int], on: dt.date | None = None) -> list[tuple[Gap, int]]:
    """Schools and youth groups whose counted training expires exactly `days` from `on`
    (e.g. 90 and 30): what the daily reminder job writes about. Four queries."""
    on = _today(on)
    wanted = {on + dt.timedelta(days=n): n for n in days}
    loaded = _load(Q(kind__in=list(COUNTED_AUDIENCE)), Q(pk__in=[]), on)
    found = []
    for pk, kind, _phase, _area in loaded.organisations:
        audience = COUNTED_AUDIENCE.get(kind)
        if audience is None:
            continue
        expiry = _expiry(loaded.completions.get((pk, audience)), on)
        if expiry in wanted:
            found.append((Gap(pk, audience, status_for(expiry, on), expiry), wanted[expiry]))
    return found
