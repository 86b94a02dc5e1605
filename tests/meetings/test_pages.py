import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import Client, RequestFactory
from wagtail.documents import get_document_model

from core.enums import Visibility
from meetings.enums import ExceptionAction, Frequency
from meetings.models import FeedToken, MeetingException
from meetings.recurrence import LONDON
from tests.factories import UserFactory

from .factories import MeetingPageFactory, MeetingsIndexPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def series(partnership):
    meeting = MeetingPageFactory.build(
        title="Bromsgrove partnership meeting",
        start=london(2027, 2, 9, 16),
        end=london(2027, 2, 9, 17, 30),
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=6,
        joining_link="https://meet.example.org/secret-room",
        agenda=[("item", {"title": "What partners are seeing", "lead": "Chair", "papers": []})],
    )
    meeting.exceptions = [
        MeetingException(
            original_date=dt.date(2027, 3, 9), action=ExceptionAction.CANCEL, reason="Snow day"
        ),
        MeetingException(
            original_date=dt.date(2027, 4, 13),
            action=ExceptionAction.MOVE,
            reason="Polling station",
            new_start=london(2027, 4, 14, 10),
            new_end=london(2027, 4, 14, 11),
        ),
    ]
    meeting.venue.save()
    meeting.venue_id = meeting.venue.pk
    partnership.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


def test_the_meeting_page_shows_its_agenda_and_why_meetings_moved_or_were_cancelled(client, series):
    page = soup(client.get(series.url))
    text = page.get_text(" ", strip=True)
    assert "What partners are seeing" in text
    assert "Snow day" in text and "Polling station" in text
    assert "Wednesday 14 April 2027, 10:00" in text
    assert page.select_one('link[rel="alternate"][type="text/calendar"]')
    ics = page.select_one(f'a[href="/calendar/meeting/{series.pk}.ics"]')
    assert "Add to calendar" in ics.get_text()


def test_an_online_meeting_says_so_to_the_public_without_the_link(client, partnership):
    meeting = MeetingPageFactory(
        parent=partnership, venue=None, joining_link="https://meet.example.org/secret-room"
    )
    text = client.get(meeting.url).content.decode()
    assert "Online meeting (partners receive the joining link)" in text
    assert "secret-room" not in text
    data = meeting.calendar_data("https://example.org/m/", partners=False)
    assert (data.online, data.joining_link, data.location) == (True, "", "")


def test_a_meeting_in_person_and_online_says_both(client, series):
    assert "In person and online" in client.get(series.url).content.decode()


def test_the_joining_link_is_for_partners_only(client, series):
    assert "secret-room" not in client.get(series.url).content.decode()
    client.force_login(UserFactory())
    assert "secret-room" in client.get(series.url).content.decode()


def test_partners_only_minutes_are_hidden_from_the_public(client, partnership):

    minutes = get_document_model().objects.create(
        title="Minutes of December", file=ContentFile(b"%PDF-1.4", name="minutes.pdf")
    )
    meeting = MeetingPageFactory(
        parent=partnership,
        start=london(2026, 12, 8, 16),
        minutes=minutes,
        minutes_visibility=Visibility.PARTNERS,
    )
    assert "Minutes of December" not in client.get(meeting.url).content.decode()
    client.force_login(UserFactory())
    assert "Minutes of December" in client.get(meeting.url).content.decode()


def test_the_index_filters_by_partnership_and_area(client, home_page, series, other_partnership):
    MeetingPageFactory(
        parent=other_partnership, title="Redditch meeting", start=london(2027, 2, 10, 10)
    )
    index = MeetingsIndexPageFactory(parent=home_page)
    everything = client.get(index.url).content.decode()
    assert "Redditch meeting" in everything and "Bromsgrove partnership meeting" in everything
    ours = client.get(index.url, {"partnership": "bromsgrove"}).content.decode()
    assert "Redditch meeting" not in ours and "Bromsgrove partnership meeting" in ours
    area = client.get(index.url, {"area": other_partnership.area.slug}).content.decode()
    assert "Redditch meeting" in area and "Bromsgrove partnership meeting" not in area


