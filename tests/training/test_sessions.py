"""Training sessions: pages under the coverage page, kept to a coordinator's own districts,
listed on the coverage page and carried by the calendar feeds."""

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from core.page_cache import bump_version
from meetings import feeds
from meetings.recurrence import LONDON
from tests.meetings.factories import VenueFactory, publish
from tests.meetings.test_clients import node_or_skip
from training.forms import TrainingSessionForm
from training.models import TrainingSessionPage

from .factories import CourseFactory, TrainingSessionPageFactory
from .test_query_counts import queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]
NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
ICAL_JS = Path(__file__).parents[1] / "meetings" / "ical_itip.mjs"


@pytest.fixture
def freeze():
    with time_machine.travel(NOW, tick=False):
        yield


def session(coverage, area, **kwargs):
    page = TrainingSessionPageFactory(parent=coverage, area=area, **kwargs)
    return publish(page)


def test_a_session_must_end_after_it_starts_on_the_same_day_at_a_venue_or_online(coverage):
    page = TrainingSessionPageFactory.build(
        course=CourseFactory(),
        area=None,
        venue=None,
        start=dt.datetime(2027, 2, 4, 9, tzinfo=LONDON),
        end=dt.datetime(2027, 2, 5, 9, tzinfo=LONDON),
        cancelled=True,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"end", "venue", "cancellation_reason"}


def test_sessions_live_only_under_the_coverage_page():
    assert TrainingSessionPage.parent_page_types == ["training.CoveragePage"]
    assert TrainingSessionPage.subpage_types == []


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("administrator", True, True),
        ("redditch coordinator", True, False),
        ("wyre forest coordinator", False, True),
        ("headteacher group editor", False, False),
        ("partner", False, False),
        ("anonymous", False, False),
    ],
)
def test_a_coordinator_edits_only_their_own_districts_sessions(county, coverage, role, own, other):
    user = county.users[role]
    redditch = session(coverage, county.redditch.area)
    wyre = session(coverage, county.wyre_forest.area)
    for page, allowed in ((redditch, own), (wyre, other)):
        perms = page.permissions_for_user(user)
        assert perms.can_edit() is allowed
        assert perms.can_delete() is allowed
        assert perms.can_publish() is allowed
        assert perms.can_unpublish() is allowed


def test_only_county_administrators_edit_county_wide_sessions_and_the_coverage_page(
    county, coverage
):
    county_wide = session(coverage, None)
    admin, coordinator = county.users["administrator"], county.users["redditch coordinator"]
    assert county_wide.permissions_for_user(admin).can_edit()
    assert not county_wide.permissions_for_user(coordinator).can_edit()
    assert coverage.permissions_for_user(admin).can_edit()
    coverage_perms = coverage.permissions_for_user(coordinator)
    assert not coverage_perms.can_edit()
    assert not coverage_perms.can_delete()
    assert coverage_perms.can_add_subpage()


def test_a_coordinator_cannot_open_another_districts_session_in_the_admin(client, county, coverage):
    wyre = session(coverage, county.wyre_forest.area)
    own = session(coverage, county.redditch.area)
    client.force_login(county.users["redditch coordinator"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[wyre.pk]))
    assert response.status_code in (302, 403)


def test_the_session_form_offers_a_coordinator_only_their_districts_and_refuses_others(
    county, coverage
):
    form_class = TrainingSessionPage.get_edit_handler().get_form_class()
    coordinator = county.users["redditch coordinator"]
    form = form_class(instance=TrainingSessionPage(), parent_page=coverage, for_user=coordinator)
    assert list(form.fields["area"].queryset) == [county.redditch.area]
    assert form.fields["area"].required
    assert issubclass(form_class, TrainingSessionForm)
    form.cleaned_data = {"area": county.wyre_forest.area}
    with pytest.raises(ValidationError, match="Wyre Forest is not one of your districts"):
        form.clean_area()
    form.cleaned_data = {"area": None}
    with pytest.raises(ValidationError, match="county-wide sessions are the county's"):
        form.clean_area()


def test_the_coverage_page_lists_upcoming_public_sessions_only(client, county, coverage):
    session(coverage, county.redditch.area, title="Redditch morning session")
    session(
        coverage,
        None,
        title="Long gone session",
        start=dt.datetime(2026, 12, 1, 9, tzinfo=LONDON),
        end=dt.datetime(2026, 12, 1, 11, tzinfo=LONDON),
    )
    private = session(coverage, county.wyre_forest.area, title="Private session")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = TrainingSessionPageFactory(parent=coverage, area=None, title="Draft session")
    draft.unpublish()
    html = client.get(coverage.url).content.decode()
    assert "Redditch morning session" in html
    for hidden in ("Long gone session", "Private session", "Draft session"):
        assert hidden not in html
    client.force_login(county.users["partner"])
    assert "Private session" in client.get(coverage.url).content.decode()


def test_an_online_sessions_page_never_shows_its_joining_link(client, county, coverage):
    page = session(coverage, county.redditch.area, online_only=True)
    html = client.get(page.url).content.decode()
    assert page.title in html
    assert "meet.example.org" not in html
    assert "sent to the people booked" in html


def test_the_coverage_page_runs_the_same_queries_for_2_and_30_sessions(
    client, county, coverage, django_assert_num_queries
):
    for _n in range(2):
        session(coverage, county.redditch.area)
    small = queries(client, coverage.url)
    for _n in range(28):
        session(coverage, county.wyre_forest.area)
    client.get(coverage.url)
    bump_version()
    with django_assert_num_queries(small):
        assert client.get(coverage.url).status_code == 200


