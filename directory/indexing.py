"""Wagtail's search index and reference index for rows written in bulk.

`bulk_create` and `bulk_update` send no `post_save` signal, so neither index hears of the rows;
saving them one by one (and indexing each in its own task) is what made a national import slow.
`index_in_bulk` does both indexes' work for a batch in a fixed number of queries.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import ForeignObjectRel, prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelcluster.models import get_all_child_relations
from modelcluster.queryset import FakeQuerySet
from modelsearch.backends.database.postgres.postgres import ObjectIndexer, PostgresSearchBackend
from modelsearch.utils import balanced_reduce
from taggit.managers import TaggableManager
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import (
    AutocompleteField,
    RelatedFields,
    SearchField,
    insert_or_update_object,
)
from wagtail.search.models import IndexEntry

from core.db import binary_cursor


def index_in_bulk(model, objects):
    """Add or update `objects` (saved instances of `model`) in the search and reference
    indexes, as their `post_save` signal handlers would one at a time."""
    objects = [o for o in objects if o.pk is not None]
    if not objects:
        return
    # What the index reads through a relation (an organisation's tags) in one query each, not
    # one per object; dropped again below.
    related = [f.field_name for f in model.get_search_fields() if isinstance(f, RelatedFields)]
    _prefetch(objects, [model._meta.get_field(name) for name in related])
    for backend in get_search_backends(with_auto_update=True):
        if backend.__class__.__name__ == "SQLiteSearchBackend":
            # Its add_bulk updates an existing entry with one UPDATE per object; entries
            # removed first (one DELETE; triggers keep the FTS table in step) are all inserted
            # again in one bulk INSERT.
            IndexEntry.objects.filter(
                content_type_id=ContentType.objects.get_for_model(model).pk,
                object_id__in=[str(o.pk) for o in objects],
            )._raw_delete(using=IndexEntry.objects.db)
        if isinstance(backend, PostgresSearchBackend):
            _postgres_add_bulk(backend, model, objects)
        else:
            backend.add_bulk(model, objects)
    if ReferenceIndex.is_indexed(model):
        _update_references(model, objects)
    for o in objects:
        # The prefetched querysets point back at their object: a cycle that would hold every
        # batch until the garbage collector's rare full pass.
        o.__dict__.pop("_prefetched_objects_cache", None)


def _prefetch(objects, relations):
    """`prefetch_related_objects` for these relations of `objects` (fields of their model),
    one query each, as the indexes read them: `obj.tags.all()`, `obj.tagged_items.all()`.

    Django's builds a filtered queryset for every object before filling it in, which cost more
    than the rest of the indexing together; tags (taggit, through a foreign key) and child
    relations (reverse foreign keys, as modelcluster's) are filled in here instead, other
    relations left to Django.
    """
    pks = [o.pk for o in objects]
    for relation in relations:
        if isinstance(relation, TaggableManager) and isinstance(
            relation.through._meta.get_field("content_object"), models.ForeignKey
        ):
            # As the manager reads them: ordered by when each was tagged.
            items = relation.through._base_manager.filter(content_object_id__in=pks)
            items = items.select_related("tag").order_by("pk")
            model, cache_name = relation.through.tag_model(), relation.name
            found = {
                pk: [item.tag for item in tagged]
                for pk, tagged in _grouped(items, "content_object_id").items()
            }
        elif isinstance(relation, ForeignObjectRel) and relation.one_to_many:
            model, cache_name = relation.related_model, relation.cache_name
            attname = relation.field.attname
            found = _grouped(model._default_manager.filter(**{f"{attname}__in": pks}), attname)
        else:
            name = (
                relation.get_accessor_name()
                if isinstance(relation, ForeignObjectRel)
                else relation.name
            )
            prefetch_related_objects(objects, name)
            continue
        for o in objects:
            cache = o.__dict__.setdefault("_prefetched_objects_cache", {})
            cache[cache_name] = FakeQuerySet(model, found.get(o.pk, []))


def _grouped(rows, key):
    """{getattr(row, key): [rows]}, in the query's order."""
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _postgres_add_bulk(backend, model, objects):
    """The index entries PostgreSQL's `backend.add_bulk(model, objects)` writes, written faster.

    modelsearch reads every search field of an object five times (for the title, body,
    autocomplete and the two plain texts), compiles a Django expression per text per object and
    quotes each text into its SQL: most of a national import's time. Here each object's fields
    are read once (through modelsearch's own `ObjectIndexer.prepare_field`), and the texts go
    across as one binary array per slot, where `to_tsvector` and `setweight` build the same
    vectors. An object with fewer texts than the batch's most (fewer tags) is padded with empty
    ones: an empty vector changes nothing when concatenated, where modelsearch leaves it out.
    """
    if not model.get_search_fields():
        return
    vectors = {"title": [], "autocomplete": [], "body": []}
    title_texts, body_texts = [], []
    for obj in objects:
        indexer = ObjectIndexer(obj, backend)
        values = [
            (field, weight, value.strip())
            for search_field in indexer.search_fields
            for field, weight, value in indexer.prepare_field(obj, search_field)
        ]
        title = [(v, w) for f, w, v in values if isinstance(f, SearchField) and _is_title(f) and v]
        body = [
            (v, w) for f, w, v in values if isinstance(f, SearchField) and not _is_title(f) and v
        ]
        vectors["title"].append(title)
        vectors["body"].append(body)
        vectors["autocomplete"].append(
            [(v, w) for f, w, v in values if isinstance(f, AutocompleteField) and v]
        )
        title_texts.append(" ".join(v for v, _w in title))
        body_texts.append(" ".join(v for v, _w in body))

    columns = ["object_id", "title_text", "body_text"]
    arrays = [[str(o.pk) for o in objects], title_texts, body_texts]
    params, sql = [], {}
    for kind, texts in vectors.items():
        config = backend.autocomplete_config if kind == "autocomplete" else backend.config
        parts = []
        for slot in range(max(map(len, texts))):
            text, weight = f"{kind}_{slot}", f"{kind}_{slot}_weight"
            columns += [text, weight]
            arrays.append([t[slot][0] if slot < len(t) else "" for t in texts])
            arrays.append([t[slot][1] if slot < len(t) else "D" for t in texts])
            if config:
                params.append(config)
                parts.append(f'setweight(to_tsvector(%s::regconfig, r.{text}), r.{weight}::"char")')
            else:
                parts.append(f'setweight(to_tsvector(r.{text}), r.{weight}::"char")')
        # modelsearch's EMPTY_VECTOR when there is nothing to index
        sql[kind] = (
            balanced_reduce(lambda a, b: f"({a} || {b})", parts) if parts else "to_tsvector('')"
        )
    # modelsearch's statement but for the VALUES; only names and the SQL built above are
    # formatted in, every value is a parameter.
    statement = f"""
        INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, autocomplete,
                                                 body, title_norm, title_text, body_text)
        SELECT %s, r.object_id, {sql["title"]}, {sql["autocomplete"]}, {sql["body"]},
               1.0, r.title_text, r.body_text
        FROM unnest({", ".join(["%b::text[]"] * len(arrays))}) AS r({", ".join(columns)})
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title,
                      title_norm = 1.0,
                      autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body,
                      title_text = EXCLUDED.title_text,
                      body_text = EXCLUDED.body_text
    """  # noqa: S608
    with binary_cursor() as cursor:
        cursor.execute(statement, [ContentType.objects.get_for_model(model).pk, *params, *arrays])
    # The title norms of the new entries, as modelsearch sets them after each add_bulk.
    backend.get_index_for_model(model)._refresh_title_norms()


def _is_title(field):
    return field.field_name == "title"


def _update_references(model, objects):
    """ReferenceIndex.create_or_update_for_object for many objects of one model at once."""
    _prefetch(objects, get_all_child_relations(model))
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
    _insert_references(content_type, base_content_type, wanted - existing.keys())
    removed = [pk for reference, pk in existing.items() if reference not in wanted]
    if removed:
        ReferenceIndex.objects.filter(pk__in=removed).delete()


def _insert_references(content_type, base_content_type, references):
    """Add ReferenceIndex rows: (object_id, to_content_type_id, to_object_id, model_path,
    content_path) each; one already there is left as it is."""
    references = sorted(references)
    if not references:
        return
    hashes = [ReferenceIndex._get_content_path_hash(r[4]) for r in references]
    if connection.vendor != "postgresql":
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
                    content_path_hash=content_path_hash,
                )
                for (object_id, to_ct, to_id, model_path, content_path), content_path_hash in zip(
                    references, hashes, strict=True
                )
            ],
            ignore_conflicts=connection.features.supports_ignore_conflicts,
        )
        return
    # As bulk_create(ignore_conflicts=True) but with the values sent as a few binary arrays.
    fields = [
        "content_type",
        "base_content_type",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
        "content_path_hash",
    ]
    columns = ", ".join(ReferenceIndex._meta.get_field(name).column for name in fields)
    object_ids, to_cts, to_ids, model_paths, content_paths = map(
        list, zip(*references, strict=True)
    )
    with binary_cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {ReferenceIndex._meta.db_table} ({columns})
            SELECT %s, %s, r.* FROM unnest(
                %b::text[], %b::integer[], %b::text[], %b::text[], %b::text[], %b::uuid[]
            ) AS r
            ON CONFLICT DO NOTHING
            """,  # noqa: S608 (table and column names only)
            [
                content_type.pk,
                base_content_type.pk,
                object_ids,
                to_cts,
                to_ids,
                model_paths,
                content_paths,
                hashes,
            ],
        )


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
