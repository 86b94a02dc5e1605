"""Demo meetings: every LCT's monthly series across a clock change with one cancelled and one
moved meeting, a one-off meeting with papers, past meetings with minutes, records (agenda,
papers, minutes and attendance) of each LCT's past meetings, and the headteacher group's
half-termly meetings. Dates are relative to today; pages are found again by slug, so a
second run changes nothing."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.demo import add_page
from core.enums import Visibility
from core.pdf import minimal_pdf
from directory.enums import OrganisationKind, PartnershipKind
from directory.models import PartnershipPage

from .days_off import day_off, next_working_day
from .enums import ExceptionAction, Frequency
from .models import MeetingException, MeetingPage, MeetingsIndexPage, Venue
from .records import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Guest,
    MinutesStatus,
    OccurrenceRecord,
    Paper,
)
from .recurrence import LONDON, local

VENUES = {
    "bromsgrove": ("Parkside Suite", "Market Street\nBromsgrove", "B61 8DA"),
    "malvern-hills": ("Priory Lodge", "Grange Road\nMalvern", "WR14 3HA"),
    "redditch": ("Town Hall Committee Room 2", "Walter Stranz Square\nRedditch", "B98 8AH"),
    "worcester-city": ("The Guildhall", "High Street\nWorcester", "WR1 2EY"),
    "wychavon": ("Civic Centre", "Queen Elizabeth Drive\nPershore", "WR10 1PT"),
    "wyre-forest": ("Green Street Depot", "Green Street\nKidderminster", "DY10 1HA"),
}
COUNTY_VENUE = ("County Hall, Room 101", "Spetchley Road\nWorcester", "WR5 2NP")
ACCESS = "Step-free entrance; hearing loop; accessible toilet on the ground floor."

#: When each LCT meets: (n-th, weekday with Monday 0, hour, minute), e.g. the second Tuesday
#: at 10:00. Each district keeps its own day, so a partner on two LCTs can go to both.
SCHEDULES = {
    "bromsgrove": (1, 2, 14, 0),  # first Wednesday, 14:00
    "malvern-hills": (4, 3, 10, 0),  # fourth Thursday, 10:00
    "redditch": (2, 1, 10, 0),  # second Tuesday, 10:00
    "worcester-city": (3, 0, 16, 0),  # third Monday, 16:00
    "wychavon": (1, 3, 18, 30),  # first Thursday, 18:30 (for volunteers after work)
    "wyre-forest": (3, 3, 14, 0),  # third Thursday, 14:00
}
DEFAULT_SCHEDULE = (2, 4, 10, 0)  # second Friday, 10:00


def document(title, text, log):
    Document = get_document_model()
    found = Document.objects.filter(title=title).first()
    if found:
        return found
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    doc = Document(title=title, file=ContentFile(minimal_pdf(title, [text]), name=f"{slug}.pdf"))
    doc.save()
    log.created(f"document “{title}”")
    return doc


def venue(name, address, postcode, log):
    found = Venue.objects.filter(name=name).first()
    if found:
        return found
    log.created(f"venue {name}")
    return Venue.objects.create(name=name, address=address, postcode=postcode, access_notes=ACCESS)


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def nth_weekday_of(year, month, n, weekday):
    """The n-th `weekday` (Monday 0) of a month, e.g. (2027, 3, 2, 1) for its second Tuesday."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def month_shift(day, months):
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def seed(log):
    today = timezone.localdate()
    home = Page.objects.get(depth=2)
    add_page(
        home,
        MeetingsIndexPage(
            title="Meetings",
            slug="meetings",
            show_in_menus=True,
            search_description="When and where the partnerships meet, and how to subscribe.",
            intro="<p>Every Local Children's Trust and the county headteacher group meet in "
            "public. Subscribe to a calendar and new, moved and cancelled meetings will "
            "appear in yours by themselves.</p>",
        ),
        log,
    )
    for partnership in PartnershipPage.objects.filter(kind=PartnershipKind.LCT).order_by("slug"):
        name, address, postcode = VENUES.get(
            partnership.slug, (f"{partnership.title} venue", "", "")
        )
        seed_lct(partnership, venue(name, address, postcode, log), today, log)
    group = PartnershipPage.objects.filter(slug="headteacher-group").first()
    if group:
        seed_headteacher_group(group, venue(*COUNTY_VENUE, log), today, log)


