"""CSRF on every account form, and no secret tokens in the logs."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client

from ltc_portal.log_filters import RedactSecrets, redact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/account/sign-in/", {"username": "pat", "password": PASSWORD}),
        ("/account/password-reset/", {"email": "pat@example.org"}),
    ],
)
def test_public_account_forms_refuse_a_post_without_the_csrf_token(strict_client, site, url, data):
    UserFactory(username="pat", email="pat@example.org")

    response = strict_client.post(url, data)

    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
    assert "_auth_user_id" not in strict_client.session
    assert mail.outbox == []


def test_the_sign_in_form_works_with_its_csrf_token(strict_client, site):
    UserFactory(username="pat")
    page = strict_client.get("/account/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]

    response = strict_client.post(
        "/account/sign-in/",
        {"username": "pat", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    "url", ["/account/sign-out/", "/account/two-factor/", "/calendar/private/regenerate/"]
)
def test_signed_in_posts_refuse_a_missing_csrf_token(strict_client, site, url):
    user = UserFactory()
    strict_client.force_login(user)

    response = strict_client.post(url, {"code": "123456"})

    assert response.status_code == 403
    assert strict_client.session["_auth_user_id"] == str(user.pk)


def test_the_admin_sign_in_refuses_a_post_without_the_csrf_token(strict_client, site):
    UserFactory(username="editor", is_superuser=True)

    response = strict_client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 403


def test_password_reset_tokens_are_redacted_from_request_logs():
    line = '"GET /account/password-reset/MQ/cz3k9a-0123456789abcdef0123456789abcdef/ HTTP/1.1"'

    assert redact(line) == '"GET /account/password-reset/MQ/[redacted]/ HTTP/1.1"'
    assert redact("/account/password-reset/MQ/set-password/") == (
        "/account/password-reset/MQ/set-password/"
    )
    assert redact("/account/password-reset/sent/") == "/account/password-reset/sent/"


def test_feed_tokens_are_redacted_from_request_logs():
    assert redact("/meetings/feed/3q2-X_abcdefghijklmnopqrstu.ics?token=abc") == (
        "/meetings/feed/[redacted].ics?token=[redacted]"
    )


def test_the_request_loggers_write_through_the_redacting_filter():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /account/password-reset/MQ/cz3k9a-0123456789abcdef/ HTTP/1.1", "302", "0"),
        None,
    )
    handlers = logging.getLogger("django.server").handlers + logging.getLogger().handlers
    filters = [f for handler in handlers for f in handler.filters]

    assert any(isinstance(f, RedactSecrets) for f in filters)
    for f in filters:
        f.filter(record)
    assert "cz3k9a" not in record.getMessage()


def test_the_reset_token_never_appears_in_any_log_during_a_reset(client, site, caplog):
    UserFactory(email="pat@example.org")
    caplog.set_level(logging.DEBUG)

    client.post("/account/password-reset/", {"email": "pat@example.org"})
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body)[1]
    token = link.rstrip("/").rsplit("/", 1)[1]
    client.get(link, follow=True)

    assert token not in caplog.text
