"""The record of one occurrence of a meeting: its own agenda, papers, minutes and attendance.

A series meets on many dates; each date an editor adds something for gets one
`OccurrenceRecord` (never rows for dates nobody has written about). Its agenda starts as a copy
of the series' default agenda. Papers are shown from their publication date (by default five
clear working days before the meeting); papers and minutes each carry a visibility, asked
through `core.visibility.may_see` on the page and by `ltc_portal.documents.may_download` for
the files.

The record points at its meeting with a plain foreign key, not a ParentalKey: records are not
part of the page's revisions, and Wagtail's reference index files their documents under the
record (with the record's own `document_visibility`), never under the page.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.enums import PUBLISHED_VISIBILITY_CHOICES, Visibility
from core.visibility import may_see

from . import recurrence
from .days_off import publication_day


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not yet agreed)")
    AGREED = "agreed", _("Agreed")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Apologies")
    ABSENT = "absent", _("Absent")
    REPRESENTED = "represented", _("Represented by a substitute")


#: Statuses that count as the member's organisation being at the meeting.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


def series_dates(meeting) -> list[dt.date]:
    """The dates (UK time) on which this meeting's series meets, before any move."""
    if not meeting.start:
        return []
    rule = meeting.rrule or recurrence.build_rrule(
        meeting.frequency, meeting.start, count=meeting.ends_after, until=meeting.ends_on
    )
    return [recurrence.local(start).date() for start in recurrence.expand(meeting.start, rule)]


class OccurrenceRecordQuerySet(models.QuerySet):
    def for_page(self):
        """Records with everything their public page shows, in a fixed number of queries."""
        return self.select_related("minutes_document").prefetch_related(
            "agenda_items",
            models.Prefetch("papers", queryset=Paper.objects.select_related("document")),
        )


class OccurrenceRecord(ClusterableModel):
    """What happened (or will happen) at one meeting of a series, or at a one-off meeting."""

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="records",
    )
    date = models.DateField(
        _("date of the meeting"),
        help_text=_("A date on which the series meets (before any move)."),
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_text = RichTextField(
        _("minutes (text)"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul"]
    )
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=8,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
    )
    minutes_agreed_on = models.DateField(
        _("agreed on"),
        null=True,
        blank=True,
        help_text=_("The date of the meeting that agreed these minutes."),
    )
    minutes_visibility = models.CharField(
        _("who may read the minutes"),
        max_length=16,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PARTNERS,
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OccurrenceRecordQuerySet.as_manager()

    panels = [
        # A plain list of the editor's own meetings (the form narrows it), not the page chooser.
        FieldRowPanel([FieldPanel("meeting", widget=forms.Select), FieldPanel("date")]),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agenda item")),
        InlinePanel("papers", heading=_("Papers"), label=_("paper")),
        MultiFieldPanel(
            [
                FieldPanel("minutes_document"),
                FieldPanel("minutes_text"),
                FieldRowPanel([FieldPanel("minutes_status"), FieldPanel("minutes_agreed_on")]),
                FieldPanel("minutes_visibility"),
            ],
            heading=_("Minutes"),
        ),
        InlinePanel("attendance", heading=_("Attendance of members"), label=_("member")),
        InlinePanel("guests", heading=_("Guests"), label=_("guest")),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "date"], name="one_record_per_occurrence")
        ]

    def __str__(self):
        return f"{self.meeting.title}, {recurrence.long_date(self.date)}"

    def clean(self):
        super().clean()
        errors = {}
        if self.meeting_id and self.date and self.date not in series_dates(self.meeting):
            errors["date"] = _("%(title)s does not meet on %(date)s. Choose one of its dates.") % {
                "title": self.meeting.title,
                "date": recurrence.long_date(self.date),
            }
        if self.minutes_status == MinutesStatus.AGREED:
            if not self.minutes_agreed_on:
                errors["minutes_agreed_on"] = _("Give the date of the meeting that agreed them.")
            elif self.date and self.minutes_agreed_on <= self.date:
                errors["minutes_agreed_on"] = _(
                    "Minutes are agreed at a later meeting than the one they record."
                )
        elif self.minutes_agreed_on:
            errors["minutes_status"] = _("Minutes with an agreed date are agreed: choose Agreed.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and not AgendaItem.objects.filter(record=self).exists():
            self.copy_series_agenda()

    def get_absolute_url(self):
        return self.meeting.url + self.date.isoformat() + "/"

    def copy_series_agenda(self):
        """Start this record's agenda from the series' default agenda."""
        items = [
            AgendaItem(
                record=self,
                sort_order=number,
                title=block.value["title"],
                lead=block.value.get("lead") or "",
            )
            for number, block in enumerate(self.meeting.agenda)
            if block.block_type == "item"
        ]
        AgendaItem.objects.bulk_create(items)

    @property
    def has_minutes(self):
        return bool(self.minutes_document_id or self.minutes_text)

    def minutes_shown_to(self, user):
        return self.has_minutes and may_see(user, self.minutes_visibility)

    def papers_shown_to(self, user, today=None):
        """Papers published by `today` (UK date) at a visibility this viewer may see."""
        today = today or timezone.localdate()
        return [
            paper
            for paper in self.papers.all()
            if paper.publish_on <= today and may_see(user, paper.visibility)
        ]

    def document_visibility(self, model_path, document=None, today=None):
        """At what visibility this record shows `document` through `model_path` (as Wagtail's
        reference index names it); None while it shows it to nobody (an unpublished paper)."""
        if model_path.startswith("papers."):
            today = today or timezone.localdate()
            shown = [
                paper.visibility
                for paper in self.papers.all()
                if (document is None or paper.document_id == document.pk)
                and paper.publish_on <= today
            ]
            if not shown:
                return None
            return Visibility.PUBLIC if Visibility.PUBLIC in shown else Visibility.PARTNERS
        # Minutes, as a document or linked from their text.
        return self.minutes_visibility


class AgendaItem(Orderable):
    record = ParentalKey(OccurrenceRecord, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("item"), max_length=255)
    lead = models.CharField(_("led by"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("lead")])]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title