def seed_lct(partnership, place, today, log):
    area = partnership.area.name if partnership.area_id else partnership.title
    n, weekday, hour, minute = SCHEDULES.get(partnership.slug, DEFAULT_SCHEDULE)
    # Fifteen monthly meetings from two months back: whatever today is, the coming year
    # holds a March and an October clock change with meetings on both sides of each.
    first_month = month_shift(today, -2)
    occurrences = [nth_weekday_of(*divmod_month(first_month, i), n, weekday) for i in range(15)]
    start = at(occurrences[0], hour, minute)
    # Nobody meets on a bank holiday or Christmas Eve: those dates are taken out of the series.
    days_off = [(day, day_off(day)) for day in occurrences if day_off(day)]
    future = [day for day in occurrences if day > today + dt.timedelta(days=7) and not day_off(day)]
    cancelled_day, moved_day = future[1], future[3]
    moved_to = next_working_day(moved_day + dt.timedelta(days=1))
    series = MeetingPage(
        title=f"{area} LCT partnership meeting",
        slug="partnership-meeting",
        summary=f"The monthly meeting of the {area} Local Children's Trust: what partners are "
        "seeing, training for schools and youth groups, and actions from the county plan.",
        start=start,
        end=start + dt.timedelta(hours=1, minutes=30),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=15,
        venue=place,
        joining_link=f"https://meet.example.org/lct-{partnership.slug}",
        agenda=[
            ("item", {"title": "Welcome and apologies", "lead": "Chair", "papers": []}),
            ("item", {"title": "What partners are seeing", "lead": "All", "papers": []}),
            ("item", {"title": "Training for schools and youth groups", "lead": "", "papers": []}),
        ],
    )
    series.exceptions = [
        MeetingException(
            original_date=cancelled_day,
            action=ExceptionAction.CANCEL,
            reason="Cancelled because of the county safeguarding conference on the same day.",
        ),
        MeetingException(
            original_date=moved_day,
            action=ExceptionAction.MOVE,
            reason="Moved to the morning: the venue is used for a polling station.",
            new_start=at(moved_to, 10),
            new_end=at(moved_to, 11, 30),
        ),
    ] + [
        MeetingException(
            original_date=day,
            action=ExceptionAction.CANCEL,
            reason=f"No meeting on {name}.",
        )
        for day, name in days_off
    ]
    series = add_page(partnership, series, log)

    # The workshop is in the LCT's usual slot about three weeks ahead, in a week it does not meet.
    one_off_day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 21)
    while one_off_day in occurrences or day_off(one_off_day) or christmas_week(one_off_day):
        one_off_day += dt.timedelta(days=7)
    paper = document(
        f"{area} LCT: training plan for taxi drivers",
        f"{area} LCT - training plan for taxi drivers (demo paper)",
        log,
    )
    workshop_start = at(one_off_day, hour, minute)
    add_page(
        partnership,
        MeetingPage(
            title=f"{area} LCT: training planning workshop",
            slug="training-workshop",
            summary="Planning next term's CSE awareness sessions for schools and taxi drivers.",
            start=workshop_start,
            end=workshop_start + dt.timedelta(hours=2),
            venue=place,
            agenda=[
                (
                    "item",
                    {
                        "title": "Training plan for taxi drivers",
                        "lead": "Licensing",
                        "papers": [paper],
                    },
                ),
                ("item", {"title": "Primary school sessions", "lead": "", "papers": []}),
            ],
            papers=[("document", paper)],
        ),
        log,
    )

    review_week = month_shift(today, -4) + dt.timedelta(days=20)
    past_day = next_working_day(
        review_week + dt.timedelta(days=(weekday - review_week.weekday()) % 7)
    )
    minutes = document(
        f"{area} LCT: minutes of the annual review",
        f"{area} LCT - minutes of the annual review (demo)",
        log,
    )
    review_start = at(past_day, 14)
    review = add_page(
        partnership,
        MeetingPage(
            title=f"{area} LCT annual review",
            slug="annual-review",
            summary="The year in review: meetings held, schools trained, what to do next.",
            start=review_start,
            end=review_start + dt.timedelta(hours=2),
            venue=place,
            minutes=minutes,
            minutes_visibility=Visibility.PUBLIC,
        ),
        log,
    )
    seed_records(partnership, [review, series], today, log)


#: How each member answered, in turn: most come, some send apologies or a substitute, a few
#: stay away. Shifted per member and meeting so each sector's record differs.
ATTENDANCE_PATTERN = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.PRESENT,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.PRESENT,
    AttendanceStatus.REPRESENTED,
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
)


