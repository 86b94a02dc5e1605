"""Courses, training records and the taxi licensing returns: what coverage is counted from.

Records belong to an organisation, and through it to a district: a coordinator sees and edits
only their own districts' records (`training.permissions`), since a record may name the person
trained. Nothing here is shown publicly but the aggregates `training.coverage` counts.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .enums import CourseAudience, LicenceCondition, RecordSource
from .quarters import Quarter

#: The longest refresh period a course may have: ten years.
MAX_REFRESH_MONTHS = 120
#: More drivers than any district licenses in a quarter: a larger figure is a typing slip.
MAX_DRIVERS = 100_000
_DRIVERS_MESSAGE = _(
    "No district licenses more than 100,000 drivers in a quarter: check the figure."
)


class Course(ClusterableModel):
    """A CSE training course: whom it is for, who runs it, and how long it stays in date."""

    title = models.CharField(_("title"), max_length=255, unique=True)
    provider = models.CharField(_("provider"), max_length=255)
    length = models.CharField(
        _("length"),
        max_length=100,
        blank=True,
        help_text=_("For example “Half a day” or “90 minutes online”."),
    )
    outline = models.TextField(_("outline"), blank=True)
    materials = ParentalManyToManyField(
        "resources.ResourcePage",
        verbose_name=_("linked materials"),
        blank=True,
        related_name="courses",
    )
    #: Months a completion stays in date; empty for a course that never needs refreshing.
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh period (months)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1),
            MaxValueValidator(
                MAX_REFRESH_MONTHS,
                _("At most 120 months (ten years); leave it empty if it never expires."),
            ),
        ],
        help_text=_(
            "How long a completion stays in date, e.g. 24 for a DSL course, at most 120. "
            "Leave empty if it never expires."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("audiences"),
        FieldPanel("provider"),
        FieldRowPanel([FieldPanel("length"), FieldPanel("refresh_months")]),
        FieldPanel("outline"),
        FieldPanel("materials"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    def __str__(self):
        return self.title

    @property
    def audience_values(self):
        return [link.audience for link in self.audience_links.all()]

    def audience_labels(self):
        return ", ".join(str(CourseAudience(value).label) for value in self.audience_values)

    audience_labels.short_description = _("Audiences")  # type: ignore[attr-defined]


class CourseAudienceLink(models.Model):
    """One audience of a course, as a row so that coverage can ask which courses count for it."""

    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="audience_links")
    audience = models.CharField(_("audience"), max_length=32, choices=CourseAudience.choices)

    class Meta:
        verbose_name = _("course audience")
        constraints = [
            models.UniqueConstraint(fields=["course", "audience"], name="unique_course_audience")
        ]

    def __str__(self):
        return self.get_audience_display()


class TrainingRecord(models.Model):
    """Staff or volunteers of one organisation who completed a course on a date."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_records",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="records"
    )
    date = models.DateField(_("completed on"))
    number_trained = models.PositiveIntegerField(
        _("number trained"), default=1, validators=[MinValueValidator(1)]
    )
    #: Shown to the organisation's coordinators only, never on a public page or export.
    person_name = models.CharField(
        _("name of the person trained"),
        max_length=255,
        blank=True,
        help_text=_("Where known. Seen only by coordinators, never published."),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=RecordSource.choices, default=RecordSource.MANUAL
    )
    #: The certificate list (file name and line) or session a record came from.
    import_reference = models.CharField(_("import reference"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("number_trained")]),
        FieldPanel("person_name"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("import_reference")], heading=_("Where it came from")
        ),
    ]

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        indexes = [models.Index(fields=["organisation", "course", "date"])]

    def __str__(self):
        # What the site history and usage titles show to every editor: nothing about who or
        # which organisation, nor the course and date that might tell them.
        return _("Training record %(pk)s") % {"pk": self.pk}

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Training cannot be recorded before it happens.")})


class TaxiLicensingReturn(models.Model):
    """A district licensing authority's quarterly figures: drivers licensed, and how many of
    them hold current CSE training; and whether training is a condition of the licence."""

    area = models.ForeignKey(
        "directory.Area",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="taxi_returns",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        choices=[(n, _("Q%(n)s") % {"n": n}) for n in range(1, 5)],
        help_text=_("Calendar quarters: Q1 is January to March."),
    )
    licensed_drivers = models.PositiveIntegerField(
        _("licensed drivers"), validators=[MaxValueValidator(MAX_DRIVERS, _DRIVERS_MESSAGE)]
    )
    trained_drivers = models.PositiveIntegerField(
        _("drivers with current CSE training"),
        validators=[MaxValueValidator(MAX_DRIVERS, _DRIVERS_MESSAGE)],
    )
    condition = models.CharField(
        _("condition of licence"),
        max_length=16,
        choices=LicenceCondition.choices,
        default=LicenceCondition.NOT_REQUIRED,
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("area"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")]),
        FieldRowPanel([FieldPanel("licensed_drivers"), FieldPanel("trained_drivers")]),
        FieldPanel("condition"),
    ]

    class Meta:
        ordering = ["-year", "-quarter", "area__name"]
        verbose_name = _("taxi licensing return")
        verbose_name_plural = _("taxi licensing returns")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "quarter"],
                name="one_taxi_return_per_district_and_quarter",
                violation_error_message=_("This district already has a return for this quarter."),
            ),
            models.CheckConstraint(
                condition=models.Q(trained_drivers__lte=models.F("licensed_drivers")),
                name="taxi_trained_within_licensed",
            ),
        ]

    def __str__(self):
        return f"{self.area} – {self.period}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def percent_trained(self) -> int | None:
        if not self.licensed_drivers:
            return None
        return round(100 * self.trained_drivers / self.licensed_drivers)

    def clean(self):
        errors = {}
        if (
            self.trained_drivers is not None
            and self.licensed_drivers is not None
            and self.trained_drivers > self.licensed_drivers
        ):
            errors["trained_drivers"] = _(
                "More drivers trained (%(trained)s) than licensed (%(licensed)s)."
            ) % {"trained": self.trained_drivers, "licensed": self.licensed_drivers}
        if (
            self.year
            and self.quarter
            and Quarter(self.year, self.quarter) > Quarter.of(timezone.localdate())
        ):
            errors["quarter"] = _("A return is for a quarter that has begun.")
        if errors:
            raise ValidationError(errors)
