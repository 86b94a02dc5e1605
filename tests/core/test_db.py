"""core.db: the bulk insert the register import writes schools with."""

import datetime as dt

import pytest
import time_machine
from django.db import DataError, connection, transaction

from core.db import bulk_insert
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
