"""Members who chose email get each new meeting, change and cancellation as a calendar
invitation whose event is the feed's own (same UID and SEQUENCE), sent through a real SMTP
server (aiosmtpd) and read back with icalendar and with ical.js."""

import datetime as dt
import email
import email.policy
import io
import json
import logging
import socket
import subprocess
from pathlib import Path

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from meetings.enums import ExceptionAction, Frequency, MeetingStatus
from meetings.invitations import person_for_choice_token, send_due, without_emails
from meetings.models import InvitationPreference, MeetingPage, OutboxMessage
from meetings.outbox import KEEP_OUTBOX, MAX_ATTEMPTS, MessageKind, MessageStatus
from meetings.recurrence import LONDON
from tests.directory.factories import MembershipFactory, PersonFactory
from tests.factories import UserFactory
from tests.meetings.test_clients import node_or_skip

from .factories import NOW, MeetingExceptionFactory, MeetingPageFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

SCRIPT = Path(__file__).with_name("ical_itip.mjs")
MARCH_9 = dt.datetime(2027, 3, 9, 16, tzinfo=LONDON)
MOVED_TO = dt.datetime(2027, 3, 10, 10, tzinfo=LONDON)


class Inbox:
    """An aiosmtpd handler keeping what it receives; it refuses every recipient on request."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.7.1 Recipient refused"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on a free loopback port, for the whole session."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    server_log = logging.getLogger("mail.log")
    level = server_log.level
    server_log.setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
    server_log.setLevel(level)


@pytest.fixture
def inbox(smtp_server, settings):
    """Django's SMTP backend pointed at the test server, with an empty inbox."""
    inbox, port = smtp_server
    inbox.messages.clear()
    inbox.refuse = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.ADMINS = []
    yield inbox
    inbox.refuse = False


@pytest.fixture
def members(partnership, other_partnership):
    """Who sits on the partnership, and how each wants to hear about meetings."""
    alice = PersonFactory(name="Alice", email="alice@example.org")  # no choice made: email
    dave = PersonFactory(name="Dave", email="dave@example.org")
    InvitationPreference.objects.create(person=dave, by_email=True)
    bob = PersonFactory(name="Bob", email="bob@example.org")
    InvitationPreference.objects.create(person=bob, by_email=False)
    carol = PersonFactory(name="Carol", email="")  # no address
    erin = PersonFactory(name="Erin", email="erin@example.org")
    for person in (alice, dave, bob, carol):
        MembershipFactory(page=partnership, person=person)
    MembershipFactory(page=other_partnership, person=erin)
    MembershipFactory(
        page=partnership,
        person=PersonFactory(name="Left", email="left@example.org"),
        end_date=dt.date(2026, 12, 31),
    )
    return {"alice": alice, "dave": dave, "bob": bob, "carol": carol, "erin": erin}