def test_publishing_a_session_retires_the_cached_coverage_page(client, county, coverage):
    client.get(coverage.url)
    session(coverage, county.redditch.area, title="Fresh session")
    assert "Fresh session" in client.get(coverage.url).content.decode()


# -- feeds -----------------------------------------------------------------------------------


def feed(client, name, *args):
    response = client.get(reverse(f"meetings:{name}", args=args))
    assert response.status_code == 200
    return response.content


def events(body):
    return {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_the_county_feed_carries_every_session_and_an_lcts_feed_its_districts(
    client, county, coverage
):
    redditch = session(coverage, county.redditch.area)
    wyre = session(coverage, county.wyre_forest.area)
    county_wide = session(coverage, None)
    assert set(events(feed(client, "county_feed"))) >= {redditch.uid, wyre.uid, county_wide.uid}
    redditch_feed = events(feed(client, "partnership_feed", "redditch"))
    assert redditch.uid in redditch_feed
    assert wyre.uid not in redditch_feed
    assert county_wide.uid not in redditch_feed
    event = redditch_feed[redditch.uid]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt == dt.datetime(2027, 2, 4, 9, 30, tzinfo=LONDON)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert redditch.venue.postcode in str(event["LOCATION"])


def test_a_sessions_joining_link_is_never_in_a_feed(client, county, coverage):
    page = session(coverage, county.redditch.area, online_only=True)
    body = feed(client, "county_feed")
    assert b"meet.example.org" not in body
    assert "Online" in str(events(body)[page.uid]["LOCATION"])


def test_a_private_session_is_not_in_the_public_feeds(client, county, coverage):
    page = session(coverage, county.redditch.area)
    assert page.uid in events(feed(client, "partnership_feed", "redditch"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert page.uid not in events(feed(client, "partnership_feed", "redditch"))
    assert page.uid not in events(feed(client, "county_feed"))


def test_moving_a_session_raises_its_sequence_and_the_cached_feeds_show_it_at_once(
    client, county, coverage
):
    page = session(coverage, county.redditch.area)
    before = events(feed(client, "partnership_feed", "redditch"))[page.uid]
    assert int(before["SEQUENCE"]) == 0
    page.start = dt.datetime(2027, 2, 11, 9, 30, tzinfo=LONDON)
    page.end = dt.datetime(2027, 2, 11, 12, 30, tzinfo=LONDON)
    publish(page)
    for body in (feed(client, "partnership_feed", "redditch"), feed(client, "county_feed")):
        after = events(body)[page.uid]
        assert int(after["SEQUENCE"]) == 1
        assert after["DTSTART"].dt == dt.datetime(2027, 2, 11, 9, 30, tzinfo=LONDON)
    page.title = "A new title only"
    publish(page)
    assert int(events(feed(client, "county_feed"))[page.uid]["SEQUENCE"]) == 1


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client, county, coverage):
    page = session(coverage, county.redditch.area)
    feed(client, "county_feed")
    page.cancelled = True
    page.cancellation_reason = "Trainer unwell"
    publish(page)
    event = events(feed(client, "county_feed"))[page.uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert "Trainer unwell" in str(event["DESCRIPTION"])


def test_unpublishing_a_session_or_changing_its_venue_retires_the_cached_feeds(
    client, county, coverage
):
    venue = VenueFactory(name="Old Hall", postcode="B97 4AA")
    page = session(coverage, county.redditch.area, venue=venue)
    assert "B97 4AA" in str(
        events(feed(client, "partnership_feed", "redditch"))[page.uid]["LOCATION"]
    )
    venue.postcode = "B98 7HH"
    venue.save()
    assert "B98 7HH" in str(
        events(feed(client, "partnership_feed", "redditch"))[page.uid]["LOCATION"]
    )
    page.unpublish()
    assert page.uid not in events(feed(client, "partnership_feed", "redditch"))


def test_icaljs_reads_a_session_in_the_feed_at_the_time_the_editor_entered(
    client, county, coverage
):
    page = session(coverage, county.redditch.area)
    result = subprocess.run(  # noqa: S603 - fixed script, our own feed on stdin
        [node_or_skip(), str(ICAL_JS)],
        input=feed(client, "partnership_feed", "redditch"),
        capture_output=True,
        check=True,
        timeout=60,
        cwd=ICAL_JS.parent,
    )
    read = {event["uid"]: event for event in json.loads(result.stdout)["events"]}
    assert read[page.uid]["start"] == "2027-02-04T09:30:00.000Z"
    assert read[page.uid]["status"] == "CONFIRMED"


def test_the_feed_source_sees_only_what_the_viewer_may_open(county, coverage):
    from training.feeds import session_events

    page = session(coverage, county.redditch.area)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert session_events(user=AnonymousUser(), now=NOW) == []
    (data,) = session_events(user=county.users["partner"], now=NOW)
    assert data.uid == page.uid


def test_a_feed_takes_the_same_queries_for_2_and_20_sessions(client, county, coverage):
    url = reverse("meetings:partnership_feed", args=["redditch"])
    counts = []
    for total in (2, 20):
        while TrainingSessionPage.objects.filter(area=county.redditch.area).count() < total:
            session(coverage, county.redditch.area)
        client.get(url)  # warm what is not the feed's own work (site root paths)
        feeds.bump(feeds.partnership_scope(county.redditch.pk))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.content.decode().count("BEGIN:VEVENT") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
