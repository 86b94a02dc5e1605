"""Registers the materials library's admin pieces; the logic lives in its own modules."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import ReviewDueReportView, may_view_review_report


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/materials-due-for-review/",
            ReviewDueReportView.as_view(),
            name="resources_review_report",
        ),
        path(
            "reports/materials-due-for-review/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="resources_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_review_report(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Materials due for review"),
        reverse("resources_review_report"),
        name="materials-due-for-review",
        icon_name="date",
        order=1100,
    )
