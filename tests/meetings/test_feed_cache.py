"""The public feeds answered by meetings.middleware: no query when warm, and never stale, never
a private or restricted feed."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

from meetings import feeds
from meetings.middleware import HEADER, _full_key, _record_key
from meetings.models import FeedToken

from .factories import MeetingPageFactory, VenueFactory, bulk_meetings, publish
from .test_views import member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

COUNTY = "/calendar/county.ics"
OURS = "/calendar/partnership/bromsgrove.ics"


def meeting_in(partnership, **fields):
    return publish(MeetingPageFactory(parent=partnership, **fields))


def test_the_addresses_are_the_feeds_own():
    assert reverse("meetings:county_feed") == COUNTY
    assert reverse("meetings:partnership_feed", args=["bromsgrove"]) == OURS


@pytest.mark.parametrize("url", [COUNTY, OURS])
def test_a_warm_feed_and_its_304_take_no_query_at_two_sizes(
    client, partnership, url, django_assert_num_queries
):
    venue = VenueFactory()
    for total in (5, 300):
        bulk_meetings(partnership, total - partnership.numchild, venue=venue)
        feeds.bump(feeds.COUNTY, feeds.partnership_scope(partnership.pk))  # rebuilt with them
        first = client.get(url)
        assert first[HEADER] == "miss"
        with django_assert_num_queries(0):
            warm = client.get(url)
            not_modified = client.get(url, headers={"if-none-match": first["ETag"]})
            since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert warm.status_code == 200 and warm[HEADER] == "hit"
        assert warm.content == first.content
        assert warm.content.decode().count("BEGIN:VEVENT") == total
        assert dict(warm.items()) | {HEADER: "miss"} == dict(first.items())
        assert not_modified.status_code == 304 and since.status_code == 304
        assert not_modified["ETag"] == first["ETag"] and not not_modified.content
        assert not_modified[HEADER] == "hit"


def test_a_warm_feed_is_neither_built_nor_looked_up_again(client, partnership, monkeypatch):
    meeting_in(partnership, title="Ours")
    first = client.get(OURS)
    monkeypatch.setattr(feeds, "cached_feed", lambda *a, **k: pytest.fail("view ran"))
    again = client.get(OURS)
    assert again.content == first.content and again[HEADER] == "hit"


def test_a_head_request_is_answered_but_stores_nothing(client, partnership):
    meeting_in(partnership, title="Ours")
    assert client.head(OURS).status_code == 200
    assert cache.get(_record_key(OURS)) is None
    client.get(OURS)
    assert client.head(OURS)[HEADER] == "hit"


def test_a_stale_validator_gets_the_whole_feed_from_the_cache(
    client, partnership, django_assert_num_queries
):
    meeting_in(partnership, title="Ours")
    first = client.get(OURS)
    with django_assert_num_queries(0):
        response = client.get(OURS, headers={"if-none-match": '"older"'})
    assert response.status_code == 200 and response.content == first.content


def test_a_changed_meeting_shows_in_the_warm_feeds_at_once(client, partnership):
    meeting = meeting_in(partnership, title="Before")
    for url in (COUNTY, OURS):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
    etags = {url: client.get(url)["ETag"] for url in (COUNTY, OURS)}
    meeting.title = "After"
    publish(meeting)
    for url in (COUNTY, OURS):
        response = client.get(url, headers={"if-none-match": etags[url]})
        assert response.status_code == 200
        assert "SUMMARY:After" in response.content.decode()
        assert response["ETag"] != etags[url]


def test_a_partnership_made_private_loses_its_warm_feed(client, partnership):
    meeting_in(partnership, title="Ours")
    client.get(OURS)
    assert client.get(OURS)[HEADER] == "hit"
    PageViewRestriction.objects.create(page=partnership, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(OURS).status_code == 404
    assert client.get(OURS).status_code == 404


def test_a_restricted_partnership_is_never_stored(client, partnership):
    PageViewRestriction.objects.create(
        page=partnership, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    meeting_in(partnership, title="Hidden")
    for _ in range(2):
        assert client.get(OURS).status_code == 404
    assert cache.get(_record_key(OURS)) is None and cache.get(_full_key(OURS)) is None


def test_a_renamed_partnerships_warm_old_address_is_answered_by_the_view_again(client, partnership):
    meeting_in(partnership, title="Ours")
    client.get(OURS)
    partnership.slug = "bromsgrove-and-district"
    publish(partnership)
    # No redirect was made here (the admin makes one): the old address is no feed any more.
    assert client.get(OURS).status_code == 404
    renamed = client.get("/calendar/partnership/bromsgrove-and-district.ics")
    assert "SUMMARY:Ours" in renamed.content.decode()


def test_a_private_feed_is_never_answered_from_the_feed_cache(
    client, partnership, django_assert_max_num_queries
):
    meeting_in(partnership, title="Ours", joining_link="https://meet.example.org/secret-room")
    token = FeedToken.for_user(member(partnership)).token
    url = reverse("meetings:private_feed", args=[token])
    client.get(url)
    response = client.get(url)
    assert HEADER not in response and "secret-room" in response.content.decode()
    assert cache.get(_record_key(url)) is None and cache.get(_full_key(url)) is None
    # The public feeds never hold what the private one does.
    assert "secret-room" not in client.get(OURS).content.decode()
    assert "secret-room" not in client.get(OURS).content.decode()


def test_a_warm_feed_is_rebuilt_after_the_feed_timeout(client, partnership, frozen_now):
    meeting_in(partnership, title="Ours")
    client.get(COUNTY)
    assert client.get(COUNTY)[HEADER] == "hit"
    later = frozen_now + dt.timedelta(seconds=feeds.FEED_TIMEOUT + 1)
    with time_machine.travel(later, tick=False):
        assert client.get(COUNTY)[HEADER] == "miss"


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_an_unpublished_or_deleted_partnership_loses_its_warm_feed(client, partnership, change):
    """Neither bumps the feed versions: the page tree's content version retires the record."""
    meeting_in(partnership, title="Ours")
    client.get(OURS)
    assert client.get(OURS)[HEADER] == "hit"
    if change == "unpublish":
        partnership.unpublish()
    else:
        partnership.delete()
    assert client.get(OURS).status_code == 404


def test_a_calendar_app_that_accepts_gzip_gets_the_stored_compressed_feed(client, partnership):
    import gzip

    for n in range(5):
        meeting_in(partnership, title=f"Ours {n}")
    first = client.get(OURS)
    gz = {"accept-encoding": "gzip, deflate, br"}

    compressed = client.get(OURS, headers=gz)
    plain = client.get(OURS)

    assert compressed[HEADER] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == first.content == plain.content
    assert len(compressed.content) < len(first.content) / 2
    assert compressed["Content-Length"] == str(len(compressed.content))
    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in first["Vary"] and "Accept-Encoding" in plain["Vary"]
    # Another encoding, so a weak ETag, which still answers 304 either way.
    assert compressed["ETag"] == "W/" + first["ETag"] and plain["ETag"] == first["ETag"]
    for etag in (compressed["ETag"], first["ETag"]):
        not_modified = client.get(OURS, headers={**gz, "if-none-match": etag})
        assert not_modified.status_code == 304 and not_modified["ETag"] == compressed["ETag"]
