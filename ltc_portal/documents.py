"""Who may download a document: documents are private unless a live page the viewer may see
shows it.

The uses come from Wagtail's reference index, which records every page's choosers, inline
files and rich-text links as the page is saved. A page's row holds its live content (a draft
lives only in its revision), so a file added in a draft is no use until it is published, and
a deleted or unpublished page uses nothing. Each use is checked against the live page's
stored content, because the index keeps a reference to an inline file that a later publish
removed.

Each page says at what visibility it shows a field's documents
(`document_visibility(field_name)`, e.g. a meeting's minutes at the visibility the editor
chose); a page without that method shows every field to whoever may open it (a test checks
that every page type with a document field other than rich text has it). Page privacy (a
`PageViewRestriction` on the page or above it) is asked as everywhere else, through
`core.privacy.viewable_by`.

Editors who may change a document in the admin (administrators, and whoever uploaded it) may
always download it, so that they can check an upload before any page uses it: as editors,
so only once they have given their second factor where the admin asks for one.

The record of one meeting occurrence (`meetings.records.OccurrenceRecord`, shown on its
meeting's page at `<meeting>/<yyyy-mm-dd>/`) is indexed under itself, not under a page: its
uses count when its meeting is live and the viewer may open it, at the visibility the record
shows that file (`document_visibility(model_path, document)`: a paper from its publication
date, at its own visibility; the minutes at theirs).
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.http import HttpRequest
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from core.enums import Visibility
from core.privacy import viewable_by
from core.visibility import Viewer, may_see
from meetings.models import MeetingPage
from meetings.records import OccurrenceRecord

from .accounts.two_factor import second_factor_given


def live_uses(
    document: Model, user: Viewer, request: HttpRequest | None = None
) -> list[tuple[Any, str]]:
    """(page, field name) for each use of `document` by a live page this viewer may open."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    paths_by_page: dict[int, set[str]] = {}
    for object_id, model_path in references.values_list("object_id", "model_path"):
        paths_by_page.setdefault(int(object_id), set()).add(model_path)
    if not paths_by_page:
        return []
    pages = viewable_by(Page.objects.live().filter(pk__in=paths_by_page), user, request)
    return [
        (page, model_path.split(".")[0])
        for page in pages.specific()
        for model_path in paths_by_page[page.pk]
        if still_uses(page, model_path, document)
    ]


def record_uses(
    document: Model, user: Viewer, request: HttpRequest | None = None
) -> list[tuple[Any, str]]:
    """(record, model path) for each use of `document` by a meeting occurrence's record whose
    live meeting this viewer may open."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(OccurrenceRecord)
    )
    paths_by_record: dict[int, set[str]] = {}
    for object_id, model_path in references.values_list("object_id", "model_path"):
        paths_by_record.setdefault(int(object_id), set()).add(model_path)
    if not paths_by_record:
        return []
    meetings = viewable_by(MeetingPage.objects.live(), user, request)
    records = (
        OccurrenceRecord.objects.filter(pk__in=paths_by_record, meeting__in=meetings)
        .select_related("meeting")
        .prefetch_related("papers")
    )
    return [
        (record, model_path)
        for record in records
        for model_path in paths_by_record[record.pk]
        if still_uses(record, model_path, document)
    ]


def still_uses(instance: Model, model_path: str, document: Model) -> bool:
    """Whether the stored content of `instance` refers to `document` at `model_path`.

    The index can outlive an inline child: publishing a material without one of its files
    deletes the file's row but leaves the material's reference to it.
    """
    # model_path starts with the field: "minutes", "papers.document", "body." (rich text),
    # or an inline relation, "files.item.document".
    name, _dot, rest = model_path.partition(".")
    try:
        # A field or an inline relation: each answers what is asked of it below.
        field: Any = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if field.one_to_many:
        child_path = rest.partition(".")[2]
        children = getattr(instance, field.get_accessor_name()).all()
        return any(still_uses(child, child_path, document) for child in children)
    if hasattr(field, "extract_references"):
        return any(
            isinstance(document, to_model) and to_id == str(document.pk)
            for to_model, to_id, _path, _content in field.extract_references(
                field.value_from_object(instance)
            )
        )
    return field.value_from_object(instance) == document.pk


def shown_at(page: Any, field_name: str) -> str:
    """The visibility at which `page` shows the documents it uses through `field_name`."""
    document_visibility = getattr(page, "document_visibility", None)
    return document_visibility(field_name) if document_visibility else Visibility.PUBLIC


def may_download(document: Model, user: Viewer, request: HttpRequest | None = None) -> bool:
    """Whether this viewer may download the document (see the module's docstring)."""
    permission_policy = policy_registry.get_by_type(type(document))
    # "change", not "choose": every coordinator may choose any document for a page.
    if permission_policy.user_has_permission_for_instance(
        user, "change", document
    ) and second_factor_given(user):
        return True
    if any(
        may_see(user, shown_at(page, field)) for page, field in live_uses(document, user, request)
    ):
        return True
    for record, model_path in record_uses(document, user, request):
        visibility = record.document_visibility(model_path, document)
        if visibility is not None and may_see(user, visibility):
            return True
    return False
