"""`setup_roles` creates the role groups with their permissions, and is safe to run again."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission

from ltc_portal import roles
from tests.directory.factories import AreaFactory, PartnershipPageFactory

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def page_permissions(group_name):
    return sorted(
        (p.page.slug, p.permission.codename)
        for p in GroupPagePermission.objects.filter(group__name=group_name).select_related(
            "page", "permission"
        )
    )


@pytest.fixture
def two_lcts(home_page):
    PartnershipPageFactory(slug="redditch", area=AreaFactory(name="Redditch", slug="redditch"))
    PartnershipPageFactory(
        slug="wyre-forest", area=AreaFactory(name="Wyre Forest", slug="wyre-forest")
    )
    PartnershipPageFactory(slug="headteacher-group", kind="county_group", area=None)


def test_setup_roles_creates_one_coordinators_group_per_area_and_the_other_roles(two_lcts):
    # The materials app's migration already makes "Materials approvers"; the rest are new.
    before = set(Group.objects.values_list("name", flat=True))
    assert "Materials approvers" in before

    run()

    created = set(Group.objects.values_list("name", flat=True)) - before
    assert sorted(created) == sorted(
        [
            "County administrators",
            "LCT coordinators – Redditch",
            "LCT coordinators – Wyre Forest",
            "Headteacher group editors",
            "Partners",
        ]
    )


def test_a_coordinators_group_may_add_edit_and_publish_its_own_lct_only(two_lcts):
    run()

    assert page_permissions("LCT coordinators – Redditch") == [
        ("redditch", "add_page"),
        ("redditch", "change_page"),
        ("redditch", "publish_page"),
    ]


def test_headteacher_group_editors_may_edit_the_headteacher_group_page_only(two_lcts):
    run()

    assert page_permissions(roles.HEADTEACHER_EDITORS) == [
        ("headteacher-group", "add_page"),
        ("headteacher-group", "change_page"),
        ("headteacher-group", "publish_page"),
    ]


def test_administrators_hold_every_page_permission_from_the_root(two_lcts):
    run()

    assert page_permissions(roles.ADMINISTRATORS) == [
        ("root", f"{kind}_page")
        for kind in ["add", "bulk_delete", "change", "lock", "publish", "unlock"]
    ]


def test_editors_reach_the_admin_and_partners_have_no_permissions(two_lcts):
    run()

    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "access_admin" in codenames("LCT coordinators – Redditch")
    assert "access_admin" in codenames(roles.HEADTEACHER_EDITORS)
    assert "access_admin" in codenames(roles.MATERIALS_APPROVERS)
    assert {"change_organisation", "change_person"} <= codenames("LCT coordinators – Redditch")
    assert codenames(roles.PARTNERS) == set()
    assert not GroupPagePermission.objects.filter(group__name=roles.PARTNERS).exists()


def test_setup_roles_twice_changes_nothing_and_says_so(two_lcts):
    first = run()
    counts = (Group.objects.count(), GroupPagePermission.objects.count())

    second = run()

    assert "changes" in first
    assert "nothing changed" in second
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts


def test_setup_roles_keeps_permissions_an_administrator_added(two_lcts):
    run()
    group = Group.objects.get(name=roles.PARTNERS)
    group.permissions.add(*Group.objects.get(name=roles.MATERIALS_APPROVERS).permissions.all())

    run()

    assert group.permissions.filter(codename="access_admin").exists()


def test_a_new_area_gets_its_group_on_the_next_run(two_lcts):
    run()
    PartnershipPageFactory(slug="bromsgrove", area=AreaFactory(name="Bromsgrove"))

    output = run()

    assert "created group LCT coordinators – Bromsgrove" in output
    assert page_permissions("LCT coordinators – Bromsgrove") == [
        ("bromsgrove", "add_page"),
        ("bromsgrove", "change_page"),
        ("bromsgrove", "publish_page"),
    ]


def test_seed_demo_puts_each_demo_user_in_their_roles_group(site):
    call_command("seed_demo", stdout=StringIO())

    def groups(username):
        user = get_user_model().objects.get(username=username)
        return list(user.groups.values_list("name", flat=True))

    assert groups("admin") == ["County administrators"]
    assert groups("coord-redditch") == ["LCT coordinators – Redditch"]
    assert groups("coord-wyre-forest") == ["LCT coordinators – Wyre Forest"]
    assert groups("headteacher-editor") == ["Headteacher group editors"]
    assert groups("approver") == ["Materials approvers"]
    assert groups("partner") == ["Partners"]
    assert page_permissions("LCT coordinators – Redditch") == [
        ("redditch", "add_page"),
        ("redditch", "change_page"),
        ("redditch", "publish_page"),
        # Training sessions of their own district (training.session_permissions).
        ("training-coverage", "add_page"),
        ("training-coverage", "change_page"),
        ("training-coverage", "publish_page"),
    ]


def collection_permissions(group_name):
    from wagtail.models import GroupCollectionPermission

    return sorted(
        GroupCollectionPermission.objects.filter(group__name=group_name).values_list(
            "collection__name", "permission__codename"
        )
    )


OWN = ["add_document", "add_image", "change_document", "change_image"]
OWN += ["choose_document", "choose_image"]


def test_each_area_and_the_headteacher_group_upload_to_their_own_collection(two_lcts):
    run()

    assert collection_permissions("LCT coordinators – Redditch") == sorted(
        ("Redditch", codename) for codename in OWN
    )
    assert collection_permissions("LCT coordinators – Wyre Forest") == sorted(
        ("Wyre Forest", codename) for codename in OWN
    )
    assert collection_permissions(roles.HEADTEACHER_EDITORS) == sorted(
        ("Headteacher group", codename) for codename in OWN
    )
    assert len(collection_permissions(roles.ADMINISTRATORS)) == 8
    assert collection_permissions(roles.PARTNERS) == []


def test_the_collections_are_made_once_and_kept_when_renamed(two_lcts):
    from wagtail.models import Collection

    run()
    redditch = Collection.objects.get(name="Redditch")
    redditch.name = "Redditch LCT papers"
    redditch.save()

    second = run()

    assert "nothing changed" in second
    assert not Collection.objects.filter(name="Redditch").exists()
    assert {name for name, _ in collection_permissions("LCT coordinators – Redditch")} == {
        "Redditch LCT papers"
    }


def test_setup_roles_links_each_area_to_its_coordinators_group(two_lcts):
    from directory.models import Area

    run()

    assert Area.objects.get(slug="redditch").coordinators.name == "LCT coordinators – Redditch"


def test_an_areas_renamed_coordinators_group_stays_its_group(two_lcts):
    from directory.models import Area

    run()
    group = Group.objects.get(name="LCT coordinators – Redditch")
    group.name = "Redditch coordinators"
    group.save()

    run()

    assert Area.objects.get(slug="redditch").coordinators == group
    assert not Group.objects.filter(name="LCT coordinators – Redditch").exists()


def test_coordinators_may_add_and_edit_venues(two_lcts):
    run()

    codenames = set(
        Group.objects.get(name="LCT coordinators – Redditch").permissions.values_list(
            "codename", flat=True
        )
    )

    assert {"add_venue", "change_venue", "view_venue"} <= codenames
    assert "delete_venue" not in codenames


def test_the_upgrade_retires_the_old_root_collection_grants(two_lcts):
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    run()
    root = Collection.get_first_root_node()
    group = Group.objects.get(name="LCT coordinators – Redditch")
    GroupCollectionPermission.objects.create(
        group=group, collection=root, permission=Permission.objects.get(codename="choose_document")
    )
    administrators = GroupCollectionPermission.objects.filter(group__name=roles.ADMINISTRATORS)
    before = administrators.count()
    migration = importlib.import_module("ltc_portal.migrations.0003_retire_root_collection_grants")

    migration.retire_root_collection_grants(apps, None)

    assert not GroupCollectionPermission.objects.filter(group=group, collection=root).exists()
    assert GroupCollectionPermission.objects.filter(group=group).exists()
    assert administrators.count() == before


def test_setup_roles_lets_headteacher_editors_draft_materials_and_sets_up_approval(home_page):
    from wagtail.models import GroupPagePermission, WorkflowPage

    from core.demo import Log
    from ltc_portal import roles
    from resources.models import ResourceIndexPage

    library = home_page.add_child(instance=ResourceIndexPage(title="Materials", slug="materials"))

    roles.setup_roles(Log(lambda line: None))

    granted = set(
        GroupPagePermission.objects.filter(
            group__name=roles.HEADTEACHER_EDITORS, page=library
        ).values_list("permission__codename", flat=True)
    )
    assert granted == {"add_page", "change_page"}
    workflow = WorkflowPage.objects.get(page=library).workflow
    assert workflow.name == "Safeguarding board approval"
    assert [group.name for group in workflow.tasks.get().specific.groups.all()] == [
        roles.MATERIALS_APPROVERS
    ]


def test_the_upgrade_links_each_area_to_the_coordinators_group_named_after_it(two_lcts):
    import importlib

    from django.apps import apps

    from directory.models import Area

    run()
    Area.objects.update(coordinators=None)
    migration = importlib.import_module(
        "directory.migrations.0003_area_coordinators_and_one_lct_per_area"
    )

    migration.link_coordinators_groups(apps, None)

    assert Area.objects.get(slug="redditch").coordinators.name == "LCT coordinators – Redditch"
    assert Area.objects.get(slug="wyre-forest").coordinators.name == (
        "LCT coordinators – Wyre Forest"
    )
