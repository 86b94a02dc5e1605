"""A member chooses on their account page: meeting invitations by email (the default), or the
calendar feed only; the choice is kept for their directory entry."""

import pytest

from meetings.models import InvitationPreference
from tests.directory.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = "/account/meeting-emails/"


@pytest.fixture
def member(county):
    return PersonFactory(name="Pat Partner", email="pat@example.org", user=county.users["partner"])


def test_the_account_page_says_a_member_gets_meeting_emails_until_they_choose(
    client, county, member
):
    client.force_login(county.users["partner"])
    body = client.get("/account/").content.decode()
    assert "You get an email with a calendar invitation" in body
    assert URL in body


def test_a_member_chooses_the_feed_only_and_back(client, county, member):
    client.force_login(county.users["partner"])
    form = client.get(URL).content.decode()
    assert 'value="email" checked' in form
    response = client.post(URL, {"how": "feed"})
    assert response.status_code == 302
    assert InvitationPreference.objects.get(person=member).by_email is False
    body = client.get("/account/").content.decode()
    assert "calendar feed only" in body
    assert 'value="feed" checked' in client.get(URL).content.decode()

    client.post(URL, {"how": "email"})
    assert InvitationPreference.objects.get(person=member).by_email is True


def test_no_choice_is_an_error_linked_to_the_question(client, county, member):
    client.force_login(county.users["partner"])
    body = client.post(URL, {}).content.decode()
    assert "There is a problem" in body
    assert 'href="#id_how"' in body
    assert "Choose how you want to hear about meetings" in body
    assert not InvitationPreference.objects.exists()


def test_a_sign_in_without_a_directory_entry_has_nothing_to_choose(client, county):
    client.force_login(county.users["partner"])
    response = client.get(URL)
    assert response.status_code == 200
    assert "not linked to an entry in the directory" in response.content.decode()
    assert client.post(URL, {"how": "feed"}).status_code == 200
    assert not InvitationPreference.objects.exists()


def test_signed_out_visitors_are_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "sign-in" in response["Location"]
