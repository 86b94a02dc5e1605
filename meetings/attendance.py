"""Who came to a partnership's meetings in a year: by member and by sector, with the flags a
coordinator acts on (a meeting without a quorum, a sector missing for three meetings running).

The sectors are the ones the scrutiny panel asked LCTs to bring together; each organisation
kind in the directory belongs to one. Meetings counted are the occurrences of the year with
attendance recorded (`OccurrenceRecord` with attendance rows), up to today. Counts are public;
the by-member rows name people and are for partners (`core.visibility.is_partner`).
"""

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tree import parent_path
from directory.enums import OrganisationKind
from directory.models import Membership, PartnershipPage

from .models import MeetingPage
from .records import ATTENDED, Attendance, AttendanceStatus, OccurrenceRecord

#: (key, label, organisation kinds) in the order reports list them.
SECTORS = (
    ("education", _("Education"), (OrganisationKind.SCHOOL,)),
    ("police", _("Police"), (OrganisationKind.POLICE,)),
    ("health", _("Health"), (OrganisationKind.HEALTH,)),
    ("council", _("Council services"), (OrganisationKind.COUNCIL_SERVICE,)),
    (
        "voluntary",
        _("Voluntary and faith youth groups"),
        (
            OrganisationKind.UNIFORMED_YOUTH_GROUP,
            OrganisationKind.FAITH_YOUTH_GROUP,
            OrganisationKind.VOLUNTARY_GROUP,
        ),
    ),
    ("taxi", _("Taxi licensing"), (OrganisationKind.TAXI_LICENSING,)),
)
OTHER_SECTOR = ("other", _("Other"))
SECTOR_OF_KIND = {kind: key for key, _label, kinds in SECTORS for kind in kinds}
SECTOR_LABELS = dict([(key, label) for key, label, _kinds in SECTORS] + [OTHER_SECTOR])
#: Meetings in a row a sector may miss before its coordinator is told.
MISSING_RUN = 3


def sector_of(membership) -> str:
    organisation = membership.organisation
    return SECTOR_OF_KIND.get(organisation.kind, "other") if organisation else "other"


def quorum(members: int) -> int:
    """How many members (present or represented) make a meeting quorate: a share of the
    members (`MEETINGS_QUORUM_SHARE`, a third by default), and never fewer than
    `MEETINGS_QUORUM_MINIMUM` (3 by default), nor more than there are members."""
    share = getattr(settings, "MEETINGS_QUORUM_SHARE", 1 / 3)
    minimum = getattr(settings, "MEETINGS_QUORUM_MINIMUM", 3)
    return min(members, max(minimum, math.ceil(members * share))) if members else 0


@dataclass
class Tally:
    present: int = 0
    represented: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.represented

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass
class MemberRow:
    membership: Membership
    sector: str
    tally: Tally = field(default_factory=Tally)

    @property
    def name(self) -> str:
        return self.membership.person.name

    @property
    def organisation(self) -> str:
        return self.membership.organisation.name if self.membership.organisation else ""


@dataclass
class SectorRow:
    key: str
    label: str
    members: int = 0
    #: Meetings at which at least one member of the sector was present or represented.
    meetings_attended: int = 0
    tally: Tally = field(default_factory=Tally)
    #: Dates of the latest run of `MISSING_RUN` or more meetings the sector missed.
    missing_run: list[dt.date] = field(default_factory=list)

    def share_of(self, meetings: int) -> int:
        """Meetings attended as a whole percentage of the meetings held."""
        return round(100 * self.meetings_attended / meetings) if meetings else 0


@dataclass
class MeetingRow:
    record: OccurrenceRecord
    members: int
    attended: int
    quorum: int
    guests: int

    @property
    def quorate(self) -> bool:
        return self.attended >= self.quorum


@dataclass
class Report:
    partnership: PartnershipPage
    year: int
    meetings: list[MeetingRow]
    sectors: list[SectorRow]
    members: list[MemberRow]

    @property
    def inquorate(self) -> list[MeetingRow]:
        return [row for row in self.meetings if not row.quorate]

    @property
    def missing_sectors(self) -> list[SectorRow]:
        return [row for row in self.sectors if row.missing_run]

    @property
    def max_attended(self) -> int:
        return len(self.meetings)


