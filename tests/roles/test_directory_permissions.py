"""Coordinators change organisations and people in their own area only; others read-only."""

import pytest
from django.contrib.auth.models import Group

from directory.models import Organisation, Person
from directory.permissions import AreaPermissionPolicy, editable_areas
from tests.directory.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

organisations = AreaPermissionPolicy(Organisation)
people = AreaPermissionPolicy(Person, area_path="organisation__area")


@pytest.fixture
def records(county):
    redditch_school = OrganisationFactory(name="Redditch High", area=county.redditch.area)
    wyre_school = OrganisationFactory(name="Kidderminster Primary", area=county.wyre_forest.area)
    nowhere = OrganisationFactory(name="County-wide charity", area=None)
    return {
        "redditch school": redditch_school,
        "wyre forest school": wyre_school,
        "area-less organisation": nowhere,
        "redditch person": PersonFactory(organisation=redditch_school),
        "wyre forest person": PersonFactory(organisation=wyre_school),
        "person without organisation": PersonFactory(organisation=None),
    }


def policy_for(record):
    return people if isinstance(record, Person) else organisations


#: Each role against each record: which of view, change, delete it may do. Written out cell by
#: cell; "" means none.
EXPECTED = {
    "administrator": {
        "redditch school": "view change delete",
        "wyre forest school": "view change delete",
        "area-less organisation": "view change delete",
        "redditch person": "view change delete",
        "wyre forest person": "view change delete",
        "person without organisation": "view change delete",
    },
    "redditch coordinator": {
        "redditch school": "view change delete",
        "wyre forest school": "view",
        "area-less organisation": "view",
        "redditch person": "view change delete",
        "wyre forest person": "view",
        "person without organisation": "view",
    },
    "wyre forest coordinator": {
        "redditch school": "view",
        "wyre forest school": "view change delete",
        "area-less organisation": "view",
        "redditch person": "view",
        "wyre forest person": "view change delete",
        "person without organisation": "view",
    },
    "headteacher group editor": {
        "redditch school": "",
        "wyre forest school": "",
        "area-less organisation": "",
        "redditch person": "",
        "wyre forest person": "",
        "person without organisation": "",
    },
    "partner": {
        "redditch school": "",
        "wyre forest school": "",
        "area-less organisation": "",
        "redditch person": "",
        "wyre forest person": "",
        "person without organisation": "",
    },
    "anonymous": {
        "redditch school": "",
        "wyre forest school": "",
        "area-less organisation": "",
        "redditch person": "",
        "wyre forest person": "",
        "person without organisation": "",
    },
}
ACTIONS = ["view", "change", "delete"]


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_may_do_what_the_matrix_says_on_each_record(county, records, role):
    user = county.users[role]

    answers = {
        name: " ".join(
            action
            for action in ACTIONS
            if policy_for(record).user_has_permission_for_instance(user, action, record)
        )
        for name, record in records.items()
    }

    assert answers == EXPECTED[role]


@pytest.mark.parametrize("role", EXPECTED)
def test_the_listing_of_editable_records_matches_the_matrix(county, records, role):
    user = county.users[role]

    for action in ACTIONS:
        editable = {
            *organisations.instances_user_has_permission_for(user, action),
            *people.instances_user_has_permission_for(user, action),
        }
        expected = {
            records[name] for name, allowed in EXPECTED[role].items() if action in allowed.split()
        }
        assert editable == expected, action


def test_a_coordinator_may_add_organisations_and_people(county):
    user = county.users["redditch coordinator"]

    assert organisations.user_has_permission(user, "add")
    assert people.user_has_permission(user, "add")
    assert not organisations.user_has_permission(county.users["partner"], "add")


def test_the_users_who_may_change_a_record_are_its_areas_editors_and_administrators(
    county, records
):
    superuser = UserFactory(is_superuser=True)

    redditch = set(
        organisations.users_with_permission_for_instance("change", records["redditch school"])
    )
    nowhere = set(
        people.users_with_permission_for_instance("change", records["person without organisation"])
    )
    viewers = set(
        organisations.users_with_permission_for_instance("view", records["redditch school"])
    )

    users = county.users
    assert redditch == {users["administrator"], users["redditch coordinator"], superuser}
    assert nowhere == {users["administrator"], superuser}
    assert viewers == {
        users["administrator"],
        users["redditch coordinator"],
        users["wyre forest coordinator"],
        superuser,
    }


