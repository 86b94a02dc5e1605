"""Attendance: per occurrence, by member and sector; the yearly report (counts public, names for
partners, SVG with the table's figures, CSV) and the coordinator's flags."""

import csv
import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from directory.enums import OrganisationKind
from meetings.attendance import quorum, reports
from meetings.enums import Frequency
from meetings.records import AttendanceStatus, Guest
from meetings.recurrence import LONDON
from tests.directory.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.factories import UserFactory

from .factories import AttendanceFactory, MeetingPageFactory, OccurrenceRecordFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

#: The four past dates of the series (second Tuesdays from September 2026).
DATES = [dt.date(2026, 9, 8), dt.date(2026, 10, 13), dt.date(2026, 11, 10), dt.date(2026, 12, 8)]


def member(partnership, name, kind, organisation=None):
    organisation = organisation or OrganisationFactory(name=f"{name}'s employer", kind=kind)
    return MembershipFactory(
        page=partnership, person=PersonFactory(name=name), organisation=organisation
    )


@pytest.fixture
def lct(partnership):
    """Four members (school, police, health, taxi) and four meetings: the police sends a
    substitute once and misses three; the taxi licensing officer never comes."""
    meeting = MeetingPageFactory(
        parent=partnership,
        slug="lct-meeting",
        start=dt.datetime(2026, 9, 8, 16, tzinfo=LONDON),
        end=dt.datetime(2026, 9, 8, 18, tzinfo=LONDON),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=8,
    )
    meeting.save_revision().publish()
    head = member(partnership, "Ann Head", OrganisationKind.SCHOOL)
    police = member(partnership, "=Sergeant Plum", OrganisationKind.POLICE)
    nurse = member(partnership, "Nia Nurse", OrganisationKind.HEALTH)
    taxi = member(partnership, "Tom Taxi", OrganisationKind.TAXI_LICENSING)
    for number, day in enumerate(DATES):
        record = OccurrenceRecordFactory(meeting=meeting, date=day)
        AttendanceFactory(record=record, membership=head)
        AttendanceFactory(
            record=record,
            membership=police,
            status=AttendanceStatus.REPRESENTED if number == 0 else AttendanceStatus.APOLOGIES,
            substitute="PC Green" if number == 0 else "",
        )
        AttendanceFactory(
            record=record,
            membership=nurse,
            status=AttendanceStatus.PRESENT if number < 2 else AttendanceStatus.ABSENT,
        )
        AttendanceFactory(record=record, membership=taxi, status=AttendanceStatus.ABSENT)
        Guest.objects.create(record=record, name="Visiting inspector", organisation="Ofsted")
    return partnership


def report_url(partnership, suffix="/"):
    return f"/attendance/2026/{partnership.slug}{suffix}"


def sectors_of(report):
    return {row.key: row for row in report.sectors}


def test_each_sector_counts_the_meetings_one_of_its_members_attended(lct):
    (report,) = reports([lct], 2026)

    sectors = sectors_of(report)
    assert len(report.meetings) == 4
    assert sectors["education"].meetings_attended == 4
    assert sectors["police"].meetings_attended == 1  # by a substitute
    assert sectors["police"].tally.represented == 1 and sectors["police"].tally.apologies == 3
    assert sectors["health"].meetings_attended == 2
    assert sectors["taxi"].meetings_attended == 0
    assert sectors["voluntary"].members == 0
    assert [row.guests for row in report.meetings] == [1, 1, 1, 1]


def test_quorum_is_a_third_of_the_members_and_at_least_three():
    assert quorum(4) == 3
    assert quorum(12) == 4
    assert quorum(2) == 2
    assert quorum(0) == 0


def test_meetings_without_a_quorum_and_sectors_missing_three_times_running_are_flagged(lct):
    (report,) = reports([lct], 2026)

    # From October two or fewer of the four came: below the quorum of three.
    assert [row.record.date for row in report.inquorate] == DATES[1:]
    missing = {row.key: row.missing_run for row in report.missing_sectors}
    assert missing["police"] == DATES[1:]
    assert missing["taxi"] == DATES
    assert "education" not in missing and "health" not in missing


