"""Every kind of edit reaches subscribers: each test reads a feed's bytes before and after."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.http import parse_http_date
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from directory.models import Membership, Person
from meetings.enums import ExceptionAction, Frequency
from meetings.models import FeedToken
from meetings.recurrence import LONDON
from tests.factories import UserFactory

from .factories import NOW, MeetingExceptionFactory, MeetingPageFactory, VenueFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def read(client, url):
    """(response, parsed calendar) for a feed fetched through the test client."""
    response = client.get(url)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def moved_series(partnership, *, new_venue=None):
    """A monthly series whose meeting of 9 March 2027 moved to the morning of the 10th."""
    meeting = MeetingPageFactory(
        parent=partnership, frequency=Frequency.MONTHLY_WEEKDAY, ends_after=6
    )
    MeetingExceptionFactory(
        page=meeting,
        original_date=dt.date(2027, 3, 9),
        action=ExceptionAction.MOVE,
        new_start=dt.datetime(2027, 3, 10, 10, tzinfo=LONDON),
        new_end=dt.datetime(2027, 3, 10, 12, tzinfo=LONDON),
        new_venue=new_venue,
    )
    return publish(meeting)


def override(cal):
    (event,) = [event for event in cal.walk("VEVENT") if "RECURRENCE-ID" in event]
    return event


def test_editing_a_venue_only_a_moved_meeting_uses_rebuilds_the_feed(client, partnership):
    annexe = VenueFactory(name="Annexe", address="2 Church Lane", postcode="B61 1AA")
    moved_series(partnership, new_venue=annexe)
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    before, cal = read(client, url)
    assert "2 Church Lane" in str(override(cal)["LOCATION"])

    annexe.address = "3 Church Lane"
    annexe.save()

    after, cal = read(client, url)
    assert after["ETag"] != before["ETag"]
    assert "3 Church Lane" in str(override(cal)["LOCATION"])


def test_renaming_a_partnership_renames_its_feed(client, partnership):
    publish(partnership)
    publish(MeetingPageFactory(parent=partnership))
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    before, cal = read(client, url)
    assert str(cal["X-WR-CALNAME"]) == "Bromsgrove: meetings"

    partnership.title = "Bromsgrove and District"
    publish(partnership)

    after, cal = read(client, url)
    assert after["ETag"] != before["ETag"]
    assert str(cal["X-WR-CALNAME"]) == "Bromsgrove and District: meetings"


def test_an_old_partnership_feed_address_redirects_for_good_to_the_new_one(
    client, partnership, django_capture_on_commit_callbacks
):
    publish(partnership)
    publish(MeetingPageFactory(parent=partnership, title="Still here"))
    old = reverse("meetings:partnership_feed", args=["bromsgrove"])
    _before, cal = read(client, old)
    (event,) = cal.walk("VEVENT")
    assert "/bromsgrove/" in str(event["URL"])

    partnership.slug = "bromsgrove-district"
    # Wagtail makes its redirects once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        publish(partnership)

    response = client.get(old)
    new = reverse("meetings:partnership_feed", args=["bromsgrove-district"])
    assert response.status_code == 301
    assert response["Location"] == new
    _after, cal = read(client, new)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Still here"
    assert "/bromsgrove-district/" in str(event["URL"])
    # The county feed, too, links the meeting at its new address.
    _county, cal = read(client, reverse("meetings:county_feed"))
    (event,) = cal.walk("VEVENT")
    assert "/bromsgrove-district/" in str(event["URL"])


def test_an_unknown_partnership_feed_is_still_not_found(client, partnership):
    publish(partnership)
    assert client.get(reverse("meetings:partnership_feed", args=["nowhere"])).status_code == 404


def test_addresses_in_a_feed_come_from_the_configured_site_never_the_request(
    client, partnership, site
):
    site.hostname, site.port = "portal.example.org", 443
    site.save()
    publish(MeetingPageFactory(parent=partnership, title="Addressed"))
    url = reverse("meetings:county_feed")
    response = client.get(url, headers={"host": "localhost:8000"})
    assert b"localhost" not in response.content

    _after, cal = read(client, url)
    (event,) = cal.walk("VEVENT")
    assert str(event["URL"]).startswith("https://portal.example.org/")
    assert "localhost" not in str(event["DESCRIPTION"])


def test_leaving_a_partnership_never_moves_the_private_feeds_last_modified_backwards(
    client, partnership, other_partnership
):
    publish(MeetingPageFactory(parent=partnership, title="Ours"))
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        publish(MeetingPageFactory(parent=other_partnership, title="Theirs"))
    user = UserFactory()
    person = Person.objects.create(name="Sam Member", user=user)
    Membership.objects.create(page=partnership, person=person)
    leaving = Membership.objects.create(page=other_partnership, person=person)
    url = reverse("meetings:private_feed", args=[FeedToken.for_user(user).token])
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        before, cal = read(client, url)
    assert {str(event["SUMMARY"]) for event in cal.walk("VEVENT")} == {"Ours", "Theirs"}

    leaving.delete()

    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        after, cal = read(client, url)
        asked = client.get(url, headers={"if-modified-since": before["Last-Modified"]})
    assert {str(event["SUMMARY"]) for event in cal.walk("VEVENT")} == {"Ours"}
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    # A client that checks by date is told about the change.
    assert asked.status_code == 200


def events_of(cal, title):
    return [event for event in cal.walk("VEVENT") if title in str(event["SUMMARY"])]


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_a_withdrawn_meeting_stays_in_its_feeds_as_cancelled_for_90_days(
    client, partnership, other_partnership, withdraw
):
    meeting = publish(
        MeetingPageFactory(
            parent=partnership, title="Going", frequency=Frequency.WEEKLY, ends_after=8
        )
    )
    publish(MeetingPageFactory(parent=other_partnership, title="Elsewhere"))
    ours = reverse("meetings:partnership_feed", args=["bromsgrove"])
    theirs = reverse("meetings:partnership_feed", args=["redditch"])
    county = reverse("meetings:county_feed")
    _before, cal = read(client, ours)
    (before,) = events_of(cal, "Going")
    assert str(before["STATUS"]) == "CONFIRMED"

    meeting.unpublish() if withdraw == "unpublish" else meeting.delete()

    for url in (ours, county):
        _after, cal = read(client, url)
        (after,) = events_of(cal, "Going")
        assert str(after["UID"]) == str(before["UID"])
        assert str(after["STATUS"]) == "CANCELLED"
        assert after["SEQUENCE"] > before["SEQUENCE"]
        assert "RRULE" in after  # the whole series
    _theirs, cal = read(client, theirs)
    assert not events_of(cal, "Going")

    with time_machine.travel(NOW + dt.timedelta(days=89), tick=False):
        publish(MeetingPageFactory(parent=partnership, title="Later"))  # any change
        assert events_of(read(client, ours)[1], "Going")
    with time_machine.travel(NOW + dt.timedelta(days=91), tick=False):
        publish(MeetingPageFactory(parent=partnership, title="Much later"))
        assert not events_of(read(client, ours)[1], "Going")


def test_a_withdrawn_meeting_published_again_is_confirmed_again(client, partnership):
    meeting = publish(MeetingPageFactory(parent=partnership, title="Back"))
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    meeting.unpublish()
    (ghost,) = events_of(read(client, url)[1], "Back")
    publish(meeting)
    (event,) = events_of(read(client, url)[1], "Back")
    assert str(event["STATUS"]) == "CONFIRMED"
    # Clients ignore a version that ranks no higher than the cancellation they have.
    assert event["SEQUENCE"] > ghost["SEQUENCE"]


def test_a_withdrawn_restricted_meeting_appears_only_in_the_feeds_it_was_in(client, partnership):
    board = Group.objects.create(name="Safeguarding board")
    meeting = publish(MeetingPageFactory(parent=partnership, title="Closed session"))
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    on_board, off_board = UserFactory(), UserFactory()
    on_board.groups.add(board)
    for user in (on_board, off_board):
        person = Person.objects.create(name="Member", user=user)
        Membership.objects.create(page=partnership, person=person)

    def private(user):
        url = reverse("meetings:private_feed", args=[FeedToken.for_user(user).token])
        return events_of(read(client, url)[1], "Closed session")

    assert private(on_board) and not private(off_board)

    meeting.delete()

    (ghost,) = private(on_board)
    assert str(ghost["STATUS"]) == "CANCELLED"
    assert not private(off_board)
    for url in (
        reverse("meetings:county_feed"),
        reverse("meetings:partnership_feed", args=["bromsgrove"]),
    ):
        assert not events_of(read(client, url)[1], "Closed session")


def test_deleting_a_partnership_leaves_its_meetings_cancelled_in_the_county_feed(
    client, partnership
):
    publish(MeetingPageFactory(parent=partnership, title="Orphan"))
    partnership.delete()
    (event,) = events_of(read(client, reverse("meetings:county_feed"))[1], "Orphan")
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_meeting_moved_to_another_venue_carries_that_venues_address_and_access_notes(
    client, partnership
):
    annexe = VenueFactory(
        name="Annexe", address="2 Church Lane", access_notes="Ring the bell at the back door."
    )
    meeting = moved_series(partnership)
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    _before, cal = read(client, url)
    assert "Step-free entrance at the side." in str(override(cal)["DESCRIPTION"])

    exception = meeting.exceptions.get()
    exception.new_venue = annexe
    exception.save()
    publish(meeting)

    _after, cal = read(client, url)
    moved = override(cal)
    assert "2 Church Lane" in str(moved["LOCATION"])
    assert "Ring the bell at the back door." in str(moved["DESCRIPTION"])
    assert "Step-free entrance at the side." not in str(moved["DESCRIPTION"])
    (series,) = [event for event in cal.walk("VEVENT") if "RECURRENCE-ID" not in event]
    assert "Step-free entrance at the side." in str(series["DESCRIPTION"])
    page = client.get(meeting.url).content.decode()
    assert "2 Church Lane" in page and "Ring the bell at the back door." in page
