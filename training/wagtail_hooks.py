from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import (
    CoverageGapsView,
    ImportCertificatesView,
    SessionAttendanceView,
    send_reminder_view,
)
from .reminders import REMINDER_ACTION
from .viewsets import TrainingViewSetGroup

register_snippet(TrainingViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "training/import-certificates/",
            ImportCertificatesView.as_view(),
            name="training_import_certificates",
        ),
        path("training/gaps/", CoverageGapsView.as_view(), name="training_gaps"),
        path("training/remind/<int:pk>/", send_reminder_view, name="training_send_reminder"),
        path(
            "training/sessions/<int:pk>/attendance/",
            SessionAttendanceView.as_view(),
            name="training_session_attendance",
        ),
    ]


class RecordKeepersMenuItem(MenuItem):
    """Shown to whoever may add training records."""

    def is_shown(self, request):
        return request.user.has_perm("training.add_trainingrecord")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return RecordKeepersMenuItem(
        _("Import training records"),
        reverse("training_import_certificates"),
        icon_name="upload",
        order=460,
    )


class GapsMenuItem(MenuItem):
    """Shown to whoever may see training records."""

    def is_shown(self, request):
        return request.user.has_perm("training.view_trainingrecord")


@hooks.register("register_admin_menu_item")
def register_gaps_menu_item():
    return GapsMenuItem(
        _("Training gaps"), reverse("training_gaps"), icon_name="warning", order=455
    )


@hooks.register("register_log_actions")
def register_reminder_log_action(actions):
    actions.register_action(
        REMINDER_ACTION, _("Training reminder"), _("Sent a CSE training reminder to the DSL")
    )


class AttendanceButton(PageMenuItem):
    """On a session's admin menus, for whoever may edit it: its bookings and attendance."""

    label = _("Bookings and attendance")
    icon_name = "tick"
    url_name = "training_session_attendance"
    priority = 35

    def is_shown(self, user):
        from .sessions import TrainingSessionPage

        return issubclass(self.page.specific_class, TrainingSessionPage) and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_listing_more_buttons")
def attendance_listing_button(page, user, next_url=None):
    yield AttendanceButton(page=page)


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    yield AttendanceButton(page=page)
