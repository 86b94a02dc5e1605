"""Meetings of the partnerships: venues, meeting pages with recurrence, the meetings index,
and the secret per-member calendar feed token."""

import calendar as pycalendar
import datetime as dt
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.enums import PUBLISHED_VISIBILITY_CHOICES, ChoiceLabels, Visibility
from core.forms import ChosenDocumentsMixin, PortalPageForm
from core.paging import paginate
from core.privacy import viewable_by
from core.tree import TreeQuerySet
from core.visibility import is_partner, may_see
from directory.models import Area, PartnershipPage

from . import recurrence
from .enums import ExceptionAction, Frequency, MeetingStatus
from .ical import CalendarMeeting, OccurrenceChange
from .links import county_links, partnership_links
from .listing import meetings_with_partnerships, month_from_query, month_table, occurrences_of
from .panels import RecordDatesPanel, SchedulePreviewPanel
from .records import occurrence_context, past_records


def next_sequence(instance, fields):
    """RFC 5545 SEQUENCE for saving `instance`: one above the highest known when any of
    `fields` differs from what is stored, else the highest known (never lower)."""
    if not instance.pk:
        return instance.sequence
    stored = type(instance).objects.filter(pk=instance.pk).values(*fields, "sequence").first()
    if stored is None:
        return instance.sequence
    highest = max(instance.sequence, stored["sequence"])
    changed = any(stored[name] != getattr(instance, name) for name in fields)
    return highest + 1 if changed else highest


