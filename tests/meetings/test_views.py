import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from directory.models import Membership, Person
from meetings import feeds
from meetings.enums import Frequency
from meetings.models import FeedToken
from meetings.recurrence import LONDON
from tests.factories import UserFactory

from .factories import MeetingPageFactory, VenueFactory, bulk_meetings, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def meeting_in(partnership, **fields):
    fields.setdefault("joining_link", "https://meet.example.org/secret-room")
    return publish(MeetingPageFactory(parent=partnership, **fields))


def member(partnership):
    user = UserFactory()
    person = Person.objects.create(name="Sam Member", user=user)
    Membership.objects.create(page=partnership, person=person)
    return user


def test_the_county_feed_is_text_calendar_with_validators(client, partnership):
    meeting_in(partnership, title="Quarterly meeting")
    response = client.get(reverse("meetings:county_feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"] and response["Last-Modified"]
    body = response.content.decode()
    assert "SUMMARY:Quarterly meeting" in body
    assert "secret-room" not in body


def test_a_conditional_get_answers_304(client, partnership):
    meeting_in(partnership)
    url = reverse("meetings:county_feed")
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_the_partnership_feed_holds_only_its_own_meetings(client, partnership, other_partnership):
    meeting_in(partnership, title="Ours")
    meeting_in(other_partnership, title="Theirs")
    body = client.get(reverse("meetings:partnership_feed", args=["bromsgrove"])).content.decode()
    assert "SUMMARY:Ours" in body and "Theirs" not in body


def test_publishing_a_meeting_invalidates_exactly_the_feeds_that_hold_it(
    client, partnership, other_partnership
):
    meeting_in(partnership, title="First")
    ours = reverse("meetings:partnership_feed", args=["bromsgrove"])
    theirs = reverse("meetings:partnership_feed", args=["redditch"])
    county = reverse("meetings:county_feed")
    before = {url: client.get(url)["ETag"] for url in (ours, theirs, county)}
    meeting_in(partnership, title="Second")
    after = {url: client.get(url)["ETag"] for url in (ours, theirs, county)}
    assert after[ours] != before[ours]
    assert after[county] != before[county]
    assert after[theirs] == before[theirs]
    assert "SUMMARY:Second" in client.get(ours).content.decode()


@pytest.mark.parametrize("change", ["unpublish", "delete", "move", "cancel"])
def test_changing_a_meeting_rebuilds_its_feeds(client, partnership, other_partnership, change):
    meeting = meeting_in(partnership, title="Changing")
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    assert "SUMMARY:Changing" in client.get(url).content.decode()
    if change == "unpublish":
        meeting.unpublish()
    elif change == "delete":
        meeting.delete()
    elif change == "move":
        meeting.move(other_partnership, pos="last-child")
    else:
        meeting.status = "cancelled"
        meeting.cancellation_reason = "No quorum"
        publish(meeting)
    body = client.get(url).content.decode()
    if change == "cancel":
        assert "STATUS:CANCELLED" in body and "No quorum" in body
    else:
        assert "SUMMARY:Changing" not in body
    if change == "move":
        theirs = reverse("meetings:partnership_feed", args=["redditch"])
        assert "SUMMARY:Changing" in client.get(theirs).content.decode()


def test_a_cached_feed_answers_without_building_again(client, partnership, monkeypatch):
    meeting_in(partnership)
    url = reverse("meetings:county_feed")
    first = client.get(url)
    calls = []
    real = feeds.build_feed
    monkeypatch.setattr(feeds, "build_feed", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = client.get(url)
    assert calls == [] and again.content == first.content


def test_a_feed_takes_the_same_few_queries_for_10_and_1000_meetings(
    client, partnership, django_assert_max_num_queries
):
    venue = VenueFactory()
    url = reverse("meetings:partnership_feed", args=["bromsgrove"])
    counts = []
    for total in (10, 1000):
        bulk_meetings(partnership, total - partnership.numchild, venue=venue)
        client.get(url)  # warm what is not the feed's own work (site root paths)
        feeds.bump(feeds.partnership_scope(partnership.pk))  # so that the feed is rebuilt
        # One more than the meetings' own: the district's training sessions (training.feeds).
        with django_assert_max_num_queries(5) as queries:
            response = client.get(url)
        assert response.content.decode().count("BEGIN:VEVENT") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_private_feed_holds_partners_details_of_the_members_partnerships(
    client, partnership, other_partnership
):
    meeting_in(partnership, title="Mine")
    meeting_in(other_partnership, title="Not mine")
    user = member(partnership)
    token = FeedToken.for_user(user).token
    response = client.get(reverse("meetings:private_feed", args=[token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "SUMMARY:Mine" in body and "Not mine" not in body
    assert "secret-room" in Calendar.from_ical(body).walk("VEVENT")[0]["description"]
    assert response["Cache-Control"].startswith("private")


def test_a_regenerated_private_address_retires_the_old_one(client, partnership, caplog):
    user = member(partnership)
    old = FeedToken.for_user(user).token
    client.force_login(user)
    response = client.post(reverse("meetings:regenerate_private_feed"), {"next": "/account/"})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get(reverse("meetings:private_feed", args=[old])).status_code == 404
    assert old not in caplog.text
    new = FeedToken.for_user(user).token
    assert client.get(reverse("meetings:private_feed", args=[new])).status_code == 200


def test_after_a_key_change_the_account_page_shows_a_private_address_that_works(
    client, partnership
):
    user = member(partnership)
    with override_settings(SECRET_KEY="the-old-key-" + "x" * 40):
        old = reverse("meetings:private_feed", args=[FeedToken.for_user(user).token])
        assert client.get(old).status_code == 200
    with override_settings(SECRET_KEY="the-new-key-" + "y" * 40):
        assert client.get(old).status_code == 404
        client.force_login(user)
        page = client.get(reverse("account")).content.decode()
        shown = re.search(r"https?://testserver(/calendar/private/[^\"<\s]+\.ics)", page)[1]
        assert shown != old
        assert client.get(shown).status_code == 200


def test_regenerating_needs_a_post(client, partnership):
    client.force_login(member(partnership))
    assert client.get(reverse("meetings:regenerate_private_feed")).status_code == 405


def test_the_single_meeting_ics_shows_the_joining_link_to_partners_only(client, partnership):
    meeting = meeting_in(
        partnership, frequency=Frequency.MONTHLY_WEEKDAY, ends_after=3, title="Series"
    )
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    public = client.get(url).content.decode()
    assert "RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=2TU" in public
    assert "DTSTART;TZID=Europe/London:20270209T160000" in public
    assert "secret-room" not in public
    client.force_login(member(partnership))
    assert "secret-room" in client.get(url).content.decode().replace("\r\n ", "")


def test_past_meetings_leave_the_feed_after_the_keep_period(client, partnership):
    meeting_in(partnership, title="Long ago", start=dt.datetime(2026, 1, 5, 10, tzinfo=LONDON))
    meeting_in(partnership, title="Recent", start=dt.datetime(2026, 12, 1, 10, tzinfo=LONDON))
    body = client.get(reverse("meetings:county_feed")).content.decode()
    assert "SUMMARY:Recent" in body and "Long ago" not in body


def test_each_feed_is_named_as_its_subscribe_link_names_it(client, partnership, rf):
    from meetings.links import county_links, partnership_links

    publish(MeetingPageFactory(parent=partnership))
    request = rf.get("/")
    for url, links in (
        (reverse("meetings:county_feed"), county_links(request)),
        (
            reverse("meetings:partnership_feed", args=[partnership.slug]),
            partnership_links(request, partnership),
        ),
    ):
        feed = Calendar.from_ical(client.get(url).content)
        assert str(feed["X-WR-CALNAME"]) == links["name"]
