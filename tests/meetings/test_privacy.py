"""Cached feeds follow the meetings' Privacy settings and each member's groups."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.page_cache import bump_version
from directory.models import Membership, Person
from meetings import feeds
from meetings.models import FeedToken
from tests.factories import UserFactory

from .factories import MeetingPageFactory, MeetingsIndexPageFactory, VenueFactory, bulk_meetings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def board(db):
    return Group.objects.create(name="Safeguarding board")


def member(partnership):
    user = UserFactory()
    Membership.objects.create(page=partnership, person=Person.objects.create(name="M", user=user))
    return user


def private_feed(client, user):
    token = FeedToken.for_user(user).token
    return client.get(reverse("meetings:private_feed", args=[token])).content.decode()


def test_restricting_a_meeting_takes_it_out_of_the_cached_public_feeds_and_back(
    client, partnership
):
    meeting = MeetingPageFactory(parent=partnership, title="Closed session")
    county = reverse("meetings:county_feed")
    ours = reverse("meetings:partnership_feed", args=["bromsgrove"])
    assert all(
        "SUMMARY:Closed session" in client.get(url).content.decode() for url in (county, ours)
    )

    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.LOGIN
    )

    assert all("Closed session" not in client.get(url).content.decode() for url in (county, ours))

    restriction.delete()

    assert all(
        "SUMMARY:Closed session" in client.get(url).content.decode() for url in (county, ours)
    )


def test_restricting_a_partnership_bumps_its_feed_and_the_countys_only(
    partnership, other_partnership
):
    scopes = [feeds.COUNTY, feeds.partnership_scope(partnership.pk)]
    theirs = [feeds.partnership_scope(other_partnership.pk)]
    before, before_theirs = feeds.versions(scopes), feeds.versions(theirs)

    PageViewRestriction.objects.create(page=partnership, restriction_type=PageViewRestriction.LOGIN)

    assert all(a != b for a, b in zip(feeds.versions(scopes), before, strict=True))
    assert feeds.versions(theirs) == before_theirs


def test_a_private_feed_shows_a_groups_restricted_meeting_once_its_member_joins_the_group(
    client, partnership, board
):
    meeting = MeetingPageFactory(parent=partnership, title="Board only")
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    user = member(partnership)
    assert "Board only" not in private_feed(client, user)

    user.groups.add(board)

    assert "SUMMARY:Board only" in private_feed(client, user)


def test_cached_private_feeds_are_not_shared_between_members_with_different_access(
    client, partnership, board
):
    meeting = MeetingPageFactory(parent=partnership, title="Board only")
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    insider, outsider = member(partnership), member(partnership)
    insider.groups.add(board)

    assert "SUMMARY:Board only" in private_feed(client, insider)
    assert "Board only" not in private_feed(client, outsider)


def test_a_password_protected_meeting_is_in_no_feed(client, partnership):
    meeting = MeetingPageFactory(parent=partnership, title="Password meeting")
    PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    user = member(partnership)

    assert "Password meeting" not in private_feed(client, user)
    assert "Password meeting" not in client.get(reverse("meetings:county_feed")).content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "partner"])
def test_listings_that_ask_about_privacy_run_the_same_queries_for_10_and_200_meetings(
    client, home_page, partnership, board, signed_in
):
    index = MeetingsIndexPageFactory(parent=home_page)
    restricted = MeetingPageFactory(parent=partnership, title="Board only")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    if signed_in:
        client.force_login(member(partnership))
    venue = VenueFactory()
    urls = [index.url, "/", partnership.url]
    counts = []
    for total in (10, 200):
        bulk_meetings(partnership, total - partnership.numchild, venue=venue)
        for url in urls:
            client.get(url)  # warm what is not the listing's own work
        bump_version()  # the listings' own queries, not their copies in the page cache
        with CaptureQueriesContext(connection) as captured:
            for url in urls:
                assert "Board only" not in client.get(url).content.decode()
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_a_password_protected_meetings_ics_is_never_cached_publicly(client, partnership):
    meeting = MeetingPageFactory(parent=partnership, title="Password meeting")
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    assert client.get(url).status_code == 404

    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{meeting.pk}/",
        {"password": "letmein", "return_url": meeting.url},
    )
    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    open_meeting = MeetingPageFactory(parent=partnership, title="Open meeting")
    public = client.get(reverse("meetings:meeting_ics", args=[open_meeting.pk]))
    assert public["Cache-Control"].startswith("public")


def test_a_live_meeting_below_an_unpublished_partnership_is_not_out_anywhere(client, partnership):
    """Wagtail serves a live page whose parent is a draft; its section is not out, so the
    meeting is in no listing, feed or search, and its own address is a 404."""
    from django.contrib.auth.models import AnonymousUser

    from core.privacy import viewable_by
    from meetings.models import MeetingPage

    meeting = MeetingPageFactory(parent=partnership, title="Tarragon meeting")
    partnership.unpublish()
    meeting.refresh_from_db()
    assert meeting.live

    assert not viewable_by(MeetingPage.objects.live(), AnonymousUser()).filter(pk=meeting.pk)
    assert client.get(meeting.url).status_code == 404
    assert "Tarragon" not in client.get(reverse("meetings:county_feed")).content.decode()
    assert "Tarragon meeting" not in client.get("/search/?q=Tarragon").content.decode()
    assert "Tarragon" not in private_feed(client, member(partnership))
