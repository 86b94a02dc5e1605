"""The site search finds organisations, people, materials and meetings as each viewer may see
them, recommended pages first, in a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from core.enums import Visibility
from core.page_cache import bump_version
from directory.enums import OrganisationKind, Role
from tests.directory.factories import (
    AreaFactory,
    DirectoryPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipPageFactory,
    PersonFactory,
)
from tests.factories import StandardPageFactory, UserFactory
from tests.meetings.factories import LONDON, MeetingPageFactory, VenueFactory
from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.roles.conftest import county  # noqa: F401 - the fixture, shared with tests/roles

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def group(html, kind):
    """The titles listed under one kind's heading."""
    section = html.select_one(f"section.lct-search-group--{kind}")
    if section is None:
        return []
    return [h3.get_text(strip=True) for h3 in section.select(":scope > ul > li > h3")]


def text_of(html, kind):
    section = html.select_one(f"section.lct-search-group--{kind}")
    return section.get_text(" ", strip=True) if section else ""


def restrict(page, restriction_type=PageViewRestriction.LOGIN):
    return PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)


@pytest.fixture
def lct(partnerships_index):
    area = AreaFactory(name="Redditch", slug="redditch", outward_codes="B96 B97 B98")
    return PartnershipPageFactory(
        parent=partnerships_index, title="Redditch Local Children's Trust", area=area
    )


@pytest.fixture
def directory(home_page):
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def scouts(directory, lct):
    return OrganisationFactory(
        name="Needlewood Scouts",
        kind=OrganisationKind.UNIFORMED_YOUTH_GROUP,
        address="Scout Hut, Mill Lane\nStudley",
        postcode="B97 4AA",
        area=lct.area,
    )


# -- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["needlewood", "Studley", "B97 4AA", "b97"])
def test_organisations_are_found_by_name_town_and_postcode(client, scouts, typed):
    html = search(client, typed)

    assert group(html, "organisations") == ["Needlewood Scouts"]
    link = html.select_one("section.lct-search-group--organisations h3 a")
    assert link["href"].endswith(f"/directory/{scouts.pk}-needlewood-scouts/")
    assert "Redditch" in text_of(html, "organisations")


def test_organisations_are_not_listed_when_the_directory_is_restricted(client, scouts, directory):
    restrict(directory)

    assert group(search(client, "needlewood"), "organisations") == []


# -- people ----------------------------------------------------------------------------------


@pytest.fixture
def members(lct, scouts):
    """A public chair, a partners-only coordinator and a private member of the Redditch LCT."""
    chair = PersonFactory(
        name="Carys Chairwoman",
        job_title="Headteacher",
        email="carys.public@example.org",
        phone="",
    )
    coordinator = PersonFactory(
        name="Parveen Partners",
        job_title="LCT coordinator",
        email="parveen.partners@example.org",
        phone="",
        visibility=Visibility.PARTNERS,
        organisation=scouts,
    )
    private = PersonFactory(
        name="Piotr Private",
        job_title="Youth worker",
        email="",
        phone="07700 900 4242",
        visibility=Visibility.PRIVATE,
    )
    MembershipFactory(page=lct, person=chair, role=Role.CHAIR)
    MembershipFactory(page=lct, person=coordinator, role=Role.COORDINATOR)
    MembershipFactory(page=lct, person=private, role=Role.MEMBER)
    return {"chair": chair, "coordinator": coordinator, "private": private}


def test_people_are_found_by_name_with_their_role_and_partnership(client, members):
    html = search(client, "carys")

    assert group(html, "people") == ["Carys Chairwoman"]
    text = text_of(html, "people")
    assert "Headteacher" in text
    assert "Chair, Redditch Local Children's Trust" in text
    assert "carys.public@example.org" in text


def test_people_are_found_by_job_title_and_by_role(client, members):
    assert group(search(client, "youth worker"), "people") == ["Piotr Private"]
    assert group(search(client, "chair"), "people") == ["Carys Chairwoman"]
    assert group(search(client, "Redditch coordinator"), "people") == ["Parveen Partners"]
    # The partnership's name alone lists no one: it finds the partnership's page.
    assert group(search(client, "Redditch"), "people") == []


