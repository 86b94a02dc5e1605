"""Signing out of the admin is a POST that ends the session on the server, nothing else."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site):
    user = UserFactory(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def with_cookie(session_key):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def test_a_get_of_the_admin_sign_out_is_refused_and_touches_nothing(editor):
    client, session_key = signed_in(editor)

    response = client.get("/admin/logout/")

    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.filter(session_key=session_key).exists()
    assert client.get("/admin/").status_code == 200


def test_signing_out_of_the_admin_ends_the_session_for_every_copy_of_its_cookie(editor):
    client, session_key = signed_in(editor)
    copy = with_cookie(session_key)
    assert copy.get("/admin/").status_code == 200

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    assert copy.get("/admin/")["Location"].startswith("/admin/login/")
