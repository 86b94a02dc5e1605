"""Booking named staff on a session, the waiting list, cancelling, and the emails they send.

Places go in the order asked: while the session has places a booking is BOOKED, after that it
joins the waiting list (WAITING), first come first. Cancelling a booked place gives it to the
first on the waiting list, whose booker is emailed. The session row is locked while places are
counted, so two partners booking the last place at once cannot both have it.

Emails go through the meetings' outbox (`meetings.invitations.send_message`), with the
session's iCalendar as METHOD:REQUEST: mail clients show it as an invitation to add, and its
UID and SEQUENCE are those of the feeds' event, so a later change updates the same entry.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Organisation, Person
from meetings.feeds import page_url
from meetings.ical import meeting_vevents, scheduling_message
from meetings.invitations import organizer_address, send_message
from meetings.outbox import MessageKind, OutboxMessage

from .bookings import Booking
from .enums import BookingStatus


class BookingRefused(Exception):
    """Why a booking cannot be made, in words for the person booking."""


@dataclass(frozen=True)
class Wanted:
    """A person to book: a typed name, or one of the organisation's people."""

    name: str
    person: Person | None = None


def _sessions():
    """Training sessions (the page model imports this module for its booking routes)."""
    return Booking._meta.get_field("session").related_model.objects


def organisation_of(user) -> Organisation | None:
    """The organisation a signed-in partner books for: their directory person's."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return None
    person = Person.objects.filter(user=user).select_related("organisation").first()
    return person.organisation if person is not None else None


def book(session, organisation, wanted: list[Wanted], *, by) -> list[Booking]:
    """Book these people of `organisation` (a place each, or the waiting list), in order.

    Refused whole, with the reason, if the session is over or cancelled, or anyone named is
    already booked or waiting on it for this organisation (or named twice).
    """
    now = timezone.now()
    with transaction.atomic():
        locked = _sessions().select_for_update().get(pk=session.pk)
        if locked.cancelled:
            raise BookingRefused(_("This session is cancelled."))
        if locked.start <= now:
            raise BookingRefused(_("This session has started; it can no longer be booked."))
        names = [item.name.strip() for item in wanted]
        seen = {
            name.lower()
            for name in locked.bookings.active()
            .filter(organisation=organisation)
            .values_list("person_name", flat=True)
        }
        for name in names:
            if name.lower() in seen:
                raise BookingRefused(
                    _("%(name)s is already booked on this session.") % {"name": name}
                )
            seen.add(name.lower())
        taken = locked.bookings.booked().count()
        made = []
        for item, name in zip(wanted, names, strict=True):
            status = BookingStatus.BOOKED if taken < locked.capacity else BookingStatus.WAITING
            taken += status == BookingStatus.BOOKED
            made.append(
                Booking.objects.create(
                    session=locked,
                    organisation=organisation,
                    person_name=name,
                    person=item.person,
                    booked_by=by,
                    status=status,
                    created_at=now,
                )
            )
        _email_on_commit(locked, made, by=by, kind="confirmation")
    return made


def cancel(booking: Booking) -> Booking | None:
    """Cancel a booking; a booked place goes to the first on the waiting list (returned, and
    their booker emailed)."""
    with transaction.atomic():
        session = _sessions().select_for_update().get(pk=booking.session_id)
        booking.refresh_from_db()
        if booking.status == BookingStatus.CANCELLED:
            return None
        was_booked = booking.status == BookingStatus.BOOKED
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
        if not was_booked or session.bookings.booked().count() >= session.capacity:
            return None
        promoted = session.bookings.waiting().first()
        if promoted is None:
            return None
        promoted.status = BookingStatus.BOOKED
        promoted.save(update_fields=["status"])
        _email_on_commit(session, [promoted], by=promoted.booked_by, kind="promotion")
        return promoted


def _email_on_commit(session, bookings, *, by, kind):
    address = getattr(by, "email", "") if by is not None else ""
    if not address:
        return
    message = confirmation(session, bookings, address=address, kind=kind)
    transaction.on_commit(lambda: send_message.enqueue(message.pk), robust=True)


def confirmation(session, bookings, *, address, kind) -> OutboxMessage:
    """The outbox message telling the booker where their people stand; the session's .ics
    (with the joining link, for people booked) attached when anyone has a place."""
    now = timezone.now()
    url = page_url(session)
    booked = [b.person_name for b in bookings if b.status == BookingStatus.BOOKED]
    waiting = [b.person_name for b in bookings if b.status == BookingStatus.WAITING]
    when = f"{timezone.localtime(session.start):%A %-d %B %Y, %H:%M}"
    lines = [f"{session.title} ({session.course.title}), {when}."]
    if session.venue_id:
        lines.append(f"Where: {session.venue.one_line}")
    if booked and session.joining_link:
        lines.append(f"Join online: {session.joining_link}")
    if kind == "promotion":
        lines.insert(0, "A place has come free, and it is now booked for:")
        subject = f"A place for you: {session.title}"
    else:
        subject = f"Booking confirmed: {session.title}"
    if booked:
        lines.append("Booked: " + ", ".join(booked))
    if waiting:
        lines.append(
            "On the waiting list (we will email you if a place comes free): " + ", ".join(waiting)
        )
        if not booked:
            subject = f"On the waiting list: {session.title}"
    lines.append(f"Details and cancelling: {url}")
    events = meeting_vevents(
        session.calendar_data(url, joining_link=bool(booked)), dtstamp=now, now=now
    )
    ics = scheduling_message(
        events, method="REQUEST", organizer=organizer_address(), attendee=address, dtstamp=now
    )
    return OutboxMessage.objects.create(
        recipient=address,
        meeting_title=session.title[:255],
        area_id=session.area_id,
        kind=MessageKind.INVITATION,
        subject=subject[:255],
        body="\n\n".join(lines),
        ics=ics.to_ical().decode() if booked else "",
        created_at=now,
        next_attempt_at=now,
    )
