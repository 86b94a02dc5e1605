"""The directory's demo step: schools, youth groups, services, people and memberships.

Run by `seed_demo` after the core step has made the areas, the LCT pages and the users. Every
record is found by a natural key (URN, organisation name, person name) and only created when
missing, so a second run changes nothing. All names are invented.
"""

import datetime
import zlib
from pathlib import Path

from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.demo import add_page
from core.enums import Visibility

from .enums import OrganisationKind, PartnershipKind, Phase, Role
from .importing import import_places, import_postcodes
from .models import (
    Area,
    DirectoryPage,
    FindYourLCTPage,
    Membership,
    Organisation,
    PartnershipPage,
    Person,
    Postcode,
)

FIRST_NAMES = [
    "Amira", "Ben", "Carys", "Dev", "Elin", "Femi", "Grace", "Harun", "Isla", "Jonah",
    "Kasia", "Luca", "Maya", "Niall", "Orla", "Priya", "Quinn", "Rhys", "Sana", "Tobias",
]  # fmt: skip
LAST_NAMES = [
    "Ashdown", "Brightwell", "Calloway", "Dunmore", "Ellery", "Fairbairn", "Galloway",
    "Hartwell", "Ingleby", "Jessop", "Kettering", "Lockhart", "Marlowe", "Netherton",
    "Oakridge", "Pemberly", "Quarrington", "Rosedale", "Stanmore", "Thornbury",
]  # fmt: skip

#: Invented place names in each district, used for schools and groups.
PLACES = {
    "bromsgrove": ["Hollowmere", "Brackley Heath", "Cinder Hill", "Lickey End"],
    "malvern-hills": ["Ashcombe", "Wellbrook", "Severn Vale", "Hallowfield"],
    "redditch": ["Needlewood", "Abbeyfield", "Matchborough Park", "Lodge Green"],
    "worcester-city": ["Cathedral Quarter", "Diglis Wharf", "Northfield Rise", "St Clement's"],
    "wychavon": ["Avonbury", "Vale Orchard", "Pershore Cross", "Droitwich Spa"],
    "wyre-forest": ["Stourbridge Vale", "Forest Edge", "Hartlebury Common", "Blakebrook"],
}

#: Ten schools per district: (phase, name pattern).
SCHOOLS = [
    (Phase.PRIMARY, "{place} Primary School"),
    (Phase.FIRST, "{place} First School"),
    (Phase.PRIMARY, "St Anselm's C of E Primary School, {place}"),
    (Phase.MIDDLE, "{place} Middle School"),
    (Phase.HIGH, "{place} High School"),
    (Phase.SECONDARY, "{place} Academy"),
    (Phase.NURSERY, "{place} Nursery School"),
    (Phase.SPECIAL, "{place} Special School"),
    (Phase.ALL_THROUGH, "{place} All-Through School"),
    (Phase.POST_16, "{place} Sixth Form College"),
]

YOUTH_GROUPS = [
    (OrganisationKind.UNIFORMED_YOUTH_GROUP, "1st {place} Scout Group", ["scouting"]),
    (OrganisationKind.UNIFORMED_YOUTH_GROUP, "{place} Girlguiding", ["guiding"]),
    (OrganisationKind.FAITH_YOUTH_GROUP, "{place} Methodist Youth Club", ["church"]),
    (OrganisationKind.FAITH_YOUTH_GROUP, "{place} Mosque Youth Circle", ["mosque"]),
]

VISIBILITIES = [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.PRIVATE]

#: The six districts of the demo county, with the postcode outward codes each covers.
DISTRICTS = [
    ("Bromsgrove", "bromsgrove", "B45 B48 B60 B61"),
    ("Malvern Hills", "malvern-hills", "WR6 WR13 WR14 WR15"),
    ("Redditch", "redditch", "B96 B97 B98"),
    ("Worcester City", "worcester-city", "WR1 WR2 WR3 WR4 WR5"),
    ("Wychavon", "wychavon", "WR7 WR8 WR9 WR10 WR11 WR12"),
    ("Wyre Forest", "wyre-forest", "DY10 DY11 DY12 DY13 DY14"),
]


#: Each district's ONS local authority district code: the postcode directory's district column.
ONS_CODES = {
    "bromsgrove": "E07000234",
    "malvern-hills": "E07000235",
    "redditch": "E07000236",
    "worcester-city": "E07000237",
    "wychavon": "E07000238",
    "wyre-forest": "E07000239",
}
DATA = Path(__file__).resolve().parent / "data"
#: The county's towns and villages, and a small ONS Postcode Directory extract in the real
#: format (including the demo organisations' postcodes and the boundary cases).
PLACES_FILE = DATA / "places.csv"
POSTCODES_FILE = DATA / "onspd_sample.csv"


def fictional_name(n):
    """The n-th invented name; distinct for n below 400."""
    return f"{FIRST_NAMES[n % 20]} {LAST_NAMES[(n // 20 + n) % 20]}"


