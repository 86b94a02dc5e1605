"""The meeting email outbox in the admin is read-only and holds members' addresses: each
coordinator sees only their own area's messages, another district's are not found (by
address either), county administrators see all, partners nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import OutboxMessage
from meetings.outbox import MessageKind

pytestmark = pytest.mark.django_db


def message(area, recipient, title):
    return OutboxMessage.objects.create(
        recipient=recipient,
        meeting_title=title,
        area=area,
        kind=MessageKind.INVITATION,
        subject=f"Invitation: {title}",
        body="You are invited.",
        ics="BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
    )


@pytest.fixture
def outbox(county):
    return {
        "redditch": message(county.redditch.area, "rita@example.org", "Redditch LCT"),
        "wyre forest": message(county.wyre_forest.area, "wyn@example.org", "Wyre Forest LCT"),
        "county group": message(None, "head@example.org", "Headteacher group"),
    }


def index(client, user):
    client.force_login(user)
    response = client.get(reverse("meeting_outbox:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_coordinator_lists_only_their_own_areas_meeting_emails(client, county, outbox):
    body = index(client, county.users["redditch coordinator"])
    assert "rita@example.org" in body
    assert "wyn@example.org" not in body
    assert "head@example.org" not in body


def test_a_coordinator_of_another_district_cannot_open_a_meeting_email(client, county, outbox):
    client.force_login(county.users["wyre forest coordinator"])
    own = client.get(reverse("meeting_outbox:inspect", args=[outbox["wyre forest"].pk]))
    assert own.status_code == 200 and "wyn@example.org" in own.content.decode()
    other = client.get(reverse("meeting_outbox:inspect", args=[outbox["redditch"].pk]))
    assert other.status_code == 404


def test_an_administrator_lists_every_meeting_email(client, county, outbox):
    body = index(client, county.users["administrator"])
    for address in ("rita@example.org", "wyn@example.org", "head@example.org"):
        assert address in body


@pytest.mark.parametrize("view", ["add", "edit", "delete"])
def test_nobody_writes_changes_or_deletes_a_meeting_email(client, county, outbox, view):
    client.force_login(county.users["administrator"])
    args = [] if view == "add" else [outbox["redditch"].pk]
    response = client.get(reverse(f"meeting_outbox:{view}", args=args))
    assert response.status_code in {302, 403, 404}
    assert OutboxMessage.objects.count() == 3


def test_a_partner_cannot_see_the_outbox(client, county, outbox):
    client.force_login(county.users["partner"])
    response = client.get(reverse("meeting_outbox:index"))
    assert response.status_code in {302, 403}


def test_the_outbox_listing_asks_the_same_number_of_queries_for_more_messages(
    client, county, outbox
):
    client.force_login(county.users["redditch coordinator"])
    url = reverse("meeting_outbox:index")
    client.get(url)  # the session and permissions, once
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        message(county.redditch.area, f"member{number}@example.org", "Redditch LCT")
    with CaptureQueriesContext(connection) as more:
        body = client.get(url).content.decode()
    assert "member5@example.org" in body
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_outbox_shows_the_text_sent_without_the_members_own_link(client, county, outbox):
    link = "http://localhost/account/meeting-emails/MQ:1xmraa:secret-signature/"
    sent = outbox["redditch"]
    sent.body = f"You are invited.\nTo follow meetings through your feed only: {link}"
    sent.choice_url = link
    sent.save()
    client.force_login(county.users["redditch coordinator"])

    shown = client.get(reverse("meeting_outbox:inspect", args=[sent.pk])).content.decode()

    assert "You are invited." in shown
    assert "secret-signature" not in shown
    assert "[the member&#x27;s own link]" in shown
