"""Standard HTTP everywhere: caching that never shares a viewer's copy, HEAD, OPTIONS, 304s,
and a 4xx or a right answer, never a 500, for inputs at the edges."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.http import content_disposition_header
from icalendar import Calendar
from wagtail.models import Page

from meetings.models import FeedToken
from tests.core.world import build_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(home_page):
    return build_world(home_page)


@pytest.fixture
def strict_client():
    """A client that answers a server error with its 500 page instead of raising it."""
    return Client(raise_request_exception=False)


def pages(world):
    return [
        world.home.url,
        world.lct.url,
        world.partnerships.url,
        world.directory.url,
        world.directory.organisation_url(world.organisation),
        world.meeting.url,
        world.meetings.url,
        world.library.url,
        world.material.url,
        world.standard.url,
        "/search/?q=abbey",
    ]


def feeds(world):
    return [
        reverse("meetings:county_feed"),
        reverse("meetings:partnership_feed", args=[world.lct.slug]),
        reverse("meetings:meeting_ics", args=[world.meeting.pk]),
    ]


# -- Cache-Control -------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_is_private_to_caches_whoever_asks(client, world, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    urls = pages(world) + [world.directory.vcard_url(world.person), world.document.url]
    if signed_in:
        urls.append(world.partners_material.url)
    for url in urls:
        response = client.get(url)
        if response.streaming:  # a document: the client closes it once read
            b"".join(response.streaming_content)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_a_partners_only_material_and_its_sign_in_redirect_are_private(client, world):
    response = client.get(world.partners_material.url)
    assert response.status_code == 302
    assert "private" in response["Cache-Control"]


def test_the_county_and_partnership_feeds_stay_public(client, world):
    for url in feeds(world)[:2]:
        assert client.get(url)["Cache-Control"] == "public, max-age=300", url


def test_a_signed_in_partners_meeting_ics_and_private_feed_are_private(client, world):
    user = UserFactory()
    client.force_login(user)
    meeting = client.get(reverse("meetings:meeting_ics", args=[world.meeting.pk]))
    private = client.get(reverse("meetings:private_feed", args=[FeedToken.for_user(user).token]))
    assert "meet.example.org/room" in meeting.content.decode()
    for response in (meeting, private):
        assert response["Cache-Control"] == "private, max-age=300"


# -- HEAD, OPTIONS, 304 ----------------------------------------------------------------------


def test_pages_and_feeds_answer_head(client, world):
    for url in pages(world) + feeds(world):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url


def test_pages_and_feeds_answer_options_with_the_methods_they_allow(client, world):
    for url in pages(world) + feeds(world):
        response = client.options(url)
        assert response.status_code == 200, url
        assert response["Allow"] == "GET, HEAD, OPTIONS", url
        assert response.content == b"", url


def test_options_on_a_post_only_route_names_post(client, world):
    response = client.options(reverse("meetings:regenerate_private_feed"))
    assert response.status_code == 200
    assert response["Allow"] == "POST, OPTIONS"


def test_a_page_refuses_other_methods(client, world):
    response = client.put(world.lct.url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_on_a_missing_page_is_still_404(client, world):
    assert client.options("/no-such-page/").status_code == 404


def test_a_304_carries_the_etag_and_cache_control(client, world):
    url = reverse("meetings:county_feed")
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=300"


# -- inputs that used to answer 500 --------------------------------------------------------


@pytest.mark.parametrize("path", ["/search/", "/materials/"])
@pytest.mark.parametrize("query", ["abbey\x00primary", '=HYPERLINK("http://x")', 'safe "online'])
def test_nul_bytes_and_punctuation_in_a_search_are_no_server_error(
    strict_client, world, path, query
):
    response = strict_client.get(path, {"q": query})
    assert response.status_code == 200


def test_a_search_with_punctuation_still_finds_its_words(client, world):
    body = client.get("/materials/", {"q": '"keeping safe" (online)'}).content.decode()
    assert "Keeping safe online" in body


def test_a_nul_byte_in_a_materials_filter_is_no_server_error(strict_client, world):
    response = strict_client.get("/materials/", {"audience": "parents\x00", "topic": "\x00"})
    assert response.status_code == 200


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "10000-01", "2027-13", "-1-1"])
def test_months_at_the_ends_of_the_calendar_show_this_month(strict_client, world, month):
    response = strict_client.get(world.meetings.url, {"month": month})
    assert response.status_code == 200


def test_a_meeting_id_beyond_the_databases_integers_is_not_found(strict_client, world):
    assert strict_client.get("/calendar/meeting/99999999999999999999.ics").status_code == 404
    assert strict_client.get("/calendar/meeting/9223372036854775808.ics").status_code == 404


def test_titles_saved_with_a_line_break_do_not_break_the_feeds_that_hold_them(strict_client, world):
    # As stored before titles were tidied on save.
    Page.objects.filter(pk=world.lct.pk).update(title="Redditch\nLCT")
    Page.objects.filter(pk=world.meeting.pk).update(title="Quarterly\r\nmeeting")
    urls = feeds(world)
    for url in urls:
        response = strict_client.get(url)
        assert response.status_code == 200, url
        calendar = Calendar.from_ical(response.content)
        assert "\n" not in str(calendar["X-WR-CALNAME"]), url


def test_a_non_ascii_slug_is_a_correct_download_name(strict_client, world):
    Page.objects.filter(pk=world.meeting.pk).update(slug="spotkanie-łódź")
    Page.objects.filter(pk=world.lct.pk).update(slug="łódź")

    meeting = strict_client.get(reverse("meetings:meeting_ics", args=[world.meeting.pk]))
    feed = strict_client.get("/calendar/partnership/łódź.ics")

    assert meeting["Content-Disposition"] == content_disposition_header(False, "spotkanie-łódź.ics")
    assert feed.status_code == 200
    assert feed["Content-Disposition"] == content_disposition_header(False, "łódź-meetings.ics")