class Venue(index.Indexed, models.Model):
    """A place where partnerships meet; chosen on each meeting (a snippet)."""

    name = models.CharField(_("name"), max_length=255)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    access_notes = models.TextField(
        _("access notes"),
        blank=True,
        help_text=_("Step-free access, parking, hearing loop, where to sign in."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("access_notes"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    @property
    def one_line(self):
        """Name, address and postcode on one line, as a calendar's LOCATION."""
        parts = [self.name, *(line.strip() for line in self.address.splitlines()), self.postcode]
        return ", ".join(part for part in parts if part)


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("item"))
    lead = blocks.CharBlock(label=_("led by"), required=False)
    papers = blocks.ListBlock(DocumentChooserBlock(), label=_("papers"), default=[])

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")
        description = _("One item of business, who leads it and its papers.")


class LondonDateTimeField(forms.DateTimeField):
    """A date and time typed in UK time; one in the missing or doubled hour of a clock change
    is refused with a message naming the date and the change."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            raise ValidationError(
                recurrence.clock_change_error(error.params["datetime"]), code=error.code
            ) from error


def london_datetime_fields(form, names):
    """Give `form`'s date-and-time fields `names` the clock-change message (same widget)."""
    for name in names:
        field = form.fields.get(name)
        if isinstance(field, forms.DateTimeField) and not isinstance(field, LondonDateTimeField):
            form.fields[name] = LondonDateTimeField(
                required=field.required,
                widget=field.widget,
                label=field.label,
                help_text=field.help_text,
                localize=field.localize,
            )


def offer_series_dates(form, choices):
    """Let an editor pick the occurrence to change from the series' own dates."""
    field = form.fields.get("original_date")
    if field is not None and choices:
        field.widget = forms.Select(choices=[("", "---------"), *choices])


class MeetingPageForm(ChosenDocumentsMixin, WagtailAdminPageForm):
    """Checks each cancelled or moved occurrence against the series the editor has just set."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        london_datetime_fields(self, ("start", "end"))
        formset = self.formsets.get("exceptions")
        if formset is None:
            return
        choices = self.series_date_choices(formset)
        for form in formset.forms:
            london_datetime_fields(form, ("new_start", "new_end"))
            offer_series_dates(form, choices)
        base = formset.form

        class SeriesChangeForm(base):
            """The form "Add another" builds: the same fields as the forms shown."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                london_datetime_fields(self, ("new_start", "new_end"))
                offer_series_dates(self, choices)

        formset.form = SeriesChangeForm

    def series_date_choices(self, formset):
        """The stored series' dates (plus any date already chosen), as select options; [] for a
        meeting without a stored rule, whose changes are typed as dates."""
        meeting = self.instance
        if not meeting.start or not meeting.rrule:
            return []
        days = {
            recurrence.local(moment).date()
            for moment in recurrence.expand(meeting.start, meeting.rrule)
        }
        days |= {
            form.initial.get("original_date")
            for form in formset.forms
            if isinstance(form.initial.get("original_date"), dt.date)
        }
        return [(day.isoformat(), f"{day:%A} {recurrence.long_date(day)}") for day in sorted(days)]

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("exceptions")
        start, end = cleaned.get("start"), cleaned.get("end")
        if formset is None or not start or not end or not formset.is_valid():
            return cleaned
        frequency = cleaned.get("frequency") or Frequency.NONE
        if recurrence.series_errors(
            start,
            end,
            frequency,
            count=cleaned.get("ends_after"),
            until=cleaned.get("ends_on"),
        ):
            return cleaned  # the model's clean reports these on the series' own fields
        rule = recurrence.build_rrule(
            frequency, start, count=cleaned.get("ends_after"), until=cleaned.get("ends_on")
        )
        starts = recurrence.expand(start, rule)
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("original_date"):
                continue
            errors = recurrence.exception_errors(
                starts,
                data["original_date"],
                move=data.get("action") == ExceptionAction.MOVE,
                new_start=data.get("new_start"),
                new_end=data.get("new_end"),
            )
            for name, message in errors.items():
                form.add_error(name, message)
        return cleaned


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a series, as it will happen (or was cancelled)."""

    meeting: "MeetingPage"
    original_start: dt.datetime
    start: dt.datetime
    end: dt.datetime
    cancelled: bool = False
    moved: bool = False
    reason: str = ""
    venue: Venue | None = None


class MeetingPageQuerySet(TreeQuerySet):
    def with_schedule(self):
        """Meetings with what their occurrences need (venue, changes and their venues)."""
        return self.select_related("venue").prefetch_related(
            Prefetch("exceptions", queryset=MeetingException.objects.select_related("new_venue"))
        )

    def not_over(self, now):
        """Meetings with an occurrence still to end at `now`: the series runs on, or one of
        its dates was moved to later (the series' end counts only its own dates)."""
        return self.filter(
            models.Q(series_ends_at__gte=now)
            | models.Q(series_ends_at__isnull=True)
            | models.Exists(
                MeetingException.objects.filter(page=models.OuterRef("pk"), new_end__gte=now)
            )
        )


class MeetingPage(ChoiceLabels, RoutablePageMixin, Page):
    """A meeting of a partnership: one-off or a series, in Europe/London wall time."""

    summary = models.TextField(_("summary"), blank=True)
    #: Entered and shown in the site's time zone (Europe/London); stored as UTC.
    start = models.DateTimeField(_("starts"), help_text=_("UK time."))
    end = models.DateTimeField(_("ends"), help_text=_("UK time, on the same day."))
    frequency = models.CharField(
        _("repeats"), max_length=20, choices=Frequency.choices, default=Frequency.NONE
    )
    ends_after = models.PositiveSmallIntegerField(
        _("ends after (number of meetings)"), null=True, blank=True
    )
    ends_on = models.DateField(_("or ends on (date)"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    joining_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("Shown to signed-in partners only, never in public pages or feeds."),
    )
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda"))
    papers = StreamField(
        [("document", DocumentChooserBlock(label=_("paper")))],
        blank=True,
        verbose_name=_("papers"),
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_visibility = models.CharField(
        _("who may read the minutes"),
        max_length=16,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PARTNERS,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation_reason = models.CharField(
        _("why the series is cancelled"), max_length=255, blank=True
    )

    # Derived in save(): never edited by hand.
    rrule = models.CharField(max_length=255, blank=True, editable=False)
    #: When the last occurrence ends; feeds keep a meeting until a while after this.
    series_ends_at = models.DateTimeField(null=True, editable=False, db_index=True)
    cancelled_at = models.DateTimeField(null=True, editable=False)
    #: RFC 5545 SEQUENCE: rises whenever time, place or status changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(MeetingPageQuerySet)()

    base_form_class = MeetingPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")
        ),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldRowPanel([FieldPanel("ends_after"), FieldPanel("ends_on")]),
                SchedulePreviewPanel(heading=_("What this rule gives")),
            ],
            heading=_("Repeats"),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("joining_link")], heading=_("Where")),
        FieldPanel("agenda"),
        FieldPanel("papers"),
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("minutes_visibility")], heading=_("Minutes")
        ),
        RecordDatesPanel(heading=_("Each date's own record")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("cancellation_reason")], heading=_("Status")
        ),
        InlinePanel(
            "exceptions",
            heading=_("Cancelled or moved meetings of this series"),
            label=_("change to one meeting"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["directory.PartnershipPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")

    def clean(self):
        super().clean()
        errors = recurrence.series_errors(
            self.start, self.end, self.frequency, count=self.ends_after, until=self.ends_on
        )
        if (
            self.start
            and self.end
            and "end" not in errors
            and recurrence.local(self.end).date() != recurrence.local(self.start).date()
        ):
            errors["end"] = _("A meeting starts and ends on the same day.")
        if self.status == MeetingStatus.CANCELLED and not self.cancellation_reason:
            errors["cancellation_reason"] = _("Say why, so that partners know.")
        if not self.venue_id and not self.joining_link:
            errors["venue"] = _("Give a venue, an online joining link, or both.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.derive_schedule()
        if kwargs.get("update_fields") is None:
            self._advance_sequence()
        super().save(*args, **kwargs)

    def derive_schedule(self):
        """Set the stored RRULE and the end of the last occurrence from the editor's choices."""
        self.rrule = recurrence.build_rrule(
            self.frequency, self.start, count=self.ends_after, until=self.ends_on
        )
        starts = recurrence.expand(self.start, self.rrule)
        self.series_ends_at = (starts[-1] + (self.end - self.start)) if starts else self.end

    def _advance_sequence(self):
        """Raise SEQUENCE when time, place or status differ from what is stored."""
        if self.status == MeetingStatus.CANCELLED and not self.cancelled_at:
            self.cancelled_at = timezone.now()
        elif self.status != MeetingStatus.CANCELLED:
            self.cancelled_at = None
        sequence = next_sequence(self, self.SCHEDULE_FIELDS)
        if self._withdraws_a_change():
            # An occurrence restored to its usual time and place changes the series' set of
            # instances: a significant change (RFC 5545), so the series' SEQUENCE rises.
            stored = type(self).objects.filter(pk=self.pk).values_list("sequence", flat=True)
            sequence = max(sequence, max(self.sequence, stored.first() or 0) + 1)
        self.sequence = sequence

    def _withdraws_a_change(self):
        """Whether this save drops a cancelled or moved occurrence that is stored."""
        if not self.pk:
            return False
        stored = set(
            MeetingException.objects.filter(page_id=self.pk).values_list("original_date", flat=True)
        )
        return bool(stored - {change.original_date for change in self.exceptions.all()})

    #: Fields whose change clients must notice (RFC 5545 "significant" changes).
    SCHEDULE_FIELDS = ("start", "end", "rrule", "venue_id", "joining_link", "status")

    def document_visibility(self, field_name):
        """At what visibility this page shows the documents it uses through `field_name`:
        minutes as the editor chose, papers (and agenda items' papers) to anyone."""
        if field_name == "minutes":
            return self.minutes_visibility
        return Visibility.PUBLIC

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        partnership = self.get_parent().specific
        upcoming = self.upcoming(now)
        context.update(
            {
                "partnership": partnership,
                "upcoming": upcoming[:8],
                "changed": [occ for occ in upcoming if occ.cancelled or occ.moved],
                "next_occurrence": next((occ for occ in upcoming if not occ.cancelled), None),
                "show_joining_link": may_see(request.user, Visibility.PARTNERS),
                "show_minutes": bool(self.minutes_id)
                and may_see(request.user, self.minutes_visibility),
                "minutes_for_partners": bool(self.minutes_id)
                and not may_see(request.user, self.minutes_visibility),
                "subscribe": partnership_links(request, partnership),
                "past_records": past_records(self, request.user),
            }
        )
        return context

    @re_path(r"^(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})/$", name="occurrence")
    def occurrence_page(self, request, day):
        """One occurrence's own page: its agenda, papers, minutes (see meetings.records)."""
        context = self.get_context(request)
        context.update(occurrence_context(self, request, day))
        return TemplateResponse(request, "meetings/occurrence_page.html", context)

    # -- occurrences -------------------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    @property
    def duration(self):
        return self.end - self.start

    @property
    def attendance(self):
        """How to attend, in words any visitor may read (never the joining link itself)."""
        if self.joining_link and self.venue_id:
            return _("In person and online (partners receive the joining link)")
        if self.joining_link:
            return _("Online meeting (partners receive the joining link)")
        return _("In person")

    @property
    def repeats(self):
        return recurrence.describe(
            self.frequency, self.start, count=self.ends_after, until=self.ends_on
        )

    @cached_property
    def occurrences(self):
        """Every occurrence, cancelled and moved ones marked; uses prefetched exceptions."""
        starts = recurrence.expand(self.start, self.rrule)
        by_date = {exc.original_date: exc for exc in self.exceptions.all()}
        result = []
        for original in starts:
            exc = by_date.get(original.date())
            start, end = original, original + self.duration
            if exc and exc.action == ExceptionAction.MOVE and exc.new_start and exc.new_end:
                start, end = recurrence.local(exc.new_start), recurrence.local(exc.new_end)
            result.append(
                Occurrence(
                    meeting=self,
                    original_start=original,
                    start=start,
                    end=end,
                    cancelled=self.is_cancelled
                    or bool(exc and exc.action == ExceptionAction.CANCEL),
                    moved=bool(exc and exc.action == ExceptionAction.MOVE),
                    reason=(exc.reason if exc else "")
                    or (self.cancellation_reason if self.is_cancelled else ""),
                    venue=(exc.new_venue if exc and exc.new_venue_id else self.venue),
                )
            )
        return sorted(result, key=lambda occ: occ.start)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return [occ for occ in self.occurrences if occ.end >= now]

    # -- calendar --------------------------------------------------------------------------

    @property
    def uid(self):
        return f"{self.translation_key}@lct-portal"

    def calendar_data(self, url, *, partners):
        """This meeting as the pure iCalendar builder wants it (see meetings.ical).

        `partners` is `may_see(viewer, Visibility.PARTNERS)`; `url` the page's full URL.
        """
        lines = []
        if self.summary:
            lines.append(self.summary)
        items = [item for item in self.agenda.raw_data if item.get("type") == "item"]
        if items:
            lines.append("Agenda:")
            for number, item in enumerate(items, start=1):
                value = item.get("value") or {}
                lead = f" ({value['lead']})" if value.get("lead") else ""
                lines.append(f"{number}. {strip_tags(value.get('title', ''))}{lead}")
        partners_lines, after = [], []
        # The description is public; minutes the public may not read are named in the
        # partners' part only.
        if self.minutes_id and not may_see(None, self.minutes_visibility):
            partners_lines.append("Minutes are on the meeting page for signed-in partners.")
        elif self.minutes_id:
            after.append("Minutes are on the meeting page.")

        def description(venue):
            """The public text, with the access notes of the venue this meeting is at."""
            access = [f"Access: {venue.access_notes}"] if venue and venue.access_notes else []
            return "\n".join(lines + access + after)

        changes = []
        for exc in self.exceptions.all():
            original = next(
                (
                    occ.original_start
                    for occ in self.occurrences
                    if occ.original_start.date() == exc.original_date
                ),
                None,
            )
            if original is None:
                continue
            moved = exc.action == ExceptionAction.MOVE
            changes.append(
                OccurrenceChange(
                    original_start=original,
                    cancelled=exc.action == ExceptionAction.CANCEL,
                    reason=exc.reason,
                    start=exc.new_start if moved else None,
                    end=exc.new_end if moved else None,
                    location=exc.new_venue.one_line if moved and exc.new_venue_id else "",
                    # A move to another venue takes that venue's access notes.
                    description=(
                        description(exc.new_venue) if moved and exc.new_venue_id else None
                    ),
                    sequence=exc.sequence,
                    url=f"{url}{exc.original_date:%Y-%m-%d}/" if url.endswith("/") else "",
                )
            )
        return CalendarMeeting(
            uid=self.uid,
            title=self.title,
            url=url,
            start=self.start,
            end=self.end,
            rrule=self.rrule,
            location=self.venue.one_line if self.venue_id else "",
            description=description(self.venue if self.venue_id else None),
            # Who sees what is decided here, once: the builder never checks the viewer.
            partners_description="\n".join(partners_lines) if partners else "",
            joining_link=self.joining_link if partners else "",
            online=bool(self.joining_link),
            cancelled=self.is_cancelled,
            cancellation_reason=self.cancellation_reason,
            sequence=self.sequence,
            created=self.first_published_at,
            last_modified=self.last_published_at,
            changes=tuple(changes),
        )


class MeetingException(Orderable):
    """One occurrence of a series cancelled, or moved to another time or venue."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="exceptions")
    original_date = models.DateField(
        _("date of the meeting to change"), help_text=_("A date on which the series meets.")
    )
    action = models.CharField(
        _("change"), max_length=8, choices=ExceptionAction.choices, default=ExceptionAction.CANCEL
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    new_venue = models.ForeignKey(
        Venue,
        verbose_name=_("new venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to meet at the usual venue."),
    )
    #: Rises whenever this change is changed; the override's SEQUENCE is the series' plus this
    #: plus one (meetings.ical).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("original_date"),
        FieldPanel("action", widget=forms.RadioSelect),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("new_venue"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cancelled or moved meeting")
        verbose_name_plural = _("cancelled or moved meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "original_date"], name="one_change_per_occurrence"
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.original_date:%d %B %Y}"

    #: Fields whose change clients must notice in this one occurrence.
    SCHEDULE_FIELDS = ("action", "new_start", "new_end", "new_venue_id", "original_date")

    def save(self, *args, **kwargs):
        self.sequence = next_sequence(self, self.SCHEDULE_FIELDS)
        super().save(*args, **kwargs)


class MeetingsIndexPage(Page):
    """Upcoming meetings across the county, past meetings with minutes, and a month view."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types = []
    max_count = 1

    #: Coming meetings per page of the listing.
    per_page = 15

    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        area_slug = request.GET.get("area", "")
        partnership_slug = request.GET.get("partnership", "")
        partnerships = list(
            viewable_by(PartnershipPage.objects.live(), request.user, request)
            .select_related("area")
            .order_by("title")
        )
        chosen = [
            partnership
            for partnership in partnerships
            if (not partnership_slug or partnership.slug == partnership_slug)
            and (not area_slug or (partnership.area and partnership.area.slug == area_slug))
        ]
        meetings = meetings_with_partnerships(
            viewable_by(MeetingPage.objects.live(), request.user, request)
            .descendant_of_any(chosen)
            .select_related("minutes")
        )

        first = month_from_query(request.GET.get("month", ""), timezone.localdate())
        after = (first + dt.timedelta(days=32)).replace(day=1)
        before = (first - dt.timedelta(days=1)).replace(day=1)
        in_month = occurrences_of(
            meetings,
            start=dt.datetime.combine(first, dt.time(), tzinfo=recurrence.LONDON),
            end=dt.datetime.combine(after, dt.time(), tzinfo=recurrence.LONDON),
        )
        past = sorted(
            (
                meeting
                for meeting in meetings
                if meeting.minutes_id
                and meeting.series_ends_at < now
                and may_see(request.user, meeting.minutes_visibility)
            ),
            key=lambda meeting: meeting.start,
            reverse=True,
        )[:20]
        chosen_filters = (("area", area_slug), ("partnership", partnership_slug))
        filters = {key: value for key, value in chosen_filters if value}
        context.update(
            {
                **paginate(request, occurrences_of(meetings, start=now), self.per_page),
                "past_meetings": past,
                "areas": Area.objects.all(),
                "partnerships": partnerships,
                "selected_area": area_slug,
                "selected_partnership": partnership_slug,
                "month": first,
                "weeks": month_table(in_month, first),
                "month_occurrences": in_month,
                "prev_month": before,
                "next_month": after,
                "month_query": bool(request.GET.get("month")),
                "weekdays": [(day, day[:3]) for day in pycalendar.day_name],
                "prev_month_query": urlencode({**filters, "month": f"{before:%Y-%m}"}),
                "next_month_query": urlencode({**filters, "month": f"{after:%Y-%m}"}),
                "subscribe": county_links(request),
                "feed_url": reverse("meetings:county_feed"),
            }
        )
        return context


#: The public half of a private address: 128 random bits in hex, the row's unique key.
LOOKUP_PATTERN = re.compile(r"[0-9a-f]{32}")


def _signature(user_id, lookup, key):
    """The secret half of a private address: an HMAC of its public half with a site key."""
    return salted_hmac(
        "meetings.FeedToken", f"{user_id}:{lookup}", secret=key, algorithm="sha256"
    ).hexdigest()


class FeedTokenQuerySet(models.QuerySet):
    def for_token(self, token):
        """The feed token this address names, or None.

        The address is `<lookup>-<signature>`: the row is found by its public lookup, and the
        signature must match one made with `SECRET_KEY` or a key in `SECRET_KEY_FALLBACKS`
        (compared in constant time). Changing the key therefore retires every address, unless
        the old key stays in the fallbacks while members move to the new addresses.
        """
        lookup, _dash, signature = (token or "").partition("-")
        if not LOOKUP_PATTERN.fullmatch(lookup) or len(signature) != 64:
            return None
        found = self.select_related("user").filter(lookup=lookup).first()
        if found is None:
            return None
        for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
            if constant_time_compare(signature, _signature(found.user_id, lookup, key)):
                return found
        return None


class FeedToken(models.Model):
    """A member's secret private calendar address; regenerating it retires the old one.

    Only the public half (`lookup`) is stored; the secret half is derived with the site's
    current `SECRET_KEY` whenever the address is shown or presented, so a copy of the database
    alone opens no feed, and changing the key retires every address at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings_feed_token"
    )
    #: Random (128 bits from `secrets`); names the row in the address.
    lookup = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("private calendar address")

    def __str__(self):
        return f"Private calendar of {self.user}"

    @property
    def token(self):
        """The secret in the address, signed with the current key."""
        return f"{self.lookup}-{_signature(self.user_id, self.lookup, settings.SECRET_KEY)}"

    @classmethod
    def for_user(cls, user):
        """The user's token, created on first use."""
        existing = cls.objects.filter(user=user).first()
        return existing or cls.regenerate(user)

    @classmethod
    def regenerate(cls, user):
        """A new secret address for the user; the old one stops working at once."""
        feed_token, _created = cls.objects.update_or_create(
            user=user, defaults={"lookup": new_lookup()}
        )
        return feed_token


def new_lookup():
    return secrets.token_hex(16)


#: How long an unpublished or deleted meeting stays in the feeds it was in, as cancelled.
KEEP_WITHDRAWN = dt.timedelta(days=90)


class WithdrawnMeeting(models.Model):
    """A meeting unpublished or deleted: its feeds keep it as cancelled for `KEEP_WITHDRAWN`.

    Subscribed clients drop a meeting only when they see it cancelled; one that just leaves
    the feed stays in their calendars as a ghost. What the page's Privacy setting allowed at
    the time is kept too, so the cancellation appears only in the feeds the meeting was in.
    """

    uid = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=255)
    url = models.URLField(max_length=500, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    rrule = models.CharField(max_length=255, blank=True)
    location = models.CharField(max_length=500, blank=True)
    #: The meeting's SEQUENCE when withdrawn; the cancellation goes one above it.
    sequence = models.PositiveIntegerField(default=0)
    #: The page it was under (an id, not a key: it may be deleted with the partnership).
    partnership_id = models.PositiveIntegerField(null=True, blank=True)
    #: No view restriction covered it: it was in the public feeds.
    public = models.BooleanField(default=True)
    #: A password restriction covered it: no feed had it (feeds carry no password).
    password = models.BooleanField(default=False)
    #: The groups of each "groups" restriction covering it; a viewer must be in one of each.
    restriction_groups = models.JSONField(default=list, blank=True)
    withdrawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("withdrawn meeting")

    def __str__(self):
        return self.title

    def visible_to(self, user, group_ids):
        """Whether this viewer (in these groups) had the meeting in their feeds, as
        `core.privacy.viewable_by` decided then."""
        if self.public:
            return True
        if self.password or not is_partner(user):
            return False
        if user.is_superuser:
            return True
        return all(set(group_ids) & set(groups) for groups in self.restriction_groups)

    def calendar_data(self):
        return CalendarMeeting(
            uid=self.uid,
            title=self.title,
            url=self.url,
            start=self.start,
            end=self.end,
            rrule=self.rrule,
            location=self.location,
            cancelled=True,
            cancellation_reason="This meeting has been withdrawn from the calendar.",
            sequence=self.sequence + 1,
            last_modified=self.withdrawn_at,
        )


# The email outbox's models live in their own module (meetings.outbox); importing them here
# makes them this app's models.
from .outbox import InvitationPreference, InvitationState, OutboxMessage  # noqa: E402, F401
