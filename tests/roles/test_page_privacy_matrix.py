"""Wagtail's Privacy setting on a meeting or partnership, in every list and feed.

Each row is an output; each column a viewer: anonymous, a signed-in partner, and a member of
the group a "groups" restriction names. A restricted meeting shows to those allowed to open
its page and to nobody else; the public feeds (county, partnership) show only public pages.
"""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.enums import Visibility
from meetings.models import FeedToken
from meetings.recurrence import LONDON
from tests.directory.factories import membership_for
from tests.meetings.factories import MeetingPageFactory, MeetingsIndexPageFactory
from tests.resources.factories import DocumentFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
VIEWERS = ["anonymous", "partner", "group member"]
KINDS = ["login", "groups"]

#: Restriction kind -> viewers who may open the page (and so see it in their lists).
ALLOWED = {"login": {"partner", "group member"}, "groups": {"group member"}}


@pytest.fixture(autouse=True)
def _frozen_and_fresh():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def board(db):
    return Group.objects.create(name="Safeguarding board")


def restrict(page, kind, group):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.LOGIN
        if kind == "login"
        else PageViewRestriction.GROUPS,
    )
    if kind == "groups":
        restriction.groups.add(group)
    return restriction


@pytest.fixture
def setting(county, home_page, board):
    """An open meeting, and per restriction kind a future meeting with papers and a past one
    with public minutes, all in Redditch; the viewers sit on Redditch."""
    index = MeetingsIndexPageFactory(parent=home_page)
    MeetingPageFactory(parent=county.redditch, title="Open meeting")
    meetings = {}
    for kind in KINDS:
        paper = DocumentFactory(title=f"{kind} paper")
        future = MeetingPageFactory(
            parent=county.redditch,
            title=f"Future {kind} meeting",
            start=dt.datetime(2027, 2, 9, 16, tzinfo=LONDON),
            papers=[("document", paper)],
        )
        past = MeetingPageFactory(
            parent=county.redditch,
            title=f"Past {kind} meeting",
            start=dt.datetime(2026, 12, 8, 16, tzinfo=LONDON),
            minutes=DocumentFactory(title=f"{kind} minutes"),
            minutes_visibility=Visibility.PUBLIC,
        )
        restrict(future, kind, board)
        restrict(past, kind, board)
        meetings[kind] = {"future": future, "past": past, "paper": paper}
    viewers = {
        "anonymous": None,
        "partner": county.users["partner"],
        "group member": county.users["headteacher group editor"],
    }
    viewers["group member"].groups.add(board)
    for user in viewers.values():
        if user is not None:
            membership_for(user, county.redditch)
    return {"index": index, "meetings": meetings, "viewers": viewers, "county": county}


def text(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def status(client, url):
    response = client.get(url)
    if response.streaming:
        # Reading to the end closes the file, as the test client keeps the database connection.
        b"".join(response.streaming_content)
    return response.status_code


def outputs(client, setting, viewer, kind):
    """Output name -> whether the restricted meeting (of this kind) appears there."""
    user = setting["viewers"][viewer]
    county = setting["county"]
    meeting = setting["meetings"][kind]
    future = meeting["future"]
    if user is not None:
        client.force_login(user)
    index = setting["index"]
    found = {
        "county feed": f"Future {kind} meeting" in text(client, reverse("meetings:county_feed")),
        "partnership feed": f"Future {kind} meeting"
        in text(client, reverse("meetings:partnership_feed", args=["redditch"])),
        "single .ics": status(client, reverse("meetings:meeting_ics", args=[future.pk])) == 200,
        "upcoming list": f"Future {kind} meeting" in text(client, index.url),
        "month view": f"Future {kind} meeting" in text(client, index.url, month="2027-02"),
        "past minutes": f"Past {kind} meeting" in text(client, index.url),
        "partnership page": f"Future {kind} meeting" in text(client, county.redditch.url),
        "home page": f"Future {kind} meeting" in text(client, "/"),
        "papers download": status(client, meeting["paper"].url) == 200,
    }
    if user is not None:
        token = FeedToken.for_user(user).token
        found["private feed"] = f"Future {kind} meeting" in text(
            client, reverse("meetings:private_feed", args=[token])
        )
    return found


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_restricted_meeting_shows_only_to_viewers_who_may_open_it(client, setting, viewer, kind):
    allowed = viewer in ALLOWED[kind]
    found = outputs(client, setting, viewer, kind)

    # The public feeds are for anyone: a restricted meeting is never in them.
    assert found.pop("county feed") is False
    assert found.pop("partnership feed") is False
    assert found == dict.fromkeys(found, allowed)
    assert "Open meeting" in text(client, setting["index"].url)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_restricted_partnership_is_listed_only_to_viewers_who_may_open_it(
    client, county, board, viewer, kind
):
    restrict(county.wyre_forest, kind, board)
    MeetingPageFactory(parent=county.wyre_forest, title="Wyre Forest meeting")
    user = {
        "anonymous": None,
        "partner": county.users["partner"],
        "group member": county.users["headteacher group editor"],
    }[viewer]
    if viewer == "group member":
        board.user_set.add(user)
    if user is not None:
        client.force_login(user)
    allowed = viewer in ALLOWED[kind]

    index_page = text(client, county.wyre_forest.get_parent().url)
    feed = client.get(reverse("meetings:partnership_feed", args=["wyre-forest"]))

    assert ("Wyre Forest LCT" in index_page) is allowed
    assert "Redditch LCT" in index_page
    assert feed.status_code == 404
    assert "Wyre Forest meeting" not in text(client, reverse("meetings:county_feed"))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_restricted_section_is_in_the_menu_and_on_the_home_page_only_for_viewers_allowed(
    client, county, home_page, board, viewer
):
    index = MeetingsIndexPageFactory(parent=home_page, title="Board meetings", show_in_menus=True)
    restrict(index, "groups", board)
    user = {
        "anonymous": None,
        "partner": county.users["partner"],
        "group member": county.users["headteacher group editor"],
    }[viewer]
    if viewer == "group member":
        board.user_set.add(user)
    if user is not None:
        client.force_login(user)

    allowed = viewer == "group member"
    assert ("Board meetings" in text(client, county.redditch.url)) is allowed  # the menu
    assert ("Board meetings" in text(client, "/")) is allowed  # the menu and the home page
