"""The partnership pages: members by role then name, current only, contacts by visibility."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from core.enums import Visibility
from directory.enums import PartnershipKind, Role
from tests.directory.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipPageFactory,
    PersonFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def member_names(html):
    return [li.strong.get_text() for li in html.select("ul.lct-members li.lct-member")]


def test_members_are_grouped_by_role_then_name(client, lct):
    MembershipFactory(page=lct, person=PersonFactory(name="Zoe Member"), role=Role.MEMBER)
    MembershipFactory(page=lct, person=PersonFactory(name="Adam Member"), role=Role.MEMBER)
    MembershipFactory(page=lct, person=PersonFactory(name="Yusuf Chair"), role=Role.CHAIR)
    MembershipFactory(page=lct, person=PersonFactory(name="Bea Adviser"), role=Role.ADVISER)

    html = soup(client.get(lct.url))

    headings = [h.get_text(strip=True) for h in html.select("main h3")]
    assert headings == ["Chair", "Members", "Adviser"]
    names = member_names(html)
    assert names == ["Yusuf Chair", "Adam Member", "Zoe Member", "Bea Adviser"]


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC))
def test_past_and_future_members_are_not_listed(client, lct):
    MembershipFactory(page=lct, person=PersonFactory(name="Current"))
    MembershipFactory(
        page=lct, person=PersonFactory(name="Former"), end_date=datetime.date(2026, 1, 1)
    )
    MembershipFactory(
        page=lct, person=PersonFactory(name="Future"), start_date=datetime.date(2027, 1, 1)
    )

    names = member_names(soup(client.get(lct.url)))

    assert names == ["Current"]


def test_organisations_represented_are_listed_once_each(client, lct, directory):
    school = OrganisationFactory(name="Abbey First School")
    police = OrganisationFactory(name="Redditch Police")
    MembershipFactory(page=lct, organisation=school)
    MembershipFactory(page=lct, person=PersonFactory(organisation=school))
    MembershipFactory(page=lct, person=PersonFactory(organisation=police))

    html = soup(client.get(lct.url))

    links = html.select("#organisations + ul a")
    assert [a.get_text() for a in links] == ["Abbey First School", "Redditch Police"]
    assert links[0]["href"] == f"/directory/{school.pk}-abbey-first-school/"


def test_a_hidden_member_shows_by_name_and_role_without_details(client, lct):
    person = PersonFactory(
        name="Hidden Person",
        email="hidden@example.org",
        phone="07700 900123",
        visibility=Visibility.PARTNERS,
    )
    MembershipFactory(page=lct, person=person, role=Role.VICE_CHAIR)

    body = client.get(lct.url).content.decode()

    assert "Hidden Person" in body
    assert "Vice-chair" in body
    assert "hidden@example.org" not in body
    client.force_login(UserFactory())
    assert "hidden@example.org" in client.get(lct.url).content.decode()


def test_the_coordinator_and_how_to_contact_them_are_shown(client, lct, directory):
    coordinator = PersonFactory(name="Cora Ordinator", email="cora@example.org")
    lct.coordinator = coordinator
    lct.save_revision().publish()

    html = soup(client.get(lct.url))

    section = html.find(id="coordinator").find_next("ul")
    assert "cora@example.org" in section.get_text()
    assert section.find("a", download=True)["href"] == f"/directory/people/{coordinator.pk}/vcard/"


def test_the_page_says_when_the_membership_list_last_changed(client, lct):
    with time_machine.travel(datetime.datetime(2026, 3, 4, 10, tzinfo=datetime.UTC)):
        lct.memberships.add(MembershipFactory.build(page=lct, person=PersonFactory()))
        lct.save_revision().publish()
    with time_machine.travel(datetime.datetime(2026, 5, 6, 10, tzinfo=datetime.UTC)):
        lct.title = "Renamed Local Children's Trust"
        lct.save_revision().publish()

    text = soup(client.get(lct.url)).get_text(" ")

    assert "Membership list last changed 4 March 2026" in text


def test_the_index_lists_lcts_and_the_headteacher_group(client, partnerships_index, lct):
    PartnershipPageFactory(
        parent=partnerships_index,
        title="County headteacher group",
        kind=PartnershipKind.COUNTY_GROUP,
        area=None,
    )

    html = soup(client.get(partnerships_index.url))

    sections = {
        h.get_text(): [a.get_text() for a in h.find_next("ul").select("a")]
        for h in html.select("main h2")
    }
    assert sections == {
        "Local Children's Trusts": ["Redditch Local Children's Trust"],
        "County groups": ["County headteacher group"],
    }


def test_text_that_is_no_postcode_is_in_no_area(area):
    from directory.models import Area

    assert Area.objects.for_postcode("not a postcode") is None
    assert Area.objects.for_postcode("") is None