def test_the_month_view_is_an_accessible_table_with_previous_and_next_links(
    client, home_page, series
):
    index = MeetingsIndexPageFactory(parent=home_page)
    page = soup(client.get(index.url, {"month": "2027-04", "partnership": "bromsgrove"}))
    table = page.select_one("table.lct-month")
    assert table.caption.get_text(strip=True) == "Meetings in April 2027"
    assert len(table.select('thead th[scope="col"]')) == 7
    assert "(moved)" in table.get_text()
    assert page.select_one('a[rel="prev"]')["href"].startswith(
        "?partnership=bromsgrove&month=2027-03"
    )
    assert "month=2027-05" in page.select_one('a[rel="next"]')["href"]


def render(template, user, **context):
    request = RequestFactory().get("/account/")
    request.user = user
    return Template("{% load meetings_tags %}" + template).render(
        Context({"request": request, "csrf_token": "token123", **context})
    )


def test_the_private_feed_panel_shows_the_address_and_a_regenerate_form(partnership):
    user = UserFactory()
    html = render("{% private_feed_panel %}", user)
    token = FeedToken.for_user(user).token
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("input[readonly]")["value"].endswith(f"/calendar/private/{token}.ics")
    form = page.select_one("form")
    assert form["method"] == "post" and form["action"] == "/calendar/private/regenerate/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    assert f"webcal://testserver/calendar/private/{token}.ics" in html


def test_the_private_feed_panel_is_empty_for_anonymous_visitors():
    assert render("{% private_feed_panel %}", AnonymousUser()).strip() == ""


def test_the_partnership_include_lists_meetings_and_ways_to_subscribe(series, partnership):
    html = render(
        "{% partnership_meetings partnership %}", AnonymousUser(), partnership=partnership
    )
    assert "Bromsgrove partnership meeting" in html
    assert "webcal://testserver/calendar/partnership/bromsgrove.ics" in html
    assert "calendar.google.com/calendar/render?cid=webcal" in html
    assert "outlook.live.com/calendar/0/addfromweb?url=" in html
    link = render(
        "{% partnership_calendar_link partnership %}", AnonymousUser(), partnership=partnership
    )
    assert 'type="text/calendar"' in link


def test_the_home_page_shows_the_next_meetings(client, home_page, series):
    text = soup(client.get(home_page.url)).get_text(" ", strip=True)
    assert "Next meetings" in text and "Bromsgrove partnership meeting" in text


def test_a_feed_names_the_minutes_in_public_only_where_the_visibility_rule_says(
    partnership, monkeypatch
):
    from meetings import models

    minutes = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"%PDF-1.4", name="minutes.pdf")
    )
    meeting = MeetingPageFactory(
        parent=partnership, minutes=minutes, minutes_visibility=Visibility.PUBLIC
    )
    public = meeting.calendar_data("https://example.org/m/", partners=False)
    assert "Minutes are on the meeting page." in public.description

    # A rule under which nobody signed out may read any minutes: the feed must follow it.
    monkeypatch.setattr(models, "may_see", lambda user, visibility, **kwargs: False)
    data = meeting.calendar_data("https://example.org/m/", partners=False)
    assert "Minutes" not in data.description
    assert data.partners_description == ""
    partners = meeting.calendar_data("https://example.org/m/", partners=True)
    assert "signed-in partners" in partners.partners_description


def test_the_next_meetings_skip_series_that_are_over_but_keep_a_date_moved_past_their_end(
    home_page, partnership
):
    from meetings.models import MeetingPage

    over = MeetingPageFactory(
        parent=partnership, title="Over", start=london(2026, 1, 6, 10), end=london(2026, 1, 6, 11)
    )
    moved_later = MeetingPageFactory(
        parent=partnership,
        title="Moved past its end",
        start=london(2026, 1, 13, 10),
        end=london(2026, 1, 13, 11),
    )
    MeetingException.objects.create(
        page=moved_later,
        original_date=dt.date(2026, 1, 13),
        action=ExceptionAction.MOVE,
        new_start=london(2027, 5, 4, 10),
        new_end=london(2027, 5, 4, 11),
    )
    coming = MeetingPageFactory(parent=partnership, title="Coming", start=london(2027, 3, 2, 10))

    not_over = set(MeetingPage.objects.not_over(dt.datetime.now(dt.UTC)))

    assert not_over == {moved_later, coming}
    assert over not in not_over
    text = soup(Client().get(home_page.url + "?rendered=1")).get_text(" ", strip=True)
    assert "Moved past its end" in text and "Coming" in text and "Over" not in text
