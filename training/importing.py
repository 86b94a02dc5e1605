"""Importing a certificate list into training records: the command and the admin upload share it.

All or nothing, in one transaction: when any row is wrong, nothing is written and every wrong
row is reported with its line and column; a dry run writes nothing either. A coordinator
imports only for organisations in their own districts (the directory's `editable_areas`). A row
already recorded (same organisation, course, date and name, whatever the case of the name) is
counted unchanged, so importing the same file twice adds nothing; two such rows in one file are
the same certificate twice.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.log_actions import log

from core.page_cache import bump_version
from directory.models import Organisation
from directory.permissions import EditableAreas, editable_areas

from .certificates import Certificate, RowError, read_certificates
from .enums import RecordSource
from .records import Course, TrainingRecord


@dataclass
class CertificateReport:
    created: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def invalid(self) -> int:
        return len(self.errors)

    @property
    def summary(self) -> str:
        return f"created {self.created}, unchanged {self.unchanged}, invalid {self.invalid}"


def import_certificates(data, *, reference, user=None, dry_run=False):
    """Training records from a certificate list; raises certificates.ImportFileError.

    `reference` (the file's name) goes into each record's import reference with its line.
    `user` is the editor uploading (None: the command, for every district).
    """
    report = CertificateReport()
    areas = editable_areas(user) if user is not None else EditableAreas(every=True)
    rows = []
    for item in read_certificates(data):
        if isinstance(item, RowError):
            report.errors.append(item)
        else:
            rows.append(item)
    courses = {title.lower(): course for title, course in _courses(rows)}
    by_urn, by_name = _organisations(rows)
    today = timezone.localdate()
    records = []
    seen = set()
    for row in rows:
        organisation = by_urn.get(row.urn) if row.urn else by_name.get(row.organisation.lower())
        error = _check(row, organisation, courses, areas, by_name, today)
        if error:
            report.errors.append(error)
            continue
        course = courses[row.course.lower()]
        key = (organisation.pk, course.pk, row.date, row.name.casefold())
        if key in seen:
            report.errors.append(RowError(row.line, "", "the same certificate appears twice"))
            continue
        seen.add(key)
        records.append(
            TrainingRecord(
                organisation=organisation,
                course=course,
                date=row.date,
                number_trained=row.number,
                person_name=row.name,
                source=RecordSource.IMPORT,
                import_reference=f"{reference}:{row.line}"[:255],
            )
        )
    report.errors.sort(key=lambda error: error.line)
    existing = _existing(records)
    new = [r for r in records if _key(r) not in existing]
    report.unchanged = len(records) - len(new)
    report.created = len(new)
    if dry_run or report.errors:
        return report
    with transaction.atomic():
        created = TrainingRecord.objects.bulk_create(new)
        for record in created:
            log(instance=record, action="wagtail.create", user=user)
        report.written = True
    if created:
        bump_version()  # bulk writes send no signals
    return report


def _courses(rows: list[Certificate]):
    titles = {row.course.lower() for row in rows}
    found = Course.objects.annotate(key=Lower("title")).filter(key__in=titles)
    return [(course.title, course) for course in found]


def _organisations(rows: list[Certificate]):
    urns = {row.urn for row in rows if row.urn}
    names = {row.organisation.lower() for row in rows if not row.urn}
    found = (
        Organisation.objects.annotate(key=Lower("name"))
        .filter(Q(urn__in=urns) | Q(key__in=names))
        .select_related("area")
    )
    by_urn, by_name, twice = {}, {}, set()
    for organisation in found:
        if organisation.urn in urns:
            by_urn[organisation.urn] = organisation
        if organisation.key in names:
            if organisation.key in by_name:
                twice.add(organisation.key)
            by_name[organisation.key] = organisation
    for key in twice:
        by_name[key] = None  # two organisations of one name: the URN must say which
    return by_urn, by_name


def _check(row, organisation, courses, areas, by_name, today):
    if row.urn and organisation is None:
        return RowError(row.line, "URN", f"no organisation in the directory has URN {row.urn}")
    if not row.urn and organisation is None:
        if row.organisation.lower() in by_name:
            return RowError(
                row.line,
                "Organisation",
                f"more than one organisation is called “{row.organisation}”: give its URN",
            )
        return RowError(
            row.line,
            "Organisation",
            f"no organisation in the directory is called “{row.organisation}”",
        )
    if organisation.area_id not in areas:
        district = organisation.area.name if organisation.area_id else "no district"
        return RowError(
            row.line,
            "URN" if row.urn else "Organisation",
            f"{organisation.name} is in {district}, not one of your districts",
        )
    if row.course.lower() not in courses:
        return RowError(row.line, "Course", f"no course is called “{row.course}”")
    if row.date > today:
        return RowError(row.line, "Date", f"{row.date:%d/%m/%Y} is in the future")
    return None


def _key(record):
    """Which certificate a record is: the case of the person's name does not matter."""
    return (record.organisation_id, record.course_id, record.date, record.person_name.casefold())


def _existing(records):
    if not records:
        return set()
    organisations = {r.organisation_id for r in records}
    return {
        (organisation, course, date, name.casefold())
        for organisation, course, date, name in TrainingRecord.objects.filter(
            organisation__in=organisations
        ).values_list("organisation_id", "course_id", "date", "person_name")
    }
