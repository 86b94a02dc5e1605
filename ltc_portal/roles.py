"""The portal's roles as Django groups, with their Wagtail page, collection and model permissions.

`setup_roles(log)` creates what is missing and never takes a permission away, so it is safe to
run again (`python manage.py setup_roles`, and `seed_demo` runs it) and an administrator's
later additions stay. Each area's coordinators group is linked to its area (`Area.coordinators`):
`directory.permissions` reads a coordinator's area from there, so moving a coordinator is
moving them to another group. Each area and the headteacher group have their own collection
of documents and images, where their editors upload and choose.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from directory.enums import PartnershipKind
from directory.models import Area, PartnershipPage
from resources.models import ResourceIndexPage
from resources.workflow import APPROVERS_GROUP, ensure_approval_workflow
from training.models import CoveragePage

ADMINISTRATORS = "County administrators"
COORDINATORS_PREFIX = "LCT coordinators – "
HEADTEACHER_EDITORS = "Headteacher group editors"
#: Named by the materials workflow, which owns the name.
MATERIALS_APPROVERS = APPROVERS_GROUP
PARTNERS = "Partners"

HEADTEACHER_GROUP_SLUG = "headteacher-group"

#: Page permissions of an editor of one subtree: add, edit and publish, but not delete a page
#: with children, lock others out or unlock.
SUBTREE_EDITOR = ["add", "change", "publish"]
EVERY_PAGE_PERMISSION = ["add", "bulk_delete", "change", "lock", "publish", "unlock"]

#: Model permissions of a coordinator: the policy in directory.permissions narrows change and
#: delete to their own area. Venues are shared by every district.
COORDINATOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "directory.add_organisation",
    "directory.change_organisation",
    "directory.delete_organisation",
    "directory.view_organisation",
    "directory.add_person",
    "directory.change_person",
    "directory.delete_person",
    "directory.view_person",
    "directory.view_changesuggestion",
    "directory.change_changesuggestion",
    "meetings.add_venue",
    "meetings.change_venue",
    "meetings.view_venue",
    "meetings.view_outboxmessage",
    # Records of their own meetings only (meetings.permissions.RecordPermissionPolicy).
    "meetings.add_occurrencerecord",
    "meetings.change_occurrencerecord",
    "meetings.delete_occurrencerecord",
    "meetings.view_occurrencerecord",
    # Training in their own districts (training.permissions); courses are the county's.
    "training.view_course",
    "training.add_trainingrecord",
    "training.change_trainingrecord",
    "training.delete_trainingrecord",
    "training.view_trainingrecord",
    "training.add_taxilicensingreturn",
    "training.change_taxilicensingreturn",
    "training.delete_taxilicensingreturn",
    "training.view_taxilicensingreturn",
]
#: What an editor may do in their own group's collection: upload, edit and choose documents and
#: images there (not delete: a paper may be in use). Nothing outside it.
OWN_COLLECTION_PERMISSIONS = [
    f"{action}_{model}" for model in ("image", "document") for action in ("add", "change", "choose")
]
HEADTEACHER_GROUP_COLLECTION = "Headteacher group"
EDITOR_MODEL_PERMISSIONS = ["wagtailadmin.access_admin"]
EVERY_COLLECTION_PERMISSION = [
    f"{action}_{model}"
    for model in ("image", "document")
    for action in ("add", "change", "delete", "choose")
]


def coordinators_group_name(area):
    return f"{COORDINATORS_PREFIX}{area.name}"


def setup_roles(log):
    """Create the role groups and their permissions; report each change through `log`."""
    administrators = _group(ADMINISTRATORS, log)
    _grant_models(administrators, Permission.objects.all(), log)
    root = Page.get_first_root_node()
    _grant_pages(administrators, root, EVERY_PAGE_PERMISSION, log)
    _grant_collection(administrators, EVERY_COLLECTION_PERMISSION, log)

    for area in Area.objects.select_related("coordinators").order_by("name"):
        group = _coordinators_group(area, log)
        _grant_models(group, _permissions(COORDINATOR_MODEL_PERMISSIONS), log)
        _grant_own_collection(group, area.name, log)
        for page in PartnershipPage.objects.filter(kind=PartnershipKind.LCT, area=area):
            _grant_pages(group, page, SUBTREE_EDITOR, log)
        # Training sessions under the coverage page: their own districts' only, and never the
        # coverage page itself (training.session_permissions).
        for page in CoveragePage.objects.all():
            _grant_pages(group, page, ["add", "change", "publish"], log)

    headteacher_editors = _group(HEADTEACHER_EDITORS, log)
    _grant_models(headteacher_editors, _permissions(EDITOR_MODEL_PERMISSIONS), log)
    _grant_own_collection(headteacher_editors, HEADTEACHER_GROUP_COLLECTION, log)
    group_page = PartnershipPage.objects.filter(slug=HEADTEACHER_GROUP_SLUG).first()
    if group_page is not None:
        _grant_pages(headteacher_editors, group_page, SUBTREE_EDITOR, log)

    # Approvers act through the materials workflow's approval task, which names this group.
    approvers = _group(MATERIALS_APPROVERS, log)
    _grant_models(approvers, _permissions(EDITOR_MODEL_PERMISSIONS), log)

    # The materials library, once it exists: headteacher group editors draft materials (add and
    # change, never publish); publishing goes through the board's approval workflow.
    library = ResourceIndexPage.objects.first()
    if library is not None:
        _grant_pages(headteacher_editors, library, ["add", "change"], log)
        _workflow, created = ensure_approval_workflow(library)
        for what in created:
            log.created(what)

    # Partners sign in on the public site only: no permissions at all.
    _group(PARTNERS, log)


def _group(name, log):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        log.created(f"group {name}")
    return group


def _coordinators_group(area, log):
    """The area's coordinators group: the one linked to it, else the group of its name, linked."""
    if area.coordinators is not None:
        return area.coordinators
    group = _group(coordinators_group_name(area), log)
    area.coordinators = group
    area.save(update_fields=["coordinators"])
    log.updated(f"area {area.name}: coordinators group {group.name}")
    return group


def _permissions(names):
    """Permission objects from "app_label.codename" names."""
    wanted = [tuple(name.split(".", 1)) for name in names]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _grant_models(group, permissions, log):
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [p for p in permissions if p.pk not in have]
    if missing:
        group.permissions.add(*missing)
        log.updated(f"permissions of {group.name} (+{len(missing)})")


def _grant_pages(group, page, permission_types, log):
    page_type = ContentType.objects.get_for_model(Page)
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type=page_type, codename=f"{permission_type}_page"
        )
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
        if created:
            log.updated(f"{group.name}: {permission_type} on “{page.title}”")


def _grant_collection(group, codenames, log, collection=None):
    collection = collection or Collection.get_first_root_node()
    permissions = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=codenames
    )
    for permission in permissions:
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
        if created:
            log.updated(f"{group.name}: {permission.codename} in “{collection.name}”")


def _grant_own_collection(group, name, log):
    """Give `group` its own collection (found by its upload permission, else made as `name`)."""
    collection = _own_collection(group, name, log)
    _grant_collection(group, OWN_COLLECTION_PERMISSIONS, log, collection)


def _own_collection(group, name, log):
    root = Collection.get_first_root_node()
    # The collection the group already uploads to stays theirs, even if renamed since.
    granted = (
        GroupCollectionPermission.objects.filter(group=group, permission__codename="add_document")
        .exclude(collection=root)
        .select_related("collection")
        .first()
    )
    if granted is not None:
        return granted.collection
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    log.created(f"collection {name}")
    return root.add_child(name=name)
