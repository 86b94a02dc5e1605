"""Who may change training sessions and the coverage page above them.

Coordinators hold add, change and publish on the coverage page (`ltc_portal.roles`), so that
they can add sessions under it; these testers narrow that: a session only in the editor's own
districts (`directory.permissions.editable_areas`; a county-wide one only for county
administrators), and the coverage page itself only for county administrators.
"""

from typing import TYPE_CHECKING

from wagtail.models import PagePermissionTester

from directory.permissions import editable_areas, is_county_administrator

if TYPE_CHECKING:
    from core.visibility import Account


def may_change_session(user: "Account", area_id: int | None) -> bool:
    """Whether `user` may change a session of this district (None: county-wide)."""
    areas = editable_areas(user)
    return areas.every or area_id in areas


class TrainingSessionPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, limited to sessions of the editor's own districts."""

    def _own(self) -> bool:
        return may_change_session(self.user, self.page.area_id)

    def can_edit(self):
        return super().can_edit() and self._own()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._own()

    def can_publish(self):
        return super().can_publish() and self._own()

    def can_unpublish(self):
        return super().can_unpublish() and self._own()

    def can_copy(self):
        return super().can_copy() and self._own()

    def can_move(self):
        return super().can_move() and self._own()

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._own()


class CoveragePagePermissionTester(PagePermissionTester):
    """The coverage page itself is the county administrators'; coordinators only add under it."""

    def _county(self) -> bool:
        return self.user.is_active and (
            self.user.is_superuser or is_county_administrator(self.user)
        )

    def can_edit(self):
        return super().can_edit() and self._county()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._county()

    def can_publish(self):
        return super().can_publish() and self._county()

    def can_unpublish(self):
        return super().can_unpublish() and self._county()

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._county()

    def can_move(self):
        return super().can_move() and self._county()
