"""`import_postcodes`: the county's postcodes from the ONS Postcode Directory, all or nothing."""

import io
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from directory.demo import POSTCODES_FILE
from directory.importing import import_postcodes
from directory.models import OutwardCode, Place, Postcode
from tests.directory.test_onspd import NEW_HEADER, OLD_HEADER, lines, new_row, old_row

pytestmark = pytest.mark.django_db

REDDITCH, WYCHAVON, DUDLEY = "E07000236", "E07000238", "E08000027"


def run(tmp_path, data, *args):
    path = tmp_path / "onspd.csv"
    path.write_bytes(data if isinstance(data, bytes) else b"".join(data))
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_postcodes", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


def stored():
    return dict(Postcode.objects.values_list("postcode", "area__slug"))


def test_the_shipped_file_keeps_the_county_s_postcodes_and_drops_the_others(tmp_path, districts):
    status, out, err = run(tmp_path, POSTCODES_FILE.read_bytes())

    assert status == 0, err
    postcodes = stored()
    assert postcodes["DY9 0AA"] == "bromsgrove" and postcodes["B47 6AA"] == "bromsgrove"
    assert postcodes["WR8 0AA"] == "malvern-hills" and postcodes["WR8 9AA"] == "wychavon"
    assert not {"DY9 7AA", "B1 1AA", "GL20 5AA", "B80 7AA"} & postcodes.keys()
    assert set(postcodes.values()) == set(districts)
    assert "Read the postcode from “pcds” and the district from “oslaua”." in out
    assert (
        f"created {len(postcodes)}, updated 0, unchanged 0, removed 0, skipped 9, invalid 0" in out
    )
    assert Postcode.objects.get(postcode="B97 4ZZ").terminated_on.isoformat() == "2015-06-01"


def test_outward_codes_record_their_districts_and_whether_they_leave_the_county(shipped_postcodes):
    codes = {
        o.code: ({a.slug for a in o.areas.all()}, o.partly_outside)
        for o in OutwardCode.objects.prefetch_related("areas")
    }

    assert codes["B96"] == ({"redditch", "wychavon"}, False)
    assert codes["WR8"] == ({"malvern-hills", "wychavon"}, False)
    assert codes["DY9"] == ({"bromsgrove"}, True)  # Stourbridge is in Dudley
    assert codes["B97"] == ({"redditch"}, False)
    assert "B1" not in codes


def test_a_newer_release_with_lad25cd_and_pcd7_is_read(tmp_path, districts):
    status, out, _err = run(
        tmp_path, lines(NEW_HEADER, new_row("B97 4AA", REDDITCH), new_row("WR11 4AA", WYCHAVON))
    )

    assert status == 0
    assert stored() == {"B97 4AA": "redditch", "WR11 4AA": "wychavon"}
    assert "from “pcd7” and the district from “lad25cd”" in out


def test_a_second_import_replaces_the_set_and_reports_what_changed(tmp_path, districts):
    run(tmp_path, lines(OLD_HEADER, old_row("B97 4AA", REDDITCH), old_row("B97 4AB", REDDITCH)))

    status, out, _err = run(
        tmp_path,
        lines(
            OLD_HEADER,
            old_row("B97 4AA", REDDITCH),
            old_row("B97 4AB", REDDITCH, "202401"),
            old_row("B96 6HT", WYCHAVON),
        ),
    )

    assert status == 0
    assert out.splitlines()[-1] == (
        "created 1, updated 1, unchanged 1, removed 0, skipped 0, invalid 0"
    )
    assert stored() == {"B97 4AA": "redditch", "B97 4AB": "redditch", "B96 6HT": "wychavon"}
    _status, out, _err = run(tmp_path, lines(OLD_HEADER, old_row("B97 4AA", REDDITCH)))
    assert "removed 2" in out.splitlines()[-1]
    assert stored() == {"B97 4AA": "redditch"}
    assert list(OutwardCode.objects.values_list("code", flat=True)) == ["B97"]


def test_a_dry_run_writes_nothing_and_says_what_would_happen(tmp_path, shipped_postcodes):
    before = stored()

    status, out, _err = run(
        tmp_path,
        lines(OLD_HEADER, old_row("B97 4AA", REDDITCH), old_row("B97 9XX", REDDITCH)),
        "--dry-run",
    )

    assert status == 0
    assert "Dry run: nothing was written." in out
    assert out.splitlines()[-1].startswith("created 1, updated 0, unchanged 1, removed ")
    assert stored() == before


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(
            lines(OLD_HEADER, old_row("B97 4AA", REDDITCH), '"B97 4AB","B97  4AB"'), id="short line"
        ),
        pytest.param(
            lines(OLD_HEADER, old_row("B97 4AA", REDDITCH), old_row("B97 4AB", REDDITCH, "June")),
            id="bad value",
        ),
        pytest.param(
            lines(OLD_HEADER, old_row("B97 4AA", REDDITCH), old_row("B97 4AA", REDDITCH)),
            id="twice",
        ),
        pytest.param(
            [("\r\n".join([OLD_HEADER, old_row("B97 4AA", REDDITCH)])).encode("utf-16")],
            id="utf-16",
        ),
    ],
)
def test_a_broken_file_names_the_line_exits_1_and_loses_nothing(
    tmp_path, shipped_postcodes, broken
):
    before = stored()
    codes = OutwardCode.objects.count()

    status, out, err = run(tmp_path, broken)

    assert status == 1
    assert err.startswith("line ")
    assert "Nothing was written" in err and "The postcodes loaded before are kept." in err
    assert stored() == before
    assert OutwardCode.objects.count() == codes


