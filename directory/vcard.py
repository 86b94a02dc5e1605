"""vCards (RFC 6350, version 4.0) for the contacts a viewer may see.

Built by hand: the format is small, and no well-kept library writes 4.0. Every value is escaped
(backslash, comma, semicolon, new line) and every line folded at 75 octets, as section 3.2 and
3.4 of the RFC require. Only what `contact_for` returns ever reaches a card.
"""

from typing import TYPE_CHECKING

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from core.visibility import Viewer

from .visibility import Contact, contact_for

if TYPE_CHECKING:
    from .models import Person

PRODID = "-//LCT Portal//Partnership directory//EN"


def escape(value: object) -> str:
    """Escape a text value (RFC 6350 section 3.4)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (section 3.2)."""
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def vcard_text(contact: Contact, *, organisation: str = "", uid: str = "") -> str:
    """The vCard of a `visibility.Contact`: name, job title, organisation, email, phone."""
    given, _sep, family = contact.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        f"FN:{escape(contact.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if uid:
        lines.append(f"UID:{uid}")
    if contact.job_title:
        lines.append(f"TITLE:{escape(contact.job_title)}")
    if organisation:
        lines.append(f"ORG:{escape(organisation)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;VALUE=text;TYPE=work,voice:{escape(contact.phone)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcard_response(person: "Person", user: Viewer) -> HttpResponse:
    """The person's card as this viewer may see it; 404 when they may see no contact details.

    A card with a name only is of no use in an address book, and a 404 stops anyone walking
    through the people's ids to list names that appear nowhere public.
    """
    contact = contact_for(person, user)
    if not contact.has_details:
        raise Http404
    text = vcard_text(
        contact,
        organisation=person.organisation.name if person.organisation else "",
        uid=f"urn:lct-portal:person:{person.pk}",
    )
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    filename = slugify(person.name) or "contact"
    # Always a string for an attachment; django-stubs allows for None.
    disposition = content_disposition_header(True, f"{filename}.vcf") or "attachment"
    response["Content-Disposition"] = disposition
    # What a card holds depends on who asks: never let a shared cache keep it.
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response
