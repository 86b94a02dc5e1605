"""Phone numbers as links."""

#: The digits a phone number is dialled with: ASCII only (`str.isdigit` also takes "²" and
#: Arabic-Indic digits, which no dialler reads).
DIGITS = set("0123456789")


def tel_target(number: str | None) -> str:
    """A tel: link target from a phone number as people write it ("01905 822666")."""
    return "".join(ch for ch in number or "" if ch in DIGITS or ch == "+")


#: Characters people write in phone numbers besides digits.
PHONE_PUNCTUATION = set(" +-()")


def phone_problem(number: str) -> str:
    """Why `number` is not a UK-style phone number as people write it, or "" if it is one
    ("01905 822666", "+44 7700 900123", "(01527) 64252")."""
    if any(not (ch in DIGITS or ch in PHONE_PUNCTUATION) for ch in number):
        return "Use only digits, spaces, brackets, hyphens and a leading +"
    if "+" in number[1:] or number.count("+") > 1:
        return "A + may only begin the number, as in +44 1905 822666"
    digits = tel_target(number).lstrip("+")
    if not 10 <= len(digits) <= 15:
        return "Enter a phone number with 10 to 15 digits, like 01905 822666"
    return ""
