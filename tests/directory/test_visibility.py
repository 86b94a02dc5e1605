"""The visibility rule, as a matrix: each visibility against each kind of viewer."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from core.enums import Visibility
from core.visibility import may_see
from directory.models import Person
from directory.visibility import contact_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewers():
    editors = Group.objects.create(name="Test editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory()
    editor.groups.add(editors)
    return {
        "anonymous": AnonymousUser(),
        "partner": UserFactory(),
        "editor": editor,
        "inactive": UserFactory(is_active=False),
    }


#: (viewer, in_admin) -> the visibilities they may see. Written out, cell by cell.
EXPECTED = {
    ("anonymous", False): {"public"},
    ("anonymous", True): {"public"},
    ("inactive", False): {"public"},
    ("partner", False): {"public", "partners"},
    ("partner", True): {"public", "partners"},
    ("editor", False): {"public", "partners"},
    ("editor", True): {"public", "partners", "private"},
}


@pytest.mark.parametrize(("viewer", "in_admin"), EXPECTED)
@pytest.mark.parametrize("visibility", Visibility.values)
def test_who_may_see_what(viewers, viewer, in_admin, visibility):
    allowed = visibility in EXPECTED[(viewer, in_admin)]

    assert may_see(viewers[viewer], visibility, in_admin=in_admin) is allowed


def test_a_hidden_person_keeps_their_name_and_job_title(viewers):
    person = Person(
        name="Ann Example",
        job_title="DSL",
        email="ann@example.org",
        phone="01905 000000",
        visibility=Visibility.PARTNERS,
    )

    seen = contact_for(person, viewers["anonymous"])

    assert (seen.name, seen.job_title, seen.email, seen.phone) == ("Ann Example", "DSL", "", "")
    assert not seen.has_details
    assert contact_for(person, viewers["partner"]).email == "ann@example.org"


def test_partnerships_of_a_user_are_their_current_seats_only(home_page):
    import datetime

    from directory.models import Membership, PartnershipIndexPage, PartnershipPage

    index = home_page.add_child(instance=PartnershipIndexPage(title="Partnerships"))
    group = index.add_child(instance=PartnershipPage(title="Heads", kind="county_group"))
    former = index.add_child(instance=PartnershipPage(title="Former", kind="county_group"))
    user = UserFactory()
    person = Person.objects.create(name="Pat", user=user)
    Membership.objects.create(page=group, person=person)
    Membership.objects.create(page=former, person=person, end_date=datetime.date(2020, 1, 1))

    from directory.models import partnerships_of

    assert list(partnerships_of(user)) == [group]
    assert list(partnerships_of(AnonymousUser())) == []
