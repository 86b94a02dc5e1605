"""Hooks that enforce the portal's roles beyond Wagtail's own page permissions, and the one
rule for downloading documents."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
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


def _without_titles_of_others(action_class):
    """`action_class`, less the list of files the editor may not act on.

    Wagtail's confirmation page names every id in the address that the editor has no
    permission for, so a coordinator stepping through ids would read the title of every
    document and image on the site; the action itself already refuses those.
    """

    class Action(action_class):
        def get_context_data(self, **kwargs):
            return {**super().get_context_data(**kwargs), "items_with_no_access": []}

    Action.__name__ = Action.__qualname__ = action_class.__name__
    return Action


# Registered after Wagtail's own (a higher order), so these replace them in its registry.
for _action in (
    document_bulk_actions.AddTagsBulkAction,
    document_bulk_actions.AddToCollectionBulkAction,
    document_bulk_actions.DeleteBulkAction,
    image_bulk_actions.AddTagsBulkAction,
    image_bulk_actions.AddToCollectionBulkAction,
    image_bulk_actions.DeleteBulkAction,
):
    hooks.register("register_bulk_action", _without_titles_of_others(_action), order=100)
