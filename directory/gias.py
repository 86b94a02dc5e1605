"""Reading the national school register's CSV export (GIAS): pure functions, no database.

`read_register(lines)` streams the file (bytes, an open binary file or an uploaded file) and
yields a `School` or a `RowError` (line number, URN and reason) per row it keeps, counting the
rows it skips (closed schools, other local authorities); only one row is held at a time.
`parse_register(data)` collects the same into lists, for small files. Writing to the database is
`directory.importing`'s job.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .enums import Phase
from .postcodes import InvalidPostcode, normalise_postcode
from .textfiles import UTF8_BOM, sniff_encoding

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


def decoded_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """The file's lines as text, a line at a time, in the encoding `decode` would choose.

    The first line with a byte beyond ASCII decides (a national file can run for thousands of
    plain lines before its first accented name): UTF-8 if it decodes as such, else
    Windows-1252.
    """
    encoding = ""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(UTF8_BOM):
            encoding, raw = "utf-8", raw[len(UTF8_BOM) :]
        if not encoding and not raw.isascii():
            encoding = sniff_encoding(raw)
        yield raw.decode(encoding or "ascii", errors="replace")


#: Columns a school is read from besides the required ones; each may be missing from a file.
OPTIONAL_COLUMNS = [
    "TypeOfEstablishment (name)",
    "Street",
    "Town",
    "TelephoneNum",
    "SchoolWebsite",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
]


class RegisterReader:
    """The rows of a GIAS export, read as they are iterated; raises MissingColumns at once.

    Iterating yields a `School` or a `RowError` per row kept; `skipped` counts the rest.
    """

    def __init__(
        self,
        lines: bytes | Iterable[bytes],
        *,
        la: str | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> None:
        if isinstance(lines, bytes):
            lines = io.BytesIO(lines)
        self._reader = csv.reader(decoded_lines(lines))
        columns = [c.strip() for c in next(self._reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise MissingColumns(missing)
        # A column named twice is read from its last place, as a DictReader would.
        where = {name: n for n, name in enumerate(columns)}
        #: (name, position) of the columns a school is read from; the other hundred-odd
        #: columns of a national export are never looked at.
        self._used = [(c, where[c]) for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in where]
        self._status = where["EstablishmentStatus (name)"]
        self._la_column = where["LA (name)"]
        self._la = la.strip().lower() if la else ""
        self._progress = progress
        self.skipped = 0

    def __iter__(self) -> Iterator[School | RowError]:
        reader, la, status, la_column = self._reader, self._la, self._status, self._la_column
        # URNs only, not rows: a few megabytes for the whole national register.
        seen: set[int] = set()
        number = 0
        for values in reader:
            if not values:
                continue  # a blank line is no row
            number += 1
            if self._progress:
                self._progress(number)
            # Most rows of a national file are skipped: decided on two cells, before the rest
            # of the row is looked at.
            if _cell(values, status).lower().startswith("closed") or (
                la and _cell(values, la_column).lower() != la
            ):
                self.skipped += 1
                continue
            row = {name: _cell(values, n) for name, n in self._used}
            line = reader.line_num
            try:
                school = _school(row, line)
            except ValueError as error:
                yield RowError(line, row["URN"], str(error))
                continue
            if school.urn in seen:
                yield RowError(line, row["URN"], "the URN appears twice in the file")
                continue
            seen.add(school.urn)
            yield school


def _cell(values: list[str], n: int) -> str:
    """The row's value in column `n`, stripped; empty where a short row stops before it."""
    return values[n].strip() if n < len(values) else ""


def read_register(
    lines: bytes | Iterable[bytes],
    *,
    la: str | None = None,
    progress: Callable[[int], object] | None = None,
) -> RegisterReader:
    """Stream a GIAS export. `la` keeps one local authority's schools; `progress(n)` per row."""
    return RegisterReader(lines, la=la, progress=progress)


def parse_register(
    data: bytes | Iterable[bytes],
    *,
    la: str | None = None,
    progress: Callable[[int], object] | None = None,
) -> ParsedRegister:
    """Parse a whole GIAS export into lists (`read_register` streams instead)."""
    parsed = ParsedRegister()
    reader = read_register(data, la=la, progress=progress)
    for item in reader:
        if isinstance(item, School):
            parsed.schools.append(item)
        else:
            parsed.errors.append(item)
    parsed.skipped = reader.skipped
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
