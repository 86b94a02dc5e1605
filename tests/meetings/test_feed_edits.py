"""Every kind of edit reaches subscribers: each test reads a feed's bytes before and after."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils.http import parse_http_date
from icalendar import Calendar

from directory.models import Membership, Person
from meetings.enums import ExceptionAction, Frequency
from meetings.models import FeedToken
from meetings.recurrence import LONDON
from tests.factories import UserFactory

from .factories import MeetingExceptionFactory, MeetingPageFactory, VenueFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def publish(page):
    page.save_revision().publish()
    return page


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
