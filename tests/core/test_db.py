"""core.db: the bulk insert the register import writes schools with."""

import datetime as dt

import pytest
import time_machine
from django.db import DataError, connection, transaction

from core.db import bulk_insert, bulk_update
from core.enums import Visibility
from directory.enums import OrganisationKind
from directory.models import Organisation, Person

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC), tick=False)
def test_rows_are_written_as_bulk_create_writes_them_with_their_keys_in_order():
    organisations = [
        Organisation(name="Abbey Primary", kind=OrganisationKind.SCHOOL, urn=7, phase="primary"),
        Organisation(name="Lantern Project", kind=OrganisationKind.VOLUNTARY_GROUP, address="x"),
    ]
    bulk_insert(organisations)
    people = [
        Person(name="Ann Head", organisation=organisations[1], visibility=Visibility.PARTNERS),
        Person(name="Bob", job_title="DSL"),
    ]

    bulk_insert(people)

    assert [o.pk for o in organisations] == sorted(o.pk for o in organisations)
    assert not any(o._state.adding for o in organisations + people)
    assert list(
        Organisation.objects.order_by("pk").values_list(
            "pk", "name", "kind", "urn", "phase", "address", "email", "dsl", "updated_at"
        )
    ) == [
        (organisations[0].pk, "Abbey Primary", "school", 7, "primary", "", "", None,
         dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)),
        (organisations[1].pk, "Lantern Project", "voluntary_group", None, "", "x", "", None,
         dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)),
    ]  # fmt: skip
    assert list(
        Person.objects.order_by("pk").values_list("pk", "name", "organisation", "visibility")
    ) == [
        (people[0].pk, "Ann Head", organisations[1].pk, "partners"),
        (people[1].pk, "Bob", None, "partners"),
    ]
    assert bulk_insert([]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps any length")
def test_a_value_too_long_for_its_column_is_refused_not_cut_short():
    with pytest.raises(DataError), transaction.atomic():
        bulk_insert([Organisation(name="x", kind=OrganisationKind.SCHOOL, postcode="B" * 11)])


def test_only_the_named_fields_are_updated_row_by_row():
    first, second = bulk_insert(
        [
            Organisation(name="Old One", kind=OrganisationKind.SCHOOL, phone="1"),
            Organisation(name="Old Two", kind=OrganisationKind.SCHOOL, phone="2"),
        ]
    )
    head = bulk_insert([Person(name="Ann", organisation=first)])[0]
    first.name, first.phone, second.name, second.phone = "New One", "9", "New Two", "9"
    head.name, head.organisation = "Ann Head", second

    bulk_update([first, second], ["name"])
    bulk_update([head], ["name", "organisation"])
    bulk_update([], ["name"])

    assert list(Organisation.objects.order_by("pk").values_list("name", "phone")) == [
        ("New One", "1"),
        ("New Two", "2"),
    ]
    assert Person.objects.values_list("name", "organisation").get() == ("Ann Head", second.pk)
