"""Repeated wrong passwords lock that username out from that address, with a clear page."""

import pytest
from bs4 import BeautifulSoup

from tests.core.test_production import production_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def fail(client, url, username, times):
    return [
        client.post(url, {"username": username, "password": "wrong"}).status_code
        for _ in range(times)
    ]


def test_the_public_sign_in_locks_out_after_the_failure_limit_with_a_clear_page(
    client, site, axes_on
):
    UserFactory(username="pat")

    statuses = fail(client, "/account/sign-in/", "pat", 3)
    locked = client.post("/account/sign-in/", {"username": "pat", "password": PASSWORD})

    assert statuses == [200, 200, 429]
    assert locked.status_code == 429
    html = BeautifulSoup(locked.content, "html.parser")
    assert html.find("h1").get_text() == "Too many attempts to sign in"
    assert "paused for 1 hour" in html.get_text(" ", strip=True)
    assert html.select_one("a[href='/account/password-reset/']") is not None
    assert html.select_one("#report-a-concern") is not None
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_is_throttled_the_same_way(client, site, axes_on):
    UserFactory(username="editor", is_staff=True)

    statuses = fail(client, "/admin/login/", "editor", 3)
    locked = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert statuses == [200, 200, 429]
    assert locked.status_code == 429
    assert b"Too many attempts to sign in" in locked.content


def test_a_lockout_is_per_username_so_others_can_still_sign_in(client, site, axes_on):
    UserFactory(username="pat")
    UserFactory(username="sam")
    fail(client, "/account/sign-in/", "pat", 3)

    response = client.post("/account/sign-in/", {"username": "sam", "password": PASSWORD})

    assert response.status_code == 302


def test_the_lockout_lifts_after_the_cool_off_time(client, site, axes_on, time_machine):
    time_machine.move_to("2026-11-29 10:00:00+00:00", tick=False)
    UserFactory(username="pat")
    fail(client, "/account/sign-in/", "pat", 3)

    time_machine.move_to("2026-11-29 11:01:00+00:00", tick=False)
    response = client.post("/account/sign-in/", {"username": "pat", "password": PASSWORD})

    assert response.status_code == 302


def test_failures_below_the_limit_are_forgotten_after_a_success(client, site, axes_on):
    UserFactory(username="pat")
    fail(client, "/account/sign-in/", "pat", 2)
    client.post("/account/sign-in/", {"username": "pat", "password": PASSWORD})
    client.post("/account/sign-out/")

    statuses = fail(client, "/account/sign-in/", "pat", 2)

    assert statuses == [200, 200]


@pytest.fixture
def behind_one_proxy(settings):
    """Axes configured as production configures it for PROXY_COUNT=1 (read from there)."""
    values = production_settings(
        "AXES_IPWARE_PROXY_ORDER",
        "AXES_IPWARE_PROXY_COUNT",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
        "IPWARE_STRICT",
        PROXY_COUNT="1",
    )
    for name, value in values.items():
        setattr(settings, name, value)
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


PROXY = "10.0.0.2"


def sign_in_via_proxy(client, username, password, forwarded_for):
    """A sign-in through the TLS proxy, which appends the client's address it saw."""
    return client.post(
        "/account/sign-in/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_the_proxy_failures_from_one_client_do_not_lock_out_another(
    client, site, behind_one_proxy
):
    UserFactory(username="coord-redditch")
    statuses = [
        sign_in_via_proxy(client, "coord-redditch", "wrong", "203.0.113.66").status_code
        for _ in range(5)
    ]

    response = sign_in_via_proxy(client, "coord-redditch", PASSWORD, "198.51.100.7")

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_behind_the_proxy_a_client_cannot_escape_its_lockout_with_its_own_forwarded_header(
    client, site, behind_one_proxy
):
    UserFactory(username="coord-redditch")
    # The client sends a different X-Forwarded-For each time; the proxy appends its real one.
    for n in range(5):
        sign_in_via_proxy(client, "coord-redditch", "wrong", f"192.0.2.{n}, 203.0.113.66")

    response = sign_in_via_proxy(client, "coord-redditch", PASSWORD, "192.0.2.99, 203.0.113.66")

    assert response.status_code == 429


def test_without_a_proxy_a_forged_forwarded_header_does_not_change_the_address(
    client, site, axes_on
):
    UserFactory(username="pat")
    for n in range(3):
        client.post(
            "/account/sign-in/",
            {"username": "pat", "password": "wrong"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    response = client.post(
        "/account/sign-in/",
        {"username": "pat", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.66",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )

    assert response.status_code == 429
