"""The permission matrix for partnership pages: each role against each page, for each action.

"view" is the admin edit view loading; "edit", "publish", "unpublish" and "delete" are
Wagtail's page permission tests plus the portal's rule that only administrators unpublish or
delete a partnership page. Every cell is also checked over HTTP: the edit, unpublish and delete
views load (200) or refuse. Only administrators set a partnership's kind and area, in the form
and against a forged POST.
"""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.lookup import find_lct
from directory.models import PartnershipPage
from directory.permissions import (
    PartnershipPagePermissionTester,
    editable_areas,
    may_delete_partnership,
)
from tests.directory.factories import AreaFactory

pytestmark = pytest.mark.django_db

PAGES = ["redditch", "wyre forest", "headteacher group"]

#: Role -> page -> what the role may do there. "" means nothing.
EXPECTED = {
    "administrator": {
        "redditch": "view edit publish unpublish delete",
        "wyre forest": "view edit publish unpublish delete",
        "headteacher group": "view edit publish unpublish delete",
    },
    "redditch coordinator": {
        "redditch": "view edit publish",
        "wyre forest": "",
        "headteacher group": "",
    },
    "wyre forest coordinator": {
        "redditch": "",
        "wyre forest": "view edit publish",
        "headteacher group": "",
    },
    "headteacher group editor": {
        "redditch": "",
        "wyre forest": "",
        "headteacher group": "view edit publish",
    },
    "partner": {
        "redditch": "",
        "wyre forest": "",
        "headteacher group": "",
    },
    "anonymous": {
        "redditch": "",
        "wyre forest": "",
        "headteacher group": "",
    },
}


def page_named(county, name):
    return {
        "redditch": county.redditch,
        "wyre forest": county.wyre_forest,
        "headteacher group": county.headteacher_group,
    }[name]


def sign_in(client, user):
    if user.is_authenticated:
        client.force_login(user)


def answers_from_permissions(user, page):
    tester = page.permissions_for_user(user)
    can = {
        "view": tester.can_edit(),
        "edit": tester.can_edit(),
        "publish": tester.can_publish(),
        "unpublish": tester.can_unpublish(),
        "delete": tester.can_delete() and may_delete_partnership(user, page),
    }
    return " ".join(action for action, allowed in can.items() if allowed)


@pytest.mark.parametrize("role", EXPECTED)
def test_page_permissions_follow_the_matrix(county, role):
    user = county.users[role]

    answers = {name: answers_from_permissions(user, page_named(county, name)) for name in PAGES}

    assert answers == EXPECTED[role]


@pytest.mark.parametrize("role", EXPECTED)
def test_the_admin_edit_and_delete_views_follow_the_matrix(client, county, role):
    sign_in(client, county.users[role])

    for name in PAGES:
        page = page_named(county, name)
        allowed = EXPECTED[role][name].split()
        edit = client.get(f"/admin/pages/{page.pk}/edit/")
        delete = client.get(f"/admin/pages/{page.pk}/delete/")
        unpublish = client.get(f"/admin/pages/{page.pk}/unpublish/")
        assert (edit.status_code == 200) == ("view" in allowed), (name, edit.status_code)
        assert edit.status_code in {200, 302, 403}
        assert (unpublish.status_code == 200) == ("unpublish" in allowed), name
        assert unpublish.status_code in {200, 302, 403}
        assert (delete.status_code == 200) == ("delete" in allowed), (name, delete.status_code)
        assert delete.status_code in {200, 302, 403}


def test_a_coordinator_cannot_delete_their_own_lct_page_even_by_post(client, county):
    client.force_login(county.users["redditch coordinator"])

    response = client.post(f"/admin/pages/{county.redditch.pk}/delete/")

    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code in {302, 403}
    assert PartnershipPage.objects.filter(pk=county.redditch.pk).exists()