def test_an_anonymous_visitor_sees_names_and_roles_but_only_public_details(client, members):
    html = search(client, "Redditch coordinator")
    text = text_of(html, "people")

    assert "Parveen Partners" in text
    assert "parveen.partners@example.org" not in str(html)
    assert "Contact details are not public" in text
    assert "4242" not in str(search(client, "Piotr"))


def test_a_partner_sees_partners_only_details_but_never_private_ones(client, members):
    client.force_login(UserFactory())

    assert "parveen.partners@example.org" in text_of(search(client, "Parveen"), "people")
    html = str(search(client, "Piotr"))
    assert "Piotr Private" in html
    assert "4242" not in html


def test_people_are_never_found_by_a_contact_detail(client, members):
    client.force_login(UserFactory())

    assert group(search(client, "parveen.partners@example.org"), "people") == []
    assert group(search(client, "4242"), "people") == []


def test_nobody_finds_a_person_whose_only_seat_is_on_a_partnership_they_may_not_open(
    client, members, lct
):
    secret = PartnershipPageFactory(title="Quiet working group", county_group=True)
    hidden = PersonFactory(name="Hester Hidden", job_title="Adviser")
    MembershipFactory(page=secret, person=hidden, role=Role.ADVISER)
    restriction = restrict(secret, PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Working group"))
    restrict(lct)

    assert group(search(client, "Hester"), "people") == []
    assert group(search(client, "chair"), "people") == []
    # The chair's seat on the restricted LCT is not shown with a person found otherwise.
    assert "Quiet working group" not in str(search(client, "adviser"))

    partner = UserFactory()
    client.force_login(partner)
    assert group(search(client, "chair"), "people") == ["Carys Chairwoman"]
    assert group(search(client, "Hester"), "people") == []
    partner.groups.add(Group.objects.get(name="Working group"))
    assert group(search(client, "Hester"), "people") == ["Hester Hidden"]


def test_past_members_are_not_found_by_their_old_role(client, lct):
    PersonFactory(name="Olwen Old")
    MembershipFactory(
        page=lct,
        person=PersonFactory(name="Olwen Old"),
        role=Role.CHAIR,
        start_date="2020-01-01",
        end_date="2021-01-01",
    )

    assert group(search(client, "Olwen"), "people") == []


# -- pages, materials and meetings -----------------------------------------------------------


def test_a_partner_finds_pages_restricted_to_partners_that_visitors_do_not(client, home_page):
    restricted = StandardPageFactory(
        parent=home_page, title="Partners' escalation guide", body="<p>escalation</p>"
    )
    restrict(restricted)

    assert group(search(client, "escalation"), "pages") == []
    client.force_login(UserFactory())
    assert group(search(client, "escalation"), "pages") == ["Partners' escalation guide"]


def test_materials_are_listed_as_materials_at_their_visibility(client, home_page):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Parents leaflet", summary="Spotting grooming")
    ResourcePageFactory(
        parent=library,
        title="Staff training slides",
        summary="Grooming for staff",
        visibility=Visibility.PARTNERS,
    )

    html = search(client, "grooming")
    assert group(html, "materials") == ["Parents leaflet"]
    assert "Spotting grooming" in text_of(html, "materials")
    client.force_login(UserFactory())
    assert sorted(group(search(client, "grooming"), "materials")) == [
        "Parents leaflet",
        "Staff training slides",
    ]


def test_a_partnerships_matching_meetings_are_one_result(client, lct):
    venue = VenueFactory()
    for number in range(1, 6):
        MeetingPageFactory(
            parent=lct, title=f"Half-term meeting {number}", slug=f"half-term-{number}", venue=venue
        )
    MeetingPageFactory(
        parent=lct, title="Weekly meeting", frequency="weekly", ends_after=10, venue=venue
    )

    html = search(client, "meeting")

    assert group(html, "meetings") == ["Meetings of Redditch Local Children's Trust"]
    items = html.select("section.lct-search-group--meetings li li a")
    assert len(items) == 3
    assert "6 matching" in text_of(html, "meetings")


@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=LONDON), tick=False)
def test_a_partnerships_meetings_are_listed_soonest_first_then_the_latest_past(client, lct):
    venue = VenueFactory()
    for title, day in [
        ("Review meeting (past)", dt.date(2026, 6, 2)),
        ("Review meeting (later)", dt.date(2027, 3, 2)),
        ("Review meeting (next)", dt.date(2027, 1, 12)),
    ]:
        start = dt.datetime.combine(day, dt.time(16), tzinfo=LONDON)
        MeetingPageFactory(
            parent=lct, title=title, start=start, end=start + dt.timedelta(hours=1), venue=venue
        )

    html = search(client, "review meeting")

    assert [a.get_text() for a in html.select("section.lct-search-group--meetings li li a")] == [
        "Review meeting (next)",
        "Review meeting (later)",
        "Review meeting (past)",
    ]


