"""Importing into the directory: the school register (the command and the admin upload share
it) and the ONS postcode directory (`import_postcodes`)."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from core.db import analyze, bulk_insert, bulk_update
from core.enums import Visibility
from core.page_cache import bump_version
from core.text import multi_line, one_line

from .enums import OrganisationKind
from .gias import RowError as RegisterRowError
from .gias import read_register
from .indexing import index_in_bulk
from .models import Area, Organisation, OutwardCode, Person, Place, Postcode
from .onspd import MAX_ERRORS, PostcodeFile, RowError
from .postcodes import place_key
from .textfiles import NotText, decoded_lines

HEAD_JOB_TITLE = "Headteacher"


def default_local_authority():
    """The local authority whose schools are kept unless `--la` says otherwise."""
    return getattr(settings, "DIRECTORY_LOCAL_AUTHORITY", "Worcestershire")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)
    #: Whether anything was saved (not on a dry run, nor when invalid rows stop the import).
    written: bool = False

    @property
    def invalid(self):
        return len(self.errors)

    @property
    def summary(self):
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped}, invalid {self.invalid}"
        )


#: Schools written per batch: one lookup, one INSERT and one UPDATE each for schools and heads.
REGISTER_BATCH = 1000


def import_register(
    lines, *, la=None, dry_run=False, skip_invalid=False, progress=None, batch_size=REGISTER_BATCH
):
    """Create or update schools from a GIAS export; raises gias.MissingColumns.

    `lines` is the file: bytes, an open binary file or an uploaded file. Streams: the file is
    read a row at a time and written `batch_size` schools at a time, so memory stays flat
    whatever its size. All or nothing, in one transaction: nothing is written on a dry run, nor
    when any row is invalid unless `skip_invalid`; the counts then say what would have happened.
    """
    rows = read_register(lines, la=la or default_local_authority(), progress=progress)
    report = ImportReport()
    writer = _SchoolWriter(report)
    with transaction.atomic():
        batch = []
        for item in rows:
            if isinstance(item, RegisterRowError):
                report.errors.append(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                writer.save(batch, write=not dry_run and (skip_invalid or not report.errors))
                batch = []
        writer.save(batch, write=not dry_run and (skip_invalid or not report.errors))
        report.skipped = rows.skipped
        changed = report.created or report.updated
        if not dry_run and (skip_invalid or not report.errors):
            report.written = True
            if changed:
                # Bulk writes send no signals: retire cached pages and sitemap parts here.
                bump_version()
        else:
            transaction.set_rollback(True)
    if report.written and changed:  # a file read again unchanged leaves the cache and stats be
        analyze(Organisation, Person, IndexEntry, ReferenceIndex)
    return report


class _SchoolWriter:
    """Saves schools and their heads a batch at a time, in a fixed number of queries per batch.

    Bulk writes skip `save()` and the signals, so this does their work: control characters out
    of the text (`core.text`, the rule every save applies), the area from the postcode (as
    `Organisation.save` would), `updated_at`, and the search and reference indexes.
    """

    def __init__(self, report):
        self.report = report
        #: {postcode: area id}: schools share postcodes and outward codes.
        self.areas = {}

    def save(self, schools, *, write):
        """Count each school's outcome and, if `write`, save it."""
        if not schools:
            return
        existing = {o.urn: o for o in Organisation.objects.filter(urn__in=[s.urn for s in schools])}
        heads = {
            p.organisation_id: p
            for p in Person.objects.filter(
                organisation__in=[o.pk for o in existing.values()], job_title=HEAD_JOB_TITLE
            )
        }
        created, updated, new_heads, renamed_heads = [], [], [], []
        for school in schools:
            values = {
                "name": one_line(school.name),
                "kind": OrganisationKind.SCHOOL,
                "phase": school.phase,
                "address": multi_line(school.address),
                "postcode": one_line(school.postcode),
                "phone": one_line(school.phone),
                "website": one_line(school.website),
            }
            head_name = one_line(school.head)
            organisation = existing.get(school.urn)
            head = heads.get(organisation.pk) if organisation else None
            if organisation is None:
                organisation = Organisation(urn=school.urn, **values)
                created.append(organisation)
                outcome = "created"
            else:
                changed = {k: v for k, v in values.items() if getattr(organisation, k) != v}
                for key, value in changed.items():
                    setattr(organisation, key, value)
                if changed:
                    updated.append((organisation, tuple(changed)))
                outcome = "updated" if changed else "unchanged"
            if head_name and head is None:
                new_heads.append((organisation, head_name))
                outcome = "created" if outcome == "created" else "updated"
            elif head_name and head.name != head_name:
                head.name = head_name
                renamed_heads.append(head)
                outcome = "created" if outcome == "created" else "updated"
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        if write:
            self._write(created, updated, new_heads, renamed_heads)

    def _write(self, created, updated, new_heads, renamed_heads):
        now = timezone.now()
        saved = created + [organisation for organisation, _fields in updated]
        missing = {o.postcode for o in saved if o.area_id is None} - self.areas.keys()
        self.areas.update(Area.objects.for_postcodes(missing))
        for organisation in saved:
            if organisation.area_id is None:  # as Organisation.save: unless an editor set it
                organisation.area_id = self.areas[organisation.postcode]
            organisation.updated_at = now
        bulk_insert(created)
        if created and created[0].pk is None:  # a database that returns no ids
            ids = dict(
                Organisation.objects.filter(urn__in=[o.urn for o in created]).values_list(
                    "urn", "pk"
                )
            )
            for organisation in created:
                organisation.pk = ids[organisation.urn]
        # One UPDATE per set of changed fields (a re-import mostly changes one or two): only
        # what the register changed is written, so an editor's edit of another field stays.
        by_fields = {}
        for organisation, fields in updated:
            by_fields.setdefault(fields, []).append(organisation)
        for fields, organisations in by_fields.items():
            bulk_update(organisations, [*fields, "area", "updated_at"])
        people = [
            Person(
                name=name,
                job_title=HEAD_JOB_TITLE,
                organisation=organisation,
                visibility=Visibility.PARTNERS,
            )
            for organisation, name in new_heads
        ]
        bulk_insert(people)
        if people and people[0].pk is None:
            people = list(
                Person.objects.filter(
                    organisation__in=[o.pk for o, _name in new_heads], job_title=HEAD_JOB_TITLE
                )
            )
        for head in renamed_heads:
            head.updated_at = now
        bulk_update(renamed_heads, ["name", "updated_at"])
        index_in_bulk(Organisation, saved)
        index_in_bulk(Person, people + renamed_heads)


