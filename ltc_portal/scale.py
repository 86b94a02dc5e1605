"""`seed_scale`: the national-scale data set, on top of the demo county.

Rows without a page (organisations, people) go in with bulk inserts; pages need Wagtail's tree,
so partnerships, meetings and materials are added one by one with `add_child`. Everything has a
natural key (a URN, a name, a slug), so a second run adds nothing.
"""

import datetime as dt
import itertools
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.db import analyze
from core.enums import Visibility
from directory.enums import OrganisationKind, PartnershipKind, Phase, Role
from directory.indexing import index_in_bulk
from directory.models import (
    Area,
    Membership,
    Organisation,
    PartnershipIndexPage,
    PartnershipPage,
    Person,
    Postcode,
)
from meetings.enums import Frequency
from meetings.models import MeetingPage
from resources.enums import Audience, ResourceFormat, ResourcePhase
from resources.models import ResourceAudience, ResourceIndexPage, ResourcePage

#: The national data set at scale 1.
FULL = {
    "schools": 24_000,
    "groups": 2_000,
    "partnerships": 150,
    "members": 40,
    "people": 60_000,
    "meetings": 1_500,
    "materials": 500,
}
#: Rows per INSERT.
BATCH = 1000
#: The scale set's URNs: above the real register's (about 150000) and below the demo's (990001).
FIRST_URN = 600_001
GROUP_KINDS = [k for k in OrganisationKind.values if k != OrganisationKind.SCHOOL]
PHASES = [Phase.PRIMARY, Phase.PRIMARY, Phase.PRIMARY, Phase.SECONDARY, Phase.NURSERY]
VISIBILITIES = [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.PARTNERS, Visibility.PRIVATE]


@dataclass
class Counts:
    schools: int = 0
    groups: int = 0
    people: int = 0
    partnerships: int = 0
    meetings: int = 0
    materials: int = 0

    def __str__(self):
        return ", ".join(f"{value} {name}" for name, value in vars(self).items())

    @property
    def total(self):
        return sum(vars(self).values())


def sizes(scale):
    """How many of each at `scale` (at least one of each; a partnership keeps its 40 members)."""
    counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
    counts["members"] = FULL["members"]
    return counts


def seed_scale(scale=1.0, *, log=print):
    """Add the national data set's missing rows at `scale`; returns what was added."""
    started = time.monotonic()
    want = sizes(scale)
    added = Counts()
    with transaction.atomic():
        addresses = _addresses()
        added.schools = _schools(want["schools"], addresses)
        log(f"schools: {added.schools} added ({time.monotonic() - started:.1f} s)")
        added.groups = _groups(want["groups"], addresses)
        log(f"groups and services: {added.groups} added ({time.monotonic() - started:.1f} s)")
        added.people = _people(want["people"])
        log(f"people: {added.people} added ({time.monotonic() - started:.1f} s)")
        added.partnerships = _partnerships(want["partnerships"], want["members"])
        log(f"partnerships: {added.partnerships} added ({time.monotonic() - started:.1f} s)")
        added.meetings = _meetings(want["meetings"])
        log(f"meeting series: {added.meetings} added ({time.monotonic() - started:.1f} s)")
        added.materials = _materials(want["materials"])
        log(f"materials: {added.materials} added ({time.monotonic() - started:.1f} s)")
    analyze()
    return added


def _addresses():
    """(postcode, area id) pairs to spread the organisations over: the loaded postcode
    directory's, else each area's outward codes."""
    pairs = list(
        Postcode.objects.filter(terminated_on__isnull=True)
        .order_by("postcode")
        .values_list("postcode", "area_id")[:5000]
    )
    if not pairs:
        pairs = [
            (f"{code} {n}AA", area.pk)
            for area in Area.objects.all()
            for code in area.outward_code_list
            for n in range(1, 10)
        ]
    return pairs or [("", None)]


def _bulk_add(model, rows):
    """Insert `rows` in batches and index them as saving each would have."""
    added = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        model.objects.bulk_create(batch)
        if batch and batch[0].pk is None:  # a database that returns no ids
            return added + len(rows)
        index_in_bulk(model, batch)
        added += len(batch)
    return added


def _schools(count, addresses):
    have = set(
        Organisation.objects.filter(urn__gte=FIRST_URN, urn__lt=FIRST_URN + count).values_list(
            "urn", flat=True
        )
    )
    rows = []
    for n in range(count):
        urn = FIRST_URN + n
        if urn in have:
            continue
        postcode, area_id = addresses[n % len(addresses)]
        phase = PHASES[n % len(PHASES)]
        rows.append(
            Organisation(
                urn=urn,
                name=f"Scale {phase.label} School {n + 1}",
                kind=OrganisationKind.SCHOOL,
                phase=phase,
                address=f"{n % 200 + 1} School Lane",
                postcode=postcode,
                area_id=area_id,
                website=f"https://school{urn}.example.org",
                phone=f"01905 {urn % 1000000:06d}",
            )
        )
    return _bulk_add(Organisation, rows)


