"""Every "sign in to see this" goes to the portal's sign-in, with a way back to the page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.enums import Visibility
from tests.core.world import build_world
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"


@pytest.fixture
def world(home_page):
    return build_world(home_page)


def sign_in_links(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in html.select("main a") if "sign" in a.get_text().lower()]


def test_a_partners_only_material_sends_visitors_to_the_portal_sign_in(client, world):
    response = client.get(world.partners_material.url)
    assert response["Location"] == f"{SIGN_IN}?next=/materials/staff-training/"


def test_a_page_restricted_with_wagtail_privacy_sends_visitors_to_the_portal_sign_in(
    client, home_page
):
    page = StandardPageFactory(parent=home_page, slug="partners-guidance")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/partners-guidance/")

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/partners-guidance/"


def test_hidden_contact_details_link_to_the_portal_sign_in(client, world):
    world.person.visibility = Visibility.PARTNERS
    world.person.save()
    url = world.directory.organisation_url(world.organisation) + "?from=test"

    links = sign_in_links(client.get(url))

    expected = f"{SIGN_IN}?next={url.replace('?', '%3F').replace('=', '%3D')}"
    assert links and all(link == expected for link in links), links


def test_the_meeting_page_links_to_the_portal_sign_in_for_the_joining_link(client, world):
    links = sign_in_links(client.get(world.meeting.url))

    assert f"{SIGN_IN}?next={world.meeting.url}" in links
    assert not any("/admin/" in link for link in links)


def test_the_portal_sign_in_returns_to_the_page(client, world):
    from tests.factories import UserFactory

    UserFactory(username="pat")
    response = client.post(
        reverse("account_sign_in") + f"?next={world.meeting.url}",
        {"username": "pat", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302 and response["Location"] == world.meeting.url
