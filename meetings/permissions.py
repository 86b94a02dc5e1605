"""Who may change a venue: venues are shared by every district, so a coordinator changes only
those no meeting outside their own pages uses.

Coordinators add venues for new places and correct their own; a venue that another district's
meetings (or their moves) use is that district's too, and only someone who may edit every one
of those meetings (a county administrator) changes or deletes it. Viewing and adding follow
the model permissions. `register_policies()` registers this with Wagtail; it runs in
`MeetingsConfig.ready()`, before any snippet viewset is registered.

A meeting's records (agenda, papers, minutes and attendance of one date) are kept by whoever
may edit the meeting: `RecordPermissionPolicy`.
"""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from directory.permissions import AreaPermissionPolicy

from .models import MeetingException, MeetingPage, OutboxMessage, Venue
from .records import OccurrenceRecord

if TYPE_CHECKING:
    from core.visibility import Account

#: The actions narrowed to venues only the user's own meetings use.
SHARED_ACTIONS = {"change", "delete"}


def meetings_beyond(user: "Account") -> QuerySet[MeetingPage]:
    """Meetings this user may not edit."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return MeetingPage.objects.exclude(pk__in=editable.values("pk"))


def venues_used_beyond(user: "Account") -> Q:
    """Ids of venues used by a meeting, or a moved meeting, this user may not edit."""
    beyond = meetings_beyond(user)
    direct = beyond.filter(venue__isnull=False).values("venue")
    moved = MeetingException.objects.filter(page__in=beyond, new_venue__isnull=False).values(
        "new_venue"
    )
    return Q(pk__in=direct) | Q(pk__in=moved)


class VenuePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, with change and delete limited to venues of the user's own meetings."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action not in SHARED_ACTIONS or user.is_superuser or instance.pk is None:
            return True
        return not Venue.objects.filter(venues_used_beyond(user), pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        venues = self.model._default_manager
        permitted = [action for action in actions if self.user_has_permission(user, action)]
        if not permitted:
            return venues.none()
        if user.is_superuser or any(action not in SHARED_ACTIONS for action in permitted):
            return venues.all()
        return venues.exclude(venues_used_beyond(user))


class OutboxPermissionPolicy(AreaPermissionPolicy):
    """The meeting email outbox is read-only, and holds members' addresses: a coordinator sees
    only the messages about their own area's meetings (`editable_areas`), a county
    administrator every one, including county groups' (no area)."""

    area_actions = frozenset({"view"})

    def user_has_permission(self, user, action):
        # What was sent is a record: nobody writes, changes or deletes one in the admin.
        return action == "view" and super().user_has_permission(user, action)


def register_policies() -> None:
    """Register the venue and outbox policies with Wagtail (once)."""
    from wagtail.permissions import policy_registry, register_permission_policy

    if not isinstance(policy_registry.get_by_type(Venue, fallback=False), VenuePermissionPolicy):
        register_permission_policy(Venue, VenuePermissionPolicy(Venue))
    found = policy_registry.get_by_type(OutboxMessage, fallback=False)
    if not isinstance(found, OutboxPermissionPolicy):
        register_permission_policy(OutboxMessage, OutboxPermissionPolicy(OutboxMessage))
    if not isinstance(
        policy_registry.get_by_type(OccurrenceRecord, fallback=False), RecordPermissionPolicy
    ):
        register_permission_policy(OccurrenceRecord, RecordPermissionPolicy(OccurrenceRecord))


def editable_meetings(user: "Account") -> QuerySet[MeetingPage]:
    """Meetings this user may edit: their records are theirs to keep too."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return MeetingPage.objects.filter(pk__in=editable.values("pk"))


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, with every action on an existing record (view, change, delete) limited
    to records of meetings the user may edit: a coordinator keeps their own district's records
    and attendance, never another's."""

    def _own(self, user: "Account", instance: OccurrenceRecord) -> bool:
        if user.is_superuser or instance.pk is None:
            return True
        return editable_meetings(user).filter(pk=instance.meeting_id).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._own(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission(user, a) for a in actions) and self._own(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        records = self.model._default_manager
        if not any(self.user_has_permission(user, action) for action in actions):
            return records.none()
        if user.is_superuser:
            return records.all()
        return records.filter(meeting__in=editable_meetings(user))
