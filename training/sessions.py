"""Training sessions: dated deliveries of a course, as pages under the coverage page.

A session is in one district (its `area`) or county-wide (no area). Coordinators add and edit
only their own districts' sessions (`training.session_permissions`, asking
`directory.permissions.editable_areas`); county administrators every one. The joining link of
an online session is never in public output: the page and the feeds say only that it is online.
"""

from http import HTTPMethod

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from meetings.ical import CalendarMeeting
from meetings.models import next_sequence
from meetings.recurrence import local

from .enums import BookingStatus
from .forms import BookingForm, TrainingSessionForm


class TrainingSessionQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Sessions not yet over, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def for_listing(self):
        return self.select_related("course", "venue", "area")


class TrainingSessionPage(RoutablePageMixin, Page):
    """One dated delivery of a course: where (venue or online), how many places, which district."""

    course = models.ForeignKey(
        "training.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    start = models.DateTimeField(_("starts"), help_text=_("UK time."))
    end = models.DateTimeField(_("ends"), help_text=_("UK time, on the same day."))
    venue = models.ForeignKey(
        "meetings.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    joining_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("Shown only to people booked on the session, never on the public page."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], help_text=_("How many people can attend.")
    )
    #: The district the session is for; empty for a county-wide session.
    area = models.ForeignKey(
        "directory.Area",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        help_text=_("Leave empty for a county-wide session (county administrators only)."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_reason = models.CharField(_("why cancelled"), max_length=255, blank=True)
    #: RFC 5545 SEQUENCE: rises when time, place or status change.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(TrainingSessionQuerySet)()

    base_form_class = TrainingSessionForm
    content_panels = Page.content_panels + [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("joining_link")],
            heading=_("Where (a venue, online or both)"),
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("area")]),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("cancellation_reason")], heading=_("Cancelling")
        ),
    ]
    parent_page_types = ["training.CoveragePage"]
    subpage_types: list[str] = []
    #: The booking and cancelling forms post to the page (its book/ and cancel/ routes).
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    #: Fields whose change calendar clients must notice (RFC 5545 "significant" changes).
    SCHEDULE_FIELDS = ("start", "end", "venue_id", "joining_link", "cancelled")

    class Meta:
        verbose_name = _("training session")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end:
            if self.end <= self.start:
                errors["end"] = _("A session ends after it starts.")
            elif local(self.end).date() != local(self.start).date():
                errors["end"] = _("A session starts and ends on the same day.")
        if not self.venue_id and not self.joining_link:
            errors["venue"] = _("Give a venue, an online joining link, or both.")
        if self.cancelled and not self.cancellation_reason:
            errors["cancellation_reason"] = _("Say why, so that those booked know.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.sequence = next_sequence(self, self.SCHEDULE_FIELDS)
        super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        from .session_permissions import TrainingSessionPermissionTester

        return TrainingSessionPermissionTester(user, self)

    @property
    def uid(self):
        return f"training-session-{self.translation_key}@lct-portal"

    @property
    def online(self):
        return bool(self.joining_link)

    @property
    def where(self):
        """The place in one line, for listings and calendars (never the joining link)."""
        parts = [self.venue.one_line] if self.venue_id else []
        if self.online:
            parts.append(str(_("Online")))
        return "; ".join(parts)

    def calendar_data(self, url, *, joining_link=False):
        """This session as the one iCalendar builder wants it (`meetings.ical.meeting_vevents`).

        `joining_link` is True only for data sent to someone booked on it.
        """
        lines = [f"{self.course.title} ({self.course.provider})."]
        lines.append(f"{self.capacity} places; book on the session page.")
        if self.venue_id and self.venue.access_notes:
            lines.append(f"Access: {self.venue.access_notes}")
        return CalendarMeeting(
            uid=self.uid,
            title=self.title,
            url=url,
            start=self.start,
            end=self.end,
            location=self.venue.one_line if self.venue_id else "",
            description="\n".join(lines),
            joining_link=self.joining_link if joining_link else "",
            online=self.online,
            cancelled=self.cancelled,
            cancellation_reason=self.cancellation_reason,
            sequence=self.sequence,
            created=self.first_published_at,
            last_modified=self.last_published_at,
        )

    # -- booking ---------------------------------------------------------------------------

    def places_left(self):
        return max(self.capacity - self.bookings.booked().count(), 0)

    def get_context(self, request, *args, **kwargs):
        from .booking import organisation_of

        context = super().get_context(request, *args, **kwargs)
        organisation = organisation_of(request.user)
        own = []
        url = self.get_url(request) or ""
        if organisation is not None:
            own = list(self.bookings.active().filter(organisation=organisation))
            for booking in own:
                booking.cancel_url = url + self.reverse_subpage("cancel", args=[booking.pk])
        context.update(
            {
                "places_left": self.places_left(),
                "organisation": organisation,
                "own_bookings": own,
                # The joining link is for people booked, and only their organisation sees it.
                "show_joining_link": any(b.status == BookingStatus.BOOKED for b in own),
                "bookable": not self.cancelled and self.start > timezone.now(),
                "book_url": url + self.reverse_subpage("book"),
            }
        )
        if organisation is not None and "booking_form" not in context:
            context["booking_form"] = BookingForm(organisation=organisation)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("book/", name="book")
    def book_route(self, request):
        """A signed-in partner books people of their own organisation (POST)."""
        from .booking import BookingRefused, Wanted, book, organisation_of

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        organisation = organisation_of(request.user)
        if organisation is None:
            raise PermissionDenied("Only a partner linked to an organisation books places.")
        form = BookingForm(request.POST, organisation=organisation)
        if form.is_valid():
            wanted = [Wanted(p.name, p) for p in form.cleaned_data["people"]]
            wanted += [Wanted(name) for name in form.cleaned_data["typed"]]
            try:
                made = book(self, organisation, wanted, by=request.user)
            except BookingRefused as refused:
                form.add_error(None, str(refused))
            else:
                waiting = sum(b.status == BookingStatus.WAITING for b in made)
                text = _("Booked: %(names)s.") % {"names": ", ".join(b.person_name for b in made)}
                if waiting:
                    text = _(
                        "Done. %(count)s of them are on the waiting list: we will email you if "
                        "a place comes free."
                    ) % {"count": waiting}
                messages.success(request, text)
                return redirect(self.get_url(request))
        response = self.render(request, context_overrides={"booking_form": form})
        response.status_code = 400
        return response

    @path("cancel/<int:booking_id>/", name="cancel")
    def cancel_route(self, request, booking_id):
        """Cancel one of the partner's own organisation's bookings (POST)."""
        from .booking import cancel, organisation_of

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        organisation = organisation_of(request.user)
        booking = self.bookings.active().filter(pk=booking_id, organisation=organisation).first()
        if organisation is None or booking is None:
            raise PermissionDenied("Not a booking of your organisation.")
        cancel(booking)
        messages.success(
            request, _("Cancelled the booking for %(name)s.") % {"name": booking.person_name}
        )
        return redirect(self.get_url(request))
