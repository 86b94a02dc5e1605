"""Importing the school register into the directory; the command and the admin upload share it."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from core.enums import Visibility

from .enums import OrganisationKind
from .gias import parse_register
from .models import Organisation, Person

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


def import_register(data, *, la=None, dry_run=False, skip_invalid=False, progress=None):
    """Create or update schools from a GIAS export's bytes; raises gias.MissingColumns.

    Nothing is written on a dry run, nor when any row is invalid unless `skip_invalid`; the
    counts then say what would have happened.
    """
    parsed = parse_register(data, la=la or default_local_authority(), progress=progress)
    report = ImportReport(skipped=parsed.skipped, errors=parsed.errors)
    write = not dry_run and (skip_invalid or not parsed.errors)
    with transaction.atomic():
        existing = {
            o.urn: o for o in Organisation.objects.filter(urn__in=[s.urn for s in parsed.schools])
        }
        heads = {
            p.organisation_id: p
            for p in Person.objects.filter(
                organisation__in=existing.values(), job_title=HEAD_JOB_TITLE
            )
        }
        for school in parsed.schools:
            outcome = _save_school(school, existing.get(school.urn), heads)
            setattr(report, outcome, getattr(report, outcome) + 1)
        if write:
            report.written = True
        else:
            transaction.set_rollback(True)
    return report


def _save_school(school, organisation, heads):
    """Create or update one school and its head; returns "created", "updated" or "unchanged"."""
    values = {
        "name": school.name,
        "kind": OrganisationKind.SCHOOL,
        "phase": school.phase,
        "address": school.address,
        "postcode": school.postcode,
        "phone": school.phone,
        "website": school.website,
    }
    outcome = "unchanged"
    if organisation is None:
        organisation = Organisation(urn=school.urn, **values)
        organisation.save()
        outcome = "created"
    else:
        changed = {k: v for k, v in values.items() if getattr(organisation, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(organisation, key, value)
            organisation.save()
            outcome = "updated"
    if school.head:
        head = heads.get(organisation.pk)
        if head is None:
            Person.objects.create(
                name=school.head,
                job_title=HEAD_JOB_TITLE,
                organisation=organisation,
                visibility=Visibility.PARTNERS,
            )
            outcome = "created" if outcome == "created" else "updated"
        elif head.name != school.head:
            head.name = school.head
            head.save(update_fields=["name", "updated_at"])
            outcome = "created" if outcome == "created" else "updated"
    return outcome