OPTED_IN = {"alice@example.org", "dave@example.org"}


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run `action`, then what it queued on commit (as the on-commit task backend does)."""

    def run(action, *args):
        with django_capture_on_commit_callbacks(execute=True):
            result = action(*args)
        return result

    return run


def series(partnership):
    return MeetingPageFactory(
        parent=partnership,
        title="Bromsgrove LCT",
        frequency=Frequency.MONTHLY_WEEKDAY,
        ends_after=6,
    )


def fresh(meeting):
    return MeetingPage.objects.get(pk=meeting.pk)


def attachment(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part.get_content()


def parsed(message):
    return Calendar.from_ical(attachment(message))


def read_with_icaljs(text):
    result = subprocess.run(  # noqa: S603 - fixed script, our own message on stdin
        [node_or_skip(), str(SCRIPT)],
        input=text.encode(),
        capture_output=True,
        check=True,
        timeout=60,
        cwd=SCRIPT.parent,
    )
    return json.loads(result.stdout)


def recipients(inbox):
    return sorted(to for tos, _message in inbox.messages for to in tos)


def test_publishing_a_meeting_invites_each_opted_in_member_once_and_nobody_else(
    inbox, members, partnership, send
):
    meeting = series(partnership)
    send(publish, meeting)

    assert recipients(inbox) == sorted(OPTED_IN)
    for tos, message in inbox.messages:
        assert message["To"] == tos[0]  # one address per message: nobody sees another's
        assert message["Subject"] == "Invitation: Bromsgrove LCT"
        part = next(message.iter_attachments())
        assert part.get_params()[1:] == [("charset", "utf-8"), ("method", "REQUEST")]
        cal = parsed(message)
        assert cal["METHOD"] == "REQUEST"
        (event,) = cal.walk("VEVENT")
        assert str(event["UID"]) == meeting.uid
        assert "FREQ=MONTHLY" in event["RRULE"].to_ical().decode()
        assert str(event["ATTENDEE"]) == f"mailto:{tos[0]}"
        assert str(event["ORGANIZER"]).startswith("mailto:")
    rows = OutboxMessage.objects.order_by("recipient")
    assert [(r.recipient, r.kind, r.status, r.attempts) for r in rows] == [
        (address, MessageKind.INVITATION, MessageStatus.SENT, 1) for address in sorted(OPTED_IN)
    ]
    assert {r.area_id for r in rows} == {partnership.area_id}
    # Each says how to stop: the member's own link, in the text and as List-Unsubscribe.
    for tos, message in inbox.messages:
        row = rows.get(recipient=tos[0])
        assert row.choice_url.startswith(meeting.get_site().root_url + "/account/meeting-emails/")
        assert row.choice_url in message.get_body().get_content()
        # (folded onto its own line, being long: unfolded, the same)
        assert message["List-Unsubscribe"].strip() == f"<{row.choice_url}one-click/>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert person_for_choice_token(row.choice_url.split("/")[-2]) == row.person


def test_a_title_with_a_line_break_makes_a_one_line_subject(inbox, members, partnership, send):
    meeting = series(partnership)
    meeting.title = "Bromsgrove\r\nBcc: everyone@example.org"
    send(publish, meeting)

    assert recipients(inbox) == sorted(OPTED_IN)
    assert inbox.messages[0][1]["Subject"] == "Invitation: Bromsgrove Bcc: everyone@example.org"


def test_moving_one_occurrence_sends_each_opted_in_member_the_feeds_override_at_the_new_time(
    client, inbox, members, partnership, send
):
    meeting = series(partnership)
    send(publish, meeting)
    invited = {str(e["UID"]): e["SEQUENCE"] for e in parsed(inbox.messages[0][1]).walk("VEVENT")}
    inbox.messages.clear()

    MeetingExceptionFactory(
        page=meeting,
        original_date=MARCH_9.date(),
        action=ExceptionAction.MOVE,
        new_start=MOVED_TO,
        new_end=MOVED_TO + dt.timedelta(hours=2),
    )
    send(publish, fresh(meeting))

    assert recipients(inbox) == sorted(OPTED_IN)
    feed = Calendar.from_ical(
        client.get(reverse("meetings:partnership_feed", args=["bromsgrove"])).content
    )
    (in_feed,) = [e for e in feed.walk("VEVENT") if "RECURRENCE-ID" in e]
    for _tos, message in inbox.messages:
        assert message["Subject"] == "Moved: Bromsgrove LCT of 9 March 2027"
        cal = parsed(message)
        assert cal["METHOD"] == "REQUEST"
        (event,) = cal.walk("VEVENT")
        assert str(event["UID"]) == meeting.uid
        assert event.decoded("RECURRENCE-ID") == MARCH_9
        assert event.decoded("DTSTART") == MOVED_TO
        assert event["SEQUENCE"] > invited[meeting.uid]
        for name in ("UID", "SEQUENCE", "RECURRENCE-ID", "DTSTART", "DTEND", "LOCATION"):
            assert event[name].to_ical() == in_feed[name].to_ical(), name

        seen = read_with_icaljs(attachment(message))
        assert seen["method"] == "REQUEST"
        (read,) = seen["events"]
        assert read["uid"] == meeting.uid
        assert read["start"] == "2027-03-10T10:00:00.000Z"
        assert read["recurrence_id"] == "2027-03-09T16:00:00.000Z"
        assert read["sequence"] == in_feed["SEQUENCE"] > invited[meeting.uid]

    # Moved again: the same occurrence, a higher SEQUENCE again.
    inbox.messages.clear()
    change = meeting.exceptions.get()
    change.new_start = MOVED_TO + dt.timedelta(hours=1)
    change.new_end = MOVED_TO + dt.timedelta(hours=3)
    change.save()
    send(publish, fresh(meeting))
    assert recipients(inbox) == sorted(OPTED_IN)
    (again,) = parsed(inbox.messages[0][1]).walk("VEVENT")
    assert again["SEQUENCE"] == in_feed["SEQUENCE"] + 1
    assert again.decoded("DTSTART") == MOVED_TO + dt.timedelta(hours=1)


def test_cancelling_one_occurrence_sends_a_cancel_for_that_occurrence(
    inbox, members, partnership, send
):
    meeting = series(partnership)
    send(publish, meeting)
    inbox.messages.clear()

    MeetingExceptionFactory(
        page=meeting, original_date=MARCH_9.date(), action=ExceptionAction.CANCEL, reason="Snow"
    )
    send(publish, fresh(meeting))

    assert recipients(inbox) == sorted(OPTED_IN)
    for _tos, message in inbox.messages:
        assert message["Subject"] == "Cancelled: Bromsgrove LCT on 9 March 2027"
        cal = parsed(message)
        assert cal["METHOD"] == "CANCEL"
        (event,) = cal.walk("VEVENT")
        assert event.decoded("RECURRENCE-ID") == MARCH_9
        assert event["STATUS"] == "CANCELLED"
    cancellations = OutboxMessage.objects.filter(kind=MessageKind.CANCELLATION)
    assert set(cancellations.values_list("recipient", flat=True)) == OPTED_IN


@pytest.mark.parametrize("change", [ExceptionAction.CANCEL, ExceptionAction.MOVE])
def test_withdrawing_a_cancellation_or_move_sends_the_series_back_with_a_higher_sequence(
    client, inbox, members, partnership, send, change
):
    meeting = series(partnership)
    MeetingExceptionFactory(
        page=meeting,
        original_date=MARCH_9.date(),
        action=change,
        new_start=MOVED_TO if change == ExceptionAction.MOVE else None,
        new_end=MOVED_TO + dt.timedelta(hours=2) if change == ExceptionAction.MOVE else None,
    )
    send(publish, fresh(meeting))
    before = fresh(meeting).sequence
    inbox.messages.clear()

    # As the editor does it: the change removed from the form, a revision published.
    editing = fresh(meeting)
    editing.exceptions.remove(editing.exceptions.get())
    send(publish, editing)

    assert fresh(meeting).sequence == before + 1
    assert recipients(inbox) == sorted(OPTED_IN)
    feed = Calendar.from_ical(
        client.get(reverse("meetings:partnership_feed", args=["bromsgrove"])).content
    )
    (in_feed,) = feed.walk("VEVENT")
    for _tos, message in inbox.messages:
        assert message["Subject"] == "Back on: Bromsgrove LCT on Tuesday 9 March 2027"
        assert "When: Tuesday 9 March 2027, 16:00 to 18:00" in message.get_body().get_content()
        cal = parsed(message)
        assert cal["METHOD"] == "REQUEST"
        (event,) = cal.walk("VEVENT")  # the series alone: no override left for 9 March
        assert "RECURRENCE-ID" not in event
        for name in ("UID", "SEQUENCE", "RRULE", "DTSTART"):
            assert event[name].to_ical() == in_feed[name].to_ical(), name
        (read,) = read_with_icaljs(attachment(message))["events"]
        assert read["uid"] == meeting.uid
        assert read["sequence"] == before + 1


def test_cancelling_the_series_sends_a_cancel_for_the_series(inbox, members, partnership, send):
    meeting = series(partnership)
    send(publish, meeting)
    inbox.messages.clear()

    meeting = fresh(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = "The partnership now meets with Redditch"
    send(publish, meeting)

    assert recipients(inbox) == sorted(OPTED_IN)
    cal = parsed(inbox.messages[0][1])
    assert cal["METHOD"] == "CANCEL"
    (event,) = cal.walk("VEVENT")
    assert "RECURRENCE-ID" not in event and event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == fresh(meeting).sequence


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_unpublishing_or_deleting_a_meeting_sends_a_cancel(
    inbox, members, partnership, send, withdraw
):
    meeting = series(partnership)
    send(publish, meeting)
    inbox.messages.clear()

    meeting = fresh(meeting)
    send(meeting.unpublish if withdraw == "unpublish" else meeting.delete)

    assert recipients(inbox) == sorted(OPTED_IN)
    (event,) = parsed(inbox.messages[0][1]).walk("VEVENT")
    assert parsed(inbox.messages[0][1])["METHOD"] == "CANCEL"
    assert str(event["UID"]) == meeting.uid and event["STATUS"] == "CANCELLED"


def test_republishing_without_a_change_of_time_or_place_sends_nothing(
    inbox, members, partnership, send
):
    meeting = series(partnership)
    send(publish, meeting)
    inbox.messages.clear()

    meeting = fresh(meeting)
    meeting.title = "Bromsgrove LCT (new agenda)"
    meeting.summary = "A new agenda"
    send(publish, meeting)
    send(publish, fresh(meeting))

    assert inbox.messages == []
    assert OutboxMessage.objects.count() == len(OPTED_IN)


def test_loading_demo_data_emails_nobody(inbox, members, partnership, send):
    with without_emails():
        send(publish, series(partnership))
    assert inbox.messages == []
    assert not OutboxMessage.objects.exists()


def test_a_meeting_restricted_to_a_group_is_sent_only_to_members_who_may_open_it(
    inbox, members, partnership, send
):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Closed session")
    user = UserFactory()
    user.groups.add(group)
    members["dave"].user = user
    members["dave"].save()
    meeting = series(partnership)
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    send(publish, meeting)

    assert recipients(inbox) == ["dave@example.org"]


def test_a_refused_message_is_retried_then_reported_failed_in_the_outbox(
    admin_client, inbox, members, partnership, send, caplog
):
    inbox.refuse = True
    MembershipFactory(page=partnership, person=members["bob"])  # still feed only
    send(publish, series(partnership))

    messages = OutboxMessage.objects.order_by("recipient")
    assert [(m.status, m.attempts) for m in messages] == [(MessageStatus.QUEUED, 1)] * 2
    assert "SMTPRecipientsRefused" in messages[0].last_error
    assert messages[0].next_attempt_at == NOW + dt.timedelta(minutes=5)

    assert send_due() == 0  # not due yet
    moment = NOW
    with caplog.at_level(logging.ERROR, logger="meetings.invitations"):
        for attempt in range(2, MAX_ATTEMPTS + 1):
            moment = OutboxMessage.objects.get(recipient="alice@example.org").next_attempt_at
            with time_machine.travel(moment, tick=False):
                assert send_due() == 2
            assert {m.attempts for m in OutboxMessage.objects.all()} == {attempt}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.FAILED}
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        assert send_due() == 0  # failed is final
    assert inbox.messages == []
    reports = [r.getMessage() for r in caplog.records if r.name == "meetings.invitations"]
    assert len(reports) == 2  # one per message
    for report in reports:
        assert "failed after 4 attempts" in report
        assert "@example.org" not in report  # the address stays in the outbox

    response = admin_client.get(reverse("meeting_outbox:index"))
    body = response.content.decode()
    assert "alice@example.org" in body and "Failed" in body


def test_the_outbox_keeps_messages_for_its_retention_time_only(inbox, members, partnership, send):
    send(publish, series(partnership))
    assert OutboxMessage.objects.count() == 2
    with time_machine.travel(NOW + KEEP_OUTBOX - dt.timedelta(minutes=1), tick=False):
        call_command("meeting_outbox", stdout=io.StringIO())
    assert OutboxMessage.objects.count() == 2
    with time_machine.travel(NOW + KEEP_OUTBOX + dt.timedelta(minutes=1), tick=False):
        call_command("meeting_outbox", stdout=io.StringIO())
    assert OutboxMessage.objects.count() == 0