def test_a_meeting_series_is_found_once_however_many_times_it_meets(client, lct):
    MeetingPageFactory(parent=lct, title="Partnership meeting", frequency="weekly", ends_after=20)

    html = search(client, "partnership meeting")

    assert group(html, "meetings") == ["Meetings of Redditch Local Children's Trust"]
    assert [a.get_text() for a in html.select("section.lct-search-group--meetings li li a")] == [
        "Partnership meeting"
    ]


def test_meetings_of_a_restricted_partnership_are_found_by_partners_only(client, lct):
    MeetingPageFactory(parent=lct, title="Strategy meeting")
    restrict(lct)

    assert group(search(client, "strategy"), "meetings") == []
    client.force_login(UserFactory())
    assert len(group(search(client, "strategy"), "meetings")) == 1


# -- one list --------------------------------------------------------------------------------


def test_results_are_grouped_by_kind_and_can_be_narrowed_to_one(client, home_page, members):
    StandardPageFactory(parent=home_page, title="How the chair is chosen", body="<p>chair</p>")

    html = search(client, "chair")
    headings = [h2.get_text(strip=True) for h2 in html.select("section > h2")]
    assert headings == ["Pages", "People"]
    assert "people (1)" in html.select_one("#search-kinds").get_text()

    narrowed = search(client, "chair", kind="people")
    assert [h2.get_text(strip=True) for h2 in narrowed.select("section > h2")] == ["People"]


def test_every_kind_pages_through_one_list(client, directory, lct):
    for n in range(7):
        OrganisationFactory(name=f"Oakfield group {n}", area=lct.area)
    for n in range(7):
        MembershipFactory(page=lct, person=PersonFactory(name=f"Oakfield member {n}"))

    first, second = search(client, "oakfield"), search(client, "oakfield", page=2)

    assert len(group(first, "organisations")) == 7
    assert len(group(first, "people")) == 3
    assert len(group(second, "people")) == 4
    assert "14 results" in first.get_text()


def test_a_search_for_punctuation_only_finds_nothing_and_says_so(client, home_page):
    html = search(client, "?!")

    assert "0 results for “?!”" in html.get_text()


# -- recommended -----------------------------------------------------------------------------


@pytest.fixture
def taxi_page(home_page):
    return StandardPageFactory(
        parent=home_page,
        title="Taxi drivers",
        slug="taxi-drivers",
        body="<p>Taxi drivers are eyes and ears.</p>",
    )


def test_a_promoted_page_comes_first_as_recommended_and_only_once(client, home_page, taxi_page):
    StandardPageFactory(parent=home_page, title="Taxi licensing news", body="<p>taxi</p>")
    SearchPromotion.objects.create(query=Query.get("taxi"), page=taxi_page, description="For you")

    html = search(client, "Taxi")

    assert [h2.get_text(strip=True) for h2 in html.select("section > h2")][0] == "Recommended"
    assert group(html, "recommended") == ["Taxi drivers"]
    assert "For you" in text_of(html, "recommended")
    assert group(html, "pages") == ["Taxi licensing news"]


def test_a_promoted_page_the_viewer_may_not_open_is_not_recommended(client, taxi_page):
    SearchPromotion.objects.create(query=Query.get("taxi"), page=taxi_page)
    restrict(taxi_page)

    assert group(search(client, "taxi"), "recommended") == []


def test_a_search_that_finds_content_is_counted_for_the_search_terms_report(client, home_page):
    StandardPageFactory(parent=home_page, title="Worried about a child", body="<p>Call</p>")

    search(client, "Worried  about a child?")
    search(client, "worried about a child")

    assert Query.objects.get(query_string="worried about a child").hits == 2


