"""Reading the ONS Postcode Directory (ONSPD) or the National Statistics Postcode Lookup (NSPL):
pure functions, no database.

`PostcodeFile(lines, districts)` reads the CSV a line at a time: a national file (2.7 million
rows, over a gigabyte) goes through in flat memory. It yields a `PostcodeRow` for each postcode
in one of `districts` (ONS local authority district codes) and a `RowError` for each broken
row; it counts the rows of other districts, and notes which districts share each outward code,
so that a lookup knows when an outward code is split. Writing is `directory.importing`'s job.

Columns differ between releases: the district is `oslaua` in older ONSPD releases, `laua` in the
NSPL, `lad<yy>cd` (e.g. lad25cd) in newer ones; the postcode is `pcds` (e.g. "B97 4AA"), else
`pcd`, `pcd7` or `pcd8` (fixed width); `doterm` holds a terminated postcode's month (YYYYMM).
"""

import csv
import datetime
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from .postcodes import InvalidPostcode, normalise_postcode
from .textfiles import NotText, decoded_lines

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8")
_DISTRICT_COLUMN = re.compile(r"^(oslaua|laua|ladcd|lad(?P<year>\d{2})cd)$")
TERMINATED_COLUMN = "doterm"
#: Row errors kept for the report; the rest are counted.
MAX_ERRORS = 50


class MissingColumns(ValueError):
    """The file lacks a column the import needs; the message names what it looked for."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            "The file is missing required column"
            + ("s" if len(missing) > 1 else "")
            + ": "
            + "; ".join(missing)
            + ". Is it the ONS Postcode Directory (ONSPD) or the National Statistics Postcode "
            "Lookup (NSPL) CSV?"
        )


@dataclass(frozen=True)
class Columns:
    """Where the columns the import reads are, by position in each row."""

    width: int
    postcode: int
    postcode_name: str
    district: int
    district_name: str
    terminated: int | None


@dataclass(frozen=True)
class PostcodeRow:
    line: int
    postcode: str
    outward_code: str
    district: str
    terminated_on: datetime.date | None


@dataclass(frozen=True)
class RowError:
    line: int
    postcode: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, postcode {self.postcode or '(none)'}: {self.reason}"


def find_columns(header: list[str]) -> Columns:
    """The columns of a header row; MissingColumns when the postcode or district is not there."""
    names = [name.strip().lower() for name in header]
    postcode = next((n for n in POSTCODE_COLUMNS if n in names), None)
    districts = [(m["year"] or "", n) for n in names if (m := _DISTRICT_COLUMN.match(n))]
    missing = []
    if postcode is None:
        missing.append("the postcode (pcds, pcd, pcd7 or pcd8)")
    if not districts:
        missing.append("the local authority district (oslaua, laua or lad<yy>cd, e.g. lad25cd)")
    if postcode is None or not districts:
        raise MissingColumns(missing)
    # Several district columns: the newest boundaries (highest year) are the ones in force.
    district = max(districts)[1]
    return Columns(
        width=len(names),
        postcode=names.index(postcode),
        postcode_name=postcode,
        district=names.index(district),
        district_name=district,
        terminated=names.index(TERMINATED_COLUMN) if TERMINATED_COLUMN in names else None,
    )


def outward_of(value: str) -> str:
    """The outward code of a postcode in any of the directory's layouts ("WR143AA", "B1  1AA")."""
    squashed = value.replace(" ", "").upper()
    return squashed[:-3]


def terminated_on(value: str) -> datetime.date | None:
    """The first day of a `doterm` month ("201506"); None when empty; ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    if len(value) != 6 or not value.isdigit():
        raise ValueError(f"the termination date “{value}” is not a month (YYYYMM)")
    return datetime.date(int(value[:4]), int(value[4:]), 1)


@dataclass
class PostcodeFile:
    """One pass over a postcode directory file; iterate it once for its rows and errors."""

    lines: Iterable[bytes]
    districts: Collection[str]
    progress: Callable[[int], object] | None = None
    columns: Columns | None = None
    #: Rows read (the header not counted).
    read: int = 0
    #: Rows of districts not in `districts`.
    skipped: int = 0
    #: For each outward code seen, the district codes of its postcodes (all districts).
    outward_districts: dict[str, set[str]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[PostcodeRow | RowError]:
        wanted = frozenset(self.districts)
        reader = csv.reader(decoded_lines(self.lines))
        try:
            header = next(reader, None)
        except (NotText, csv.Error) as error:
            yield _broken(error, 1)
            return
        if header is None:
            raise MissingColumns(["every column: the file is empty"])
        columns = self.columns = find_columns(header)
        outward_districts = self.outward_districts
        try:
            for row in reader:
                self.read += 1
                if self.progress is not None:
                    self.progress(self.read)
                if len(row) != columns.width:
                    if not any(cell.strip() for cell in row):
                        continue  # a blank line, often at the end of a re-saved file
                    yield RowError(
                        reader.line_num,
                        row[columns.postcode] if len(row) > columns.postcode else "",
                        f"{len(row)} columns where the header has {columns.width}",
                    )
                    continue
                district = row[columns.district]
                raw = row[columns.postcode]
                outward = outward_of(raw)
                seen = outward_districts.get(outward)
                if seen is None:
                    outward_districts[outward] = {district}
                elif district not in seen:
                    seen.add(district)
                if district not in wanted:
                    self.skipped += 1
                    continue
                yield _postcode_row(reader.line_num, raw, district, row, columns)
        except (NotText, csv.Error) as error:
            yield _broken(error, reader.line_num + 1)


def _postcode_row(
    line: int, raw: str, district: str, row: list[str], columns: Columns
) -> PostcodeRow | RowError:
    try:
        postcode = normalise_postcode(raw)
    except InvalidPostcode:
        return RowError(line, raw, f"“{raw}” is not a postcode")
    try:
        ended = terminated_on(row[columns.terminated]) if columns.terminated is not None else None
    except ValueError as error:
        return RowError(line, postcode, str(error))
    return PostcodeRow(line, postcode, postcode.split(" ")[0], district, ended)


def _broken(error: Exception, line: int) -> RowError:
    """A file that cannot be read on: the line where it broke and why."""
    if isinstance(error, NotText):
        return RowError(error.line, "", str(error).split(": ", 1)[1])
    return RowError(line, "", f"the file cannot be read as CSV here ({error})")