SCHOOL_FIELDS = ["name", "kind", "phase", "address", "postcode", "phone", "website"]


class NothingToImport(ValueError):
    """No postcode could be kept: no area has its ONS district code, or the file has no postcode
    of those districts (the wrong file, or codes mistyped); the postcodes stay as they were."""


@dataclass
class PostcodeImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Postcodes loaded before and absent from this file.
    removed: int = 0
    #: Rows of districts outside the county.
    skipped: int = 0
    terminated: int = 0
    errors: list = field(default_factory=list)
    #: Invalid rows beyond the ones kept in `errors`.
    more_errors: int = 0
    #: Postcodes kept, by area name.
    by_area: dict = field(default_factory=dict)
    district_column: str = ""
    postcode_column: str = ""
    written: bool = False

    @property
    def invalid(self):
        return len(self.errors) + self.more_errors

    @property
    def summary(self):
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, skipped {self.skipped}, invalid {self.invalid}"
        )

    def add_error(self, error):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


#: Postcodes written per INSERT.
POSTCODE_BATCH = 2000


def import_postcodes(lines, *, dry_run=False, progress=None):
    """Replace the county's postcodes with those of an ONSPD or NSPL CSV (its lines as bytes).

    Streams: the file is read a line at a time and written in batches, so a national file goes
    through in flat memory (what is held grows with the county's postcodes only). All or
    nothing: in one transaction, and nothing is written on a dry run or when any row is
    invalid, so a broken file loses nothing. Raises onspd.MissingColumns and NothingToImport.
    """
    districts = dict(Area.objects.exclude(ons_code="").values_list("ons_code", "pk"))
    if not districts:
        raise NothingToImport(
            "No area has its ONS district code yet: set each area's code (for example "
            "E07000236 for Redditch) in the admin, then import again."
        )
    names = dict(Area.objects.values_list("pk", "name"))
    source = PostcodeFile(lines, districts.keys(), progress=progress)
    report = PostcodeImportReport()
    with transaction.atomic():
        before = {
            postcode: (area_id, ended)
            for postcode, area_id, ended in Postcode.objects.values_list(
                "postcode", "area_id", "terminated_on"
            ).iterator(chunk_size=POSTCODE_BATCH)
        }
        if not dry_run:
            Postcode.objects.all().delete()
            OutwardCode.objects.all().delete()
        seen = set()
        batch = []
        for item in source:
            if isinstance(item, RowError):
                report.add_error(item)
                continue
            if item.postcode in seen:
                report.add_error(RowError(item.line, item.postcode, "the postcode appears twice"))
                continue
            seen.add(item.postcode)
            area_id = districts[item.district]
            old = before.get(item.postcode)
            outcome = (
                "created"
                if old is None
                else "unchanged"
                if old == (area_id, item.terminated_on)
                else "updated"
            )
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.terminated += item.terminated_on is not None
            name = names[area_id]
            report.by_area[name] = report.by_area.get(name, 0) + 1
            if dry_run or report.errors:
                continue  # nothing will be written: counting is enough
            batch.append(
                Postcode(
                    postcode=item.postcode,
                    outward_code=item.outward_code,
                    area_id=area_id,
                    terminated_on=item.terminated_on,
                )
            )
            if len(batch) >= POSTCODE_BATCH:
                Postcode.objects.bulk_create(batch)
                batch = []
        report.skipped = source.skipped
        if not seen and not report.errors:
            raise NothingToImport(
                "The file has no postcode in the county's districts "
                f"({', '.join(sorted(districts))}) among its {source.read} rows: nothing was "
                "written. Check the areas' ONS codes."
            )
        report.removed = len(before.keys() - seen)
        if source.columns is not None:
            report.district_column = source.columns.district_name
            report.postcode_column = source.columns.postcode_name
        if not dry_run and not report.errors:
            Postcode.objects.bulk_create(batch)
            _save_outward_codes(source.outward_districts, districts)
            report.written = True
        else:
            transaction.set_rollback(True)
    return report


