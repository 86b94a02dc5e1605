"""Reading the ONS Postcode Directory's CSV a line at a time: no database needed."""

import datetime

import pytest

from directory.onspd import MissingColumns, PostcodeFile, PostcodeRow, RowError, find_columns
from directory.textfiles import sniff_encoding

REDDITCH, WYCHAVON, DUDLEY = "E07000236", "E07000238", "E08000027"
#: The older ONSPD layout: the district in `oslaua`, the postcode in pcd/pcd2/pcds.
OLD_HEADER = '"pcd","pcd2","pcds","dointr","doterm","oscty","ced","oslaua","osward","lat","long"'
#: The newer layout: lad<yy>cd, pcd7/pcd8, no pcds.
NEW_HEADER = "pcd7,pcd8,dointr,doterm,usrtypind,cty25cd,lad24cd,lad25cd,wd25cd,lat,long"


def old_row(pcds, district, doterm=""):
    outward, inward = pcds.split()
    pcd = outward.ljust(4) + inward  # fixed width: "B97 4AA", "B1  1AA", "WR143AA"
    return (
        f'"{pcd}","{outward.ljust(4)} {inward}","{pcds}","199801","{doterm}","E10000034",'
        f'"E58001500","{district}","E05007700",52.3,-1.9'
    )


def new_row(pcds, district, doterm="", old_district="E07000999"):
    outward, inward = pcds.split()
    return (
        f"{outward.ljust(4) + inward},{outward.ljust(4)} {inward},199801,{doterm},0,E10000034,"
        f"{old_district},{district},E05007700,52.3,-1.9"
    )


def lines(header, *rows, encoding="utf-8"):
    """A file's lines as an open binary file gives them."""
    return [f"{line}\r\n".encode(encoding) for line in (header, *rows)]


def read(data, districts=(REDDITCH, WYCHAVON)):
    source = PostcodeFile(data, districts)
    items = list(source)
    return (
        source,
        [i for i in items if isinstance(i, PostcodeRow)],
        [i for i in items if isinstance(i, RowError)],
    )


def test_the_older_layout_takes_the_district_from_oslaua_and_the_postcode_from_pcds():
    source, rows, errors = read(lines(OLD_HEADER, old_row("B97 4AA", REDDITCH)))

    assert (source.columns.district_name, source.columns.postcode_name) == ("oslaua", "pcds")
    assert rows == [PostcodeRow(2, "B97 4AA", "B97", REDDITCH, None)]
    assert errors == []


def test_the_newer_layout_takes_the_newest_lad_column_and_the_fixed_width_pcd7():
    source, rows, _errors = read(
        lines(NEW_HEADER, new_row("WR14 3AA", WYCHAVON), new_row("B1 1AA", REDDITCH))
    )

    assert (source.columns.district_name, source.columns.postcode_name) == ("lad25cd", "pcd7")
    assert [(r.postcode, r.outward_code, r.district) for r in rows] == [
        ("WR14 3AA", "WR14", WYCHAVON),
        ("B1 1AA", "B1", REDDITCH),
    ]


@pytest.mark.parametrize(
    ("header", "postcode", "district"),
    [
        ("pcd,pcd2,laua,doterm", "pcd", "laua"),  # the NSPL
        ("PCD8,LAD23CD,DOTERM", "pcd8", "lad23cd"),  # upper-case headings
        ("pcds,pcd,ladcd", "pcds", "ladcd"),  # pcds wins over pcd
        ("pcd,lad19cd,lad21cd,lad20cd", "pcd", "lad21cd"),
    ],
)
def test_the_columns_are_found_in_each_release(header, postcode, district):
    columns = find_columns(header.split(","))

    assert (columns.postcode_name, columns.district_name) == (postcode, district)


def test_a_file_without_a_postcode_or_a_district_column_names_what_is_missing():
    with pytest.raises(MissingColumns) as raised:
        list(PostcodeFile(lines("postcode,district,doterm", "B97 4AA,E07000236,"), [REDDITCH]))

    assert "pcds, pcd, pcd7 or pcd8" in str(raised.value)
    assert "oslaua, laua or lad<yy>cd" in str(raised.value)


