"""The one rule for who may see a person's contact details (and other partners-only things).

Every output asks these functions: pages, search results, vCards, exports, feeds, sitemaps and
any API. Nothing else compares visibilities.

- Anonymous visitors see `public` details.
- Signed-in partners (any active signed-in account) also see `partners` details.
- `private` details appear only to editors, in the admin; never on the public site.
"""

from dataclasses import dataclass

from .enums import Visibility


def is_partner(user):
    """A signed-in, active account: a partner, whatever else they may be."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def visibilities_for(user, *, in_admin=False):
    """The visibilities whose details this viewer may see, most open first."""
    if in_admin and is_partner(user) and user.has_perm("wagtailadmin.access_admin"):
        return [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.PRIVATE]
    if is_partner(user):
        return [Visibility.PUBLIC, Visibility.PARTNERS]
    return [Visibility.PUBLIC]


def may_see(user, visibility, *, in_admin=False):
    """Whether this viewer may see something published at `visibility`."""
    return visibility in visibilities_for(user, in_admin=in_admin)


@dataclass(frozen=True)
class Contact:
    """What a viewer may see of one person: name and job title always, the rest by visibility."""

    name: str
    job_title: str
    email: str
    phone: str

    @property
    def has_details(self):
        return bool(self.email or self.phone)


def contact_for(person, user, *, in_admin=False):
    """The person as this viewer may see them."""
    shown = may_see(user, person.visibility, in_admin=in_admin)
    return Contact(
        name=person.name,
        job_title=person.job_title,
        email=person.email if shown else "",
        phone=person.phone if shown else "",
    )