def test_a_search_that_finds_no_content_is_never_stored(client, members):
    """A worried visitor may type a child's name: it finds no page, so it is not kept, even
    when a namesake is in the directory."""
    assert group(search(client, "Carys"), "people") == ["Carys Chairwoman"]
    search(client, "Jayden Smith")

    assert not Query.objects.exists()


# -- queries ---------------------------------------------------------------------------------


def build(partnership, home_page, library, count, offset):
    venue = VenueFactory()
    for n in range(offset, offset + count):
        organisation = OrganisationFactory(name=f"Oakfield {n}", area=partnership.area)
        person = PersonFactory(name=f"Oakfield person {n}", organisation=organisation)
        MembershipFactory(page=partnership, person=person, role=Role.values[n % 5])
        ResourcePageFactory(parent=library, title=f"Oakfield lesson {n}", slug=f"lesson-{n}")
        MeetingPageFactory(parent=partnership, title=f"Oakfield meeting {n}", venue=venue)
        StandardPageFactory(parent=home_page, title=f"Oakfield guide {n}")


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "partner"])
@pytest.mark.parametrize("kind", ["pages", "materials", "organisations", "people", "meetings"])
def test_each_kind_runs_the_same_queries_for_3_and_12_of_everything(
    client, directory, lct, home_page, django_assert_num_queries, signed_in, kind
):
    from tests.directory.test_query_counts import queries

    if signed_in:
        client.force_login(UserFactory())
    library = ResourceIndexPageFactory(parent=home_page)
    group_page = PartnershipPageFactory(title="Oak group", county_group=True)
    SearchPromotion.objects.create(query=Query.get("oakfield"), page=library)
    build(lct, home_page, library, 3, 0)
    build(group_page, home_page, library, 3, 100)
    url = f"/search/?q=oakfield&kind={kind}"
    small = queries(client, url)

    build(lct, home_page, library, 9, 3)
    build(group_page, home_page, library, 9, 103)
    client.get(url)
    bump_version()
    with django_assert_num_queries(small):
        client.get(url)


def test_the_whole_list_runs_the_same_queries_for_1_and_12_of_everything(
    client, directory, lct, home_page, django_assert_num_queries
):
    """With one of everything the first page holds every kind; with twelve, every kind is
    still counted and pages fill it: no more queries either way."""
    from tests.directory.test_query_counts import queries

    library = ResourceIndexPageFactory(parent=home_page)
    build(lct, home_page, library, 1, 0)
    small = queries(client, "/search/?q=oakfield")
    assert len(search(client, "oakfield").select("section")) == 5

    build(lct, home_page, library, 11, 1)
    client.get("/search/?q=oakfield")
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/?q=oakfield")
    assert len(captured) <= small


# -- editors' promotions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"), [("administrator", True), ("redditch coordinator", False)]
)
def test_county_administrators_manage_promoted_search_results(client, county, role, allowed):  # noqa: F811
    user = county.users[role]
    client.force_login(user)

    menu = client.get("/admin/").content.decode()
    listing = client.get("/admin/searchpicks/")

    assert ("Promoted search results" in menu) is allowed
    assert (listing.status_code == 200) is allowed
    for action in ("add", "change", "delete"):
        assert user.has_perm(f"wagtailsearchpromotions.{action}_searchpromotion") is allowed


def test_the_demo_promotes_the_concern_and_taxi_pages_once(home_page):
    from core.demo import Log
    from ltc_portal.demo import seed_search_promotions

    lines = []
    seed_search_promotions(Log(lines.append))
    assert not SearchPromotion.objects.exists()  # the pages are not there yet: nothing, quietly

    concern = StandardPageFactory(
        parent=home_page, title="Report a concern", slug="report-a-concern"
    )
    taxi = StandardPageFactory(parent=home_page, title="Taxi drivers", slug="taxi-drivers")
    seed_search_promotions(Log(lines.append))
    again = Log(lines.append)
    seed_search_promotions(again)

    promoted = {(p.query.query_string, p.page_id) for p in SearchPromotion.objects.all()}
    assert promoted == {
        ("worried", concern.pk),
        ("abuse", concern.pk),
        ("999", concern.pk),
        ("referral", concern.pk),
        ("taxi", taxi.pk),
    }
    assert again.changes == 0