def _save_outward_codes(outward_districts, districts):
    """One row per outward code with county postcodes: its districts, and whether it leaves the
    county."""
    codes = []
    links = []
    Link = OutwardCode.areas.through
    for code, found in outward_districts.items():
        county = [districts[d] for d in found if d in districts]
        if not county:
            continue
        codes.append(OutwardCode(code=code, partly_outside=len(county) < len(found)))
        links += [Link(outwardcode_id=code, area_id=area_id) for area_id in county]
    OutwardCode.objects.bulk_create(codes, batch_size=POSTCODE_BATCH)
    Link.objects.bulk_create(links, batch_size=POSTCODE_BATCH)


def _broken_line(error, line):
    """A message for a line the CSV reader could not read, naming the line."""
    if isinstance(error, NotText):
        return str(error)
    return f"line {line}: this line is not a CSV row ({error}). Is the file damaged?"


def _add_place(row, line, areas, have, report):
    name, district = (row.get("name") or "").strip(), (row.get("district") or "").strip()
    if not name:
        report.errors.append(f"line {line}: the place has no name")
        return
    area = areas.get(district)
    if area is None:
        report.errors.append(f"line {line}: no area has the ONS code “{district}”")
        return
    if (area.pk, place_key(name)) in have:
        report.unchanged += 1
        return
    place = Place(area=area, name=name, outward_codes=row.get("outward_codes") or "")
    try:
        place.full_clean(exclude=["area", "key"])
    except ValidationError as error:
        report.errors.append(f"line {line}: {'; '.join(error.messages)}")
        return
    place.save()
    have.add((area.pk, place.key))
    report.created += 1


@dataclass
class PlacesReport:
    created: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)


def import_places(data):
    """Add the towns and villages of a CSV's bytes (columns name, district, outward_codes; the
    district is its ONS code) that are missing; places already there are left as they are.

    All or nothing: an empty name, an unknown district, a bad outward code or a broken line
    stops the import, each named by its line. The file is read as the postcode import reads
    one (UTF-8 or Windows-1252; UTF-16 and workbooks refused by name).
    """
    reader = csv.DictReader(decoded_lines(io.BytesIO(data)))
    report = PlacesReport()
    try:
        fieldnames = reader.fieldnames or []
    except (NotText, csv.Error) as error:
        raise ValueError(_broken_line(error, 1)) from error
    missing = [c for c in ("name", "district") if c not in fieldnames]
    if missing:
        raise ValueError(f"The file is missing the column(s): {', '.join(missing)}.")
    areas = {a.ons_code: a for a in Area.objects.exclude(ons_code="")}
    have = set(Place.objects.values_list("area_id", "key"))
    with transaction.atomic():
        try:
            for row in reader:
                _add_place(row, reader.line_num, areas, have, report)
        except (NotText, csv.Error) as error:
            report.errors.append(_broken_line(error, reader.line_num + 1))
        if report.errors:
            transaction.set_rollback(True)
            report.created = 0
    return report
