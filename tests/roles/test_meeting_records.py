"""Meeting records (agenda, papers, minutes, attendance of one date) are kept by the
coordinators of the meeting's own district: another district's coordinator is refused, forged
POSTs included."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from meetings.enums import Frequency
from meetings.records import OccurrenceRecord
from meetings.recurrence import LONDON
from tests.directory.factories import MembershipFactory
from tests.meetings.factories import MeetingPageFactory, OccurrenceRecordFactory
from tests.resources.factories import DocumentFactory

pytestmark = [pytest.mark.django_db]

DAY = dt.date(2026, 12, 8)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def meetings(county):
    found = {}
    for name, page in (("redditch", county.redditch), ("wyre forest", county.wyre_forest)):
        meeting = MeetingPageFactory(
            parent=page,
            start=dt.datetime(2026, 9, 8, 16, tzinfo=LONDON),
            end=dt.datetime(2026, 9, 8, 18, tzinfo=LONDON),
            frequency=Frequency.MONTHLY_WEEKDAY,
            ends_after=6,
        )
        meeting.save_revision().publish()
        found[name] = meeting
    return found


def form_data(meeting, *, membership=None):
    data = {
        "meeting": meeting.pk,
        "date": DAY.isoformat(),
        "minutes_status": "draft",
        "minutes_visibility": "partners",
        # An empty rich text, as the editor's Draftail widget posts it.
        "minutes_text": '{"blocks": [], "entityMap": {}}',
    }
    for prefix in ("agenda_items", "papers", "attendance", "guests"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    if membership is not None:
        data |= {
            "attendance-TOTAL_FORMS": "1",
            "attendance-0-membership": membership.pk,
            "attendance-0-status": "present",
            "attendance-0-substitute": "",
            "attendance-0-ORDER": "1",
            "attendance-0-id": "",
            "attendance-0-DELETE": "",
        }
    return data


ADD = "wagtailsnippets_meetings_occurrencerecord:add"
EDIT = "wagtailsnippets_meetings_occurrencerecord:edit"


def test_a_coordinator_keeps_the_record_of_their_own_districts_meeting(client, county, meetings):
    client.force_login(county.users["redditch coordinator"])
    seat = MembershipFactory(page=county.redditch)

    response = client.post(reverse(ADD), form_data(meetings["redditch"], membership=seat))

    assert response.status_code == 302, response.context["form"].errors
    record = OccurrenceRecord.objects.get()
    assert record.meeting == meetings["redditch"]
    assert record.attendance.get().membership == seat


def test_a_forged_post_for_another_districts_meeting_is_refused(client, county, meetings):
    client.force_login(county.users["wyre forest coordinator"])

    response = client.post(reverse(ADD), form_data(meetings["redditch"]))

    assert response.status_code == 200
    assert "meeting" in response.context["form"].errors
    assert not OccurrenceRecord.objects.exists()


def test_a_forged_post_naming_another_partnerships_member_is_refused(client, county, meetings):
    client.force_login(county.users["redditch coordinator"])
    stranger = MembershipFactory(page=county.wyre_forest)

    response = client.post(reverse(ADD), form_data(meetings["redditch"], membership=stranger))

    assert response.status_code == 200
    assert not OccurrenceRecord.objects.exists()


def test_another_districts_coordinator_may_not_open_or_change_a_record(client, county, meetings):
    record = OccurrenceRecordFactory(meeting=meetings["redditch"], date=DAY)
    client.force_login(county.users["wyre forest coordinator"])

    assert client.get(reverse(EDIT, args=[record.pk])).status_code in (302, 403)
    response = client.post(reverse(EDIT, args=[record.pk]), form_data(meetings["wyre forest"]))

    assert response.status_code in (302, 403)
    record.refresh_from_db()
    assert record.meeting == meetings["redditch"]
    listing = client.get(reverse("wagtailsnippets_meetings_occurrencerecord:list"))
    assert record.pk not in [obj.pk for obj in listing.context["object_list"]]


@pytest.mark.parametrize("where", ["minutes", "paper"])
def test_a_document_the_coordinator_may_not_choose_is_refused_as_minutes_or_a_paper(
    client, county, meetings, where
):
    """A record's files are served at its visibility (the document rule), so an id typed into
    the form must not publish another district's partners-only file."""
    theirs = DocumentFactory()  # the root collection: not the Redditch coordinator's to choose
    client.force_login(county.users["redditch coordinator"])
    data = form_data(meetings["redditch"])
    if where == "minutes":
        data |= {"minutes_document": theirs.pk, "minutes_visibility": "public"}
    else:
        data |= {
            "papers-TOTAL_FORMS": "1",
            "papers-0-title": "Papers",
            "papers-0-document": theirs.pk,
            "papers-0-visibility": "public",
            "papers-0-publish_on": "2026-01-01",
            "papers-0-ORDER": "1",
            "papers-0-id": "",
            "papers-0-DELETE": "",
        }

    response = client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert f"Document {theirs.pk} is not one you may choose" in response.content.decode()
    assert not OccurrenceRecord.objects.exists()


