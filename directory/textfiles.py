"""Text files that people download and re-save in spreadsheet tools: which encoding they are in,
and reading them a line at a time. Pure functions, no database.

Files from national registers are UTF-8, often with a byte-order mark; a file saved again by a
spreadsheet tool is often Windows-1252. Anything else (UTF-16 "Unicode text", a workbook saved
under a .csv name) is refused with a message that says how to save it.
"""

from collections.abc import Iterable, Iterator

UTF8_BOM = b"\xef\xbb\xbf"
#: How much of the start of a file decides its encoding.
SAMPLE_BYTES = 1 << 16


class NotText(ValueError):
    """The file is not text in an encoding we read; `line` is where that showed (1 = first)."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {reason}")


def sniff_encoding(data: bytes, *, whole: bool = True) -> str:
    """ "utf-8-sig" for a byte-order mark, "utf-8" if `data` decodes as UTF-8, else "cp1252".

    With `whole=False`, `data` is the start of a file, which may end in the middle of a
    character.
    """
    if data.startswith(UTF8_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut off at the end of a sample is still UTF-8.
        if whole or error.start < len(data) - 3:
            return "cp1252"
    return "utf-8"


def decoded_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """The lines of a file (an open binary file or any iterable of byte lines) as text.

    Streams: holds the first lines up to SAMPLE_BYTES to choose the encoding, then one line at
    a time. Raises NotText naming the line for UTF-16, a workbook, a NUL byte or a line that
    does not decode.
    """
    iterator = iter(lines)
    head: list[bytes] = []
    size = 0
    whole = True
    for line in iterator:
        head.append(line)
        size += len(line)
        if size >= SAMPLE_BYTES:
            whole = False
            break
    sample = b"".join(head)
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or (b"\x00" in sample[:200]):
        raise NotText(1, "the file is UTF-16 (“Unicode text”), not CSV. Save it as CSV UTF-8.")
    if sample[:4] == b"PK\x03\x04":
        raise NotText(1, "the file is a spreadsheet workbook, not CSV. Save it as CSV UTF-8.")
    encoding = sniff_encoding(sample, whole=whole)
    number = 0
    for number, raw in enumerate(_chain(head, iterator), start=1):
        try:
            text = raw.decode(encoding if number == 1 else encoding.replace("-sig", ""))
        except UnicodeDecodeError:
            name = "UTF-8" if encoding.startswith("utf-8") else "Windows-1252"
            raise NotText(
                number,
                f"this line is not {name} text, like the lines before it. Is the file damaged?",
            ) from None
        if "\x00" in text:
            raise NotText(number, "this line holds a NUL byte. Is the file damaged?")
        yield text


def _chain(head: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    # Hand the sampled lines over one by one, so that they can be freed as they are read.
    head.reverse()
    while head:
        yield head.pop()
    yield from rest
