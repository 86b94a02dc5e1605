"""Phone numbers as links."""


def tel_target(number: str | None) -> str:
    """A tel: link target from a phone number as people write it ("01905 822666")."""
    return "".join(ch for ch in number or "" if ch.isdigit() or ch == "+")
