"""The coordinator marks who attended a session; attending makes the training record.

Each booked person marked present gets one `TrainingRecord` (source "session", the session as
its reference, the person's name), so coverage counts them through the one path every record
takes (`training.coverage`). Unmarking deletes that record again; marking twice keeps one.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .bookings import Booking
from .enums import BookingStatus, RecordSource
from .records import TrainingRecord


class AttendanceRefused(Exception):
    """Why attendance cannot be marked yet, in words for the coordinator."""


def session_reference(session) -> str:
    """How a record names the session it came from."""
    return f"Session {session.pk}: {session.title}"[:255]


def mark_attendance(session, attended_ids) -> tuple[int, int]:
    """Mark the session's booked people: those in `attended_ids` present, the rest absent.

    Returns (records made, records removed).
    """
    if session.start > timezone.now():
        raise AttendanceRefused(_("Attendance can be marked once the session has started."))
    attended_ids = set(attended_ids)
    made = removed = 0
    day = timezone.localtime(session.start).date()
    with transaction.atomic():
        booked = Booking.objects.filter(session=session, status=BookingStatus.BOOKED)
        for booking in booked.select_for_update().select_related("organisation"):
            present = booking.pk in attended_ids
            if present and booking.record_id is None:
                booking.record = TrainingRecord.objects.create(
                    organisation=booking.organisation,
                    course_id=session.course_id,
                    date=day,
                    number_trained=1,
                    person_name=booking.person_name,
                    source=RecordSource.SESSION,
                    import_reference=session_reference(session),
                )
                made += 1
            elif not present and booking.record_id is not None:
                record = booking.record
                booking.record = None
                booking.attended = False
                booking.save(update_fields=["record", "attended"])
                record.delete()
                removed += 1
                continue
            booking.attended = present
            booking.save(update_fields=["record", "attended"])
    return made, removed
