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
from .audit import DONE_ACTION, OWN_DETAILS_ACTION
from .permissions import may_delete_partnership, may_unpublish_partnership
from .suggestion_admin import ChangeSuggestionViewSet
from .viewsets import DirectoryViewSetGroup

#: Bulk actions on pages, and the rule each must pass for every page it touches.
BULK_RULES = {"delete": may_delete_partnership, "unpublish": may_unpublish_partnership}

register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_viewset")
def register_suggestions_viewset():
    return ChangeSuggestionViewSet("change_suggestions")


@hooks.register("register_log_actions")
def register_suggestion_log_actions(actions):
    actions.register_action(DONE_ACTION, _("Mark suggestion done"), _("Marked done"))
    actions.register_action(
        OWN_DETAILS_ACTION,
        _("Edit own contact details"),
        _("Changed their own contact details on their account page"),
    )


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
