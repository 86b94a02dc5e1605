"""The directory in the Wagtail admin: organisations and people under one "Directory" menu.

Editors in the admin may see every visibility (`visibility.may_see(..., in_admin=True)`), so the
lists and their CSV/XLSX exports show contact details in full; exports are admin-only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
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


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
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
