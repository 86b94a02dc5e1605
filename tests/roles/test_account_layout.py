"""Every account page keeps the site's accessibility baseline and carries no inline code."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, *, editor=False):
    user = UserFactory()
    if editor:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


PAGES = {
    "sign in": ("/account/sign-in/", None),
    "sign in with errors": ("/account/sign-in/", "post"),
    "password reset": ("/account/password-reset/", None),
    "reset sent": ("/account/password-reset/sent/", None),
    "reset link not working": ("/account/password-reset/MQ/set-password/", None),
    "reset complete": ("/account/password-reset/done/", None),
    "account": ("/account/", "partner"),
    "set up a second factor": ("/account/two-factor/set-up/", "editor"),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_account_page_has_the_accessibility_baseline(client, site, name):
    url, how = PAGES[name]
    if how == "partner":
        signed_in(client)
    elif how == "editor":
        signed_in(client, editor=True)
    response = client.post(url, {}) if how == "post" else client.get(url)

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "en-GB"
    assert html.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert len(html.find_all("h1")) == 1
    assert html.find("title").get_text(strip=True).endswith("LCT Portal")
    for control in html.select("main input:not([type=hidden])"):
        assert html.select_one(f"label[for={control['id']}]") is not None, control
    for script in html.find_all("script"):
        assert script.get("src") or script.get("type") == "application/json", name
    assert html.select("[style]") == []
    for form in html.select("main form[method=post]"):
        assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
