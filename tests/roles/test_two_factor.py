"""A second factor for the admin: with the switch on, editors give a TOTP code before the admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.core.test_settings import PRODUCTION_ENV, run_python
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 29, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def required(settings):
    settings.ADMIN_SECOND_FACTOR_REQUIRED = True


@pytest.fixture
def editor(site):
    user = UserFactory(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def code_for(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_an_editor_without_an_app_is_sent_to_set_one_up_before_the_admin(client, editor, required):
    client.force_login(editor)

    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain == [
        ("/account/two-factor/?next=%2Fadmin%2Fpages%2F", 302),
        ("/account/two-factor/set-up/?next=%2Fadmin%2Fpages%2F", 302),
    ]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text() == "Set up an authenticator app"
    assert html.select_one("img[src^='data:image/svg+xml']")["alt"]
    code_input = html.select_one("input#id_code")
    assert code_input["autocomplete"] == "one-time-code"
    assert code_input["inputmode"] == "numeric"


def test_setting_up_an_app_with_a_right_code_confirms_it_and_opens_the_admin(
    client, editor, required
):
    client.force_login(editor)
    client.get("/account/two-factor/set-up/?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed

    response = client.post(
        "/account/two-factor/set-up/", {"code": code_for(device), "next": "/admin/pages/"}
    )

    assert response["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_reloading_the_set_up_page_keeps_the_same_key(client, editor, required):
    client.force_login(editor)

    first = client.get("/account/two-factor/set-up/")
    second = client.get("/account/two-factor/set-up/")

    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert first.context["key_groups"] == second.context["key_groups"]


def test_each_session_setting_up_an_app_gets_its_own_key(editor, required):
    someone_with_the_password, the_editor = Client(), Client()
    someone_with_the_password.force_login(editor)
    the_editor.force_login(editor)

    first = someone_with_the_password.get("/account/two-factor/set-up/")
    second = the_editor.get("/account/two-factor/set-up/")

    assert first.context["key_groups"] != second.context["key_groups"]


def test_confirming_an_app_retires_every_other_half_done_set_up(editor, required):
    someone_with_the_password, the_editor = Client(), Client()
    someone_with_the_password.force_login(editor)
    the_editor.force_login(editor)
    someone_with_the_password.get("/account/two-factor/set-up/")
    their_device = TOTPDevice.objects.get(user=editor)
    the_editor.get("/account/two-factor/set-up/")
    editors_device = TOTPDevice.objects.exclude(pk=their_device.pk).get(user=editor)

    the_editor.post("/account/two-factor/set-up/", {"code": code_for(editors_device)})
    late = someone_with_the_password.post(
        "/account/two-factor/set-up/", {"code": code_for(their_device)}
    )

    assert list(TOTPDevice.objects.filter(user=editor)) == [editors_device]
    assert late["Location"].startswith("/account/two-factor/?")
    assert someone_with_the_password.get("/admin/").status_code == 302
    assert the_editor.get("/admin/").status_code == 200


def test_the_editor_is_emailed_when_an_app_is_added(client, editor, required):
    editor.email = "editor@example.org"
    editor.save()
    client.force_login(editor)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=editor)

    client.post("/account/two-factor/set-up/", {"code": code_for(device)})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    assert message.subject == "An authenticator app was added to your LCT Portal account"
    assert "If it was not you, someone knows your password" in message.body


def test_an_editor_with_an_app_enters_a_code_and_a_wrong_one_is_refused(
    client, editor, required, time_machine
):
    time_machine.move_to(START, tick=False)
    device = confirmed_device(editor)
    client.force_login(editor)

    assert client.get("/admin/")["Location"] == "/account/two-factor/?next=%2Fadmin%2F"
    wrong = client.post("/account/two-factor/", {"code": "000000", "next": "/admin/"})
    html = BeautifulSoup(wrong.content, "html.parser")
    assert html.select_one(".govuk-error-summary a")["href"] == "#id_code"
    assert client.get("/admin/").status_code == 302

    time_machine.move_to(START + datetime.timedelta(seconds=40), tick=False)
    right = client.post("/account/two-factor/", {"code": code_for(device), "next": "/admin/"})

    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_add_a_second_app(client, editor, required):
    confirmed_device(editor)
    client.force_login(editor)

    response = client.get("/account/two-factor/set-up/")

    assert response["Location"].startswith("/account/two-factor/?")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_code_page_only_returns_to_addresses_on_this_site(client, editor, required):
    device = confirmed_device(editor)
    client.force_login(editor)

    response = client.post(
        "/account/two-factor/", {"code": code_for(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/admin/"


def test_the_admin_sign_in_and_partners_are_not_asked_for_a_code(client, site, required):
    partner = UserFactory()

    assert client.get("/admin/login/").status_code == 200
    client.force_login(partner)
    assert client.get("/account/").status_code == 200
    # Wagtail itself refuses a partner the admin; no code page comes in between.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_with_the_switch_off_an_editor_goes_straight_to_the_admin(client, editor, settings):
    settings.ADMIN_SECOND_FACTOR_REQUIRED = False
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


def production_setting(**env):
    result = run_python(
        "import ltc_portal.settings.production as s; print(s.ADMIN_SECOND_FACTOR_REQUIRED)",
        **{**PRODUCTION_ENV, **env},
    )
    return result.stdout.strip()


def test_production_requires_the_second_factor_unless_switched_off():
    assert production_setting() == "True"
    assert production_setting(ADMIN_SECOND_FACTOR_REQUIRED="false") == "False"


def test_development_does_not_require_the_second_factor():
    result = run_python(
        "import ltc_portal.settings.dev as s; print(s.ADMIN_SECOND_FACTOR_REQUIRED)"
    )

    assert result.stdout.strip() == "False"
