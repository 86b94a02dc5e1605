"""Partner accounts on the public site: sign in and out, password reset, the account page."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from tests.directory.factories import PartnershipPageFactory, membership_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_sign_in_page_has_labelled_fields_with_autocomplete(client, site):
    html = soup_of(client.get("/account/sign-in/"))

    username = html.select_one("input#id_username")
    password = html.select_one("input#id_password")
    assert html.select_one("label[for=id_username]").get_text(strip=True) == "Username"
    assert html.select_one("label[for=id_password]").get_text(strip=True) == "Password"
    assert username["autocomplete"] == "username"
    assert password["autocomplete"] == "current-password"
    assert password["type"] == "password"
    assert html.select_one("form[method=post] input[name=csrfmiddlewaretoken]") is not None
    assert len(html.find_all("h1")) == 1


def test_a_partner_signs_in_and_lands_on_their_account(client, site):
    user = UserFactory(username="pat")

    response = client.post("/account/sign-in/", {"username": "pat", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_in_returns_to_a_safe_next_page_only(client, site):
    UserFactory(username="pat")

    safe = client.post(
        "/account/sign-in/", {"username": "pat", "password": PASSWORD, "next": "/search/"}
    )
    client.logout()
    unsafe = client.post(
        "/account/sign-in/",
        {"username": "pat", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert safe["Location"] == "/search/"
    assert unsafe["Location"] == "/account/"


def test_a_wrong_password_shows_an_error_summary_linked_to_the_username(client, site):
    UserFactory(username="pat")

    response = client.post("/account/sign-in/", {"username": "pat", "password": "wrong"})

    html = soup_of(response)
    assert response.status_code == 200
    summary = html.select_one(".govuk-error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#id_username"
    assert "username or password is not right" in link.get_text()
    assert html.find("title").get_text().startswith("Error:")
    # The password typed is never sent back.
    assert not html.select_one("input#id_password").has_attr("value")


def test_empty_fields_are_each_named_in_the_summary_and_beside_the_field(client, site):
    html = soup_of(client.post("/account/sign-in/", {"username": "", "password": ""}))

    links = {a["href"]: a.get_text() for a in html.select(".govuk-error-summary a")}
    assert links == {"#id_username": "Enter your username", "#id_password": "Enter your password"}
    username = html.select_one("input#id_username")
    assert "govuk-input--error" in username["class"]
    assert username["aria-describedby"] == "id_username-error"
    assert (
        html.select_one("#id_username-error").get_text(strip=True).endswith("Enter your username")
    )


def test_sign_in_does_not_say_whether_the_username_exists(client, site):
    UserFactory(username="pat")
    UserFactory(username="gone", is_active=False)

    def errors(username, password):
        response = client.post("/account/sign-in/", {"username": username, "password": password})
        return [a.get_text() for a in soup_of(response).select(".govuk-error-summary a")]

    wrong_password = errors("pat", "wrong")
    no_such_user = errors("nobody-by-that-name", "wrong")
    inactive_right_password = errors("gone", PASSWORD)

    assert wrong_password == no_such_user == inactive_right_password
    assert len(wrong_password) == 1


def test_signing_out_needs_a_post_and_says_so(client, site):
    user = UserFactory()
    client.force_login(user)

    refused = client.get("/account/sign-out/")
    response = client.post("/account/sign-out/", follow=True)

    assert refused.status_code == 405
    assert "_auth_user_id" not in client.session
    assert "You have signed out." in response.content.decode()


def test_the_account_page_needs_a_sign_in(client, site):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/"


def test_the_account_page_lists_my_current_partnerships_as_links(client, home_page):
    user = UserFactory()
    redditch = PartnershipPageFactory(title="Redditch Local Children's Trust")
    PartnershipPageFactory(title="Wyre Forest Local Children's Trust")
    membership_for(user, redditch)
    client.force_login(user)

    html = soup_of(client.get("/account/"))

    links = html.select("#my-partnerships + ul a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Redditch Local Children's Trust", redditch.url)
    ]
    assert html.select_one("form[action='/account/sign-out/'] button") is not None


def test_the_account_page_says_so_when_i_sit_on_no_partnership(client, site):
    client.force_login(UserFactory())

    text = soup_of(client.get("/account/")).get_text(" ", strip=True)

    assert "not listed as a current member of any partnership" in text


def test_password_reset_emails_a_one_use_link_that_sets_a_new_password(client, site):
    user = UserFactory(email="pat@example.org")

    response = client.post("/account/password-reset/", {"email": "pat@example.org"})

    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your LCT Portal password"
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        set_password_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert done["Location"] == "/account/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")
    again = client.get(link)
    assert "This link does not work any more" in again.content.decode()


def test_password_reset_says_the_same_whether_or_not_the_address_has_an_account(client, site):
    UserFactory(email="pat@example.org")

    known = client.post("/account/password-reset/", {"email": "pat@example.org"})
    unknown = client.post("/account/password-reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_the_password_reset_form_asks_for_a_valid_address(client, site):
    html = soup_of(client.post("/account/password-reset/", {"email": "not-an-address"}))

    link = html.select_one(".govuk-error-summary a")
    assert link["href"] == "#id_email"
    assert "correct format" in link.get_text()
    assert html.select_one("input#id_email")["autocomplete"] == "email"


def test_the_account_links_show_the_signed_in_state(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    def links_for(user):
        request = rf.get("/")
        request.user = user
        html = render_to_string("includes/account_links.html", request=request)
        return BeautifulSoup(html, "html.parser")

    signed_out = links_for(AnonymousUser())
    signed_in = links_for(UserFactory())

    assert [a.get_text() for a in signed_out.select("a")] == ["Sign in"]
    assert [a.get_text() for a in signed_in.select("a")] == ["Your account"]
    form = signed_in.select_one("form")
    assert form["method"] == "post"
    assert form["action"] == "/account/sign-out/"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_the_account_page_costs_the_same_queries_for_one_or_many_partnerships(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count):
        user = UserFactory()
        for _ in range(count):
            membership_for(user, PartnershipPageFactory())
        client.force_login(user)
        client.get("/account/")  # warm the per-process caches (site, settings)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/account/")
        assert len(soup_of(response).select("#my-partnerships + ul a")) == count
        return len(captured)

    assert queries_with(1) == queries_with(4)


def test_a_too_weak_new_password_is_refused_with_every_reason_beside_the_field(client, site):
    user = UserFactory(email="pat@example.org")
    client.post("/account/password-reset/", {"email": "pat@example.org"})
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body)[1]
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})

    html = soup_of(response)
    summary = [a["href"] for a in html.select(".govuk-error-summary a")]
    assert summary and set(summary) == {"#id_new_password2"}
    message = html.select_one("#id_new_password2-error").get_text(" ", strip=True)
    assert "too short" in message
    assert "entirely numeric" in message
    assert html.select_one("#id_new_password2")["autocomplete"] == "new-password"
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")
