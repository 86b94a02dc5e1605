"""The directory in the Wagtail admin: organisations and people under one "Directory" menu.

Editors in the admin may see every visibility (`visibility.may_see(..., in_admin=True)`), so the
lists and their CSV/XLSX exports show contact details in full; exports are admin-only.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import OrganisationAreaForm, PersonAreaForm
from .models import Organisation, Person
from .spreadsheets import SafeCSVExportMixin

# Wagtail's generic edit and delete views check the model permission only; the per-area policy
# (directory/permissions.py) decides per record, so these views ask it about the record itself.


class AreaCheckedIndexView(SafeCSVExportMixin, snippet_views.IndexView):
    """The list: every record visible, edit and delete offered only where the policy allows;
    its CSV export neutralises formulas."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.area_related)

    @property
    def area_related(self):
        return ["organisation"] if self.model is Person else []

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class AreaCheckedEditView(snippet_views.EditView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", instance):
            raise PermissionDenied
        return instance


class AreaCheckedDeleteView(snippet_views.DeleteView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("delete", instance):
            raise PermissionDenied
        return instance


class AreaCheckedViewSet(SnippetViewSet):
    index_view_class = AreaCheckedIndexView
    edit_view_class = AreaCheckedEditView
    delete_view_class = AreaCheckedDeleteView


class OrganisationViewSet(AreaCheckedViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    #: The per-area permission policy is registered in LtcPortalConfig.ready(); this form stops
    #: a coordinator adding an organisation outside their own area.
    edit_handler = ObjectList(Organisation.panels, base_form_class=OrganisationAreaForm)
    list_display = ["name", "kind", "phase", "urn", "postcode", "area", "updated_at"]
    #: The list's columns, with choices as the list shows them (labels, not stored values).
    list_export = [
        "name",
        "get_kind_display",
        "get_phase_display",
        "urn",
        "postcode",
        "area",
        "updated_at",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_phase_display": _("Phase"),
        "updated_at": _("Updated at"),
    }
    export_filename = "organisations"
    list_filter = ["area", "kind", "phase"]
    search_fields = ["name", "address", "postcode"]
    search_backend_name = None
    ordering = ["name"]


class PersonViewSet(AreaCheckedViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    edit_handler = ObjectList(Person.panels, base_form_class=PersonAreaForm)
    list_display = ["name", "job_title", "organisation", "email", "phone", "visibility"]
    list_export = [
        "name",
        "job_title",
        "organisation",
        "email",
        "phone",
        "get_visibility_display",
    ]
    export_headings = {"get_visibility_display": _("Visibility")}
    export_filename = "people"
    list_filter = ["visibility", "organisation__area"]
    search_fields = ["name", "job_title", "email"]
    search_backend_name = None
    ordering = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, PersonViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"