def test_a_coordinator_publishes_their_own_lct_through_the_admin(client, county):
    client.force_login(county.users["redditch coordinator"])
    page = county.redditch

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "title": "Redditch LCT (updated)",
                "slug": page.slug,
                "kind": "lct",
                "area": page.area_id,
                "purpose": rich_text("<p>Working together.</p>"),
                "how_to_get_involved": rich_text(""),
                "memberships": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Redditch LCT (updated)"
    assert page.live


def test_a_coordinator_cannot_edit_another_areas_lct_by_post(client, county):
    client.force_login(county.users["redditch coordinator"])
    page = county.wyre_forest

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "Taken over", "slug": page.slug, "action-publish": "action-publish"},
    )

    assert response.status_code in {302, 403}
    page.refresh_from_db()
    assert page.title == "Wyre Forest LCT"


@pytest.mark.parametrize(
    ("role", "deletable"),
    [
        ("administrator", {"redditch", "wyre forest", "headteacher group"}),
        ("redditch coordinator", set()),
        ("headteacher group editor", set()),
        ("partner", set()),
    ],
)
def test_the_partnership_page_tester_hides_delete_from_all_but_administrators(
    county, role, deletable
):
    user = county.users[role]

    allowed = {
        name
        for name in PAGES
        if PartnershipPagePermissionTester(user, page_named(county, name)).can_delete()
    }

    assert allowed == deletable


def test_a_coordinator_cannot_unpublish_their_own_lct_page_even_by_post(client, county):
    client.force_login(county.users["redditch coordinator"])

    response = client.post(f"/admin/pages/{county.redditch.pk}/unpublish/")

    assert response.status_code in {302, 403}
    assert PartnershipPage.objects.get(pk=county.redditch.pk).live


def test_the_unpublish_hook_refuses_a_coordinator_whatever_the_permission_tester_says(county):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from wagtail import hooks

    request = RequestFactory().post("/")
    request.user = county.users["redditch coordinator"]
    refusals = 0
    for hook in hooks.get_hooks("before_unpublish_page"):
        try:
            hook(request, county.redditch)
        except PermissionDenied:
            refusals += 1

    assert refusals == 1


def test_a_coordinator_may_still_unpublish_a_meeting_of_their_lct(client, county):
    from tests.meetings.factories import MeetingPageFactory

    meeting = MeetingPageFactory(parent=county.redditch, title="Redditch LCT meeting")
    client.force_login(county.users["redditch coordinator"])

    response = client.post(f"/admin/pages/{meeting.pk}/unpublish/")

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert not meeting.live


def edit_form_data(page, **changes):
    values = {
        "title": page.title,
        "slug": page.slug,
        "purpose": rich_text("<p>Working together.</p>"),
        "how_to_get_involved": rich_text(""),
        "memberships": inline_formset([]),
        "action-publish": "action-publish",
        **changes,
    }
    return nested_form_data(values)


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("administrator", True),
        ("redditch coordinator", False),
    ],
)
def test_only_administrators_are_offered_a_partnerships_area_and_kind(
    client, county, role, offered
):
    client.force_login(county.users[role])

    body = client.get(f"/admin/pages/{county.redditch.pk}/edit/").content.decode()

    assert ('name="area"' in body) is offered
    assert ('name="kind"' in body) is offered


@pytest.mark.parametrize(
    "forged",
    [{"area": "bromsgrove"}, {"kind": "county_group", "area": ""}],
    ids=["area", "kind"],
)
def test_a_coordinator_cannot_move_their_lct_to_another_area_or_kind_by_forged_post(
    client, county, forged
):
    bromsgrove = AreaFactory(name="Bromsgrove", slug="bromsgrove", outward_codes="B60 B61")
    if forged.get("area") == "bromsgrove":
        forged = {**forged, "area": bromsgrove.pk}
    coordinator = county.users["redditch coordinator"]
    client.force_login(coordinator)
    page = county.redditch

    response = client.post(f"/admin/pages/{page.pk}/edit/", edit_form_data(page, **forged))

    assert response.status_code == 200
    assert "Only a county administrator may change a partnership" in response.content.decode()
    page.refresh_from_db()
    assert (page.kind, page.area_id) == ("lct", county.redditch.area_id)
    # So the coordinator edits no more than before, and Bromsgrove's postcodes find no LCT.
    fresh = type(coordinator).objects.get(pk=coordinator.pk)
    assert set(editable_areas(fresh).ids) == {county.redditch.area_id}
    assert find_lct("B60 1AA").page is None


