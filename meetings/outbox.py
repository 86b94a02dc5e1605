"""What members are sent by email about meetings: their choice, what each was last sent, and the
outbox of every message (see meetings.invitations for what is sent when).

Imported by meetings.models, so these are the app's models; they name other models by string.
"""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long the outbox keeps a message (it holds a member's address), then
#: `manage.py meeting_outbox` deletes it.
KEEP_OUTBOX = dt.timedelta(days=90)
#: How often a message is tried before it is reported as failed.
MAX_ATTEMPTS = 4
#: The wait after the first failed try; each later wait is four times the one before.
FIRST_RETRY = dt.timedelta(minutes=5)


class MessageKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    UPDATE = "update", _("Change of time or place")
    CANCELLATION = "cancellation", _("Cancellation")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class InvitationPreference(models.Model):
    """A member's choice: meeting invitations and changes by email, or the calendar feed only.

    Kept for a Person (the member a partnership seats), chosen on their account page. Without
    a row a member gets email (see `by_email`'s default and the README).
    """

    person = models.OneToOneField(
        "directory.Person",
        on_delete=models.CASCADE,
        related_name="invitation_preference",
        verbose_name=_("person"),
    )
    by_email = models.BooleanField(_("invitations by email"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting email preference")

    def __str__(self):
        return f"{self.person}: {'email' if self.by_email else 'feed only'}"


class InvitationState(models.Model):
    """The SEQUENCE of each VEVENT members were last sent for a meeting (by UID), so that an
    email goes only when a calendar client would see a change; a republish sends nothing."""

    uid = models.CharField(max_length=255, unique=True)
    #: The series' (master VEVENT's) SEQUENCE last sent.
    sequence = models.PositiveIntegerField(default=0)
    #: SEQUENCE last sent per override, keyed by its RECURRENCE-ID (UTC, ISO 8601).
    overrides = models.JSONField(default=dict, blank=True)
    #: The whole meeting was last sent as cancelled (or withdrawn).
    cancelled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting invitation state")

    def __str__(self):
        return self.uid


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Messages waiting whose next try is due."""
        now = now or timezone.now()
        return self.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)

    def expired(self, now=None):
        """Messages older than `KEEP_OUTBOX`, sent or failed: to be deleted."""
        now = now or timezone.now()
        return self.filter(created_at__lt=now - KEEP_OUTBOX).exclude(status=MessageStatus.QUEUED)


class OutboxMessage(models.Model):
    """One email to one member about one meeting: what went to whom and when, or why not."""

    recipient = models.EmailField(_("to"))
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting_title = models.CharField(_("meeting title"), max_length=255)
    #: The district of the meeting's partnership: whose coordinators may see the message.
    area = models.ForeignKey(
        "directory.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    #: The iCalendar attachment (METHOD:REQUEST or CANCEL), kept to be sent again as it was.
    ics = models.TextField(_("calendar attachment"))
    #: Where the member changes their choice without signing in (the List-Unsubscribe header).
    choice_url = models.URLField(_("link to change the member's choice"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next try"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last tried"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting email")
        verbose_name_plural = _("meeting emails")

    def __str__(self):
        return f"{self.subject} to {self.recipient}"

    def retry_after(self) -> dt.timedelta:
        """How long to wait after the `attempts`-th failed try (5, 20, 80 minutes...)."""
        return FIRST_RETRY * 4 ** max(self.attempts - 1, 0)


__all__ = [
    "KEEP_OUTBOX",
    "MAX_ATTEMPTS",
    "InvitationPreference",
    "InvitationState",
    "MessageKind",
    "MessageStatus",
    "OutboxMessage",
]
