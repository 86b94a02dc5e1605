"""A person's contact details as one viewer may see them, by the visibility rule in
`core.visibility`.

Every output that shows a person asks `contact_for`: pages, search results, vCards and exports.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.visibility import Viewer, may_see

if TYPE_CHECKING:
    from .models import Person


@dataclass(frozen=True)
class Contact:
    """What a viewer may see of one person: name and job title always, the rest by visibility."""

    name: str
    job_title: str
    email: str
    phone: str

    @property
    def has_details(self) -> bool:
        return bool(self.email or self.phone)


def contact_for(person: "Person", user: Viewer, *, in_admin: bool = False) -> Contact:
    """The person as this viewer may see them."""
    shown = may_see(user, person.visibility, in_admin=in_admin)
    return Contact(
        name=person.name,
        job_title=person.job_title,
        email=person.email if shown else "",
        phone=person.phone if shown else "",
    )