def test_a_coordinator_still_saves_their_lct_when_the_post_repeats_its_area_and_kind(
    client, county
):
    client.force_login(county.users["redditch coordinator"])
    page = county.redditch

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(page, title="Redditch LCT (renamed)", kind="lct", area=page.area_id),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Redditch LCT (renamed)"


def test_an_administrator_moves_an_lct_to_an_area_without_one(client, county):
    bromsgrove = AreaFactory(name="Bromsgrove", slug="bromsgrove")
    client.force_login(county.users["administrator"])
    page = county.redditch

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form_data(page, kind="lct", area=bromsgrove.pk)
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.area_id == bromsgrove.pk


def page_form(page, user, data):
    form_class = PartnershipPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)


def test_the_partnership_form_leaves_area_and_kind_to_administrators(county):
    page = county.redditch
    data = edit_form_data(page, kind="lct", area=county.wyre_forest.area_id)

    coordinators = page_form(page, county.users["redditch coordinator"], data)
    administrators = page_form(page, county.users["administrator"], data)

    assert "area" not in coordinators.fields and "kind" not in coordinators.fields
    assert not coordinators.is_valid()
    assert coordinators.errors["__all__"][0].startswith("Only a county administrator")
    assert {"area", "kind"} <= set(administrators.fields)


def test_a_coordinator_saving_an_old_revision_keeps_the_area_an_administrator_set(county):
    # A revision from before an administrator moved the page carries the old area.
    bromsgrove = AreaFactory(name="Bromsgrove", slug="bromsgrove")
    page = county.redditch
    old = page.get_latest_revision_as_object()
    old.area = bromsgrove

    form = page_form(old, county.users["redditch coordinator"], edit_form_data(page))

    assert form.is_valid(), form.errors
    assert form.save(commit=False).area_id == county.redditch.area_id


def test_an_area_has_at_most_one_lct_with_a_clear_message_in_the_editor(client, county):
    client.force_login(county.users["administrator"])
    page = county.wyre_forest

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(page, kind="lct", area=county.redditch.area_id),
    )

    assert response.status_code == 200
    assert "This area already has its Local Children" in response.content.decode()
    page.refresh_from_db()
    assert page.area_id != county.redditch.area_id


def test_the_database_refuses_a_second_lct_for_an_area(county):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipPage.objects.filter(pk=county.wyre_forest.pk).update(area=county.redditch.area)


def test_county_groups_need_no_area_and_may_be_many(county):
    from tests.directory.factories import PartnershipPageFactory

    PartnershipPageFactory(title="County taxi group", kind="county_group", area=None)

    assert PartnershipPage.objects.filter(kind="county_group").count() == 2


def test_an_administrator_copies_an_lct_page_which_starts_without_an_area(client, county):
    client.force_login(county.users["administrator"])
    page = county.redditch

    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": "New LCT", "new_slug": "new-lct", "new_parent_page": page.get_parent().pk},
    )

    assert response.status_code == 302
    copy = PartnershipPage.objects.get(slug="new-lct")
    assert copy.area_id is None
    assert PartnershipPage.objects.get(pk=page.pk).area_id is not None


def test_a_coordinator_cannot_unpublish_their_lct_page_by_bulk_action(client, county):
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        f"/admin/bulk/wagtailcore/page/unpublish/?id={county.redditch.pk}",
        {"include_descendants": ""},
    )

    assert response.status_code in {200, 302, 403}
    assert PartnershipPage.objects.get(pk=county.redditch.pk).live