class Paper(Orderable):
    """A paper for one meeting, shown from its publication date."""

    record = ParentalKey(OccurrenceRecord, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    publish_on = models.DateField(
        _("publish on"),
        null=True,
        blank=True,
        help_text=_("Leave empty for five clear working days before the meeting."),
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=16,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("publish_on"), FieldPanel("visibility")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("paper")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.publish_on is None and self.record.date:
            self.publish_on = publication_day(self.record.date)
        super().save(*args, **kwargs)


class Attendance(Orderable):
    """Whether a member came to one meeting, sent apologies, or sent a named substitute."""

    record = ParentalKey(OccurrenceRecord, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        "directory.Membership",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("attendance"),
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    substitute = models.CharField(
        _("substitute's name"), max_length=255, blank=True, help_text=_("Who came in their place.")
    )

    panels = [
        FieldRowPanel([FieldPanel("membership"), FieldPanel("status"), FieldPanel("substitute")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "membership"], name="one_attendance_per_member"
            )
        ]

    def __str__(self):
        return f"{self.membership.person}: {self.get_status_display()}"

    def clean(self):
        errors = {}
        if self.status == AttendanceStatus.REPRESENTED and not self.substitute.strip():
            errors["substitute"] = _("Name the substitute who came.")
        if self.status != AttendanceStatus.REPRESENTED and self.substitute.strip():
            errors["status"] = _("Choose 'Represented by a substitute' to name a substitute.")
        if errors:
            raise ValidationError(errors)


class Guest(Orderable):
    record = ParentalKey(OccurrenceRecord, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=255)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("guest")

    def __str__(self):
        return self.name


def past_records(meeting, user, today=None):
    """Records of this meeting's past dates that have minutes, newest first, each with
    `.minutes_shown` for this viewer (the others say the minutes are for partners)."""
    today = today or timezone.localdate()
    records = list(
        meeting.records.filter(date__lt=today)
        .filter(Q(minutes_document__isnull=False) | ~Q(minutes_text=""))
        .select_related("minutes_document")[:24]
    )
    for record in records:
        record.minutes_shown = record.minutes_shown_to(user)
    return records


def occurrence_context(meeting, request, day):
    """What the page of one occurrence shows this viewer; 404 for a date the series does not
    meet on (its original date, or the date it moved to)."""
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404("No such date") from None
    occurrence = next(
        (occ for occ in meeting.occurrences if recurrence.local(occ.original_start).date() == date),
        None,
    ) or next(
        (occ for occ in meeting.occurrences if recurrence.local(occ.start).date() == date), None
    )
    if occurrence is None:
        raise Http404("The meeting does not meet on that date")
    original_date = recurrence.local(occurrence.original_start).date()
    record = OccurrenceRecord.objects.for_page().filter(meeting=meeting, date=original_date).first()
    user = request.user
    today = timezone.localdate()
    papers = record.papers_shown_to(user, today) if record else []
    waiting = [paper for paper in record.papers.all() if paper.publish_on > today] if record else []
    return {
        "occurrence": occurrence,
        "occurrence_date": original_date,
        "record": record,
        "agenda_items": list(record.agenda_items.all()) if record else None,
        "occurrence_papers": papers,
        "papers_published_on": min((p.publish_on for p in waiting), default=None),
        "papers_for_partners": bool(record)
        and any(
            p.publish_on <= today and not may_see(user, p.visibility) for p in record.papers.all()
        ),
        "occurrence_minutes": bool(record) and record.minutes_shown_to(user),
        "occurrence_minutes_for_partners": bool(record)
        and record.has_minutes
        and not record.minutes_shown_to(user),
        "is_past": occurrence.end < timezone.now(),
    }
