"""The demo county's training: courses, records and taxi returns giving each district its own
pace (some ahead, some behind), and the public coverage page.

Records are dated back from the day the demo is seeded, so the figures stay realistic whenever
it runs: each district has schools in date, some expiring within 90 days, some lapsed, some
never trained. Runs after the directory and the materials; adds only what is missing.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail.models import Page

from core.demo import add_page
from directory.enums import OrganisationKind
from directory.models import Area, Organisation
from resources.enums import Audience
from resources.models import ResourcePage

from .enums import YOUTH_GROUP_KINDS, CourseAudience, LicenceCondition, RecordSource
from .models import CoveragePage
from .quarters import Quarter
from .records import Course, CourseAudienceLink, TaxiLicensingReturn, TrainingRecord

#: (title, audiences, provider, length, refresh months, materials' audience, outline).
COURSES = [
    (
        "Designated safeguarding lead: child sexual exploitation",
        [CourseAudience.DSL],
        "County safeguarding board",
        "One day",
        24,
        Audience.SCHOOL_STAFF,
        "Recognising CSE at primary and secondary age, online grooming, the referral route "
        "through the front door, and leading a whole-school approach.",
    ),
    (
        "CSE awareness for all school staff",
        [CourseAudience.SCHOOL_STAFF],
        "County safeguarding board (e-learning)",
        "90 minutes online",
        36,
        Audience.SCHOOL_STAFF,
        "Signs of exploitation, what to do and whom to tell: the designated safeguarding lead.",
    ),
    (
        "Keeping young people safe: CSE for youth leaders",
        [CourseAudience.YOUTH_LEADERS],
        "County youth work partnership",
        "Half a day",
        36,
        Audience.YOUTH_LEADERS,
        "For uniformed, faith and voluntary youth groups: signs, safer practice, reporting.",
    ),
    (
        "Eyes and ears: CSE for taxi drivers",
        [CourseAudience.TAXI_DRIVERS],
        "District licensing authorities",
        "Two hours",
        36,
        Audience.TAXI_DRIVERS,
        "What exploitation looks like from the driver's seat, and how to report it.",
    ),
    (
        "Online grooming: a session for parents and carers",
        [CourseAudience.PARENTS],
        "County safeguarding board",
        "One hour",
        None,
        Audience.PARENTS_AND_CARERS,
        "How groomers use apps and games, and how to talk to your child about it.",
    ),
]

#: Each district's pace: the share of its schools and of its youth groups trained, taxi drivers
#: trained two years ago and now, and when CSE training became a licence condition (quarters
#: ago; None for never).
PACE = {
    "bromsgrove": (0.9, 0.75, 0.45, 0.9, 6),
    "malvern-hills": (0.4, 0.25, 0.05, 0.2, None),
    "redditch": (0.8, 0.5, 0.3, 0.75, 3),
    "worcester-city": (0.6, 0.5, 0.2, 0.5, 1),
    "wychavon": (0.5, 1.0, 0.1, 0.35, None),
    "wyre-forest": (0.3, 0.25, 0.0, 0.15, None),
}
#: Licensed drivers in each district.
DRIVERS = {
    "bromsgrove": 240,
    "malvern-hills": 130,
    "redditch": 310,
    "worcester-city": 520,
    "wychavon": 280,
    "wyre-forest": 350,
}
#: Quarters of returns per district: two years.
RETURN_QUARTERS = 8
DEMO_REFERENCE = "demo"


def seed(log):
    home = Page.objects.get(depth=2)
    add_page(
        home,
        CoveragePage(
            title="Training coverage",
            slug="training-coverage",
            show_in_menus=True,
            search_description=(
                "Which schools, youth groups and taxi drivers have had CSE training, "
                "by district and quarter."
            ),
            intro=(
                "<p>The scrutiny panel asked for every school to follow a similar training "
                "programme, for uniformed and faith youth groups to be made aware, and for "
                "taxi drivers to be trained. These are the county's figures, district by "
                "district. No one's individual training record is published.</p>"
            ),
        ),
        log,
    )
    courses = seed_courses(log)
    today = timezone.localdate()
    seed_records(log, courses, today)
    seed_returns(log, today)
    coverage = CoveragePage.objects.get(slug="training-coverage")
    seed_sessions(log, coverage, courses, today)


#: Per district: (slug suffix, course audience, days from the seeding day, online, places).
SESSIONS = [
    ("dsl", CourseAudience.DSL, 14, False, 12),
    ("youth-leaders", CourseAudience.YOUTH_LEADERS, 35, True, 20),
]


def seed_sessions(log, coverage, courses, today):
    """Two sessions per district (one at a venue, one online) and a county-wide one, with a
    few people of the district's schools booked on the first (through `training.booking`)."""
    from meetings.models import Venue
    from meetings.recurrence import LONDON

    from .booking import Wanted, book
    from .sessions import TrainingSessionPage

    venue = Venue.objects.order_by("pk").first()

    def at(days, hour):
        day = today + dt.timedelta(days=days)
        return dt.datetime(day.year, day.month, day.day, hour, 30, tzinfo=LONDON)

    def add(slug, title, audience, days, online, places, area):
        return add_page(
            coverage,
            TrainingSessionPage(
                title=title,
                slug=slug,
                course=courses[audience],
                start=at(days, 9),
                end=at(days, 12),
                venue=None if online or venue is None else venue,
                joining_link="https://meet.example.org/cse-training" if online or not venue else "",
                capacity=places,
                area=area,
            ),
            log,
        )

    for area in Area.objects.order_by("name"):
        for suffix, audience, days, online, places in SESSIONS:
            session = add(
                f"{area.slug}-{suffix}",
                f"{area.name}: {courses[audience].title}",
                audience,
                days,
                online,
                places,
                area,
            )
            if suffix != "dsl" or session.bookings.exists():
                continue
            schools = Organisation.objects.filter(area=area, kind=OrganisationKind.SCHOOL)
            for school in schools.order_by("name")[:2]:
                people = list(school.people.order_by("name")[:2])
                if people:
                    book(session, school, [Wanted(p.name, p) for p in people], by=None)
                    log.created(f"{len(people)} bookings on “{session.title}”")
    add(
        "county-dsl-refresher",
        "County-wide: designated safeguarding lead training",
        CourseAudience.DSL,
        49,
        False,
        30,
        None,
    )


