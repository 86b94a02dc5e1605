"""The one rule for who may see something published at a visibility (contact details, minutes,
partners-only materials).

Every output asks these functions: pages, search results, vCards, exports, feeds, sitemaps and
any API. Nothing else compares visibilities.

- Anonymous visitors see `public` details.
- Signed-in partners (any active signed-in account) also see `partners` details.
- `private` details appear only in the admin, to the editors of the record (`in_admin`: the
  caller asks whether this viewer may change it); never on the public site.
"""

from typing import TYPE_CHECKING, TypeAlias

from .enums import Visibility

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

#: Whoever asks on a request: a signed-in account or an anonymous visitor.
Account: TypeAlias = "User | AnonymousUser"
#: Whoever asks: an account, an anonymous visitor, or nobody (no request, as in a feed).
Viewer: TypeAlias = "Account | None"


def is_partner(user: Viewer) -> bool:
    """A signed-in, active account: a partner, whatever else they may be."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def visibilities_for(user: Viewer, *, in_admin: bool = False) -> list[Visibility]:
    """The visibilities whose details this viewer may see, most open first."""
    if (
        in_admin
        and user is not None
        and is_partner(user)
        and user.has_perm("wagtailadmin.access_admin")
    ):
        return [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.PRIVATE]
    if is_partner(user):
        return [Visibility.PUBLIC, Visibility.PARTNERS]
    return [Visibility.PUBLIC]


def may_see(user: Viewer, visibility: str, *, in_admin: bool = False) -> bool:
    """Whether this viewer may see something published at `visibility`."""
    return visibility in visibilities_for(user, in_admin=in_admin)