def test_a_coordinator_moved_to_another_area_edits_that_area_instead(county, records):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="LCT coordinators – Redditch"))
    assert organisations.user_has_permission_for_instance(
        user, "change", records["redditch school"]
    )

    user.groups.set([Group.objects.get(name="LCT coordinators – Wyre Forest")])
    user = type(user).objects.get(pk=user.pk)  # a new request: nothing cached

    assert not organisations.user_has_permission_for_instance(
        user, "change", records["redditch school"]
    )
    assert organisations.user_has_permission_for_instance(
        user, "change", records["wyre forest school"]
    )


def test_an_inactive_coordinator_may_change_nothing(county, records):
    user = county.users["redditch coordinator"]
    user.is_active = False
    user.save()
    user = type(user).objects.get(pk=user.pk)

    assert not organisations.user_has_permission_for_instance(
        user, "change", records["redditch school"]
    )
    assert not editable_areas(user).ids


def test_a_persons_area_follows_their_organisation(county, records):
    person = records["redditch person"]
    coordinator = county.users["wyre forest coordinator"]
    assert not people.user_has_permission_for_instance(coordinator, "change", person)

    person.organisation = records["wyre forest school"]

    assert people.user_has_permission_for_instance(coordinator, "change", person)


def test_the_editable_areas_are_worked_out_once_per_user(
    county, records, django_assert_num_queries
):
    user = type(county.users["redditch coordinator"]).objects.get(username="coord-redditch")
    many = [OrganisationFactory(area=county.redditch.area) for _ in range(5)]

    organisations.user_has_permission_for_instance(user, "change", records["redditch school"])
    with django_assert_num_queries(0):
        for organisation in [records["wyre forest school"], *many]:
            organisations.user_has_permission_for_instance(user, "change", organisation)


def test_wagtail_uses_the_area_policies_for_organisations_and_people():
    from wagtail.permissions import policy_registry

    organisation_policy = policy_registry.get_by_type(Organisation)
    person_policy = policy_registry.get_by_type(Person)

    assert isinstance(organisation_policy, AreaPermissionPolicy)
    assert organisation_policy.area_path == "area"
    assert isinstance(person_policy, AreaPermissionPolicy)
    assert person_policy.area_path == "organisation__area"


def organisation_form(user, data):
    from django.forms import modelform_factory

    from directory.forms import OrganisationAreaForm

    form_class = modelform_factory(
        Organisation, form=OrganisationAreaForm, fields=["name", "kind", "postcode", "area"]
    )
    return form_class(data, for_user=user)


def test_a_coordinator_adds_an_organisation_only_in_their_own_area(county):
    user = county.users["redditch coordinator"]
    redditch, wyre = county.redditch.area, county.wyre_forest.area

    own = organisation_form(user, {"name": "A", "kind": "school", "area": redditch.pk})
    other = organisation_form(user, {"name": "B", "kind": "school", "area": wyre.pk})
    nowhere = organisation_form(user, {"name": "C", "kind": "school"})

    assert own.is_valid(), own.errors
    assert list(own.fields["area"].queryset) == [redditch]
    assert "area" in other.errors
    assert "area" in nowhere.errors


def test_a_coordinators_new_organisation_may_take_its_area_from_a_postcode_in_it(county):
    user = county.users["redditch coordinator"]
    county.redditch.area.outward_codes = "B97 B98"
    county.redditch.area.save()
    county.wyre_forest.area.outward_codes = "DY10"
    county.wyre_forest.area.save()

    inside = organisation_form(user, {"name": "A", "kind": "school", "postcode": "B97 4AB"})
    outside = organisation_form(user, {"name": "B", "kind": "school", "postcode": "DY10 1AA"})

    assert inside.is_valid(), inside.errors
    assert "area" in outside.errors


def test_an_administrator_may_add_an_organisation_anywhere_or_nowhere(county):
    form = organisation_form(
        county.users["administrator"], {"name": "C", "kind": "voluntary_group"}
    )

    assert form.is_valid(), form.errors


