"""Admin hooks that enforce the portal's roles beyond Wagtail's own page permissions."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page

from directory.permissions import may_delete_partnership


@hooks.register("before_delete_page")
def keep_partnership_pages_from_coordinators(request, page):
    if not may_delete_partnership(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def keep_partnership_pages_from_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not all(may_delete_partnership(request.user, page) for page in pages):
        raise PermissionDenied
