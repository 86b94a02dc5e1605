"""`index_in_bulk` writes the search index entries that Wagtail's own backend writes, faster."""

from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from directory.enums import OrganisationKind
from directory.indexing import index_in_bulk
from directory.models import Organisation, PartnershipPage, Person
from tests.directory.factories import OrganisationFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db
postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's entries are written by our own SQL"
)


def entries(model):
    return sorted(
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
        .values_list("object_id", "title", "autocomplete", "body", "title_text", "body_text")
        .order_by("object_id")
    )


def as_the_backend_writes_them(model, objects):
    IndexEntry.objects.all().delete()
    get_search_backend().add_bulk(model, objects)
    return entries(model)


def as_index_in_bulk_writes_them(model, objects):
    IndexEntry.objects.all().delete()
    index_in_bulk(model, objects)
    return entries(model)


@postgresql
def test_the_entries_are_the_ones_the_search_backend_writes(lct):
    tagged = OrganisationFactory(
        name="  Lantern Project ", address="Mill Lane,\nRedditch", postcode="B97 4AA"
    )
    # Several tags, one ending in a stop word: each is a vector of its own, in tagging order.
    tagged.tags.add("drop in", "safety of", "detached youth work")
    tagged.save()
    organisations = [
        tagged,
        SchoolFactory(name="Abbey Primary", address="   ", postcode=""),
        OrganisationFactory(name="Old Kind", kind="no_longer_a_choice"),
    ]
    people = [PersonFactory(name="Dr Quilla Ng", job_title=""), PersonFactory(name="Ann Head")]
    lct.purpose = "Keeping children safe in Redditch"
    lct.save()

    for model, objects in [
        (Organisation, organisations),
        (Person, people),
        # A page: a boosted title, its own weights and the autocomplete config.
        (PartnershipPage, [lct]),
    ]:
        expected = as_the_backend_writes_them(model, objects)
        assert len(expected) == len(objects)

        assert as_index_in_bulk_writes_them(model, objects) == expected, model


@postgresql
def test_each_search_field_is_read_once_per_object(area):
    organisations = [OrganisationFactory(kind=OrganisationKind.POLICE) for _ in range(3)]

    with mock.patch.object(
        Organisation, "kind_label", autospec=True, side_effect=lambda o: "Police"
    ) as kind_label:
        index_in_bulk(Organisation, organisations)

    # The backend's own add_bulk reads it five times: title, body, autocomplete, plain texts.
    assert kind_label.call_count == 3


def test_the_kind_label_is_the_kinds_name_or_an_unknown_kind_as_it_is():
    assert Organisation(kind=OrganisationKind.POLICE).kind_label() == "Police"
    assert Organisation(kind="no_longer_a_choice").kind_label() == "no_longer_a_choice"


def references():
    return sorted(
        ReferenceIndex.objects.values_list(
            "content_type",
            "base_content_type",
            "object_id",
            "to_content_type",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        )
    )


def test_the_references_are_the_ones_wagtail_records_object_by_object(area):
    dsl = PersonFactory()
    tagged = SchoolFactory(area=area, dsl=dsl)
    tagged.tags.add("online safety", "drop in")
    tagged.save()
    organisations = [tagged, SchoolFactory(area=area), OrganisationFactory()]
    people = [PersonFactory(organisation=o) for o in organisations]
    expected = {}
    for model, objects in [(Organisation, organisations), (Person, people)]:
        ReferenceIndex.objects.all().delete()
        for o in objects:
            ReferenceIndex.create_or_update_for_object(o)
        expected[model] = references()

    for model, objects in [(Organisation, organisations), (Person, people)]:
        ReferenceIndex.objects.all().delete()
        index_in_bulk(model, objects)

        assert references() == expected[model], model


def test_references_gone_from_an_object_are_removed_and_the_rest_kept(area):
    dsl = PersonFactory()
    school = SchoolFactory(area=area, dsl=dsl)
    index_in_bulk(Organisation, [school])
    kept = ReferenceIndex.objects.get(model_path="area").pk

    school.dsl = None
    index_in_bulk(Organisation, [school])

    assert list(ReferenceIndex.objects.values_list("pk", "model_path")) == [(kept, "area")]