def test_a_line_that_breaks_the_encoding_deep_in_the_file_is_named(tmp_path, shipped_postcodes):
    before = stored()
    data = lines(OLD_HEADER, *[old_row(f"B1 {n % 10}AA", "E08000025") for n in range(2000)])
    data.append(b'"B97 4AD","\xe9"\r\n')

    status, _out, err = run(tmp_path, data)

    assert status == 1
    assert err.startswith("line 2002, postcode (none): this line is not UTF-8 text")
    assert stored() == before


def test_a_file_without_the_district_column_is_refused_by_name(tmp_path, shipped_postcodes):
    before = stored()

    with pytest.raises(CommandError, match=r"oslaua, laua or lad<yy>cd"):
        run(tmp_path, lines("pcds,doterm", "B97 4AA,"))

    assert stored() == before


def test_a_file_with_none_of_the_county_s_districts_replaces_nothing(tmp_path, shipped_postcodes):
    before = stored()

    with pytest.raises(CommandError, match="no postcode in the county's districts"):
        run(tmp_path, lines(OLD_HEADER, old_row("DY9 7AA", DUDLEY)))

    assert stored() == before


def test_without_any_area_s_ons_code_the_import_says_what_to_do_first(tmp_path, db):
    with pytest.raises(CommandError, match="No area has its ONS district code yet"):
        run(tmp_path, lines(OLD_HEADER, old_row("B97 4AA", REDDITCH)))


def test_a_national_file_streams_through_in_flat_memory(districts):
    """100,000 rows (13 MB) as a generator that can be read only once: the importer never holds
    them. Memory grows with the county's postcodes (here 200), not with the file: holding the
    file's lines alone would take more than the bound. (Measuring slows Python tenfold, so the
    file is not the national 2.7 million rows.)"""
    header = (
        b'"pcd","pcd2","pcds","dointr","doterm","oscty","ced","oslaua","osward","parish",'
        b'"usertype","oseast1m","osnrth1m","lat","long"\r\n'
    )

    def national_file(rows):
        yield header
        for n in range(rows):
            k = n // 500 if n % 500 == 0 else n  # every 500th row is Redditch's
            district, outward = (REDDITCH, "B97") if n % 500 == 0 else (DUDLEY, f"DY{n % 97}")
            inward = f"{k // 676 % 10}{chr(65 + k // 26 % 26)}{chr(65 + k % 26)}"
            yield (
                f'"{outward.ljust(4)}{inward}","{outward.ljust(4)} {inward}","{outward} {inward}",'
                f'"199801","","E10000034","E58001500","{district}","E05007700","E04010100",'
                f"0,404300,267300,52.306,-1.937\r\n"
            ).encode()

    assert sum(len(line) for line in national_file(100_000)) > 13_000_000
    tracemalloc.start()
    try:
        report = import_postcodes(national_file(100_000))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert report.written and report.skipped == 99_800
    assert Postcode.objects.count() == report.created == 200
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MiB"


def test_import_places_adds_the_missing_towns_and_refuses_an_unknown_district(tmp_path, districts):
    good = tmp_path / "places.csv"
    good.write_bytes(b"name,district,outward_codes\r\nHagley,E07000234,DY9\r\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name,district,outward_codes\r\nInkberrow,E07000238,WR7\r\nNowhere,E0,\r\n")
    out = io.StringIO()

    call_command("import_places", str(good), stdout=out)
    call_command("import_places", str(good), stdout=out)
    with pytest.raises(SystemExit):
        call_command("import_places", str(bad), stdout=out, stderr=io.StringIO())

    assert out.getvalue().splitlines() == [
        "created 1, unchanged 0",
        "created 0, unchanged 1",
        "created 0, unchanged 0",  # Inkberrow was not kept: the file had an unknown district
    ]
    assert list(Place.objects.values_list("name", "area__slug", "outward_codes")) == [
        ("Hagley", "bromsgrove", "DY9")
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b"name,district\r\n,E07000234\r\n",
            "line 2: the place has no name",
        ),
        (
            "name,district\r\nHagley,E07000234\r\n".encode("utf-16"),
            "line 1: the file is UTF-16",
        ),
        (
            b'name,district\r\n"Hagley' + b"x" * 140_000 + b'",E07000234\r\n',
            "line 2: this line is not a CSV row",
        ),
    ],
    ids=["no name", "utf-16", "huge field"],
)
def test_import_places_names_the_line_of_a_broken_file_and_writes_nothing(
    tmp_path, districts, data, message
):
    path = tmp_path / "places.csv"
    path.write_bytes(data)
    errors = io.StringIO()
    with pytest.raises((SystemExit, CommandError)) as raised:
        call_command("import_places", str(path), stdout=io.StringIO(), stderr=errors)
    said = errors.getvalue() + (str(raised.value) if raised.type is CommandError else "")
    assert message in said
    assert not Place.objects.exists()


def test_import_places_reads_a_windows_1252_file(tmp_path, districts):
    """Saved by a spreadsheet in Windows-1252: an accented name arrives as typed."""
    path = tmp_path / "places.csv"
    path.write_bytes("name,district\r\nBromsgrove Café Quarter,E07000234\r\n".encode("cp1252"))
    call_command("import_places", str(path), stdout=io.StringIO())
    assert list(Place.objects.values_list("name", flat=True)) == ["Bromsgrove Café Quarter"]