def test_terminated_postcodes_are_kept_with_their_month():
    _source, rows, _errors = read(lines(OLD_HEADER, old_row("B97 4ZZ", REDDITCH, "201506")))

    assert rows[0].terminated_on == datetime.date(2015, 6, 1)


def test_rows_of_other_districts_are_counted_not_yielded_and_mark_their_outward_code():
    source, rows, _errors = read(
        lines(
            OLD_HEADER,
            old_row("B96 6AA", REDDITCH),
            old_row("B96 6HT", WYCHAVON),
            old_row("DY9 7AA", DUDLEY),
        )
    )

    assert [r.postcode for r in rows] == ["B96 6AA", "B96 6HT"]
    assert source.skipped == 1 and source.read == 3
    assert source.outward_districts == {"B96": {REDDITCH, WYCHAVON}, "DY9": {DUDLEY}}


def test_broken_rows_are_reported_with_their_line_and_reading_goes_on():
    _source, rows, errors = read(
        lines(
            OLD_HEADER,
            old_row("B97 4AA", REDDITCH),
            '"B97 4AB","B97  4AB","B97 4AB"',
            old_row("B97 4AD", REDDITCH).replace('"B97 4AD"', '"NOT A PC"'),
            old_row("B97 4AE", REDDITCH, "2015-06"),
            old_row("B97 4AF", REDDITCH),
        )
    )

    assert [r.postcode for r in rows] == ["B97 4AA", "B97 4AF"]
    assert [str(e) for e in errors] == [
        "line 3, postcode B97 4AB: 3 columns where the header has 11",
        "line 4, postcode NOT A PC: “NOT A PC” is not a postcode",
        "line 5, postcode B97 4AE: the termination date “2015-06” is not a month (YYYYMM)",
    ]


def test_a_line_that_is_not_text_in_the_file_s_encoding_stops_reading_at_that_line():
    # Beyond the sample that decides the encoding (UTF-8 here), a byte that is not UTF-8.
    data = lines(
        OLD_HEADER, *[old_row(f"B97 {n % 10}A{'ABD'[n // 10 % 3]}", DUDLEY) for n in range(1000)]
    )
    data += lines(old_row("B97 4AA", REDDITCH))
    data.append(b'"B97 4AD","\xe9"\r\n')
    data += lines(old_row("B97 4AE", REDDITCH))

    _source, rows, errors = read(data)

    assert [r.postcode for r in rows] == ["B97 4AA"]
    assert [e.line for e in errors] == [1003]
    assert "not UTF-8 text" in errors[0].reason


def test_a_utf16_file_is_refused_on_its_first_line():
    data = [("\r\n".join([OLD_HEADER, old_row("B97 4AA", REDDITCH)])).encode("utf-16")]

    _source, rows, errors = read(data)

    assert rows == [] and errors[0].line == 1
    assert "UTF-16" in errors[0].reason


def test_a_byte_order_mark_and_windows_1252_are_read():
    with_bom = lines(OLD_HEADER, old_row("B97 4AA", REDDITCH))
    with_bom[0] = b"\xef\xbb\xbf" + with_bom[0]
    cp1252 = lines(
        OLD_HEADER + ',"note"', old_row("B97 4AA", REDDITCH) + ',"Caf\xe9"', encoding="cp1252"
    )

    assert [r.postcode for r in read(with_bom)[1]] == ["B97 4AA"]
    assert [r.postcode for r in read(cp1252)[1]] == ["B97 4AA"]
    assert sniff_encoding(b"caf\xc3") == "cp1252"
    assert sniff_encoding(b"caf\xc3", whole=False) == "utf-8"


def test_a_file_is_read_as_its_rows_are_asked_for_never_all_at_once():
    pulled = []

    def national_file():
        yield f"{OLD_HEADER}\r\n".encode()
        for n in range(100_000):
            pulled.append(n)
            yield (old_row("B97 4AA", REDDITCH) + "\r\n").encode()

    rows = iter(PostcodeFile(national_file(), [REDDITCH]))
    first = next(rows)

    assert first.line == 2
    # Only the sample that decides the encoding (64 KiB) has been read ahead.
    assert len(pulled) < 1_000
