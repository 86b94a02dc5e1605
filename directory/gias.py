"""Reading the national school register's CSV export (GIAS): pure functions, no database.

`parse_register(data)` turns the file's bytes into `School` rows, the rows to skip (closed
schools, other local authorities) and the invalid rows with their line number, URN and reason.
Writing to the database is `directory.importing`'s job.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .enums import Phase
from .postcodes import InvalidPostcode, normalise_postcode
from .textfiles import sniff_encoding

#: Columns without which a row cannot be read.
REQUIRED_COLUMNS = [
    "URN",
    "EstablishmentName",
    "EstablishmentStatus (name)",
    "LA (name)",
    "PhaseOfEducation (name)",
    "Postcode",
]
NAME_MAX_LENGTH = 255

#: GIAS phase names to ours; a type of establishment containing "special" wins over the phase.
PHASES = {
    "nursery": Phase.NURSERY,
    "primary": Phase.PRIMARY,
    "middle deemed primary": Phase.MIDDLE,
    "middle deemed secondary": Phase.MIDDLE,
    "secondary": Phase.SECONDARY,
    "16 plus": Phase.POST_16,
    "all-through": Phase.ALL_THROUGH,
}

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_web_url = URLValidator(schemes=["http", "https"])


class MissingColumns(ValueError):
    """The file lacks required columns; the message names them all."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            "The file is missing required column"
            + ("s" if len(missing) > 1 else "")
            + ": "
            + ", ".join(missing)
            + ". Is it a GIAS establishment export?"
        )


@dataclass(frozen=True)
class School:
    line: int
    urn: int
    name: str
    phase: str
    address: str
    postcode: str
    phone: str
    website: str
    head: str


@dataclass(frozen=True)
class RowError:
    line: int
    urn: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, URN {self.urn or '(none)'}: {self.reason}"


@dataclass
class ParsedRegister:
    schools: list[School] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0


def decode(data: bytes) -> str:
    """Text of the file: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    return data.decode(sniff_encoding(data), errors="replace")


def parse_register(
    data: bytes, *, la: str | None = None, progress: Callable[[int], object] | None = None
) -> ParsedRegister:
    """Parse a GIAS export. `la` keeps one local authority's schools; `progress(n)` per row."""
    reader = csv.DictReader(io.StringIO(decode(data), newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise MissingColumns(missing)

    parsed = ParsedRegister()
    seen: set[int] = set()
    for number, row in enumerate(reader, start=1):
        if progress:
            progress(number)
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        line = reader.line_num
        if row["EstablishmentStatus (name)"].lower().startswith("closed") or (
            la and row["LA (name)"].lower() != la.strip().lower()
        ):
            parsed.skipped += 1
            continue
        try:
            school = _school(row, line)
        except ValueError as error:
            parsed.errors.append(RowError(line, row["URN"], str(error)))
            continue
        if school.urn in seen:
            parsed.errors.append(RowError(line, row["URN"], "the URN appears twice in the file"))
            continue
        seen.add(school.urn)
        parsed.schools.append(school)
    return parsed


def _school(row: dict[str, str], line: int) -> School:
    """One row as a School, or ValueError saying what is wrong with it."""
    if not row["URN"].isdigit():
        raise ValueError(f"the URN “{row['URN']}” is not a number")
    name = row["EstablishmentName"]
    if not name:
        raise ValueError("the name is empty")
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(f"the name is longer than {NAME_MAX_LENGTH} characters")
    try:
        postcode = normalise_postcode(row["Postcode"]) if row["Postcode"] else ""
    except InvalidPostcode:
        raise ValueError(f"“{row['Postcode']}” is not a postcode") from None
    return School(
        line=line,
        urn=int(row["URN"]),
        name=name,
        phase=_phase(row),
        address=", ".join(p for p in (row.get("Street", ""), row.get("Town", "")) if p),
        postcode=postcode,
        phone=row.get("TelephoneNum", ""),
        website=_website(row.get("SchoolWebsite", "")),
        head=_head(row),
    )


def _phase(row: dict[str, str]) -> str:
    if "special" in row.get("TypeOfEstablishment (name)", "").lower():
        return Phase.SPECIAL
    return PHASES.get(row["PhaseOfEducation (name)"].lower(), "")


def _website(value: str) -> str:
    """An http(s) address; the register often leaves the scheme out ("www.school.org.uk")."""
    if not value:
        return ""
    if not _SCHEME.match(value) or value.lower().startswith("www."):
        value = "http://" + value
    try:
        _web_url(value)
    except ValidationError:
        raise ValueError(f"the website “{value}” is not an http or https address") from None
    return value


def _head(row: dict[str, str]) -> str:
    title = row.get("HeadTitle (name)", "")
    if title.lower() in {"not applicable", "not known"}:
        title = ""
    first, last = row.get("HeadFirstName", ""), row.get("HeadLastName", "")
    if not (first or last):
        return ""
    return " ".join(p for p in (title, first, last) if p)
