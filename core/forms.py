"""Page forms shared by every page type: an editor adds only documents they may choose."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry


def document_ids_in(model, values, formsets=()):
    """The ids of the documents that `values` (field name to value) of `model` refer to.

    Reads choosers (foreign keys to the document model), and stream and rich-text fields
    through their own `extract_references`, as Wagtail's reference index does; `formsets` are
    (child model, list of values) for inline children.
    """
    document_model = get_document_model()
    found = set()
    for field in model._meta.get_fields():
        if field.name not in values:
            continue
        value = values[field.name]
        if value is None:
            continue
        if field.is_relation and field.many_to_one and field.related_model is document_model:
            found.add(value.pk if isinstance(value, document_model) else int(value))
        elif hasattr(field, "extract_references"):
            found.update(
                int(to_id)
                for to_model, to_id, _path, _content in field.extract_references(value)
                if issubclass(to_model, document_model) and str(to_id).isdigit()
            )
    for child_model, rows in formsets:
        for row in rows:
            found |= document_ids_in(child_model, row)
    return found


def _stored_values(instance):
    """Field name to value for `instance` as loaded, with its inline children's values."""
    values = {field.name: field.value_from_object(instance) for field in instance._meta.fields}
    children = []
    for relation in get_all_child_relations(type(instance)):
        rows = getattr(instance, relation.get_accessor_name()).all()
        children.append((relation.related_model, [_stored_values(row)[0] for row in rows]))
    return values, children


class ChosenDocumentsMixin:
    """A page form mixin: an editor adds only documents they may choose.

    A document that a live page shows is served at that page's visibility (the document rule),
    so an id typed into a chooser, a stream block or a rich-text link must not publish a file
    the editor cannot choose: another district's upload, a partners-only material's file.
    Documents the page already uses stay, whoever put them there. The message names the id
    only, never the title of a file the editor may not see.
    """

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None:
            return cleaned_data
        stored, stored_children = _stored_values(self.instance)
        kept = document_ids_in(type(self.instance), stored, stored_children)
        # A cluster form cleans itself before its inline formsets: clean them now to read them.
        for formset in getattr(self, "formsets", {}).values():
            formset.is_valid()
        submitted = document_ids_in(
            type(self.instance),
            cleaned_data,
            [
                (
                    formset.model,
                    [
                        form.cleaned_data
                        for form in formset.forms
                        if getattr(form, "cleaned_data", None)
                        and not form.cleaned_data.get("DELETE")
                    ],
                )
                for formset in getattr(self, "formsets", {}).values()
            ],
        )
        added = submitted - kept
        if not added:
            return cleaned_data
        policy = policy_registry.get_by_type(get_document_model())
        choosable = set(
            policy.instances_user_has_permission_for(user, "choose")
            .filter(pk__in=added)
            .values_list("pk", flat=True)
        )
        for document_id in sorted(added - choosable):
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Document %(id)s is not one you may choose: pick a file from your own "
                        "collection, or upload it there."
                    ),
                    code="document_not_yours",
                    params={"id": document_id},
                ),
            )
        return cleaned_data


class PortalPageForm(ChosenDocumentsMixin, WagtailAdminPageForm):
    """The admin form of every portal page type that needs nothing more of its own."""