def test_the_coordinator_sees_the_flags_in_the_admin(client, lct):
    client.force_login(UserFactory(is_superuser=True))

    response = client.get(reverse("meetings_attendance_flags") + "?year=2026")

    body = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Without a quorum" in body
    assert "8 December 2026: 1 present or represented; the quorum is 3 of 4 members" in body
    assert "Police: missed 3 meetings, 13 October 2026 to 8 December 2026" in body


@pytest.mark.parametrize("year", ["0", "10000", "-5", "soon"])
def test_a_year_the_calendar_cannot_hold_shows_this_years_flags(client, lct, year):
    client.force_login(UserFactory(is_superuser=True))

    response = client.get(reverse("meetings_attendance_flags") + f"?year={year}")

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_the_public_report_shows_counts_and_no_names(client, lct):
    response = client.get(report_url(lct))

    page = BeautifulSoup(response.content, "html.parser")
    body = page.get_text(" ", strip=True)
    assert "Ann Head" not in body and "Sergeant Plum" not in body and "PC Green" not in body
    assert "Each member's attendance is for partners" in body
    table = page.find("caption", string="Attendance by sector").find_parent("table")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert rows["Police"][:2] == ["1", "1"]
    assert rows["Health"][:2] == ["1", "2"]
    assert rows["Taxi licensing"][:2] == ["1", "0"]


def test_the_chart_is_an_image_with_the_tables_figures(client, lct):
    page = BeautifulSoup(client.get(report_url(lct)).content, "html.parser")

    svg = page.find("svg")
    assert svg["role"] == "img"
    assert "Meetings attended by each sector" in svg.title.get_text()
    description = svg.desc.get_text()
    assert "Education: 4 of 4 meetings." in description
    assert "Health: 2 of 4 meetings." in description
    assert "Taxi licensing: 0 of 4 meetings." in description


def test_partners_see_each_members_attendance(client, lct):
    client.force_login(UserFactory())

    body = BeautifulSoup(client.get(report_url(lct)).content, "html.parser").get_text(" ")

    assert "Ann Head" in body and "=Sergeant Plum" in body


def test_the_csv_has_the_sector_counts_for_everyone_and_names_for_partners(client, lct):
    anonymous = list(csv.reader(io.StringIO(client.get(report_url(lct, ".csv")).content.decode())))
    assert anonymous[0][:6] == [
        "Row",
        "Sector",
        "Member",
        "Organisation",
        "Meetings held",
        "Meetings attended",
    ]
    assert ["sector", "Health", "", "", "4", "2", "2", "0", "0", "2"] in anonymous
    assert all(row[0] != "member" for row in anonymous)

    client.force_login(UserFactory())
    partner = list(csv.reader(io.StringIO(client.get(report_url(lct, ".csv")).content.decode())))
    names = [row[2] for row in partner if row[0] == "member"]
    assert "Ann Head" in names
    assert "'=Sergeant Plum" in names  # never a formula in a spreadsheet


def test_the_overview_shows_each_sectors_attendance_per_lct(client, lct, other_partnership):
    page = BeautifulSoup(client.get("/attendance/2026/").content, "html.parser")

    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in page.find("table").tbody.find_all("tr")
    }
    # Meetings, then education, police, health, council, voluntary, taxi.
    assert rows[lct.title] == ["4", "4", "1", "2", "0", "0", "0"]
    assert rows[other_partnership.title] == ["0", "0", "0", "0", "0", "0", "0"]


def test_an_unknown_partnership_or_year_has_no_report(client, lct):
    assert client.get("/attendance/2026/nowhere/").status_code == 404
    assert client.get(f"/attendance/0999/{lct.slug}/").status_code == 404


@pytest.mark.parametrize("extra_members", [0, 5])
def test_the_report_takes_the_same_queries_at_any_size(
    client, lct, extra_members, django_assert_num_queries
):
    for number in range(extra_members):
        member(lct, f"Extra {number}", OrganisationKind.COUNCIL_SERVICE)
    client.force_login(UserFactory())
    client.get(report_url(lct))

    with django_assert_num_queries(QUERIES):
        assert client.get(report_url(lct)).status_code == 200


#: Queries for one report page, whatever the number of members and meetings.
QUERIES = 13
