"""Meeting records (agenda, papers, minutes, attendance of one occurrence) in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from directory.viewsets import AreaCheckedIndexView, AreaCheckedViewSet

from .forms import OccurrenceRecordForm
from .records import OccurrenceRecord


class OccurrenceRecordIndexView(AreaCheckedIndexView):
    """Only the records of the editor's own meetings (attendance names are theirs to keep)."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        ).select_related("meeting")


class OccurrenceRecordViewSet(AreaCheckedViewSet):
    """Records, each action asked of the record policy (meetings.permissions) record by record."""

    model = OccurrenceRecord
    index_view_class = OccurrenceRecordIndexView
    icon = "date"
    menu_label = _("Meeting records")
    edit_handler = ObjectList(OccurrenceRecord.panels, base_form_class=OccurrenceRecordForm)
    list_display = ["meeting", "date", "minutes_status", "updated_at"]
    list_filter = ["minutes_status"]
    ordering = ["-date"]
