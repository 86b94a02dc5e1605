"""The coming meetings on the meetings page come a page at a time, filters kept in the links."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from meetings.enums import Frequency
from meetings.models import MeetingsIndexPage
from meetings.recurrence import LONDON

from .factories import MeetingPageFactory, MeetingsIndexPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def weekly(partnership):
    start = dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)
    return MeetingPageFactory(
        parent=partnership,
        title="Weekly drop-in",
        start=start,
        end=start + dt.timedelta(hours=1),
        frequency=Frequency.WEEKLY,
        ends_after=40,
    )


def coming(html):
    return html.select(".lct-meeting-list__item")


def test_the_coming_meetings_come_a_page_at_a_time(client, home_page, weekly):
    index = MeetingsIndexPageFactory(parent=home_page)
    first = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert len(coming(first)) == MeetingsIndexPage.per_page
    pagination = first.select_one('nav[aria-label="Pagination"]')
    assert pagination is not None
    assert pagination.select_one('[aria-current="page"]').get_text(strip=True) == "1"
    assert "40 meetings; page 1 of 3." in first.get_text()

    last = BeautifulSoup(client.get(index.url, {"page": 3}).content, "html.parser")
    assert len(coming(last)) == 40 - 2 * MeetingsIndexPage.per_page


def test_page_links_keep_the_filters(client, home_page, weekly):
    index = MeetingsIndexPageFactory(parent=home_page)
    html = BeautifulSoup(
        client.get(index.url, {"partnership": "bromsgrove"}).content, "html.parser"
    )
    assert html.select_one('a[rel="next"][href*="page=2"]')["href"] == (
        "?partnership=bromsgrove&page=2"
    )
