"""Meeting invitations and changes by email: what is sent to whom, and when.

Subscribed feeds can lag by a day (Google Calendar), so members who chose email also get each
change as an iTIP message (RFC 5546) whose VEVENTs are the feed's own (`meetings.ical`): same
UID, same SEQUENCE, so their calendar merges the two. Publishing, unpublishing or deleting a
meeting queues `announce` (or `announce_withdrawn`) once the change is committed; it compares
the meeting's VEVENTs with the SEQUENCEs members were last sent (`InvitationState`) and queues
one `OutboxMessage` per member for each change a calendar client would notice:

- a new meeting (or one back after a withdrawal): METHOD:REQUEST with every VEVENT;
- the series' time, place or status changed (its SEQUENCE rose): REQUEST with every VEVENT, or
  METHOD:CANCEL with the series when the series is cancelled;
- one occurrence moved or cancelled (its override's SEQUENCE rose): REQUEST or CANCEL with that
  RECURRENCE-ID override alone, exactly as the feed carries it;
- unpublished or deleted: CANCEL, as the feeds show the withdrawn meeting.

Anything else (a new agenda, a republish without change) sends nothing, and nothing is sent
about meetings or occurrences already over. Each message goes to one address only, the
member's own; `send_message` retries a failure `MAX_ATTEMPTS` times, then reports it.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mail_admins
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from icalendar import Event
from wagtail.log_actions import log

from core.enums import Visibility
from core.privacy import viewable_by
from core.text import one_line
from core.tree import parent_path
from core.visibility import may_see
from directory.models import Membership, PartnershipPage, Person

from . import recurrence
from .feeds import page_url
from .ical import meeting_vevents, scheduling_message
from .models import MeetingPage, WithdrawnMeeting
from .outbox import (
    MAX_ATTEMPTS,
    InvitationPreference,
    InvitationState,
    MessageKind,
    MessageStatus,
    OutboxMessage,
)

logger = logging.getLogger(__name__)

#: While one worker sends a message, no other takes it (see `_claim`).
LEASE = dt.timedelta(minutes=10)
SERIES = ""


@dataclass(frozen=True)
class Announcement:
    """One message to send each member: its kind, its iTIP method and which VEVENTs."""

    kind: str
    method: str
    #: The VEVENTs to send by key (SERIES, or an override's RECURRENCE-ID); None: every one.
    keys: tuple[str, ...] | None = None
    #: Occurrences (by RECURRENCE-ID) whose cancellation or move was withdrawn: they are back
    #: at the series' usual time and place.
    restored: tuple[str, ...] = ()


def event_key(event: Event) -> str:
    """SERIES for a meeting's main VEVENT, else its RECURRENCE-ID as UTC ISO 8601."""
    if "RECURRENCE-ID" not in event:
        return SERIES
    return event.decoded("RECURRENCE-ID").astimezone(dt.UTC).isoformat()


def sequences(events: list[Event]) -> dict[str, int]:
    return {event_key(event): int(event["SEQUENCE"]) for event in events}


def what_to_send(
    events: list[Event],
    state: InvitationState | None,
    *,
    series_cancelled: bool,
    series_ended: bool,
    now: dt.datetime,
) -> list[Announcement]:
    """What members must be told about a live meeting whose VEVENTs are now `events`, having
    last been sent `state` (None: nothing yet)."""
    current = sequences(events)
    if series_cancelled:
        if state is None or state.cancelled or series_ended:
            return []
        return [Announcement(MessageKind.CANCELLATION, "CANCEL", (SERIES,))]
    restored = tuple(
        key
        for key in (state.overrides if state is not None and not state.cancelled else {})
        if key not in current and dt.datetime.fromisoformat(key) > now
    )
    if state is None or state.cancelled or current[SERIES] > state.sequence or restored:
        if series_ended:
            return []
        if state is None or state.cancelled:
            return [Announcement(MessageKind.INVITATION, "REQUEST")]
        # Every VEVENT: the series as it now stands replaces what members' calendars hold,
        # which drops an override (cancelled or moved) that no longer exists.
        return [Announcement(MessageKind.UPDATE, "REQUEST", restored=restored)]
    announcements = []
    for event in events:
        key = event_key(event)
        if key == SERIES or current[key] <= state.overrides.get(key, -1):
            continue
        if event.decoded("DTEND") < now:
            continue
        if str(event.get("STATUS")) == "CANCELLED":
            announcements.append(Announcement(MessageKind.CANCELLATION, "CANCEL", (key,)))
        else:
            announcements.append(Announcement(MessageKind.UPDATE, "REQUEST", (key,)))
    return announcements


