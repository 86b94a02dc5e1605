"""Reading the school register's CSV: no database needed."""

import pytest

from directory import gias
from directory.gias import MissingColumns, _school, decode, parse_register

HEADER = (
    "URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),"
    "EstablishmentStatus (name),LA (name),Street,Town,Postcode,TelephoneNum,SchoolWebsite,"
    "HeadTitle (name),HeadFirstName,HeadLastName,Extra column"
)


def register(*rows, header=HEADER):
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def row(urn="116000", name="Abbey Primary School", phase="Primary", status="Open",
        la="Worcestershire", postcode="b97 4aa", website="www.abbey.example.org",
        kind="Community school", head=("Mrs", "Ann", "Head")):  # fmt: skip
    return ",".join(
        [urn, name, kind, phase, status, la, "Church Road", "Redditch", postcode, "01527 000000",
         website, *head, "ignored"]
    )  # fmt: skip


def test_a_valid_row_becomes_a_school_with_normalised_values():
    parsed = parse_register(register(row()))

    (school,) = parsed.schools
    assert (school.urn, school.name, school.phase, school.postcode) == (
        116000, "Abbey Primary School", "primary", "B97 4AA"
    )  # fmt: skip
    assert school.website == "http://www.abbey.example.org"
    assert school.address == "Church Road, Redditch"
    assert school.head == "Mrs Ann Head"
    assert parsed.errors == [] and parsed.skipped == 0


def test_special_schools_and_middle_schools_get_our_phases():
    parsed = parse_register(
        register(
            row(urn="1", kind="Community special school", phase="Not applicable"),
            row(urn="2", phase="Middle deemed secondary"),
        )
    )

    assert [s.phase for s in parsed.schools] == ["special", "middle"]


def test_closed_schools_and_other_local_authorities_are_skipped():
    parsed = parse_register(
        register(row(urn="1"), row(urn="2", status="Closed"), row(urn="3", la="Herefordshire")),
        la="worcestershire",
    )

    assert [s.urn for s in parsed.schools] == [1]
    assert parsed.skipped == 2


def test_invalid_rows_are_reported_with_line_number_urn_and_reason():
    parsed = parse_register(
        register(
            row(urn="12a"),
            row(urn="2", name="x" * 256),
            row(urn="3", website="ftp://files.example.org"),
            row(urn="4", postcode="not one"),
            row(urn="5"),
            row(urn="5"),
        )
    )

    assert [str(e) for e in parsed.errors] == [
        "line 2, URN 12a: the URN “12a” is not a number",
        "line 3, URN 2: the name is longer than 255 characters",
        "line 4, URN 3: the website “ftp://files.example.org” is not an http or https address",
        "line 5, URN 4: “not one” is not a postcode",
        "line 7, URN 5: the URN appears twice in the file",
    ]
    assert [s.urn for s in parsed.schools] == [5]


def test_missing_required_columns_are_named_in_one_message():
    with pytest.raises(MissingColumns) as error:
        parse_register(b"URN,EstablishmentName,Town\r\n1,A,B\r\n")

    assert str(error.value) == (
        "The file is missing required columns: EstablishmentStatus (name), LA (name), "
        "PhaseOfEducation (name), Postcode. Is it a GIAS establishment export?"
    )


@pytest.mark.parametrize(
    "encoded",
    [
        "Saint Nazaire’s Café".encode(),
        b"\xef\xbb\xbf" + "Saint Nazaire’s Café".encode(),
        "Saint Nazaire’s Café".encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_the_encoding_is_detected(encoded):
    assert decode(encoded) == "Saint Nazaire’s Café"


def test_a_byte_order_mark_does_not_hide_the_first_column():
    parsed = parse_register(b"\xef\xbb\xbf" + register(row()))

    assert [s.urn for s in parsed.schools] == [116000]


def test_a_windows_1252_file_reads_accented_names():
    data = (HEADER + "\r\n" + row(name="Saint Nazaire’s Café School") + "\r\n").encode("cp1252")

    assert parse_register(data).schools[0].name == "Saint Nazaire’s Café School"


def test_short_rows_blank_lines_and_a_repeated_column_read_as_when_rows_were_dictionaries():
    header = HEADER + ",HeadLastName"
    parsed = parse_register(
        register(
            row(urn="1") + ",Second",
            "",
            row(urn="x2"),
            # Stops after the postcode: no phone, website or head.
            ",".join(row(urn="3").split(",")[:9]),
            header=header,
        )
    )

    # The last of two columns of one name counts.
    assert [(s.urn, s.head, s.website) for s in parsed.schools] == [
        (1, "Mrs Ann Second", "http://www.abbey.example.org"),
        (3, "", ""),
    ]
    # The line of the row itself, counting the blank line before it.
    assert [str(e) for e in parsed.errors] == ["line 4, URN x2: the URN “x2” is not a number"]


def test_rows_of_other_authorities_are_skipped_without_reading_their_other_cells(monkeypatch):
    read = []
    monkeypatch.setattr(gias, "_school", lambda row, line: read.append(row) or _school(row, line))

    parsed = parse_register(
        register(row(urn="1"), row(urn="2", la="Herefordshire"), row(urn="3", status="Closed")),
        la="Worcestershire",
    )

    assert [r["URN"] for r in read] == ["1"] and parsed.skipped == 2
    # Only the columns a school is read from: not the hundred-odd others of a national file.
    assert "Extra column" not in read[0]
