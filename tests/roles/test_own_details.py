"""A signed-in partner changes their own email, phone and visibility from their account page;
only their own entry, only those fields, audited with them as author and shown to their
coordinator; the new visibility applies on the pages they appear on."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.enums import Visibility
from directory.audit import OWN_DETAILS_ACTION
from directory.models import Person
from tests.directory.factories import (
    DirectoryPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

URL = "/account/your-details/"


@pytest.fixture
def partner(county):
    user = county.users["partner"]
    school = OrganisationFactory(name="Redditch High", area=county.redditch.area)
    person = PersonFactory(
        name="Pat Partner",
        job_title="Designated safeguarding lead",
        organisation=school,
        email="pat.old@example.org",
        phone="01527 111111",
        visibility=Visibility.PARTNERS,
        user=user,
    )
    return person


def details(**changes):
    data = {"email": "pat.old@example.org", "phone": "01527 111111", "visibility": "partners"}
    data.update(changes)
    return data


def test_the_account_page_shows_their_details_and_a_link_to_change_them(client, partner):
    client.force_login(partner.user)
    body = client.get("/account/").content.decode()
    assert "pat.old@example.org" in body
    assert f'href="{URL}"' in body


def test_a_partner_changes_their_own_email_phone_and_visibility(client, partner):
    client.force_login(partner.user)
    response = client.post(
        URL, details(email="pat.new@example.org", phone="+44 7700 900123", visibility="public")
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.email, partner.phone, partner.visibility) == (
        "pat.new@example.org",
        "+44 7700 900123",
        "public",
    )


def test_name_job_title_organisation_and_user_stay_with_the_coordinator(client, partner, county):
    client.force_login(partner.user)
    other = OrganisationFactory(name="Elsewhere")
    client.post(
        URL,
        details(
            name="Someone Else",
            job_title="Chair",
            organisation=other.pk,
            user=county.users["administrator"].pk,
        ),
    )
    partner.refresh_from_db()
    assert partner.name == "Pat Partner"
    assert partner.job_title == "Designated safeguarding lead"
    assert partner.organisation.name == "Redditch High"
    assert partner.user == county.users["partner"]


def test_a_partner_can_only_change_their_own_entry(client, partner):
    someone = PersonFactory(name="Someone", email="someone@example.org")
    client.force_login(partner.user)
    client.post(URL, {**details(email="x@example.org"), "pk": someone.pk, "id": someone.pk})
    someone.refresh_from_db()
    assert someone.email == "someone@example.org"
    partner.refresh_from_db()
    assert partner.email == "x@example.org"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address like"),
        ({"phone": "call me maybe"}, "Use only digits"),
        ({"phone": "01527"}, "10 to 15 digits"),
        ({"visibility": "everyone"}, "Select a valid choice"),
    ],
)
def test_bad_details_are_refused_with_a_summary(client, partner, changes, message):
    client.force_login(partner.user)
    response = client.post(URL, details(**changes))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    partner.refresh_from_db()
    assert partner.email == "pat.old@example.org"


def test_the_change_is_in_the_audit_log_with_the_partner_as_author(client, partner):
    client.force_login(partner.user)
    client.post(URL, details(phone="01527 222222"))
    entry = ModelLogEntry.objects.get(action=OWN_DETAILS_ACTION)
    assert entry.object_id == str(partner.pk)
    assert entry.user == partner.user
    assert entry.data == {"fields": ["phone"]}
    # and it is in the person's history in the admin, for those who may read it
    assert entry in ModelLogEntry.objects.for_instance(partner)


def test_saving_nothing_changed_writes_no_log_entry(client, partner):
    client.force_login(partner.user)
    client.post(URL, details())
    assert not ModelLogEntry.objects.filter(action=OWN_DETAILS_ACTION).exists()


def test_the_coordinator_of_the_partners_area_sees_the_change_on_their_dashboard(
    client, partner, county
):
    client.force_login(partner.user)
    client.post(URL, details(phone="01527 222222"))
    client.force_login(county.users["redditch coordinator"])
    body = client.get("/admin/").content.decode()
    assert "Recent changes partners made to their own details" in body
    assert "Pat Partner" in body
    client.force_login(county.users["wyre forest coordinator"])
    assert "Pat Partner" not in client.get("/admin/").content.decode()


def test_a_user_with_no_directory_entry_is_told_whom_to_ask(client, county):
    client.force_login(county.users["headteacher group editor"])
    assert not Person.objects.filter(user=county.users["headteacher group editor"]).exists()
    for url in ("/account/", URL):
        body = client.get(url).content.decode()
        assert "ask your Local Children's Trust coordinator" in body
    assert client.post(URL, details()).status_code == 200


def test_signing_in_is_needed(client, partner):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_sign_in") in response["Location"]


def test_making_details_private_hides_them_on_the_partnership_page(client, partner, county):
    home = county.redditch.get_parent().get_parent()
    DirectoryPageFactory(parent=home)
    MembershipFactory(page=county.redditch, person=partner, organisation=partner.organisation)
    county.redditch.save_revision().publish()
    client.force_login(county.users["partner"])
    client.post(URL, details(visibility="public"))
    client.logout()
    assert "pat.old@example.org" in client.get(county.redditch.url).content.decode()

    client.force_login(county.users["partner"])
    client.post(URL, details(visibility="private"))
    client.logout()
    body = client.get(county.redditch.url).content.decode()
    assert "Pat Partner" in body
    assert "pat.old@example.org" not in body
    assert "01527 111111" not in body


def test_a_flood_of_changes_elsewhere_does_not_hide_a_change_in_this_area(partner, county):
    """The area filter runs before the newest are taken: 300 changes by someone in Wyre Forest
    leave the Redditch partner's one change on the Redditch coordinator's list."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from directory.audit import own_detail_changes

    now = timezone.now()
    ModelLogEntry.objects.create(
        timestamp=now - datetime.timedelta(minutes=5),
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(partner.pk),
        label=partner.name,
        action=OWN_DETAILS_ACTION,
        user=partner.user,
    )
    elsewhere = PersonFactory(
        name="Wyn Elsewhere",
        organisation=OrganisationFactory(area=county.wyre_forest.area),
    )
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(Person),
            object_id=str(elsewhere.pk),
            label=elsewhere.name,
            action=OWN_DETAILS_ACTION,
            timestamp=now,
        )
        for _ in range(300)
    )
    listed = [person for _entry, person in own_detail_changes(county.users["redditch coordinator"])]
    assert listed == [partner]
    wyre = own_detail_changes(county.users["wyre forest coordinator"])
    assert {person.name for _entry, person in wyre} == {"Wyn Elsewhere"}


