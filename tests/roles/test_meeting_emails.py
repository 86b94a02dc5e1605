"""A member chooses on their account page: meeting invitations by email (the default), or the
calendar feed only; the choice is kept for their directory entry."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from meetings.invitations import CHOICE_ACTION, CHOICE_SALT, choice_token
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


# -- the member's own link, in every meeting email, for members without a sign-in ----------


@pytest.fixture
def no_account():
    return PersonFactory(name="Sam Scout Leader", email="sam@example.org")


def own_link(person):
    return reverse("meeting_emails_choice", args=[choice_token(person.pk)])


def test_a_member_without_a_sign_in_chooses_the_feed_only_through_their_own_link(
    client, no_account
):
    link = own_link(no_account)
    page = client.get(link)
    assert page.status_code == 200
    assert 'value="email" checked' in page.content.decode()
    assert "Sam Scout Leader" not in page.content.decode()

    response = client.post(link, {"how": "feed"})

    assert response.status_code == 302 and response["Location"] == link
    assert InvitationPreference.objects.get(person=no_account).by_email is False
    shown = client.get(link).content.decode()
    assert "You will follow meetings through your calendar feed only." in shown
    assert 'value="feed" checked' in shown
    client.post(link, {"how": "email"})
    assert InvitationPreference.objects.get(person=no_account).by_email is True


@pytest.mark.parametrize("how", ["forged", "altered", "another salt", "not a number"])
def test_a_link_we_did_not_send_is_refused(client, no_account, how):
    token = {
        "forged": "MQ:1vQbQe:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "altered": choice_token(no_account.pk)[:-2] + "xx",
        "another salt": signing.dumps(no_account.pk),
        "not a number": signing.dumps("1", salt=CHOICE_SALT),
    }[how]
    link = reverse("meeting_emails_choice", args=[token])

    assert client.get(link).status_code == 404
    assert client.post(link, {"how": "feed"}).status_code == 404
    assert client.post(link + "one-click/", {"List-Unsubscribe": "One-Click"}).status_code == 404
    assert not InvitationPreference.objects.exists()


def test_a_mail_clients_one_click_unsubscribe_needs_no_form_token_and_only_stops_emails(
    no_account,
):
    client = Client(enforce_csrf_checks=True)
    one_click = own_link(no_account) + "one-click/"

    # A client that only opens the address, or a link scanner: the choice page, no change.
    opened = client.get(one_click)
    assert opened.status_code == 302 and opened["Location"] == own_link(no_account)
    assert client.head(one_click).status_code == 302
    assert not InvitationPreference.objects.exists()
    response = client.post(one_click, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert InvitationPreference.objects.get(person=no_account).by_email is False


@pytest.mark.parametrize("through", ["account", "link", "one-click"])
def test_each_choice_is_in_the_audit_log_of_the_members_entry(client, county, member, through):
    if through == "account":
        client.force_login(county.users["partner"])
        client.post(URL, {"how": "feed"})
    elif through == "link":
        client.post(own_link(member), {"how": "feed"})
    else:
        client.post(own_link(member) + "one-click/")

    entry = ModelLogEntry.objects.get(action=CHOICE_ACTION)
    assert entry.object_id == str(member.pk)
    assert entry.data == {"by_email": False, "through": through}
    assert entry.user == (county.users["partner"] if through == "account" else None)
    assert entry.label  # shown in the entry's history
