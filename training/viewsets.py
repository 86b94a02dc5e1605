"""Training in the admin: courses, records and taxi returns under one "Training" menu.

Records and returns use the directory's area-checked views, so each edit, delete and history
asks the area policy (`training.permissions`) about the record itself; the record list shows a
coordinator only their own districts' records, since a record may name the person trained.
Records have no chooser: nothing links to a record, and a chooser would list every district's.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.viewsets import AreaCheckedIndexView, AreaCheckedViewSet

from .forms import CourseForm, TaxiLicensingReturnForm, TrainingRecordForm
from .records import Course, TaxiLicensingReturn, TrainingRecord


class OwnAreaIndexView(AreaCheckedIndexView):
    """Only the records the policy lets this editor view: their own districts'."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).select_related("organisation", "course")


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "doc-full"
    menu_label = _("Courses")
    edit_handler = ObjectList(Course.panels, base_form_class=CourseForm)
    list_display = ["title", "audience_labels", "provider", "refresh_months"]
    search_fields = ["title", "provider"]
    search_backend_name = None
    ordering = ["title"]


class TrainingRecordViewSet(AreaCheckedViewSet):
    model = TrainingRecord
    index_view_class = OwnAreaIndexView
    icon = "tick-inverse"
    menu_label = _("Training records")
    edit_handler = ObjectList(TrainingRecord.panels, base_form_class=TrainingRecordForm)
    list_display = ["organisation", "course", "date", "number_trained", "person_name", "source"]
    list_filter = ["course", "source", "organisation__area"]
    list_export = [
        "organisation",
        "course",
        "date",
        "number_trained",
        "person_name",
        "get_source_display",
        "import_reference",
    ]
    export_headings = {"get_source_display": _("Source")}
    export_filename = "training-records"
    search_fields = ["person_name", "organisation__name"]
    search_backend_name = None
    ordering = ["-date"]

    def register_chooser_viewset(self):
        """None: nothing chooses a record (no /admin/snippets/choose/ URLs for records)."""


class TaxiLicensingReturnViewSet(AreaCheckedViewSet):
    model = TaxiLicensingReturn
    icon = "pick"
    menu_label = _("Taxi licensing returns")
    edit_handler = ObjectList(TaxiLicensingReturn.panels, base_form_class=TaxiLicensingReturnForm)
    list_display = ["area", "year", "quarter", "licensed_drivers", "trained_drivers", "condition"]
    list_filter = ["area", "year", "condition"]
    ordering = ["-year", "-quarter", "area__name"]


class TrainingViewSetGroup(SnippetViewSetGroup):
    items = (CourseViewSet, TrainingRecordViewSet, TaxiLicensingReturnViewSet)
    menu_icon = "tick-inverse"
    menu_label = _("Training")
    menu_name = "training"
