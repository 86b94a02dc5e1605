"""A long membership list comes a page at a time; the count is of every current member."""

import pytest
from bs4 import BeautifulSoup

from directory.enums import Role
from directory.models import Membership, PartnershipPage
from tests.directory.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_long_membership_list_comes_a_page_at_a_time(client, lct):
    per_page = PartnershipPage.members_per_page
    chair = PersonFactory(name="Zara Chair")
    Membership.objects.create(page=lct, person=chair, role=Role.CHAIR)
    for n in range(per_page + 4):
        Membership.objects.create(page=lct, person=PersonFactory(name=f"Member {n:02d}"))

    first = BeautifulSoup(client.get(lct.url).content, "html.parser")
    assert len(first.select(".lct-member")) == per_page
    assert f"{per_page + 5} current members; page 1 of 2." in first.get_text()
    assert "Zara Chair" in first.get_text()  # role order first, across pages
    assert first.select_one('nav[aria-label="Pagination"]') is not None

    second = BeautifulSoup(client.get(lct.url, {"page": 2}).content, "html.parser")
    assert len(second.select(".lct-member")) == 5
    assert "Zara Chair" not in second.get_text()


def test_a_short_membership_list_has_no_page_links(client, lct):
    Membership.objects.create(page=lct, person=PersonFactory(name="Only member"))
    html = BeautifulSoup(client.get(lct.url).content, "html.parser")
    assert html.select_one('nav[aria-label="Pagination"]') is None
    assert "1 current member." in html.get_text()
