"""The project's own hooks: the one rule for downloading documents, and the district panel."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks

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


@hooks.register("construct_homepage_panels")
def add_district_panel(request, panels):
    panels.append(DistrictPanel())