class Names:
    def __init__(self, start=0):
        self.n = start

    def next(self):
        self.n += 1
        return fictional_name(self.n)


def seed(log):
    home = Page.objects.get(depth=2)
    add_page(
        home,
        DirectoryPage(
            title="Directory",
            slug="directory",
            show_in_menus=True,
            search_description="Find schools, youth groups and services, and whom to contact.",
            intro="<p>Search for a school, group or service to find its safeguarding lead, its Local Children's Trust and how to refer a concern.</p>",
        ),
        log,
    )
    add_page(
        home,
        FindYourLCTPage(
            title="Find your Local Children's Trust",
            slug="find-your-lct",
            show_in_menus=True,
            search_description="Enter a postcode to find the Local Children's Trust for your area.",
            intro="<p>Enter the postcode of your school, group or home to find your Local Children's Trust and its coordinator.</p>",
            county_contacts="<p>County safeguarding board business unit: 01905 000 100, board@example.gov.uk. The county headteacher group works across all districts.</p>",
        ),
        log,
    )
    seed_postcodes(log)
    names = Names()
    areas = {a.slug: a for a in Area.objects.all()}
    by_area = {slug: [] for slug in areas}
    heads = []
    urn = 990000
    for _name, slug, codes in DISTRICTS:
        area = areas[slug]
        outward = codes.split()
        places = PLACES[slug]
        for i, (phase, pattern) in enumerate(SCHOOLS):
            urn += 1
            place = places[i % len(places)]
            postcode = (
                f"{outward[i % len(outward)]} {1 + i % 9}{'ABDEFGHJLNPQRSTUWXYZ'[i]}{'ABD'[i % 3]}"
            )
            school = organisation(
                log,
                {"urn": urn},
                name=pattern.format(place=place),
                kind=OrganisationKind.SCHOOL,
                phase=phase,
                address=f"{10 + i} School Lane, {place}",
                postcode=postcode,
                website=f"https://school{urn}.example.org",
                phone=f"01905 {urn % 1000000:06d}",
                email=f"office@school{urn}.example.org",
                tags=["online safety"] if i % 3 == 0 else [],
            )
            dsl = person(
                log, names.next(), "Designated safeguarding lead", school, VISIBILITIES[(i + 1) % 3]
            )
            set_dsl(log, school, dsl)
            by_area[slug].append(dsl)
            if i < 2:  # heads only where they sit on the headteacher group: keeps seeding quick
                heads.append(person(log, names.next(), "Headteacher", school, VISIBILITIES[i % 3]))
        for j, (kind, pattern, tags) in enumerate(
            YOUTH_GROUPS[: 4 if slug in ("redditch", "worcester-city") else 3]
        ):
            place = places[j]
            group = organisation(
                log,
                {"name": pattern.format(place=place)},
                kind=kind,
                address=f"Community Hall, {place}",
                postcode=f"{outward[0]} {j + 2}HQ",
                tags=[*tags, "volunteers"],
            )
            leader = person(
                log, names.next(), "Youth leader and safeguarding lead", group, VISIBILITIES[j % 3]
            )
            set_dsl(log, group, leader)
            by_area[slug].append(leader)
        police = organisation(
            log,
            {"name": f"{area.name} Safer Neighbourhood Team"},
            kind=OrganisationKind.POLICE,
            phone="101",
            postcode=f"{outward[0]} 1PL",
            tags=["night-time economy"],
        )
        by_area[slug].append(
            person(log, names.next(), "Police sergeant", police, Visibility.PARTNERS)
        )
        health = organisation(
            log,
            {"name": f"{area.name} School Nursing Team"},
            kind=OrganisationKind.HEALTH,
            postcode=f"{outward[0]} 1HN",
        )
        by_area[slug].append(
            person(log, names.next(), "School nurse lead", health, Visibility.PUBLIC)
        )
        taxi = organisation(
            log,
            {"name": f"{area.name} Taxi and Private Hire Licensing"},
            kind=OrganisationKind.TAXI_LICENSING,
            email=f"taxi.licensing.{slug}@example.gov.uk",
            postcode=f"{outward[0]} 1TX",
            tags=["night-time economy", "licensing"],
        )
        by_area[slug].append(
            person(log, names.next(), "Licensing officer", taxi, Visibility.PUBLIC)
        )

    council = organisation(
        log,
        {"name": "County Council Children's Services Front Door"},
        kind=OrganisationKind.COUNCIL_SERVICE,
        phone="01905 000 200",
        email="frontdoor@example.gov.uk",
        postcode="WR5 2NP",
    )
    youth_support = organisation(
        log,
        {"name": "County Youth Support Service"},
        kind=OrganisationKind.COUNCIL_SERVICE,
        postcode="WR5 2NQ",
        tags=["detached youth work"],
    )
    adviser = person(
        log, names.next(), "CSE and missing children adviser", council, Visibility.PUBLIC
    )
    youth_worker = person(
        log, names.next(), "Senior youth worker", youth_support, Visibility.PARTNERS
    )

    # The demo `partner` sits on the Redditch LCT and the headteacher group.
    partner_school = (
        Organisation.objects.filter(area__slug="redditch", kind=OrganisationKind.SCHOOL)
        .order_by("urn")
        .first()
    )
    partner = person(
        log,
        "Pat Redfern",
        "Deputy headteacher",
        partner_school,
        Visibility.PARTNERS,
        username="partner",
    )

    for district_name, slug, _codes in DISTRICTS:
        page = PartnershipPage.objects.get(kind=PartnershipKind.LCT, area__slug=slug)
        coordinator = person(
            log,
            names.next(),
            f"{district_name} LCT coordinator",
            council,
            Visibility.PUBLIC,
            username=f"coord-{slug}",
        )
        local = by_area[slug]
        seats = [
            (local[0], Role.CHAIR),
            (local[-3], Role.VICE_CHAIR),
            (coordinator, Role.COORDINATOR),
            *[(p, Role.MEMBER) for p in local[1:-3]],
            (local[-2], Role.MEMBER),
            (local[-1], Role.MEMBER),
            (adviser, Role.ADVISER),
            (youth_worker, Role.MEMBER),
        ]
        if slug == "redditch":
            seats.append((partner, Role.MEMBER))
        fill(log, page, seats, coordinator=coordinator)

    group = PartnershipPage.objects.get(slug="headteacher-group")
    seats = [(head, Role.CHAIR if i == 0 else Role.MEMBER) for i, head in enumerate(heads)]
    seats += [(adviser, Role.ADVISER), (partner, Role.MEMBER)]
    fill(log, group, seats, coordinator=adviser)


