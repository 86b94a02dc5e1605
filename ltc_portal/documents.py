"""Who may download a document: documents are private unless a live page the viewer may see
shows it.

The uses come from Wagtail's reference index, which records every page's choosers, inline
files and rich-text links as the page is saved. A page's row holds its live content (a draft
lives only in its revision), so a file added in a draft is no use until it is published, and
a deleted or unpublished page uses nothing. Each page says at what visibility it shows a
field's documents (`document_visibility(field_name)`, e.g. a meeting's minutes at the
visibility the editor chose); a page without that method shows every field to whoever may
open it. Page privacy (a `PageViewRestriction` on the page or above it) is asked as everywhere
else, through `directory.privacy.viewable_by`.

Editors who may choose or change a document in the admin may always download it, so that
they can check an upload before any page uses it.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from directory.enums import Visibility
from directory.privacy import viewable_by
from directory.visibility import may_see


def live_uses(document, user, request=None):
    """(page, field name) for each use of `document` by a live page this viewer may open."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    fields_by_page = {}
    for object_id, model_path in references.values_list("object_id", "model_path"):
        # model_path starts with the page's field: "minutes", "papers.document", "body.",
        # or an inline relation such as "files.item.document".
        fields_by_page.setdefault(int(object_id), set()).add(model_path.split(".")[0])
    if not fields_by_page:
        return []
    pages = viewable_by(Page.objects.live().filter(pk__in=fields_by_page), user, request)
    return [(page, field) for page in pages.specific() for field in fields_by_page[page.pk]]


def shown_at(page, field_name):
    """The visibility at which `page` shows the documents it uses through `field_name`."""
    document_visibility = getattr(page, "document_visibility", None)
    return document_visibility(field_name) if document_visibility else Visibility.PUBLIC


def may_download(document, user, request=None):
    """Whether this viewer may download the document (see the module's docstring)."""
    permission_policy = policy_registry.get_by_type(type(document))
    if permission_policy.user_has_any_permission_for_instance(user, ["choose", "change"], document):
        return True
    return any(
        may_see(user, shown_at(page, field)) for page, field in live_uses(document, user, request)
    )
