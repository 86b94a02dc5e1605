"""The permission matrix for partnership pages: each role against each page, for each action.

"view" is the admin edit view loading; "edit", "publish" and "delete" are Wagtail's page
permission tests plus the portal's rule that only administrators delete a partnership page.
Every cell is also checked over HTTP: the edit and delete views load (200) or refuse.
"""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.models import PartnershipPage
from directory.permissions import PartnershipPagePermissionTester, may_delete_partnership

pytestmark = pytest.mark.django_db

PAGES = ["redditch", "wyre forest", "headteacher group"]

#: Role -> page -> what the role may do there. "" means nothing.
EXPECTED = {
    "administrator": {
        "redditch": "view edit publish delete",
        "wyre forest": "view edit publish delete",
        "headteacher group": "view edit publish delete",
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
        assert (edit.status_code == 200) == ("view" in allowed), (name, edit.status_code)
        assert edit.status_code in {200, 302, 403}
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
