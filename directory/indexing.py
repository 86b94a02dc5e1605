"""Wagtail's search index and reference index for rows written in bulk.

`bulk_create` and `bulk_update` send no `post_save` signal, so neither index hears of the rows;
saving them one by one (and indexing each in its own task) is what made a national import slow.
`index_in_bulk` does both indexes' work for a batch in a fixed number of queries.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import RelatedFields, insert_or_update_object
from wagtail.search.models import IndexEntry


def index_in_bulk(model, objects):
    """Add or update `objects` (saved instances of `model`) in the search and reference
    indexes, as their `post_save` signal handlers would one at a time."""
    objects = [o for o in objects if o.pk is not None]
    if not objects:
        return
    # What the index reads through a relation (an organisation's tags) in one query each, not
    # one per object; dropped again below.
    related = [f.field_name for f in model.get_search_fields() if isinstance(f, RelatedFields)]
    prefetch_related_objects(objects, *related)
    for backend in get_search_backends(with_auto_update=True):
        if backend.__class__.__name__ == "SQLiteSearchBackend":
            # Its add_bulk updates an existing entry with one UPDATE per object; entries
            # removed first (one DELETE; triggers keep the FTS table in step) are all inserted
            # again in one bulk INSERT.
            IndexEntry.objects.filter(
                content_type_id=ContentType.objects.get_for_model(model).pk,
                object_id__in=[str(o.pk) for o in objects],
            )._raw_delete(using=IndexEntry.objects.db)
        backend.add_bulk(model, objects)
    if ReferenceIndex.is_indexed(model):
        _update_references(model, objects)
    for o in objects:
        # The prefetched querysets point back at their object: a cycle that would hold every
        # batch until the garbage collector's rare full pass.
        o.__dict__.pop("_prefetched_objects_cache", None)


def _update_references(model, objects):
    """ReferenceIndex.create_or_update_for_object for many objects of one model at once."""
    relations = [r.get_accessor_name() for r in get_all_child_relations(model)]
    if relations:
        prefetch_related_objects(objects, *relations)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_content_type = ContentType.objects.get_for_model(
        ([model] + model._meta.get_parent_list())[-1], for_concrete_model=False
    )
    wanted = {
        # Wagtail offers no batched form of create_or_update_for_object; this is its body.
        (str(o.pk), *reference)
        for o in objects
        for reference in ReferenceIndex._extract_references_from_object(o)
    }
    for o in objects:
        # The prefetched querysets point back at their object: a cycle that would hold every
        # batch until the garbage collector's rare full pass.
        o.__dict__.pop("_prefetched_objects_cache", None)
    existing = {
        (object_id, to_ct, to_id, model_path, content_path): pk
        for pk, object_id, to_ct, to_id, model_path, content_path in ReferenceIndex.objects.filter(
            base_content_type=base_content_type, object_id__in=[str(o.pk) for o in objects]
        ).values_list(
            "pk", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
        )
    }
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=object_id,
                to_content_type_id=to_ct,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for object_id, to_ct, to_id, model_path, content_path in wanted - existing.keys()
        ],
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )
    removed = [pk for reference, pk in existing.items() if reference not in wanted]
    if removed:
        ReferenceIndex.objects.filter(pk__in=removed).delete()


@task()
def reindex_organisation(pk):
    """Index an organisation again, if it still exists (its tags changed, or it went)."""
    organisation = apps.get_model("directory", "Organisation").objects.filter(pk=pk).first()
    if organisation is not None:
        insert_or_update_object(organisation)


def _tags_changed(instance, raw=False, **kwargs):
    """An organisation's tags are written after the organisation itself (modelcluster commits
    them once the row is saved), so the index update its own save queued may read the old tags;
    each tag added or removed queues the organisation again."""
    if not raw:
        reindex_organisation.enqueue(instance.content_object_id)


def connect_signals():
    tagged = apps.get_model("directory", "TaggedOrganisation")
    post_save.connect(_tags_changed, sender=tagged, dispatch_uid="directory-tags-indexed")
    post_delete.connect(_tags_changed, sender=tagged, dispatch_uid="directory-tags-unindexed")
