"""Anonymous visitors get public pages from the cache, and every kind of edit an editor makes
shows to them at once; signed-in visitors never get or fill a cached page, and nothing that
is for partners only is ever stored."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import page_cache
from core.enums import Visibility
from directory.enums import Role
from ltc_portal.models import ConcernSettings
from meetings.enums import ExceptionAction
from meetings.models import MeetingException
from meetings.recurrence import LONDON
from tests.directory.factories import (
    DirectoryPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipPageFactory,
    PersonFactory,
)
from tests.factories import StandardPageFactory, UserFactory
from tests.meetings.factories import MeetingPageFactory, VenueFactory

pytestmark = pytest.mark.django_db

PARTNERS_EMAIL = "planted.partners.only@example.org"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def directory(home_page):
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def lct(partnerships_index):
    return PartnershipPageFactory(parent=partnerships_index, title="Redditch LCT", slug="redditch")


def get(url, **extra):
    """An anonymous visitor's GET, in a browser that has never been here (no cookies)."""
    response = Client().get(url, **extra)
    assert response.status_code == 200, url
    return response


def cached(url):
    """The page, from a warm cache: the second of two anonymous GETs."""
    get(url)
    response = get(url)
    assert response[page_cache.HEADER] == "hit"
    return response.content.decode()


def publish(page):
    page.save_revision().publish()


def test_a_second_anonymous_get_is_the_same_page_from_the_cache_without_a_query(
    home_page, django_assert_num_queries
):
    page = StandardPageFactory(parent=home_page, title="Guidance for schools", slug="guidance")
    first = get(page.url)
    assert first[page_cache.HEADER] == "miss"

    with django_assert_num_queries(0):
        second = get(page.url)
        head = Client().head(page.url)

    assert second[page_cache.HEADER] == "hit" and head[page_cache.HEADER] == "hit"
    assert second.content == first.content
    assert b"Guidance for schools" in second.content
    # The proxy in front keeps no copy: it could neither tell visitors apart nor be told of edits.
    assert second["Cache-Control"] == "private"
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_page_of_a_list_is_cached_but_a_search_filter_or_made_up_page_is_not(directory):
    OrganisationFactory(name="Needlewood Scouts")
    assert "Needlewood Scouts" in cached(directory.url + "?page=1")
    made_up = ["?page=2", "?page=01", "?page=%C2%B2", "?page=1234567", "?page=1&page=1"]
    for query in ["?q=scouts", "?page=1&kind=school", "?page=x", "?utmsource=x", *made_up]:
        get(directory.url + query)
        assert page_cache.HEADER not in get(directory.url + query), query


def test_a_campaigns_tracking_parameters_share_the_pages_one_cached_copy(directory):
    for n in range(25):
        OrganisationFactory(name=f"Group {n:02d}")
    tagged = directory.url + "?utm_source=newsletter&utm_medium=email&page=2&gclid=abc"
    first = get(tagged)
    assert first[page_cache.HEADER] == "miss"
    # Stored as the page itself: its links carry no tracking.
    assert "utm_" not in first.content.decode() and "gclid" not in first.content.decode()
    assert 'href="?page=1"' in first.content.decode()

    assert get(directory.url + "?page=2")[page_cache.HEADER] == "hit"
    assert get(directory.url + "?fbclid=x&page=2&utm_campaign=cse")[page_cache.HEADER] == "hit"
    # Tracking alongside a search: still a search, never cached.
    assert page_cache.HEADER not in get(directory.url + "?q=group&utm_source=x")


# One test per kind of edit: each shows to the next anonymous visitor.


def test_publishing_a_page_shows_at_once(home_page):
    page = StandardPageFactory(parent=home_page, title="Old title", slug="guidance")
    assert "Old title" in cached(page.url)

    page.title = "New title"
    publish(page)

    assert "New title" in get(page.url).content.decode()


