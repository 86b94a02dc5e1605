"""The register import at national scale: streamed, written in batches, indexed in bulk."""

import io
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend

from core import page_cache
from directory.importing import import_register
from directory.models import Area, Organisation, Person, Postcode
from directory.search import organisations_matching
from tests.directory.factories import SchoolFactory
from tests.directory.test_gias import HEADER, register, row
from tests.directory.test_importing import run

pytestmark = pytest.mark.django_db


def search(query, model):
    """What Wagtail's search backend finds: the index the import must keep up to date."""
    return list(get_search_backend().search(query, model))


def schools(count, *, start=1, **values):
    return [row(urn=str(start + n), name=f"School {start + n}", **values) for n in range(count)]


def queries_to_import(data, batch_size):
    """The round trips an import makes. SQLite takes at most 999 values a statement, so Django
    sends one bulk INSERT or UPDATE there as several in a row: those count once, as on
    PostgreSQL."""
    with CaptureQueriesContext(connection) as queries:
        report = import_register(data, batch_size=batch_size)
    assert report.written
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "sqlite":
        statements = [
            sql
            for n, sql in enumerate(statements)
            if not (_table(sql) and n and _table(statements[n - 1]) == _table(sql))
        ]
    return len(statements)


def _table(sql):
    """ "INSERT INTO "t" or "UPDATE "t" for a bulk write's statement, else None."""
    if sql.startswith("INSERT"):
        return sql.split("(")[0]
    if sql.startswith("UPDATE") and " = CASE WHEN " in sql:
        return sql.split(" SET ")[0]
    return None


def test_the_queries_grow_with_the_batches_not_the_rows(area):
    import_register(register(row(urn="999999")))  # the search backend's one-off checks
    small = queries_to_import(register(*schools(30)), batch_size=10)
    large = queries_to_import(register(*schools(3000, start=100)), batch_size=1000)

    # Three batches each: the same number of queries for a hundred times the rows.
    assert small == large
    assert Organisation.objects.filter(area=area).count() == 3031
    assert Person.objects.count() == 3031


def test_a_second_import_updates_in_the_same_fixed_number_of_queries(area):
    import_register(register(*schools(30)), batch_size=10)
    import_register(register(*schools(600, start=100)), batch_size=200)

    small = queries_to_import(register(*schools(30, postcode="B98 0AA")), batch_size=10)
    large = queries_to_import(
        register(*schools(600, start=100, postcode="B98 0AA")), batch_size=200
    )

    assert small == large
    assert set(Organisation.objects.values_list("postcode", flat=True)) == {"B98 0AA"}


def test_a_written_import_retires_cached_pages_and_a_dry_run_does_not(area):
    before = page_cache.version()
    import_register(register(*schools(3)), dry_run=True)
    assert page_cache.version() == before

    import_register(register(*schools(3)))
    assert page_cache.version() > before


def register_file(path, rows, *, kept_every):
    """A register of `rows` rows and 140 columns, written a row at a time; one row in
    `kept_every` is in the county, the rest belong to other local authorities."""
    extra = [f"Column {n}" for n in range(140 - HEADER.count(",") - 1)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join([HEADER, *extra]) + "\r\n")
        for n in range(1, rows + 1):
            la = "Worcestershire" if n % kept_every == 0 else "Somewhere Else"
            out.write(",".join([row(urn=str(n), la=la), *(f"value {n}" for _ in extra)]) + "\r\n")
    return path


def peak_memory_of_import(path):
    tracemalloc.start()
    try:
        with path.open("rb") as lines:
            # Both files fill at least one batch: what is measured is the file's size.
            report = import_register(lines, batch_size=100)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.written and report.invalid == 0
    return peak, report


def test_memory_stays_flat_whatever_the_size_of_the_file(tmp_path, area):
    small = register_file(tmp_path / "small.csv", 2000, kept_every=20)
    large = register_file(tmp_path / "large.csv", 20000, kept_every=20)
    assert large.stat().st_size > 25_000_000

    small_peak, _report = peak_memory_of_import(small)
    Organisation.objects.all().delete()
    large_peak, report = peak_memory_of_import(large)

    assert (report.created, report.skipped) == (1000, 19000)
    # Ten times the rows (25 MB more file) cost less than 1 MB more at the peak: the URNs
    # seen, never the rows.
    assert large_peak - small_peak < 1_000_000, (small_peak, large_peak)


