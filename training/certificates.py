"""Reading a certificate list (CSV) from an e-learning provider: pure parsing, no database.

Columns, in any order, named on the first line (case and spaces around ignored):
`Course` and `Date` always; `URN` (a school) or `Organisation` (its name as in the directory);
optionally `Number trained` (1 if absent or empty) and `Name` (the person trained). Dates as
2026-03-31 or 31/03/2026 (as spreadsheets save them). The file may start with a byte-order mark
or be saved in Windows-1252; anything else is refused saying how to save it
(`directory.textfiles`). Every problem names its line and column; a row spanning several
physical lines (a quoted line break) is named by its first line. Text cells lose control
characters as every saved name does (`core.text.one_line`); numbers are ASCII digits only.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.text import one_line
from directory.textfiles import decoded_lines

REQUIRED = ("course", "date")
ONE_OF = ("urn", "organisation")
OPTIONAL = ("number trained", "name")
#: No certificate list holds CSE training from before this day; an earlier date is a typo.
EARLIEST = dt.date(2000, 1, 1)


def _digits(text: str) -> bool:
    """Only ASCII digits: `str.isdigit` also takes "²" and other scripts' digits."""
    return text.isascii() and text.isdigit()


class ImportFileError(ValueError):
    """The file cannot be read at all: the message says why and what to do."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Certificate:
    line: int
    urn: int | None
    organisation: str
    course: str
    date: dt.date
    number: int
    name: str


def _date(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date; write it as 2026-03-31 or 31/03/2026")


def read_certificates(data: bytes | Iterable[bytes]) -> Iterator[Certificate | RowError]:
    """Each row as a Certificate, or a RowError saying what is wrong where; raises
    ImportFileError for a file that is not a readable CSV or lacks its columns."""
    lines = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        reader = csv.reader(decoded_lines(lines), strict=True)
        header = next(reader, None)
    except ValueError as error:
        raise ImportFileError(f"The file cannot be read: {error}") from error
    if not header:
        raise ImportFileError("The file is empty.")
    names = [name.strip().lower() for name in header]
    where = {name: n for n, name in enumerate(names)}
    missing = [name.capitalize() for name in REQUIRED if name not in where]
    if not any(name in where for name in ONE_OF):
        missing.append("URN or Organisation")
    if missing:
        raise ImportFileError(
            "The file is missing the column(s): " + ", ".join(missing) + ". The first line must "
            "name the columns: Course, Date, URN or Organisation, and optionally "
            "Number trained and Name."
        )
    start = reader.line_num + 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                yield _row(values, where, start)
            start = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ImportFileError(
                f'The file cannot be read: line {start} opens a quote (") that is never '
                "closed. Close it, or remove it, and try again."
            ) from error
        raise ImportFileError(f"The file cannot be read: line {start}: {error}") from error
    except ValueError as error:  # a line that does not decode
        raise ImportFileError(f"The file cannot be read: {error}") from error


def _row(values: list[str], where: dict[str, int], line: int) -> Certificate | RowError:
    def cell(name: str) -> str:
        n = where.get(name)
        return one_line(values[n]).strip() if n is not None and n < len(values) else ""

    course, date_text = cell("course"), cell("date")
    urn_text, organisation = cell("urn"), cell("organisation")
    if not course:
        return RowError(line, "Course", "the course is empty")
    if not urn_text and not organisation:
        return RowError(line, "URN" if "urn" in where else "Organisation", "say which organisation")
    urn = None
    if urn_text:
        if not _digits(urn_text) or len(urn_text) > 7:
            return RowError(line, "URN", f"“{urn_text}” is not a school's URN (up to 7 digits)")
        urn = int(urn_text)
    if not date_text:
        return RowError(line, "Date", "the date is empty")
    try:
        date = _date(date_text)
    except ValueError as error:
        return RowError(line, "Date", str(error))
    if date < EARLIEST:
        return RowError(line, "Date", f"{date:%d/%m/%Y} is before {EARLIEST:%Y}: check the year")
    number_text = cell("number trained") or "1"
    if not _digits(number_text) or not 1 <= int(number_text) <= 10_000:
        return RowError(
            line, "Number trained", f"“{number_text}” is not a number of people from 1 to 10000"
        )
    name = cell("name")
    if len(name) > 255 or len(organisation) > 255 or len(course) > 255:
        return RowError(line, "", "a cell is longer than 255 characters")
    return Certificate(line, urn, organisation, course, date, int(number_text), name)