def seed_postcodes(log):
    """The areas' ONS codes, the county's places, and the sample postcode file when no postcode
    directory is loaded (a real one, imported by the council, is never replaced). Before the
    organisations: each finds its area from its postcode."""
    for area in Area.objects.filter(ons_code="", slug__in=ONS_CODES):
        area.ons_code = ONS_CODES[area.slug]
        area.save(update_fields=["ons_code"])
        log.updated(f"ONS code of {area.name}")
    places = import_places(PLACES_FILE.read_bytes())
    if places.errors:
        raise ValueError(f"{PLACES_FILE}: {places.errors}")
    if places.created:
        log.created(f"{places.created} towns and villages")
    if not Postcode.objects.exists():
        with POSTCODES_FILE.open("rb") as lines:
            report = import_postcodes(lines)
        if not report.written:
            raise ValueError(f"{POSTCODES_FILE}: {[str(e) for e in report.errors]}")
        log.created(f"{report.created} postcodes")


def organisation(log, key, *, tags=(), **values):
    """The organisation with this natural key, created with `values` if missing."""
    existing = Organisation.objects.filter(**key).first()
    if existing is not None:
        return existing
    created = Organisation(**key, **values)
    created.full_clean()
    if tags:
        created.tags.add(*tags)  # kept in memory until the one save below
    created.save()
    log.created(f"organisation {created.name}")
    return created


def person(log, name, job_title, organisation, visibility, *, username=None):
    existing = Person.objects.filter(name=name).first()
    if existing is None:
        local = name.lower().replace(" ", ".")
        existing = Person.objects.create(
            name=name,
            job_title=job_title,
            organisation=organisation,
            email=f"{local}@example.org",
            # 07700 900000-900999 is Ofcom's range for drama: never a real number.
            phone=f"07700 900{zlib.crc32(name.encode()) % 1000:03d}",
            visibility=visibility,
        )
        log.created(f"person {name}")
    if username and existing.user_id is None:
        user = get_user_model().objects.filter(username=username).first()
        if user is not None and not Person.objects.filter(user=user).exists():
            existing.user = user
            existing.save(update_fields=["user", "updated_at"])
            log.updated(f"user account of {name}")
    return existing


def set_dsl(log, organisation, dsl):
    if organisation.dsl_id is None:
        organisation.dsl = dsl
        organisation.save(update_fields=["dsl", "updated_at"])
        log.updated(f"safeguarding lead of {organisation.name}")


def fill(log, page, seats, *, coordinator):
    """Give a partnership page its coordinator and any missing seats, in one published revision."""
    page = page.specific
    have = set(page.memberships.values_list("person_id", "role"))
    missing = [(p, r) for p, r in seats if (p.pk, r) not in have]
    if not missing and page.coordinator_id:
        return
    if page.coordinator_id is None:
        page.coordinator = coordinator
    for seated, role in missing:
        page.memberships.add(
            Membership(
                person=seated,
                role=role,
                organisation=seated.organisation,
                start_date=datetime.date(2025, 9, 1),
            )
        )
    page.save_revision().publish()
    log.updated(f"members of {page.title}")
