"""Hooks that enforce the portal's roles beyond Wagtail's own page permissions, and the one
rule for downloading documents."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page

from directory.permissions import may_delete_partnership, may_unpublish_partnership

from .dashboard import DistrictPanel
from .documents import may_download

#: Bulk actions on pages, and the rule each must pass for every page it touches.
BULK_RULES = {"delete": may_delete_partnership, "unpublish": may_unpublish_partnership}


@hooks.register("before_serve_document")
def serve_documents_by_where_they_are_used(document, request):
    """A document goes to viewers who may see a live page that shows it; others sign in."""
    if may_download(document, request.user, request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


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


@hooks.register("construct_homepage_panels")
def add_district_panel(request, panels):
    panels.append(DistrictPanel())
