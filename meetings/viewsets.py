"""Meeting records (agenda, papers, minutes, attendance of one occurrence) in the admin."""

import contextlib
import datetime as dt
import re

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from directory.viewsets import AreaCheckedIndexView, AreaCheckedViewSet

from .forms import OccurrenceRecordForm
from .permissions import editable_meetings
from .records import OccurrenceRecord


class OccurrenceRecordIndexView(AreaCheckedIndexView):
    """Only the records of the editor's own meetings (attendance names are theirs to keep)."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        ).select_related("meeting")


def own_records(user):
    """The records this user may see: those of the meetings they may edit (the record policy)."""
    policy = policy_registry.get_by_type(OccurrenceRecord)
    return policy.instances_user_has_any_permission_for(user, ["view", "change"])


class OwnRecordsMixin:
    """The chooser lists, and answers for, only the editor's own records."""

    def get_object_list(self):
        return own_records(self.request.user).select_related("meeting")

    def get_object(self, pk):
        return own_records(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return own_records(self.request.user).filter(pk__in=pks)


class RecordChooseView(OwnRecordsMixin, chooser_views.ChooseView):
    pass


class RecordChooseResultsView(OwnRecordsMixin, chooser_views.ChooseResultsView):
    pass


class RecordChosenView(OwnRecordsMixin, chooser_views.SnippetChosenView):
    pass


class RecordChosenMultipleView(OwnRecordsMixin, chooser_views.SnippetChosenMultipleView):
    pass


class RecordChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RecordChooseView
    choose_results_view_class = RecordChooseResultsView
    chosen_view_class = RecordChosenView
    chosen_multiple_view_class = RecordChosenMultipleView


class RecordUsageView(snippet_views.UsageView):
    """Where a record is used is for those who may edit it, as its history is."""

    def get_object(self):
        instance = super().get_object()
        if not own_records(self.request.user).filter(pk=instance.pk).exists():
            raise PermissionDenied
        return instance


class RecordCreateView(snippet_views.CreateView):
    """A new record, its meeting and date filled in from the link that started it (the
    meeting editor's "Start the record of ..."): only a meeting this editor may edit, and only a
    real date; anything else leaves the field for the editor to choose."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        meeting = self.request.GET.get("meeting", "")
        if re.fullmatch(r"[0-9]{1,18}", meeting):  # an id the database can hold
            instance.meeting = editable_meetings(self.request.user).filter(pk=int(meeting)).first()
        with contextlib.suppress(ValueError):  # not a date: the editor chooses one
            instance.date = dt.date.fromisoformat(self.request.GET.get("date", ""))
        return instance


class OccurrenceRecordViewSet(AreaCheckedViewSet):
    """Records, each action asked of the record policy (meetings.permissions) record by record."""

    model = OccurrenceRecord
    index_view_class = OccurrenceRecordIndexView
    add_view_class = RecordCreateView
    chooser_viewset_class = RecordChooserViewSet
    usage_view_class = RecordUsageView
    icon = "date"
    menu_label = _("Meeting records")
    edit_handler = ObjectList(OccurrenceRecord.panels, base_form_class=OccurrenceRecordForm)
    list_display = ["meeting", "date", "minutes_status", "updated_at"]
    list_filter = ["minutes_status"]
    ordering = ["-date"]