#: An item of each past meeting's own business, in turn.
DATED_TOPICS = (
    "Online grooming: what schools are reporting",
    "Taxi drivers' training: numbers trained this quarter",
    "Uniformed and faith youth groups: safeguarding leads named",
    "Actions from the county plan: progress since the last meeting",
)


def seed_records(partnership, meetings, today, log):
    """Records of the past meetings of this LCT: own agenda (the series' copied), a paper,
    minutes (agreed at the next meeting, or still draft for partners) and attendance."""
    past = [
        (occ.meeting, local(occ.original_start).date())
        for meeting in meetings
        for occ in meeting.occurrences
        if local(occ.end).date() < today and not occ.cancelled
    ]
    past.sort(key=lambda pair: pair[1])
    seats = list(
        partnership.memberships.select_related("person", "organisation").order_by("sort_order")
    )
    offset = partnership.pk % len(ATTENDANCE_PATTERN)
    for number, (meeting, day) in enumerate(past):
        record, created = OccurrenceRecord.objects.get_or_create(meeting=meeting, date=day)
        if not created:
            continue
        log.created(f"record of {meeting.title} on {day:%d %B %Y}")
        agreed_on = past[number + 1][1] if number + 1 < len(past) else None
        record.minutes_document = document(
            f"{meeting.title}: minutes of {day:%d %B %Y}",
            f"{meeting.title} - minutes of {day:%d %B %Y} (demo)",
            log,
        )
        record.minutes_status = MinutesStatus.AGREED if agreed_on else MinutesStatus.DRAFT
        record.minutes_agreed_on = agreed_on
        # Agreed minutes are public; a draft is for partners until the next meeting.
        record.minutes_visibility = Visibility.PUBLIC if agreed_on else Visibility.PARTNERS
        record.save()
        Paper.objects.create(
            record=record,
            sort_order=1,
            title="Partners' report",
            document=document(
                f"{meeting.title}: partners' report for {day:%d %B %Y}",
                f"{meeting.title} - partners' report for {day:%d %B %Y} (demo)",
                log,
            ),
        )
        rows = []
        for index, seat in enumerate(seats):
            status = ATTENDANCE_PATTERN[(offset + index * 3 + number) % len(ATTENDANCE_PATTERN)]
            # One LCT whose taxi licensing seat stays empty: its coordinator sees the flag.
            if (
                partnership.slug == "wyre-forest"
                and seat.organisation_id
                and (seat.organisation.kind == OrganisationKind.TAXI_LICENSING)
            ):
                status = AttendanceStatus.ABSENT
            rows.append(
                Attendance(
                    record=record,
                    membership=seat,
                    sort_order=index,
                    status=status,
                    substitute="A colleague" if status == AttendanceStatus.REPRESENTED else "",
                )
            )
        Attendance.objects.bulk_create(rows)
        Guest.objects.create(
            record=record, name="Visiting speaker", organisation="NSPCC", sort_order=1
        )
        # Each meeting's own business beyond the series' usual items.
        topic = DATED_TOPICS[number % len(DATED_TOPICS)]
        AgendaItem.objects.create(record=record, title=topic, sort_order=10)


def christmas_week(day):
    """From Christmas Eve to New Year's Day: no one-off meetings are planned then."""
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def divmod_month(first_month, offset):
    shifted = month_shift(first_month, offset)
    return shifted.year, shifted.month


def seed_headteacher_group(group, place, today, log):
    """Half-termly: six meetings a school year, one-offs about seven weeks apart."""
    first = (
        today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=8) + dt.timedelta(days=3)
    )
    for number in range(6):
        day = next_working_day(first + dt.timedelta(weeks=7 * number))
        start = at(day, 15, 30)
        minutes = None
        if day < today:
            minutes = document(
                f"Headteacher group: minutes, half-term meeting {number + 1}",
                f"Headteacher group - minutes of half-term meeting {number + 1} (demo)",
                log,
            )
        add_page(
            group,
            MeetingPage(
                title=f"Headteacher group: half-term meeting {number + 1}",
                slug=f"half-term-meeting-{number + 1}",
                summary="Reviewing and approving age-appropriate CSE materials for schools.",
                start=start,
                end=start + dt.timedelta(hours=1, minutes=30),
                venue=place,
                joining_link="https://meet.example.org/headteacher-group",
                minutes=minutes,
                minutes_visibility=Visibility.PARTNERS,
            ),
            log,
        )