def _in_force(membership, day: dt.date) -> bool:
    return (membership.start_date is None or membership.start_date <= day) and (
        membership.end_date is None or membership.end_date >= day
    )


def reports(
    partnerships: Iterable[PartnershipPage], year: int, *, meetings=None, today=None
) -> list[Report]:
    """One report per partnership for `year`, in a fixed number of queries whatever the size.

    `meetings` is the queryset of meetings the viewer may open (live ones by default).
    """
    partnerships = list(partnerships)
    today = today or timezone.localdate()
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    paths = {p.path: p for p in partnerships}
    base = MeetingPage.objects.live() if meetings is None else meetings
    meetings = MeetingPage.objects.none()
    if partnerships:
        children = Q()
        for partnership in partnerships:
            children |= Q(path__startswith=partnership.path, depth=partnership.depth + 1)
        meetings = base.filter(children)
    records = list(
        OccurrenceRecord.objects.filter(
            meeting__in=meetings, date__gte=first, date__lte=last, attendance__isnull=False
        )
        .distinct()
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.only("record_id", "membership_id", "status"),
            ),
            "guests",
        )
        .order_by("date")
    )
    members_by_partnership: dict[int, list[Membership]] = {p.pk: [] for p in partnerships}
    for membership in (
        Membership.objects.filter(page__in=[p.pk for p in partnerships])
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("person", "organisation")
        .order_by("page_id", "sort_order", "pk")
    ):
        members_by_partnership[membership.page_id].append(membership)
    records_by_partnership: dict[int, list[OccurrenceRecord]] = {p.pk: [] for p in partnerships}
    for record in records:
        partnership = paths.get(parent_path(record.meeting.path))
        if partnership is not None:
            records_by_partnership[partnership.pk].append(record)
    return [
        build_report(p, year, records_by_partnership[p.pk], members_by_partnership[p.pk])
        for p in partnerships
    ]


def build_report(partnership, year, records, memberships) -> Report:
    """The report from records (with attendance and guests loaded) and the memberships."""
    member_rows = {m.pk: MemberRow(m, sector_of(m)) for m in memberships}
    sectors = {key: SectorRow(key, str(label)) for key, label, _kinds in SECTORS}
    sectors["other"] = SectorRow("other", str(OTHER_SECTOR[1]))
    for row in member_rows.values():
        sectors[row.sector].members += 1
    meeting_rows = []
    missed: dict[str, list[dt.date]] = {key: [] for key in sectors}
    runs: dict[str, list[dt.date]] = {key: [] for key in sectors}
    for record in records:
        present_sectors = set()
        attended = 0
        for attendance in record.attendance.all():
            row = member_rows.get(attendance.membership_id)
            sector = row.sector if row else "other"
            if row:
                row.tally.add(attendance.status)
            sectors[sector].tally.add(attendance.status)
            if attendance.status in ATTENDED:
                attended += 1
                present_sectors.add(sector)
        for key, sector in sectors.items():
            if key in present_sectors:
                sector.meetings_attended += 1
                if len(missed[key]) >= MISSING_RUN:
                    runs[key] = missed[key]
                missed[key] = []
            else:
                missed[key].append(record.date)
        members = sum(1 for m in memberships if _in_force(m, record.date))
        meeting_rows.append(
            MeetingRow(
                record=record,
                members=members,
                attended=attended,
                quorum=quorum(members),
                guests=len(record.guests.all()),
            )
        )
    for key, sector in sectors.items():
        latest = missed[key] if len(missed[key]) >= MISSING_RUN else runs[key]
        # "Other" is no sector the panel asked for: never flagged.
        sector.missing_run = latest if key != "other" else []
    sector_rows = [sectors[key] for key, _label, _kinds in SECTORS]
    if sectors["other"].members or sectors["other"].tally.attended:
        sector_rows.append(sectors["other"])
    return Report(
        partnership=partnership,
        year=year,
        meetings=meeting_rows,
        sectors=sector_rows,
        members=list(member_rows.values()),
    )


#: Statuses in the order tables and the CSV list them.
STATUS_COLUMNS = [
    (AttendanceStatus.PRESENT, _("Present")),
    (AttendanceStatus.REPRESENTED, _("Represented")),
    (AttendanceStatus.APOLOGIES, _("Apologies")),
    (AttendanceStatus.ABSENT, _("Absent")),
]