def seed_courses(log):
    courses = {}
    for title, audiences, provider, length, months, material_audience, outline in COURSES:
        course = Course.objects.filter(title=title).first()
        if course is None:
            course = Course.objects.create(
                title=title,
                provider=provider,
                length=length,
                refresh_months=months,
                outline=outline,
            )
            CourseAudienceLink.objects.bulk_create(
                CourseAudienceLink(course=course, audience=audience) for audience in audiences
            )
            materials = ResourcePage.objects.live().filter(
                audience_links__audience=material_audience
            )[:3]
            course.materials.set(materials)
            course.save()
            log.created(f"course {title}")
        courses[audiences[0]] = course
    return courses


def _months_ago(today, months, day_offset=0):
    return today - relativedelta(months=months) - dt.timedelta(days=day_offset)


def seed_records(log, courses, today):
    """Per district, its share of schools and youth groups trained, with a realistic spread of
    dates: most in date, one in each district expiring within 90 days, one lapsed."""
    if TrainingRecord.objects.filter(import_reference__startswith=DEMO_REFERENCE).exists():
        return
    dsl, staff = courses[CourseAudience.DSL], courses[CourseAudience.SCHOOL_STAFF]
    youth, taxi = courses[CourseAudience.YOUTH_LEADERS], courses[CourseAudience.TAXI_DRIVERS]
    records = []

    def record(organisation, course, date, number=1, name=""):
        records.append(
            TrainingRecord(
                organisation=organisation,
                course=course,
                date=date,
                number_trained=number,
                person_name=name,
                source=RecordSource.IMPORT if course == staff else RecordSource.MANUAL,
                import_reference=f"{DEMO_REFERENCE}:{organisation.pk}",
            )
        )

    organisations = Organisation.objects.filter(area__slug__in=PACE).select_related("area", "dsl")
    by_area = {}
    for organisation in organisations.order_by("name"):
        by_area.setdefault(organisation.area.slug, []).append(organisation)
    for slug, found in by_area.items():
        schools_share, youth_share, *_rest = PACE[slug]
        schools = [o for o in found if o.kind == OrganisationKind.SCHOOL]
        trained = round(schools_share * len(schools))
        for n, school in enumerate(schools):
            name = school.dsl.name if school.dsl_id else ""
            if n < trained:
                # The first trained school of each district is 22 months in: expiring soon.
                months = 22 if n == 0 else 2 + (n * 5) % 18
                record(school, dsl, _months_ago(today, months, n), name=name)
                record(school, staff, _months_ago(today, 4 + n, n), number=12 + 3 * n)
            elif n == trained:
                # Trained once, never refreshed: lapsed.
                record(school, dsl, _months_ago(today, 27), name=name)
        groups = [o for o in found if o.kind in YOUTH_GROUP_KINDS]
        trained = round(youth_share * len(groups))
        for n, group in enumerate(groups[:trained]):
            record(group, youth, _months_ago(today, 3 + 7 * n, n), number=2 + n)
        for licensing in (o for o in found if o.kind == OrganisationKind.TAXI_LICENSING):
            record(licensing, taxi, _months_ago(today, 2), number=DRIVERS[slug] // 10)
    TrainingRecord.objects.bulk_create(records)
    log.created(f"{len(records)} training records")


def seed_returns(log, today):
    """Every district's quarterly taxi return for the last two years' finished quarters."""
    quarters = Quarter.of(today).previous().last(RETURN_QUARTERS)
    have = set(TaxiLicensingReturn.objects.values_list("area__slug", "year", "quarter"))
    returns = []
    for area in Area.objects.filter(slug__in=PACE):
        _schools, _youth, start, end, condition_since = PACE[area.slug]
        licensed = DRIVERS[area.slug]
        for n, quarter in enumerate(quarters):
            if (area.slug, quarter.year, quarter.number) in have:
                continue
            share = start + (end - start) * n / (len(quarters) - 1)
            quarters_ago = len(quarters) - 1 - n
            if condition_since is not None and quarters_ago < condition_since:
                condition = LicenceCondition.REQUIRED
            elif condition_since is not None and quarters_ago < condition_since + 2:
                condition = LicenceCondition.AGREED
            else:
                condition = LicenceCondition.NOT_REQUIRED
            drivers = licensed - 2 * (len(quarters) - 1 - n)
            returns.append(
                TaxiLicensingReturn(
                    area=area,
                    year=quarter.year,
                    quarter=quarter.number,
                    licensed_drivers=drivers,
                    trained_drivers=round(share * drivers),
                    condition=condition,
                )
            )
    if returns:
        TaxiLicensingReturn.objects.bulk_create(returns)
        log.created(f"{len(returns)} taxi licensing returns")