def test_a_bad_row_late_in_the_file_leaves_everything_as_it_was(tmp_path, area):
    SchoolFactory(urn=1, name="Kept Name", postcode="B97 4AA")
    data = register(*schools(2500), row(urn="x9"))

    status, out, err = run(tmp_path, data)

    assert status == 1
    assert "line 2502, URN x9" in err
    assert out.splitlines()[-1] == "created 2499, updated 1, unchanged 0, skipped 0, invalid 1"
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Kept Name"]
    assert not Person.objects.exists()


def test_a_dry_run_of_a_large_file_writes_nothing(tmp_path, area):
    status, out, _err = run(tmp_path, register(*schools(1500)), "--dry-run")

    assert status == 0
    assert out.splitlines()[-1] == "created 1500, updated 0, unchanged 0, skipped 0, invalid 0"
    assert not Organisation.objects.exists()


def test_imported_schools_and_heads_are_in_the_search_and_reference_indexes(tmp_path, area):
    run(tmp_path, register(row(urn="7", name="Zanzibar Academy", head=("Dr", "Quilla", "Ng"))))

    school = Organisation.objects.get(urn=7)
    assert search("Zanzibar", Organisation) == [school]
    assert [p.name for p in search("Quilla", Person)] == ["Dr Quilla Ng"]
    assert list(organisations_matching(["Zanzibar"])) == [school]
    # The area's usage (Wagtail's "used by") counts the school, as a save would have.
    assert ReferenceIndex.get_references_to(area).count() == 1


def test_renamed_schools_are_found_by_their_new_name(tmp_path, area):
    run(tmp_path, register(row(urn="7", name="Zanzibar Academy")))

    run(tmp_path, register(row(urn="7", name="Quokka Academy")))

    assert [o.name for o in search("Quokka", Organisation)] == ["Quokka Academy"]
    assert search("Zanzibar", Organisation) == []


def test_the_area_is_derived_from_the_postcode_directory(tmp_path, shipped_postcodes):
    postcode = Postcode.objects.select_related("area").order_by("postcode").first()

    run(tmp_path, register(row(urn="1", postcode=postcode.postcode), row(urn="2", postcode="")))

    assert Organisation.objects.get(urn=1).area == postcode.area
    assert Organisation.objects.get(urn=2).area is None


def test_an_editors_choice_of_area_survives_an_import(tmp_path, area):
    other = Area.objects.create(name="Elsewhere", slug="elsewhere")
    SchoolFactory(urn=1, name="Old", postcode="B97 4AA", area=other)

    run(tmp_path, register(row(urn="1", name="New")))

    assert Organisation.objects.get(urn=1).area == other


@pytest.mark.parametrize("loaded", [True, False], ids=["postcode directory", "outward codes"])
def test_areas_for_many_postcodes_agree_with_one_at_a_time(request, loaded):
    if loaded:
        request.getfixturevalue("shipped_postcodes")
        sample = list(Postcode.objects.values_list("postcode", flat=True)[:40])
    else:
        Area.objects.create(name="Redditch", slug="redditch", outward_codes="B97 B98")
        Area.objects.create(name="Bromsgrove", slug="bromsgrove", outward_codes="B60 B98")
        sample = ["B97 4AA", "B98 0AA", "B60 1AA"]
    postcodes = [*sample, "", "not one", "ZZ1 1ZZ", "WR11 9ZZ", "B97"]

    with CaptureQueriesContext(connection) as queries:
        found = Area.objects.for_postcodes(postcodes)

    assert len(queries) <= 5
    assert found == {p: getattr(Area.objects.for_postcode(p), "pk", None) for p in postcodes}, (
        postcodes
    )


def test_a_windows_1252_name_far_down_the_file_is_read(area):
    late = row(urn="99999", name="Saint Nazaire’s Café School")
    data = ("\r\n".join([HEADER, *schools(3000), late]) + "\r\n").encode("cp1252")

    import_register(io.BytesIO(data))

    assert Organisation.objects.get(urn=99999).name == "Saint Nazaire’s Café School"


def test_a_file_read_again_unchanged_writes_nothing_and_keeps_the_page_cache(area):
    data = register(*schools(30))
    import_register(data, batch_size=10)
    before = page_cache.version()

    with CaptureQueriesContext(connection) as queries:
        report = import_register(data, batch_size=10)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 30)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # Two lookups a batch (schools, then their heads), no write and no ANALYZE.
    assert set(statements) <= {"SELECT", "SAVEPOINT", "RELEASE"}, statements
    assert statements.count("SELECT") == 6
    assert page_cache.version() == before
