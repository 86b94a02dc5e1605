"""Registers the directory's admin pieces, and the partnership rules Wagtail's page
permissions cannot express; the logic lives in its own modules."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from .admin_views import ImportSchoolsView
from .permissions import may_delete_partnership, may_unpublish_partnership
from .viewsets import DirectoryViewSetGroup

#: Bulk actions on pages, and the rule each must pass for every page it touches.
BULK_RULES = {"delete": may_delete_partnership, "unpublish": may_unpublish_partnership}

register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory/import-schools/", ImportSchoolsView.as_view(), name="import_schools")]


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return AdminOnlyMenuItem(
        _("Import schools"), reverse("import_schools"), icon_name="upload", order=900
    )


@hooks.register("before_delete_page")
def keep_partnership_pages_from_coordinators(request, page):
    if not may_delete_partnership(request.user, page):
        raise PermissionDenied


@hooks.register("before_unpublish_page")
def keep_partnership_pages_live_for_coordinators(request, page):
    if not may_unpublish_partnership(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def keep_partnership_pages_from_bulk_delete(request, action_type, objects, action_class_instance):
    rule = BULK_RULES.get(action_type)
    if rule is None:
        return
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not all(rule(request.user, page) for page in pages):
        raise PermissionDenied
