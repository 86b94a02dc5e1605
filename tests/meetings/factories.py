import datetime as dt

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from meetings.models import MeetingException, MeetingPage, MeetingsIndexPage, Venue
from meetings.records import Attendance, AttendanceStatus, OccurrenceRecord, Paper
from meetings.recurrence import LONDON


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Community Hall {n}")
    address = "1 Market Street\nBromsgrove"
    postcode = "B61 8DA"
    access_notes = "Step-free entrance at the side."

    class Meta:
        model = Venue


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partnership meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start = dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)

    class Meta:
        model = MeetingPage


class MeetingExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingException


class MeetingsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meetings"
    slug = "meetings"

    class Meta:
        model = MeetingsIndexPage


def bulk_meetings(partnership, count, *, venue, start=None):
    """`count` live weekly meetings under a partnership in a handful of queries.

    Multi-table models cannot use bulk_create, so the Page rows are bulk-created and the
    meeting rows inserted with the queryset's batched insert: far faster than add_child.
    """
    start = start or dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    content_type = ContentType.objects.get_for_model(MeetingPage)
    offset = partnership.numchild
    pages = []
    for i in range(count):
        path = Page._get_path(partnership.path, partnership.depth + 1, offset + i + 1)
        slug = f"bulk-{offset + i}"
        pages.append(
            Page(
                title=f"Bulk meeting {offset + i}",
                draft_title=f"Bulk meeting {offset + i}",
                slug=slug,
                path=path,
                depth=partnership.depth + 1,
                url_path=f"{partnership.url_path}{slug}/",
                content_type=content_type,
                live=True,
                locale_id=partnership.locale_id,
            )
        )
    pages = Page.objects.bulk_create(pages)
    meetings = []
    for i, page in enumerate(pages):
        meeting = MeetingPage(
            page_ptr_id=page.pk,
            start=start + dt.timedelta(days=i % 300),
            end=start + dt.timedelta(days=i % 300, hours=2),
            frequency="weekly",
            ends_after=4,
            venue=venue,
        )
        meeting.derive_schedule()
        meetings.append(meeting)
    fields = MeetingPage._meta.local_concrete_fields
    MeetingPage.objects.all()._batched_insert(meetings, fields, batch_size=200)
    Page.objects.filter(pk=partnership.pk).update(numchild=offset + count)
    partnership.numchild = offset + count


#: The moment the meetings tests run at (see the `frozen_now` fixture).
NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)


def publish(page):
    """Publish `page` as an editor would, through a revision."""
    page.save_revision().publish()
    return page


class OccurrenceRecordFactory(factory.django.DjangoModelFactory):
    """The record of one date of a meeting (pass `meeting` and `date`)."""

    class Meta:
        model = OccurrenceRecord


class PaperFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Paper {n}")

    class Meta:
        model = Paper


class AttendanceFactory(factory.django.DjangoModelFactory):
    status = AttendanceStatus.PRESENT

    class Meta:
        model = Attendance
