"""Training's models: the records (in `records`) and the public coverage page.

The coverage page shows aggregates only, all from `training.coverage`: never a name, nor any
one organisation's status (groups of fewer than 3 organisations are suppressed there).
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import PortalPageForm
from core.privacy import viewable_by

from .bookings import Booking
from .charts import coverage_charts
from .coverage import SUPPRESSION_NOTE, county_coverage
from .exports import coverage_csv
from .records import Course, CourseAudienceLink, TaxiLicensingReturn, TrainingRecord
from .sessions import TrainingSessionPage

__all__ = [
    "Booking",
    "Course",
    "CourseAudienceLink",
    "CoveragePage",
    "TaxiLicensingReturn",
    "TrainingRecord",
    "TrainingSessionPage",
]

#: How many upcoming sessions the coverage page lists.
UPCOMING_SESSIONS = 20


class CoveragePage(RoutablePageMixin, Page):
    """Who has had CSE training, county-wide and per district: figures, charts and a CSV."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["ltc_portal.HomePage"]
    subpage_types = ["training.TrainingSessionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("training coverage page")

    def permissions_for_user(self, user):
        from .session_permissions import CoveragePagePermissionTester

        return CoveragePagePermissionTester(user, self)

    def upcoming_sessions(self, user, request=None):
        """The next sessions this viewer may open (page privacy), soonest first: one query."""
        sessions = TrainingSessionPage.objects.live().child_of(self)
        sessions = viewable_by(sessions, user, request).upcoming()
        return list(sessions.for_listing()[:UPCOMING_SESSIONS])

    def coverage(self):
        return county_coverage()

    @path("")
    def index_route(self, request):
        coverage = self.coverage()
        return self.render(
            request,
            context_overrides={
                "coverage": coverage,
                "charts": coverage_charts(coverage),
                "suppression_note": SUPPRESSION_NOTE,
                "csv_url": self.get_url(request) + self.reverse_subpage("csv"),
                "sessions": self.upcoming_sessions(request.user, request),
            },
        )

    @path("csv/", name="csv")
    def csv_route(self, request):
        response = HttpResponse(
            coverage_csv(self.coverage()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="training-coverage.csv"'
        return response
