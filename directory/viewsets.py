"""The directory in the Wagtail admin: organisations and people under one "Directory" menu.

The people list and its CSV/XLSX exports show email and phone as the contact rule lets the
editor see them: private details only of the people they may edit (their own area's, for a
coordinator; `visibility.contact_for(..., in_admin=True)`), partners' details to every editor.
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.spreadsheets import SafeCSVExportMixin

from .forms import AreaForm, OrganisationAreaForm, PersonAreaForm, PersonChooserFilterForm
from .models import Area, Organisation, Person
from .visibility import contact_for

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


class PersonIndexView(AreaCheckedIndexView):
    """People, their contact details in the list and the exports as the contact rule says."""

    #: Columns that show a contact detail; they show the `Contact`, never the stored field.
    contact_columns = ("email", "phone")

    def contact(self, person):
        # Private details are for the editors of the record: a coordinator reads their own
        # area's, never another district's.
        editing = self.user_has_permission_for_instance("change", person)
        return contact_for(person, self.request.user, in_admin=editing)

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name in self.contact_columns:
                column.accessor = f"contact.{column.name}"
        return columns

    def get_table(self, object_list):
        people = list(object_list)
        for person in people:
            person.contact = self.contact(person)
        return super().get_table(people)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        contact = self.contact(item)
        for name in self.contact_columns:
            if name in row:
                row[name] = getattr(contact, name)
        return row


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


class AreaCheckedHistoryView(snippet_views.HistoryView):
    """Who changed a record and when is for those who may edit it: another district's
    coordinator is refused, as on the edit view."""

    def get_object(self):
        instance = super().get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            raise PermissionDenied
        return instance


class AreaCheckedUsageView(snippet_views.UsageView):
    """Where a record is used is for those the policy lets view the record itself."""

    def get_object(self):
        instance = super().get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", instance
        ):
            raise PermissionDenied
        return instance


class AreaCheckedViewSet(SnippetViewSet):
    index_view_class = AreaCheckedIndexView
    edit_view_class = AreaCheckedEditView
    delete_view_class = AreaCheckedDeleteView
    history_view_class = AreaCheckedHistoryView
    usage_view_class = AreaCheckedUsageView


class OrganisationViewSet(AreaCheckedViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    #: The per-area permission policy is registered in DirectoryConfig.ready(); this form stops
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


class PersonChooseViewMixin:
    """The person chooser lists each person's job title, organisation and district, and
    searches and filters by them: two people of one name are told apart at a glance."""

    filter_form_class = PersonChooserFilterForm

    def get_object_list(self):
        return Person.objects.select_related("organisation", "organisation__area")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("job_title", label=_("Job title")),
            Column("organisation", label=_("Organisation")),
            Column("district", label=_("District"), accessor="organisation.area"),
        ]


class PersonChooseView(PersonChooseViewMixin, chooser_views.ChooseView):
    pass


class PersonChooseResultsView(PersonChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class PersonChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


class PersonViewSet(AreaCheckedViewSet):
    model = Person
    index_view_class = PersonIndexView
    chooser_viewset_class = PersonChooserViewSet
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


class AreaViewSet(SnippetViewSet):
    """The districts: ONS code and outward codes (administrators), towns and villages."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    edit_handler = ObjectList(Area.panels, base_form_class=AreaForm)
    list_display = ["name", "ons_code", "outward_codes"]
    search_fields = ["name", "ons_code", "places__name"]
    search_backend_name = None
    ordering = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, PersonViewSet, AreaViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"
