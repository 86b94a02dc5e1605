"""Real parsers read the demo feeds as calendar clients would, and agree with the editor.

ical.js (the parser inside Thunderbird) runs under Node; recurring-ical-events and vobject
are independent Python implementations (vobject reads the VTIMEZONE's rules itself rather
than trusting the TZID). For every occurrence in the next five years, the UTC
instant each computes must equal the Europe/London wall time the editor entered, on both
sides of the March and October clock changes; cancelled occurrences must be cancelled (or
gone) and a moved occurrence must appear once, at its new time.
"""

import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import recurring_ical_events
import time_machine
import vobject
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar

from directory.models import PartnershipPage, Person
from ltc_portal.demo import seed
from meetings.enums import ExceptionAction
from meetings.models import FeedToken, MeetingPage
from meetings.recurrence import LONDON

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
UNTIL = NOW + dt.timedelta(days=5 * 365)
SCRIPT = Path(__file__).with_name("ical_occurrences.mjs")
CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"


def node_or_skip():
    node = shutil.which("node")
    if node is None:
        message = "Node is needed to run ical.js against the feeds"
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


def iso(moment):
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_with_icaljs(body):
    result = subprocess.run(  # noqa: S603 - fixed script, our own feed on stdin
        [node_or_skip(), str(SCRIPT), iso(NOW), iso(UNTIL)],
        input=body,
        capture_output=True,
        check=True,
        timeout=60,
        cwd=SCRIPT.parent,
    )
    return [
        (item["uid"], dt.datetime.fromisoformat(item["start"]), item["status"])
        for item in json.loads(result.stdout)
    ]


def read_with_recurring_ical_events(body):
    events = recurring_ical_events.of(Calendar.from_ical(body)).between(NOW, UNTIL)
    return [
        (
            str(event["UID"]),
            event.decoded("DTSTART").astimezone(dt.UTC),
            str(event.get("STATUS", CONFIRMED)),
        )
        for event in events
    ]


def read_with_vobject(body):
    """Occurrences as vobject computes them; an override answers only to its own series."""
    masters, overrides = {}, {}
    for event in vobject.readOne(body.decode()).vevent_list:
        uid = event.uid.value
        if hasattr(event, "recurrence_id"):
            overrides[(uid, event.recurrence_id.value.astimezone(dt.UTC))] = event
        else:
            masters[uid] = event

    def status(event):
        return event.status.value if hasattr(event, "status") else CONFIRMED

    seen = []
    for uid, event in masters.items():
        first = event.dtstart.value
        duration = event.dtend.value - first
        rules = event.getrruleset(addRDate=True)
        starts = rules.between(NOW - duration, UNTIL, inc=True) if rules else [first]
        for start in starts:
            override = overrides.get((uid, start.astimezone(dt.UTC)))
            if override is not None:
                start, end, item = override.dtstart.value, override.dtend.value, override
            else:
                end, item = start + duration, event
            if end >= NOW and start <= UNTIL:
                seen.append((uid, start.astimezone(dt.UTC), status(item)))
    return seen


PARSERS = {
    "ical.js": read_with_icaljs,
    "recurring-ical-events": read_with_recurring_ical_events,
    "vobject": read_with_vobject,
}


def expected(meetings):
    """(uid, UTC start) -> status, from what the editor entered; plus the moved originals."""
    wanted, moved_from = {}, set()
    for meeting in meetings:
        wall_time = meeting.start.astimezone(LONDON).time()
        changes = {change.original_date: change for change in meeting.exceptions.all()}
        for occurrence in meeting.occurrences:
            day = occurrence.original_start.date()
            start = dt.datetime.combine(day, wall_time, tzinfo=LONDON)
            change = changes.get(day)
            status = CONFIRMED
            if change and change.action == ExceptionAction.MOVE:
                moved_from.add((meeting.uid, start.astimezone(dt.UTC)))
                start = change.new_start  # what the editor entered for the new time
            elif (change and change.action == ExceptionAction.CANCEL) or meeting.is_cancelled:
                status = CANCELLED
            end = start + meeting.duration
            if end >= NOW and start <= UNTIL:
                wanted[(meeting.uid, start.astimezone(dt.UTC))] = status
    return wanted, moved_from


def clock_changes():
    """The next last-Sunday-of-March and last-Sunday-of-October after NOW."""
    found = []
    for month in (3, 10):
        for year in (NOW.year, NOW.year + 1):
            last = dt.date(year, month, 31)
            sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
            if sunday > NOW.date():
                found.append(sunday)
                break
    return found


@pytest.fixture
def demo_feeds(client, site):
    with time_machine.travel(NOW, tick=False):
        seed(lambda line: None)
        user = get_user_model().objects.get(username="partner")
        # The demo's partner sits on the Redditch LCT and the headteacher group.
        partner = Person.objects.get(user=user)
        assert partner.memberships.exists()
        urls = {"county": reverse("meetings:county_feed")}
        for partnership in PartnershipPage.objects.live():
            urls[partnership.slug] = reverse("meetings:partnership_feed", args=[partnership.slug])
        token = FeedToken.for_user(partner.user).token
        urls["private"] = reverse("meetings:private_feed", args=[token])
        feeds = {}
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200
            feeds[name] = response.content
        yield feeds


def training_sessions():
    """(uid, UTC start) -> status of the demo's training sessions, also in the feeds."""
    from training.models import TrainingSessionPage

    return {
        (session.uid, session.start.astimezone(dt.UTC)): CANCELLED
        if session.cancelled
        else CONFIRMED
        for session in TrainingSessionPage.objects.live()
        if session.end >= NOW and session.start <= UNTIL
    }


def test_real_parsers_read_the_demo_feeds_at_the_times_the_editor_entered(demo_feeds):
    meetings = list(MeetingPage.objects.live().prefetch_related("exceptions"))
    everyone, moved_everywhere = expected(meetings)
    sessions = training_sessions()
    assert sessions  # the feeds carry the demo's training sessions too
    everyone.update(sessions)
    assert CANCELLED in everyone.values() and moved_everywhere  # the demo has both
    # Meetings on both sides of each coming clock change, so the test means something.
    starts = [start for (_uid, start), status in everyone.items() if status == CONFIRMED]
    for change in clock_changes():
        before = [s for s in starts if change - dt.timedelta(days=45) <= s.date() < change]
        after = [s for s in starts if change < s.date() <= change + dt.timedelta(days=45)]
        assert before and after, f"no meetings either side of the clock change on {change}"

    for (name, body), parser in itertools.product(demo_feeds.items(), PARSERS):
        name = f"{name} feed read by {parser}"
        uids = {str(event["UID"]) for event in Calendar.from_ical(body).walk("VEVENT")}
        wanted = {key: status for key, status in everyone.items() if key[0] in uids}
        moved_from = {key for key in moved_everywhere if key[0] in uids}
        seen = PARSERS[parser](body)
        confirmed = [(uid, start) for uid, start, status in seen if status != CANCELLED]
        cancelled = {(uid, start) for uid, start, status in seen if status == CANCELLED}

        expected_confirmed = {key for key, status in wanted.items() if status == CONFIRMED}
        assert sorted(confirmed) == sorted(expected_confirmed), name  # each once, right instant
        assert cancelled <= {key for key, status in wanted.items() if status == CANCELLED}, name
        assert not moved_from & set(confirmed), f"{name}: a moved meeting at its old time"