def test_unpublishing_a_page_takes_it_away_at_once(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    cached(page.url)

    page.unpublish()

    assert Client().get(page.url).status_code == 404


def test_saving_an_organisation_shows_at_once(directory):
    organisation = OrganisationFactory(name="Needlewood Scouts", address="1 Old Road")
    url = directory.organisation_url(organisation)
    assert "1 Old Road" in cached(url)

    organisation.address = "2 New Street"
    organisation.save()

    assert "2 New Street" in get(url).content.decode()


def test_saving_a_person_shows_at_once(lct):
    person = PersonFactory(name="Ann Old")
    MembershipFactory(page=lct, person=person, role=Role.CHAIR)
    assert "Ann Old" in cached(lct.url)

    person.name = "Ann New"
    person.save()

    assert "Ann New" in get(lct.url).content.decode()


def test_a_new_membership_shows_at_once(lct):
    assert "Bea Member" not in cached(lct.url)

    MembershipFactory(page=lct, person=PersonFactory(name="Bea Member"))

    assert "Bea Member" in get(lct.url).content.decode()


def test_saving_a_venue_shows_at_once(lct):
    venue = VenueFactory(name="Old Hall")
    meeting = MeetingPageFactory(parent=lct, venue=venue)
    assert "Old Hall" in cached(meeting.url)

    venue.name = "New Hall"
    venue.save()

    assert "New Hall" in get(meeting.url).content.decode()


def test_publishing_a_meeting_and_a_cancelled_occurrence_shows_at_once(lct):
    meeting = MeetingPageFactory(
        parent=lct, title="Spring meeting", start=dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    )
    assert "Spring meeting" in cached(lct.url)

    meeting.title = "Spring partnership meeting"
    publish(meeting)
    assert "Spring partnership meeting" in cached(lct.url)

    meeting.exceptions = [
        MeetingException(
            original_date=dt.date(2027, 2, 9), action=ExceptionAction.CANCEL, reason="Snow day"
        )
    ]
    publish(meeting)

    assert "Snow day" in get(meeting.url).content.decode()


def test_saving_a_site_setting_shows_on_every_page_at_once(site, home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    cached(page.url)

    concern = ConcernSettings.for_site(site)
    concern.front_door_phone = "01905 123456"
    concern.save()

    assert "01905 123456" in get(page.url).content.decode()


def test_restricting_a_page_takes_it_from_anonymous_visitors_at_once(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    cached(page.url)

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = Client().get(page.url)
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


# Who gets and fills the cache.


def test_a_signed_in_visitor_neither_gets_nor_fills_the_cache(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    anonymous_copy = cached(page.url)
    partner = Client()
    partner.force_login(UserFactory())

    signed_in = partner.get(page.url)

    assert page_cache.HEADER not in signed_in
    assert signed_in.content.decode() != anonymous_copy  # their header says they are signed in
    assert signed_in["Cache-Control"] == "private"

    page_cache.bump_version()
    partner.get(page.url)
    assert get(page.url)[page_cache.HEADER] == "miss"


def test_a_partners_only_detail_is_never_in_a_cached_page(lct):
    MembershipFactory(
        page=lct,
        person=PersonFactory(name="Parveen", email=PARTNERS_EMAIL, visibility=Visibility.PARTNERS),
    )
    partner = Client()
    partner.force_login(UserFactory())
    # A partner looks first, then visitors fill and read the cache, then the partner again.
    assert PARTNERS_EMAIL in partner.get(lct.url).content.decode()

    body = cached(lct.url)

    assert "Parveen" in body and PARTNERS_EMAIL not in body
    assert PARTNERS_EMAIL in partner.get(lct.url).content.decode()


def test_a_page_below_a_password_is_never_stored(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="swordfish"
    )
    for _ in range(2):
        response = Client().get(page.url)
        assert page_cache.HEADER not in response


def test_a_visitor_with_a_message_or_a_session_is_not_served_the_cached_copy(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    cached(page.url)
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        browser = Client()
        browser.cookies[cookie] = "something"
        assert page_cache.HEADER not in browser.get(page.url), cookie


def test_the_calendar_feeds_keep_their_own_cache(lct):
    for _ in range(2):
        assert page_cache.HEADER not in Client().get("/calendar/county.ics")


@pytest.mark.parametrize(
    "spoil",
    [
        lambda request, response: response.set_cookie("csrftoken", "abc"),
        lambda request, response: request.META.update(CSRF_COOKIE_NEEDS_UPDATE=True),
        lambda request, response: response.__setitem__("Cache-Control", "no-store"),
        lambda request, response: setattr(response, "status_code", 404),
        lambda request, response: setattr(request, "method", "HEAD"),
    ],
    ids=["sets a cookie", "used a CSRF token", "says no-store", "not found", "HEAD"],
)
def test_a_response_is_stored_only_when_it_is_the_same_for_every_visitor(home_page, spoil):
    request = RequestFactory().get("/")
    setattr(request, page_cache.PAGE_ATTRIBUTE, home_page)
    response = HttpResponse("<h1>Home</h1>")
    assert page_cache.may_cache(request, response)

    spoil(request, response)

    assert not page_cache.may_cache(request, response)


def test_a_meeting_email_queued_or_sent_keeps_the_cached_pages(lct):
    """The outbox and members' email choices are shown on no public page: sending email must
    not retire the whole cache."""
    from meetings.outbox import InvitationPreference, OutboxMessage

    person = PersonFactory(organisation=None)
    before = page_cache.version()
    message = OutboxMessage.objects.create(
        recipient="member@example.org", meeting_title="LCT meeting", kind="invitation",
        subject="Invitation", body="You are invited.", ics="BEGIN:VCALENDAR",
    )  # fmt: skip
    message.status = "sent"
    message.save()
    InvitationPreference.objects.create(person=person, by_email=False)
    assert page_cache.version() == before


# The parts every page repeats (layout, next meetings), kept for anonymous visitors while a
# page itself is rendered, as for a search or a filter.


def rendered(client, url):
    """The page rendered afresh (a query the page cache never stores), and its query count."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?rendered=1")
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def test_the_layout_is_built_once_per_content_version_for_anonymous_visitors(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    rendered(Client(), page.url)  # the site's own caches (its root paths) filled
    page_cache.bump_version()

    _, built = rendered(Client(), page.url)
    _, kept = rendered(Client(), page.url)
    assert kept < built

    page_cache.bump_version()

    assert rendered(Client(), page.url)[1] == built


def test_a_new_section_shows_in_the_layout_of_rendered_pages_at_once(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    body, _ = rendered(Client(), page.url)
    assert "Safer taxis" not in body

    StandardPageFactory(parent=home_page, slug="taxis", title="Safer taxis", show_in_menus=True)

    body, _ = rendered(Client(), page.url)
    assert 'href="/taxis/">Safer taxis</a>' in body


def test_the_menu_marks_each_visitors_own_section_from_the_one_shared_copy(home_page):
    StandardPageFactory(parent=home_page, slug="guidance", title="Guidance", show_in_menus=True)
    taxis = StandardPageFactory(parent=home_page, slug="taxis", title="Taxis", show_in_menus=True)
    rendered(Client(), "/guidance/")

    body, _ = rendered(Client(), taxis.url)

    assert 'href="/taxis/" aria-current="page">Taxis</a>' in body
    assert 'href="/guidance/">Guidance</a>' in body


def test_a_signed_in_visitor_neither_gets_nor_fills_the_layouts_copy(home_page):
    secret = StandardPageFactory(
        parent=home_page, slug="partners", title="Partners room", show_in_menus=True
    )
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    partner = Client()
    partner.force_login(UserFactory())

    body, _ = rendered(partner, "/")
    assert "Partners room" in body
    assert page_cache._read("part:chrome:testserver")[1] is None

    assert "Partners room" not in rendered(Client(), "/")[0]
    assert "Partners room" in rendered(partner, "/")[0]


def test_a_meeting_only_partners_may_see_never_reaches_the_visitors_list_of_next_meetings(
    home_page, lct
):
    MeetingPageFactory(
        parent=lct, title="Open forum", start=dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    )
    closed = MeetingPageFactory(
        parent=lct, title="Case review", start=dt.datetime(2027, 2, 2, 16, tzinfo=LONDON)
    )
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    partner = Client()
    partner.force_login(UserFactory())

    for url in ("/", lct.url):
        assert "Case review" in rendered(partner, url)[0]
        body, _ = rendered(Client(), url)
        assert "Open forum" in body and "Case review" not in body
        assert "Case review" in rendered(partner, url)[0]


def test_a_new_meeting_shows_in_the_lists_of_next_meetings_at_once(home_page, lct):
    for url in ("/", lct.url):
        assert "Spring meeting" not in rendered(Client(), url)[0]

    MeetingPageFactory(
        parent=lct, title="Spring meeting", start=dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    )

    for url in ("/", lct.url):
        assert "Spring meeting" in rendered(Client(), url)[0]


def test_a_browser_that_accepts_gzip_gets_the_stored_compressed_page(home_page):
    import gzip

    page = StandardPageFactory(parent=home_page, slug="guidance")
    first = get(page.url)

    compressed = get(page.url, headers={"accept-encoding": "gzip, deflate, br"})
    plain = get(page.url)

    assert compressed[page_cache.HEADER] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == first.content == plain.content
    assert len(compressed.content) < len(first.content) / 2
    assert compressed["Content-Length"] == str(len(compressed.content))
    assert plain[page_cache.HEADER] == "hit" and not plain.has_header("Content-Encoding")
    assert all("Accept-Encoding" in r["Vary"] for r in (first, compressed, plain))