def test_another_districts_records_are_not_in_the_chooser_nor_their_usage(client, county, meetings):
    record = OccurrenceRecordFactory(meeting=meetings["redditch"], date=DAY)
    own = OccurrenceRecordFactory(meeting=meetings["wyre forest"], date=DAY)
    client.force_login(county.users["wyre forest coordinator"])
    prefix = "wagtailsnippetchoosers_meetings_occurrencerecord"

    listed = client.get(reverse(f"{prefix}:choose_results"))
    assert [obj.pk for obj in listed.context["results"]] == [own.pk]
    assert client.get(reverse(f"{prefix}:chosen", args=[record.pk])).status_code == 404
    assert client.get(reverse(f"{prefix}:chosen", args=[own.pk])).status_code == 200
    usage = reverse("wagtailsnippets_meetings_occurrencerecord:usage", args=[record.pk])
    assert client.get(usage).status_code in (302, 403)


def edit_page(client, meeting):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("[data-record-dates]")


def test_the_meeting_editor_lists_recent_and_coming_dates_each_starting_or_opening_its_record(
    client, county, meetings
):
    meeting = meetings["redditch"]
    kept = OccurrenceRecordFactory(meeting=meeting, date=DAY)
    client.force_login(county.users["redditch coordinator"])

    panel = edit_page(client, meeting)

    rows = [row.select("td") for row in panel.select("tbody tr")]
    # Six meetings on the second Tuesday from September 2026, "today" 10 January 2027: the last
    # three held and the two still to come.
    assert [cells[0].get_text() for cells in rows] == [
        "Tuesday 13 October 2026",
        "Tuesday 10 November 2026",
        "Tuesday 8 December 2026",
        "Tuesday 12 January 2027 (to come)",
        "Tuesday 9 February 2027 (to come)",
    ]
    assert [cells[1].get_text() for cells in rows] == [
        "None yet",
        "None yet",
        "Started; minutes draft (not yet agreed)",
        "None yet",
        "None yet",
    ]
    links = {cells[0].get_text(): cells[2].a["href"] for cells in rows}
    assert links["Tuesday 8 December 2026"] == reverse(EDIT, args=[kept.pk])
    start = links["Tuesday 12 January 2027 (to come)"]
    assert start == reverse(ADD) + f"?meeting={meeting.pk}&date=2027-01-12"

    form = client.get(start).context["form"]
    assert form["meeting"].value() == meeting.pk
    assert str(form["date"].value()) == "2027-01-12"


@pytest.mark.parametrize("meeting", ["other", "²", "٣", "99999999999999999999999", "-1", ""])
def test_a_start_link_naming_another_districts_meeting_or_no_date_fills_in_nothing(
    client, county, meetings, meeting
):
    client.force_login(county.users["redditch coordinator"])
    if meeting == "other":
        meeting = meetings["wyre forest"].pk

    response = client.get(reverse(ADD), {"meeting": meeting, "date": "8 December"})

    assert response.status_code == 200
    assert response.context["form"]["meeting"].value() is None
    assert response.context["form"]["date"].value() is None
