"""Plain-text hygiene shared by every app: control characters out of what people type.

Pure functions, no Django: the models' save (see `ltc_portal.text_fields`), search boxes and the
calendar builder all ask these, so a stray NUL, tab or line break never reaches a database
that refuses it, a calendar line that forbids it, or a heading where it makes no sense.
"""

import re
from typing import TypeVar

T = TypeVar("T")

#: Line breaks and tabs (including Unicode's own line and paragraph separators and NEL).
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
#: Every other C0 and C1 control character, and DEL; NUL among them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
#: What a multi-line field may not keep: the same, less tab, CR and LF.
_MULTILINE_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def one_line(value: T) -> T:
    """The text with line breaks and tabs as one space and other control characters removed.

    For titles, names and every other one-line field; non-strings are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    return _BREAKS.sub(" ", _CONTROLS.sub("", value))  # type: ignore[return-value]


def multi_line(value: T) -> T:
    """The text with its line breaks and tabs kept and every other control character removed."""
    if not isinstance(value, str):
        return value
    return _MULTILINE_CONTROLS.sub("", value)  # type: ignore[return-value]


_WORDS = re.compile(r"\w+")


#: More words than anyone types into a search box; each word is a clause in the query.
MAX_SEARCH_WORDS = 12


def search_words(value: str | None, max_length: int = 200) -> str:
    """What a visitor typed as plain words for a search backend: letters and digits only, the
    first `MAX_SEARCH_WORDS` of them.

    The database backends read punctuation as query syntax (on SQLite `http:` names a column
    and an unbalanced quote is an error), and nobody searches for punctuation.
    """
    return " ".join(_WORDS.findall(one_line(value or "")[:max_length])[:MAX_SEARCH_WORDS])
