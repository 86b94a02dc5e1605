"""UK postcode rules: pure functions, no database.

`normalise_postcode("wr14 3aa")` gives "WR14 3AA"; anything that is not a UK postcode raises
`InvalidPostcode` with a message a person can act on.
"""

import re

from django.utils.text import slugify

# The shape of every UK postcode (outward code, space, inward code), per the Royal Mail's
# published formats, plus the special case GIR 0AA.
_POSTCODE = re.compile(r"^(?P<outward>GIR|[A-Z]{1,2}[0-9][0-9A-Z]?)\s*(?P<inward>[0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^(GIR|[A-Z]{1,2}[0-9][0-9A-Z]?)$")


class InvalidPostcode(ValueError):
    """The text is not a UK postcode."""


def _squash(value: str | None) -> str:
    return re.sub(r"\s+", "", (value or "").upper())


def normalise_postcode(value: str) -> str:
    """Upper-case, single-spaced form of a full UK postcode, or InvalidPostcode."""
    squashed = _squash(value)
    if not squashed:
        raise InvalidPostcode("Enter a postcode, for example WR5 2NP.")
    match = _POSTCODE.match(squashed)
    if not match:
        raise InvalidPostcode(
            f"“{value.strip()}” is not a UK postcode. Enter a full postcode, for example WR5 2NP."
        )
    return f"{match['outward']} {match['inward']}"


def outward_code(value: str) -> str:
    """The outward code (the part before the space) of a full postcode or an outward code alone.

    Accepts "WR14 3AA", "wr143aa" or "WR14"; raises InvalidPostcode otherwise.
    """
    squashed = _squash(value)
    if _OUTWARD.match(squashed):
        return squashed
    return normalise_postcode(value).split(" ")[0]


def parse_outward_codes(text: str | None) -> list[str]:
    """A list of outward codes from text separated by commas, spaces or new lines."""
    codes: list[str] = []
    for part in re.split(r"[\s,;]+", text or ""):
        if not part:
            continue
        code = part.upper()
        if not _OUTWARD.match(code):
            raise InvalidPostcode(f"“{part}” is not a postcode outward code (for example WR11).")
        if code not in codes:
            codes.append(code)
    return codes


def place_key(name: str) -> str:
    """A place name as the lookup compares it: "Upton upon Severn" matches "Upton-upon-Severn"."""
    return slugify(name.replace("&", " and "))[:100]


def looks_like_postcode(text: str) -> bool:
    """Whether text is meant as a postcode rather than a place name: it holds a digit."""
    return any(c.isdigit() for c in text)


def is_outward_code(text: str) -> bool:
    """Whether text is an outward code alone ("B96", "wr8")."""
    return bool(_OUTWARD.match(_squash(text)))
