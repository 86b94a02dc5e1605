"""Who may change which organisations and people: coordinators their own area, administrators all.

A coordinator's areas are the areas whose coordinators group they are in (`Area.coordinators`,
linked by `setup_roles`): something only an administrator changes, never a page field the
coordinator could edit. Whoever may edit the whole partnerships section (a county
administrator, or a superuser) may edit every organisation and person, including those with no
area yet, and alone sets a partnership page's kind and area or a person's user account.

A person's area is their organisation's area. Everyone with the model permission may view
every record (the other areas read-only); only change and delete are narrowed by area.

Wagtail 8 finds a model's policy in its registry: `register_policies()` registers these for
Organisation and Person, and must run before any snippet viewset is registered (it runs in
`DirectoryConfig.ready()`, whose app comes before wagtail.snippets in INSTALLED_APPS). Snippet
viewsets must not set `permission_policy` themselves: Wagtail 8 deprecates that, with a warning.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission, PagePermissionTester
from wagtail.permission_policies.base import ModelPermissionPolicy

from core.tree import ancestor_paths

from .models import Area, PartnershipIndexPage, PartnershipPage

if TYPE_CHECKING:
    from wagtail.models import Page

    from core.visibility import Account

#: The actions narrowed to a coordinator's own area; the rest (view, add) are per model.
AREA_ACTIONS = frozenset({"change", "delete"})
CACHE_ATTRIBUTE = "_directory_editable_areas"


class EditableAreas:
    """The areas a user may edit records in; `every` when they may edit all (and area-less)."""

    def __init__(self, ids: Iterable[int] = (), *, every: bool = False) -> None:
        self.ids = frozenset(ids)
        self.every = every

    def __contains__(self, area_id: object) -> bool:
        return self.every or (area_id is not None and area_id in self.ids)


def editable_areas(user: "Account") -> EditableAreas:
    """The areas whose organisations and people this user may change (cached on the user)."""
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    areas = _editable_areas(user)
    if user.is_authenticated:
        setattr(user, CACHE_ATTRIBUTE, areas)
    return areas


def _editable_areas(user: "Account") -> EditableAreas:
    if not (user.is_authenticated and user.is_active):
        return EditableAreas()
    if user.is_superuser or _edits_partnerships_index(user):
        return EditableAreas(every=True)
    return EditableAreas(
        Area.objects.filter(coordinators__user=user.pk).values_list("pk", flat=True)
    )


def _edits_partnerships_index(user: "Account") -> bool:
    """Whether a group of `user` may change the partnerships index (or a page above it)."""
    index = PartnershipIndexPage.objects.values_list("path", flat=True).first()
    if index is None:
        return False
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page", page__path__in=ancestor_paths(index)
    ).exists()


def is_county_administrator(user: "Account") -> bool:
    """Whether `user` may edit every area: a superuser, or an editor of the partnerships index.

    Only they set what decides someone's permissions: a partnership page's kind and area, a
    person's user account.
    """
    return editable_areas(user).every


class AreaPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, with change and delete limited to the user's editable areas."""

    #: The actions limited to the user's areas; the others are per model.
    area_actions = AREA_ACTIONS

    def __init__(self, model, auth_model=None, area_path="area"):
        super().__init__(model, auth_model=auth_model)
        #: The lookup from the model to its Area, e.g. "organisation__area" for a person.
        self.area_path = area_path

    def area_id_of(self, instance):
        value = instance
        for part in self.area_path.split("__"):
            if value is None:
                return None
            value = getattr(value, part)
        return value.pk if value is not None else None

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in self.area_actions:
            return self.area_id_of(instance) in editable_areas(user)
        return True

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager
        permitted = [action for action in actions if self.user_has_permission(user, action)]
        if not permitted:
            return objects.none()
        areas = editable_areas(user)
        if areas.every or any(action not in self.area_actions for action in permitted):
            return objects.all()
        return objects.filter(**{f"{self.area_path}__in": areas.ids})

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if not set(actions) <= self.area_actions:
            return users
        return users.filter(self._editors_of_area(self.area_id_of(instance))).distinct()

    def _editors_of_area(self, area_id):
        """Active superusers, editors of the whole partnerships section, the area's coordinators."""
        index = PartnershipIndexPage.objects.values_list("path", flat=True).first()
        administrators = get_user_model().objects.filter(
            groups__page_permissions__permission__codename="change_page",
            groups__page_permissions__page__path__in=ancestor_paths(index) if index else [],
        )
        editors = Q(is_superuser=True, is_active=True) | Q(pk__in=administrators.values("pk"))
        if area_id is not None:
            editors |= Q(groups__coordinated_area__pk=area_id)
        return editors


class SuggestionPermissionPolicy(AreaPermissionPolicy):
    """Suggested changes: even seeing one is limited to its area's coordinators, since it may
    hold the suggester's email; those about no area are for county administrators alone."""

    area_actions = frozenset({"view", "change", "delete"})

    def user_has_permission(self, user, action):
        # Suggestions come only from the public form: nobody writes one in the admin.
        return action != "add" and super().user_has_permission(user, action)


def may_delete_partnership(user: "Account", page: "Page") -> bool:
    """Whether `user` may delete this partnership page, besides Wagtail's own page rules.

    A partnership page is the anchor of its coordinators' permissions, members and meetings, so
    only someone who may edit the partnerships index above it (a county administrator) may
    delete it; Wagtail alone would let a coordinator with edit and publish rights delete it.
    Other page types are left to Wagtail.
    """
    if not issubclass(page.specific_class, PartnershipPage):
        return True
    if user.is_active and user.is_superuser:
        return True
    return page.get_parent().permissions_for_user(user).can_edit()


def may_unpublish_partnership(user: "Account", page: "Page") -> bool:
    """Whether `user` may unpublish this partnership page: the same rule as deleting it.

    Unpublishing an LCT takes its members, contacts and meetings off the site and out of
    "Find your LCT", so its coordinator may not; they may still unpublish its meetings.
    """
    return may_delete_partnership(user, page)


class PartnershipPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, less deleting or unpublishing a partnership page.

    For `PartnershipPage.permissions_for_user`, so that the admin also hides the Delete and
    Unpublish buttons; the `before_delete_page` and `before_unpublish_page` hooks refuse
    either way.
    """

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and may_delete_partnership(self.user, self.page)

    def can_unpublish(self):
        return super().can_unpublish() and may_unpublish_partnership(self.user, self.page)


def register_policies() -> None:
    """Register the area policies for organisations and people with Wagtail (once)."""
    from wagtail.permissions import policy_registry, register_permission_policy

    from .models import ChangeSuggestion, Organisation, Person

    policies = {
        Organisation: AreaPermissionPolicy(Organisation),
        Person: AreaPermissionPolicy(Person, area_path="organisation__area"),
        ChangeSuggestion: SuggestionPermissionPolicy(ChangeSuggestion),
    }
    for model, policy in policies.items():
        if not isinstance(policy_registry.get_by_type(model, fallback=False), type(policy)):
            register_permission_policy(model, policy)