def remember(uid: str, events: list[Event], *, cancelled: bool) -> None:
    """Record the SEQUENCEs members now know for this meeting."""
    current = sequences(events)
    InvitationState.objects.update_or_create(
        uid=uid,
        defaults={
            "sequence": current.pop(SERIES),
            "overrides": current,
            "cancelled": cancelled,
        },
    )


# -- who ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    person: Person
    address: str
    #: Whether the attachment may carry partners' details (the joining link).
    partners: bool


def own_address(person: Person) -> str:
    """The member's own address: the directory's, else their account's; "" if none."""
    if person.email:
        return person.email
    return person.user.email if person.user_id and person.user else ""


#: Signs the member's own link to their meeting-email choice (see `choice_token`).
CHOICE_SALT = "meetings.invitations.choice"


def choice_token(person_id: int) -> str:
    """The token in a member's own link to change their choice without signing in: members
    without an account have no account page, and every email must say how to stop it."""
    return signing.dumps(person_id, salt=CHOICE_SALT)


def person_for_choice_token(token: str) -> Person | None:
    """The member a link was made for; None for a forged, altered or unknown token."""
    try:
        person_id = signing.loads(token, salt=CHOICE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(person_id, int):
        return None
    return Person.objects.filter(pk=person_id).first()


def choice_url(person: Person, base: str) -> str:
    """The member's own link to their choice, on the site `base` (a page's full URL) is on."""
    return urljoin(base, reverse("meeting_emails_choice", args=[choice_token(person.pk)]))


#: A member's choice of meeting emails, in the audit log of their directory entry.
CHOICE_ACTION = "meetings.email_choice"


def record_choice(person: Person, *, by_email: bool, through: str, user=None) -> None:
    """Keep the member's choice and log it against their directory entry (who, when, how:
    "account", "link" or "one-click"), so that a change nobody asked for can be traced."""
    InvitationPreference.objects.update_or_create(person=person, defaults={"by_email": by_email})
    log(
        instance=person,
        action=CHOICE_ACTION,
        user=user if user is not None and user.is_authenticated else None,
        data={"by_email": by_email, "through": through},
    )


def wants_email(person: Person) -> bool:
    """A member without a choice recorded gets email (see README, "Meeting emails")."""
    preference = getattr(person, "invitation_preference", None)
    return preference is None or preference.by_email


def members_to_email(partnership_id, may_open) -> list[Recipient]:
    """The current members of a partnership who want email, have an address, and may open the
    meeting (`may_open(user or None)`), one entry per address."""
    memberships = (
        Membership.objects.current()
        .filter(page_id=partnership_id)
        .select_related("person__user", "person__invitation_preference")
        .order_by("person__name", "pk")
    )
    found: dict[str, Recipient] = {}
    for membership in memberships:
        person = membership.person
        address = own_address(person)
        if not address or address.lower() in found or not wants_email(person):
            continue
        user = person.user if person.user_id else None
        if not may_open(user):
            continue
        found[address.lower()] = Recipient(
            person, address, may_see(user, Visibility.PARTNERS) if user else False
        )
    return list(found.values())


# -- what ---------------------------------------------------------------------------------


def organizer_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@localhost"


def _moment(event: Event, name: str) -> dt.datetime:
    return recurrence.local(event.decoded(name))


def _when(event: Event) -> str:
    start, end = _moment(event, "DTSTART"), _moment(event, "DTEND")
    text = f"{start:%A} {recurrence.long_date(start.date())}, {start:%H:%M} to {end:%H:%M}"
    if "RRULE" in event:
        text += " (the first of a series: every date is on the meeting's page)"
    return text


def subject_and_body(
    announcement: Announcement,
    events: list[Event],
    *,
    title: str,
    partnership: str,
    url: str,
    choice: str = "",
) -> tuple[str, str]:
    """The email's subject and plain text for these VEVENTs."""
    # A line break in a subject would be refused as a header injection (older titles may have one).
    title, partnership = one_line(title), one_line(partnership)
    first = events[0]
    when = _when(first)
    if announcement.kind == MessageKind.INVITATION:
        subject, headline = f"Invitation: {title}", f"You are invited to {title}."
    elif announcement.kind == MessageKind.CANCELLATION and "RECURRENCE-ID" in first:
        day = _moment(first, "RECURRENCE-ID")
        subject = f"Cancelled: {title} on {recurrence.long_date(day.date())}"
        headline = f"{title} on {day:%A} {recurrence.long_date(day.date())} is cancelled."
    elif announcement.kind == MessageKind.CANCELLATION:
        subject, headline = f"Cancelled: {title}", f"{title} is cancelled."
    elif "RECURRENCE-ID" in first:
        day = _moment(first, "RECURRENCE-ID")
        subject = f"Moved: {title} of {recurrence.long_date(day.date())}"
        headline = f"{title} of {day:%A} {recurrence.long_date(day.date())} has moved."
    elif announcement.restored:
        starts = sorted(
            recurrence.local(dt.datetime.fromisoformat(key)) for key in announcement.restored
        )
        named = ", ".join(f"{start:%A} {recurrence.long_date(start.date())}" for start in starts)
        subject = f"Back on: {title} on {named}"
        if len(starts) == 1:
            back = starts[0]
            end = back + (_moment(first, "DTEND") - _moment(first, "DTSTART"))
            when = f"{back:%A} {recurrence.long_date(back.date())}, {back:%H:%M} to {end:%H:%M}"
        headline = (
            f"{title} on {named} is no longer cancelled or moved: it meets at its usual time "
            "and place."
        )
    else:
        subject, headline = f"Changed: {title}", f"The time or place of {title} has changed."
    lines = [headline, "", f"When: {when}"]
    if "LOCATION" in first:
        lines.append(f"Where: {first['LOCATION']}")
    if url:
        lines.append(f"Details: {url}")
    lines += [
        "",
        "The calendar file attached updates the same event as your calendar feed.",
        f"You get this email as a member of {partnership}. To follow meetings through your "
        "calendar feed only, with no more meeting emails, choose so here (no sign-in needed)"
        + (f": {choice}" if choice else " on your account page."),
    ]
    return subject, "\n".join(lines)


def _pick(events: list[Event], keys: tuple[str, ...] | None) -> list[Event]:
    return [event for event in events if keys is None or event_key(event) in keys]


def queue_messages(
    announcements: list[Announcement],
    recipients: list[Recipient],
    build,
    *,
    meeting: MeetingPage | None,
    title: str,
    partnership: PartnershipPage | None,
    url: str,
) -> list[int]:
    """Create one outbox row per member and announcement; `build(partners)` gives the VEVENTs
    as a member with (or without) partners' details may see them."""
    now = timezone.now()
    built = {}
    rows = []
    for announcement in announcements:
        for recipient in recipients:
            if recipient.partners not in built:
                built[recipient.partners] = build(recipient.partners)
            events = _pick(built[recipient.partners], announcement.keys)
            if not events:
                continue
            own_link = choice_url(recipient.person, url) if url else ""
            subject, body = subject_and_body(
                announcement,
                events,
                title=title,
                partnership=partnership.title if partnership else "the partnership",
                url=url,
                choice=own_link,
            )
            ics = scheduling_message(
                events,
                method=announcement.method,
                organizer=organizer_address(),
                attendee=recipient.address,
                dtstamp=now,
            )
            rows.append(
                OutboxMessage(
                    recipient=recipient.address,
                    person=recipient.person,
                    meeting=meeting,
                    meeting_title=title[:255],
                    area_id=partnership.area_id if partnership else None,
                    kind=announcement.kind,
                    subject=subject[:255],
                    body=body,
                    ics=ics.to_ical().decode(),
                    choice_url=own_link,
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    return [row.pk for row in OutboxMessage.objects.bulk_create(rows)]


# -- when ---------------------------------------------------------------------------------


def _partnership_of(path: str) -> PartnershipPage | None:
    return PartnershipPage.objects.filter(path=parent_path(path)).first()


@task()
def announce(page_id: int) -> int:
    """Queue what members must be told about this live meeting; the number of messages."""
    meeting = MeetingPage.objects.live().with_schedule().filter(pk=page_id).first()
    if meeting is None:
        return 0
    now = timezone.now()
    url = page_url(meeting)

    def build(partners):
        data = meeting.calendar_data(url, partners=partners)
        return meeting_vevents(data, dtstamp=now, now=now)

    events = build(False)
    state = InvitationState.objects.filter(uid=meeting.uid).first()
    announcements = what_to_send(
        events,
        state,
        series_cancelled=meeting.is_cancelled,
        series_ended=bool(meeting.series_ends_at and meeting.series_ends_at < now),
        now=now,
    )
    remember(meeting.uid, events, cancelled=meeting.is_cancelled)
    if not announcements:
        return 0
    partnership = _partnership_of(meeting.path)
    if partnership is None:
        return 0
    public = viewable_by(MeetingPage.objects.filter(pk=meeting.pk), None).exists()

    def may_open(user):
        return public or (
            user is not None
            and viewable_by(MeetingPage.objects.filter(pk=meeting.pk), user).exists()
        )

    ids = queue_messages(
        announcements,
        members_to_email(partnership.pk, may_open),
        build,
        meeting=meeting,
        title=meeting.title,
        partnership=partnership,
        url=url,
    )
    for pk in ids:
        send_message.enqueue(pk)
    return len(ids)


@task()
def announce_withdrawn(uid: str) -> int:
    """Queue the cancellation of a meeting unpublished or deleted (as its feeds show it)."""
    gone = WithdrawnMeeting.objects.filter(uid=uid).first()
    state = InvitationState.objects.filter(uid=uid).first()
    if gone is None or state is None or state.cancelled:
        return 0
    now = timezone.now()
    events = meeting_vevents(gone.calendar_data(), dtstamp=now, now=now)
    remember(uid, events, cancelled=True)
    starts = recurrence.expand(gone.start, gone.rrule) or [gone.start]
    if starts[-1] + (gone.end - gone.start) < now or gone.partnership_id is None:
        return 0
    partnership = PartnershipPage.objects.filter(pk=gone.partnership_id).first()

    def may_open(user):
        group_ids = list(user.groups.values_list("pk", flat=True)) if user else []
        return gone.visible_to(user, group_ids)

    ids = queue_messages(
        [Announcement(MessageKind.CANCELLATION, "CANCEL", (SERIES,))],
        members_to_email(gone.partnership_id, may_open),
        lambda partners: events,
        meeting=None,
        title=gone.title,
        partnership=partnership,
        url=gone.url,
    )
    for pk in ids:
        send_message.enqueue(pk)
    return len(ids)


#: Set while loading demo data: its members' addresses are made up, and nobody is to be told.
_quiet: ContextVar[bool] = ContextVar("meeting_emails_quiet", default=False)


@contextmanager
def without_emails() -> Iterator[None]:
    """Publish, unpublish and delete meetings without telling anyone (seed_demo)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def announce_on_commit(meeting: MeetingPage) -> None:
    if not _quiet.get():
        transaction.on_commit(lambda: announce.enqueue(meeting.pk), robust=True)


def announce_withdrawn_on_commit(uid: str) -> None:
    if not _quiet.get():
        transaction.on_commit(lambda: announce_withdrawn.enqueue(uid), robust=True)


# -- sending ------------------------------------------------------------------------------


def as_email(message: OutboxMessage) -> EmailMessage:
    """The email: plain text, and the iCalendar file as text/calendar with its METHOD (so mail
    clients show it as an invitation) attached as invite.ics."""
    headers = {}
    if message.choice_url:
        # RFC 2369 and RFC 8058: mail clients offer "Unsubscribe", done in one POST.
        headers = {
            "List-Unsubscribe": f"<{message.choice_url}one-click/>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    email = EmailMessage(message.subject, message.body, to=[message.recipient], headers=headers)
    if not message.ics:  # e.g. a training booking only on a waiting list: nothing to add yet
        return email
    method = "CANCEL" if "METHOD:CANCEL" in message.ics else "REQUEST"
    part = MIMEText(message.ics, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    email.attach(part)
    return email


def _claim(message_id: int, now: dt.datetime) -> OutboxMessage | None:
    """The queued message, taken for this worker for `LEASE` (None if another has it)."""
    taken = OutboxMessage.objects.filter(
        pk=message_id, status=MessageStatus.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    return OutboxMessage.objects.filter(pk=message_id).first() if taken else None


@task()
def send_message(message_id: int) -> str:
    """Send one outbox message; a failure is tried again later, up to `MAX_ATTEMPTS` times."""
    now = timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return "not due"
    message.attempts += 1
    message.last_attempt_at = now
    try:
        as_email(message).send()
    except Exception as error:  # any SMTP or network failure: try again, then report
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = MessageStatus.FAILED
            message.save()
            _report_failure(message)
            return MessageStatus.FAILED
        message.next_attempt_at = now + message.retry_after()
        message.save()
        _retry_later(message)
        return MessageStatus.QUEUED
    message.status = MessageStatus.SENT
    message.sent_at = now
    message.last_error = ""
    message.save()
    return MessageStatus.SENT


def _retry_later(message: OutboxMessage) -> None:
    """Where the task backend can run a task later (RQ in production), queue the retry;
    elsewhere `manage.py meeting_outbox` sends what is due."""
    if send_message.get_backend().supports_defer:
        send_message.using(run_after=message.next_attempt_at).enqueue(message.pk)


def _report_failure(message: OutboxMessage) -> None:
    # The error's kind only: an SMTP error may quote the member's address, which stays in the
    # outbox (seen only by whoever may see the message).
    kind = message.last_error.partition(":")[0]
    logger.error(
        "Meeting email %s (%s) failed after %s attempts: %s",
        message.pk,
        message.subject,
        message.attempts,
        kind,
    )
    mail_admins(
        "A meeting email could not be sent",
        f"“{message.subject}” (outbox message {message.pk}) failed after "
        f"{message.attempts} attempts ({kind}). See Meeting emails in the admin.",
        fail_silently=True,
    )


def send_due(now: dt.datetime | None = None) -> int:
    """Try every queued message whose next try is due; the number tried."""
    now = now or timezone.now()
    ids = list(OutboxMessage.objects.due(now).order_by("pk").values_list("pk", flat=True))
    for pk in ids:
        send_message.call(pk)
    return len(ids)


def purge(now: dt.datetime | None = None) -> int:
    """Delete messages older than `KEEP_OUTBOX` (they hold members' addresses)."""
    deleted, _by_model = OutboxMessage.objects.expired(now).delete()
    return deleted
