"""Regression tests for what the attack on training (#15) and the gzip caches found.

Each test states the expected behaviour; at the time of writing they FAIL on main."""

import datetime as dt
import gzip

import pytest
import time_machine
from django.test import Client

from core import page_cache
from tests.directory.factories import SchoolFactory
from tests.factories import StandardPageFactory
from tests.training.factories import CourseFactory, TrainingRecordFactory
from training.importing import import_certificates
from training.models import TrainingRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_imported_names_lose_control_characters_as_every_saved_name_does(redditch):
    CourseFactory(title="DSL refresher")
    SchoolFactory(name="Abbeyfield Academy", urn=123456, area=redditch)
    data = (
        b"URN,Course,Date,Name\r\n"
        b'123456,DSL refresher,2026-01-06,"Ann\r\nSmith"\r\n'
        b"123456,DSL refresher,2026-01-07,Tab\there\r\n"
    )
    report = import_certificates(data, reference="list.csv")
    assert report.written
    names = set(TrainingRecord.objects.values_list("person_name", flat=True))
    assert names == {"Ann Smith", "Tab here"}


def test_a_unicode_digit_is_a_row_error_with_line_and_column(redditch):
    CourseFactory(title="DSL refresher")
    SchoolFactory(name="Abbeyfield Academy", urn=123456, area=redditch)
    data = "URN,Course,Date,Number trained\n123456,DSL refresher,2026-01-06,²\n".encode()
    report = import_certificates(data, reference="list.csv", dry_run=True)
    assert [str(e) for e in report.errors] and "line 2" in str(report.errors[0])


def test_gzip_refused_with_q_0_is_not_sent(home_page):
    page = StandardPageFactory(parent=home_page, slug="guidance")
    client = Client()
    client.get(page.url)
    refused = client.get(page.url, headers={"accept-encoding": "gzip;q=0, identity"})
    assert refused[page_cache.HEADER] == "hit"
    assert not refused.has_header("Content-Encoding")
    assert refused.content.startswith(b"<!DOCTYPE") or not refused.content.startswith(
        gzip.compress(b"")[:2]
    )


def test_a_long_refresh_period_does_not_take_the_coverage_pages_down(
    client, coverage_page, redditch
):
    """The course form accepts 99999 months on SQLite; coverage then overflows the calendar
    (year 10359) and the coverage page, its CSV, every LCT page and the gaps view answer 500."""
    course = CourseFactory(title="DSL refresher", refresh_months=99_999)
    TrainingRecordFactory(
        organisation=SchoolFactory(area=redditch), course=course, date=dt.date(2026, 6, 1)
    )
    assert client.get(coverage_page.url).status_code == 200
    assert client.get(coverage_page.url + "csv/").status_code == 200


def test_the_record_chooser_lists_only_records_the_editor_may_view(client, county):
    """Records of another district are for its coordinators only; the snippet chooser lists
    every district's (course and date, with the id)."""
    far = TrainingRecordFactory(
        organisation=SchoolFactory(area=county.redditch.area),
        course=CourseFactory(title="Only in Redditch"),
    )
    client.force_login(county.users["wyre forest coordinator"])
    body = client.get("/admin/snippets/choose/training/trainingrecord/").content.decode()
    assert f"/chosen/{far.pk}/" not in body and "Only in Redditch" not in body
