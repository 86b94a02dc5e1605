"""The admin report of materials whose review is overdue or due soon."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.spreadsheets import SafeCSVExportMixin

from .models import ResourcePage

#: Materials due for review within this many days count as "due soon".
DUE_SOON_DAYS = 60


def due_for_review(today=None, within_days=DUE_SOON_DAYS):
    """Materials whose review date has passed or falls within `within_days`, earliest first."""
    today = today or datetime.date.today()
    return (
        ResourcePage.objects.filter(review_due__lte=today + datetime.timedelta(days=within_days))
        .select_related("partnership")
        .order_by("review_due", "title")
    )


def may_view_review_report(user):
    """Anyone who may edit or publish pages (editors, approvers, superusers)."""
    return PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])


def review_status(page, today=None):
    today = today or datetime.date.today()
    return _("Overdue") if page.review_due < today else _("Due soon")


class ReviewDueReportView(SafeCSVExportMixin, ReportView):
    """Past or near their review date: the safeguarding board's list of what to look at again."""

    page_title = _("Materials due for review")
    header_icon = "date"
    index_url_name = "resources_review_report"
    index_results_url_name = "resources_review_report_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Material"),
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        DateColumn("review_due", label=_("Review due")),
        Column("review_state", label=_("Status"), accessor=review_status),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        Column("partnership", label=_("Owner")),
        Column("visibility", label=_("Who may see it"), accessor="get_visibility_display"),
    ]
    list_export = ["title", "review_due", "last_reviewed", "partnership", "visibility"]
    export_headings = {
        "title": _("Material"),
        "review_due": _("Review due"),
        "last_reviewed": _("Last reviewed"),
        "partnership": _("Owner"),
        "visibility": _("Who may see it"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_view_review_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"materials-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return due_for_review()
