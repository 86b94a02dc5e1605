"""The project's own hooks: the one rule for downloading documents, and the district panel."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail import hooks
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions

from core.privacy import has_unpublished_ancestor

from .dashboard import DistrictPanel
from .documents import may_download


@hooks.register("before_serve_document")
def serve_documents_by_where_they_are_used(document, request):
    """A document goes to viewers who may see a live page that shows it; others sign in."""
    if may_download(document, request.user, request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@hooks.register("before_serve_page")
def no_page_below_an_unpublished_one(page, request, serve_args, serve_kwargs):
    """Wagtail serves a live page whose parent is a draft; its section is not out, so neither
    is the page (the same rule every listing and feed follows through `viewable_by`)."""
    if has_unpublished_ancestor(page):
        raise Http404


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