def test_a_change_by_someone_seated_on_the_lct_reaches_its_coordinator(client, county):
    """A partner whose organisation is elsewhere (or none) but who sits on the Redditch LCT now
    is the Redditch coordinator's to see."""
    user = county.users["partner"]
    person = PersonFactory(
        name="Sam Seated", organisation=None, user=user, visibility=Visibility.PARTNERS
    )
    MembershipFactory(page=county.redditch, person=person)
    client.force_login(user)
    client.post(URL, {"email": "sam@example.org", "phone": "", "visibility": "public"})
    client.force_login(county.users["redditch coordinator"])
    assert "Sam Seated" in client.get("/admin/").content.decode()
    client.force_login(county.users["wyre forest coordinator"])
    assert "Sam Seated" not in client.get("/admin/").content.decode()


def test_another_districts_coordinator_reads_no_history_of_the_change(client, partner, county):
    """Who changed a Redditch person, and when, is Redditch's: the site history and the
    person's history show it to the Redditch coordinator, not to Wyre Forest's."""
    client.force_login(partner.user)
    client.post(URL, details(phone="01527 222222"))
    history = f"/admin/snippets/directory/person/history/{partner.pk}/"

    client.force_login(county.users["redditch coordinator"])
    assert "Pat Partner" in client.get("/admin/reports/site-history/").content.decode()
    assert client.get(history).status_code == 200

    client.force_login(county.users["wyre forest coordinator"])
    assert "Pat Partner" not in client.get("/admin/reports/site-history/").content.decode()
    assert "Pat Partner" not in client.get("/admin/reports/site-history/results/").content.decode()
    # Refused as the edit view refuses: back to the dashboard with Wagtail's message.
    refused = client.get(history)
    assert (refused.status_code, refused.url) == (302, "/admin/")