def test_a_coordinator_puts_a_new_person_in_an_organisation_of_their_area(county):
    from django.forms import modelform_factory

    from directory.forms import PersonAreaForm

    own = OrganisationFactory(area=county.redditch.area)
    other = OrganisationFactory(area=county.wyre_forest.area)
    form_class = modelform_factory(Person, form=PersonAreaForm, fields=["name", "organisation"])
    user = county.users["redditch coordinator"]

    inside = form_class({"name": "Sam", "organisation": own.pk}, for_user=user)
    outside = form_class({"name": "Sam", "organisation": other.pk}, for_user=user)
    without = form_class({"name": "Sam"}, for_user=user)
    by_admin = form_class({"name": "Sam"}, for_user=county.users["administrator"])

    assert inside.is_valid(), inside.errors
    assert "organisation" in outside.errors
    assert "organisation" in without.errors
    assert by_admin.is_valid(), by_admin.errors


def test_a_snippet_viewset_for_organisations_or_people_gets_the_area_policy():
    from wagtail.snippets.views.snippets import SnippetViewSet

    class OrganisationViewSet(SnippetViewSet):
        model = Organisation

    class PersonViewSet(SnippetViewSet):
        model = Person

    assert isinstance(OrganisationViewSet().permission_policy, AreaPermissionPolicy)
    assert PersonViewSet().permission_policy.area_path == "organisation__area"


def test_a_coordinators_areas_come_from_their_group_not_from_their_lct_page(county, records):
    # Even if their LCT page's area changed (only an administrator may), what a coordinator
    # edits stays their group's area.
    bromsgrove = AreaFactory(name="Bromsgrove", slug="bromsgrove")
    bromsgrove_school = OrganisationFactory(name="Bromsgrove School", area=bromsgrove)
    page = county.redditch
    redditch = page.area_id
    page.area = bromsgrove
    page.save_revision().publish()
    user = type(county.users["redditch coordinator"]).objects.get(username="coord-redditch")

    assert set(editable_areas(user).ids) == {redditch}
    assert not organisations.user_has_permission_for_instance(user, "change", bromsgrove_school)
    assert organisations.user_has_permission_for_instance(
        user, "change", records["redditch school"]
    )


def test_each_coordinators_group_is_linked_to_its_area(county):
    assert Group.objects.get(name="LCT coordinators – Redditch").coordinated_area.slug == (
        "redditch"
    )
    assert Group.objects.get(name="LCT coordinators – Wyre Forest").coordinated_area.slug == (
        "wyre-forest"
    )


def person_form(user, data, instance=None):
    from wagtail.admin.panels import ObjectList

    from directory.forms import PersonAreaForm

    form_class = (
        ObjectList(Person.panels, base_form_class=PersonAreaForm)
        .bind_to_model(Person)
        .get_form_class()
    )
    return form_class(data, instance=instance, for_user=user)


def test_a_coordinator_is_not_offered_user_accounts_to_link(county):
    coordinator = person_form(county.users["redditch coordinator"], None)
    administrator = person_form(county.users["administrator"], None)

    assert "user" not in coordinator.fields
    assert set(administrator.fields["user"].queryset) >= {
        county.users["administrator"],
        county.users["partner"],
    }


def test_a_coordinator_cannot_link_an_account_to_a_person_by_forged_post(county, records):
    person = records["redditch person"]
    data = {"name": person.name, "organisation": person.organisation_id, "visibility": "public"}

    linking = person_form(
        county.users["redditch coordinator"],
        {**data, "user": county.users["administrator"].pk},
        instance=person,
    )

    assert not linking.is_valid()
    assert "Only a county administrator may link" in str(linking.errors)


def test_a_coordinators_edit_keeps_the_persons_account_link(county, records):
    person = records["redditch person"]
    person.user = county.users["partner"]
    person.save()
    data = {"name": "Renamed", "organisation": person.organisation_id, "visibility": "public"}

    form = person_form(county.users["redditch coordinator"], data, instance=person)

    assert form.is_valid(), form.errors
    assert form.save().user == county.users["partner"]


def test_a_forged_post_to_the_person_editor_links_no_account(client, county, records):
    from django.urls import reverse

    person = records["redditch person"]
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        reverse("wagtailsnippets_directory_person:edit", args=[person.pk]),
        {
            "name": person.name,
            "organisation": person.organisation_id,
            "visibility": "public",
            "user": county.users["administrator"].pk,
        },
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.user is None
