from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import ImportSchoolsView
from .viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory/import-schools/", ImportSchoolsView.as_view(), name="import_schools")]


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return AdminOnlyMenuItem(
        _("Import schools"), reverse("import_schools"), icon_name="upload", order=900
    )
