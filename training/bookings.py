"""Bookings on training sessions: named staff of one organisation, a place or the waiting list.

A booking's name is seen only by its organisation's signed-in people and by the coordinators
of the session's district (and county administrators); never on a public page, feed or export.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import BookingStatus


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Booked or waiting: not cancelled."""
        return self.exclude(status=BookingStatus.CANCELLED)

    def booked(self):
        return self.filter(status=BookingStatus.BOOKED)

    def waiting(self):
        """The waiting list, first come first."""
        return self.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")


class Booking(models.Model):
    """One named person of an organisation booked on a session (or waiting for a place)."""

    session = models.ForeignKey(
        "training.TrainingSessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_bookings",
    )
    person_name = models.CharField(_("name"), max_length=255)
    #: The directory person, when chosen from the organisation's people.
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    #: Set by the coordinator after the session: True attended, False did not, None not marked.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    #: The training record that attending made (training.attendance).
    record = models.OneToOneField(
        "training.TrainingRecord",
        verbose_name=_("training record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booking",
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("training booking")
        verbose_name_plural = _("training bookings")
        constraints = [
            models.UniqueConstraint(
                Lower("person_name"),
                "session",
                "organisation",
                condition=~models.Q(status=BookingStatus.CANCELLED),
                name="training_booking_one_active_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person_name} ({self.organisation}) – {self.session}"