def _group_name(n):
    return f"Scale Group {n + 1}"


def _groups(count, addresses):
    names = [_group_name(n) for n in range(count)]
    have = set(Organisation.objects.filter(name__in=names).values_list("name", flat=True))
    rows = [
        Organisation(
            name=name,
            kind=GROUP_KINDS[n % len(GROUP_KINDS)],
            address="Community Hall",
            postcode=addresses[n % len(addresses)][0],
            area_id=addresses[n % len(addresses)][1],
        )
        for n, name in enumerate(names)
        if name not in have
    ]
    return _bulk_add(Organisation, rows)


def _person_name(n):
    return f"Scale Person {n + 1}"


def _people(count):
    organisations = list(
        Organisation.objects.filter(name__startswith="Scale ")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    have = set(
        Person.objects.filter(name__startswith="Scale Person ").values_list("name", flat=True)
    )
    rows = []
    for n in range(count):
        name = _person_name(n)
        if name in have:
            continue
        # A mix of visibilities: some contact details public, most for partners, some private.
        rows.append(
            Person(
                name=name,
                job_title="Designated safeguarding lead" if n % 3 == 0 else "Teacher",
                organisation_id=organisations[n % len(organisations)] if organisations else None,
                email=f"scale.person.{n + 1}@example.org",
                phone=f"07700 900{n % 1000:03d}",
                visibility=VISIBILITIES[n % len(VISIBILITIES)],
            )
        )
    return _bulk_add(Person, rows)


def _partnerships(count, members):
    index = PartnershipIndexPage.objects.first()
    if index is None:
        return 0
    have = set(
        PartnershipPage.objects.filter(slug__startswith="scale-").values_list("slug", flat=True)
    )
    people = list(
        Person.objects.filter(name__startswith="Scale Person ")
        .order_by("pk")
        .values_list("pk", "organisation_id")[: count * members]
    )
    if not people:
        return 0
    roles = itertools.cycle([Role.CHAIR, Role.VICE_CHAIR, *[Role.MEMBER] * (members - 2)])
    added = 0
    for n in range(count):
        slug = f"scale-partnership-{n + 1}"
        if slug in have:
            continue
        seats = [people[(n * members + m) % len(people)] for m in range(members)]
        page = PartnershipPage(
            title=f"Scale Partnership {n + 1}",
            slug=slug,
            kind=PartnershipKind.COUNTY_GROUP,
            purpose="<p>A partnership of the national-scale data set.</p>",
            coordinator_id=seats[0][0],
        )
        page.memberships = [
            Membership(
                person_id=person_id,
                organisation_id=organisation_id,
                role=next(roles),
                start_date=dt.date(2025, 9, 1),
            )
            for person_id, organisation_id in dict(seats).items()
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        added += 1
    return added


def _meetings(count):
    partnerships = list(PartnershipPage.objects.filter(slug__startswith="scale-").order_by("pk"))
    if not partnerships:
        return 0
    have = set(
        MeetingPage.objects.filter(slug__startswith="scale-meeting-").values_list("slug", flat=True)
    )
    first = timezone.make_aware(dt.datetime(2026, 1, 6, 18, 30))
    added = 0
    for n in range(count):
        slug = f"scale-meeting-{n + 1}"
        if slug in have:
            continue
        start = first + dt.timedelta(days=n % 28)
        partnerships[n % len(partnerships)].add_child(
            instance=MeetingPage(
                title=f"Scale meeting series {n + 1}",
                slug=slug,
                summary="A meeting series of the national-scale data set.",
                start=start,
                end=start + dt.timedelta(hours=1),
                frequency=Frequency.MONTHLY_WEEKDAY,
                ends_after=12,
                joining_link=f"https://meet.example.org/scale-{n + 1}",
            )
        )
        added += 1
    return added


def _materials(count):
    index = ResourceIndexPage.objects.first()
    if index is None:
        return 0
    have = set(
        ResourcePage.objects.filter(slug__startswith="scale-material-").values_list(
            "slug", flat=True
        )
    )
    audiences = Audience.values
    formats = ResourceFormat.values
    now = timezone.now()
    added = 0
    for n in range(count):
        slug = f"scale-material-{n + 1}"
        if slug in have:
            continue
        page = ResourcePage(
            title=f"Scale material {n + 1}",
            slug=slug,
            summary="A material of the national-scale data set.",
            phase=ResourcePhase.values[n % len(ResourcePhase.values)],
            format=formats[n % len(formats)],
            visibility=Visibility.PARTNERS if n % 4 == 3 else Visibility.PUBLIC,
        )
        page.audience_links = [ResourceAudience(audience=audiences[n % len(audiences)])]
        index.add_child(instance=page)
        page.record_approval(None, now)
        added += 1
    return added
