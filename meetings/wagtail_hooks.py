from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from directory.viewsets import AreaCheckedViewSet

from .admin_views import attendance_flags
from .invitations import CHOICE_ACTION
from .models import Venue
from .outbox_admin import OutboxViewSet
from .viewsets import OccurrenceRecordViewSet


class VenueViewSet(AreaCheckedViewSet):
    """Venues, with edit and delete asked of the venue policy record by record (as directory's)."""

    model = Venue
    icon = "site"
    menu_label = "Venues"
    list_display = ["name", "postcode"]
    search_fields = ["name"]


register_snippet(VenueViewSet)


@hooks.register("register_log_actions")
def register_choice_log_action(actions):
    actions.register_action(
        CHOICE_ACTION,
        _("Choose meeting emails"),
        _("Chose meeting emails or the calendar feed only"),
    )


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("meeting_outbox")


register_snippet(OccurrenceRecordViewSet)


@hooks.register("register_admin_urls")
def register_attendance_flags_url():
    return [path("meetings/attendance-flags/", attendance_flags, name="meetings_attendance_flags")]


class RecordsMenuItem(MenuItem):
    """Shown to whoever may keep meeting records."""

    def is_shown(self, request):
        return request.user.has_perm("meetings.change_occurrencerecord")


@hooks.register("register_admin_menu_item")
def register_attendance_flags_menu_item():
    return RecordsMenuItem(
        _("Attendance flags"),
        reverse("meetings_attendance_flags"),
        icon_name="warning",
        order=450,
    )
