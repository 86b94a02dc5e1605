"""`seed_scale` adds the national-scale data set, in proportion to --scale, once."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from core.enums import Visibility
from directory.models import Membership, Organisation, PartnershipPage, Person
from ltc_portal.scale import FIRST_URN, sizes
from meetings.models import MeetingPage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def search(query, model):
    """What Wagtail's search backend finds: the index the import must keep up to date."""
    return list(get_search_backend().search(query, model))


SCALE = 0.002


def run_seed_scale():
    out = StringIO()
    call_command("seed_scale", "--scale", str(SCALE), stdout=out)
    return out.getvalue()


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_scale_adds_each_kind_in_proportion_then_nothing_on_a_second_run(client):
    output = run_seed_scale()

    want = sizes(SCALE)
    assert (
        Organisation.objects.filter(urn__range=(FIRST_URN, FIRST_URN + 99999)).count()
        == want["schools"]
        == 48
    )
    assert Organisation.objects.filter(name__startswith="Scale Group ").count() == want["groups"]
    people = Person.objects.filter(name__startswith="Scale Person ")
    assert people.count() == want["people"] == 120
    partnerships = PartnershipPage.objects.live().filter(slug__startswith="scale-")
    assert partnerships.count() == want["partnerships"]
    assert Membership.objects.filter(page__in=partnerships).count() == 40 * partnerships.count()
    assert MeetingPage.objects.live().filter(slug__startswith="scale-").count() == want["meetings"]
    assert (
        ResourcePage.objects.live().filter(slug__startswith="scale-").count() == (want["materials"])
    )
    # Every school has the area of its postcode, as a save would have given it.
    assert not Organisation.objects.filter(
        urn__range=(FIRST_URN, FIRST_URN + 99999), area__isnull=True
    ).exists()
    # Seeded people keep their contact details at a mix of visibilities.
    assert set(people.values_list("visibility", flat=True)) == set(Visibility.values)
    assert "s)" in output  # the elapsed time is printed

    before = counts()
    second = run_seed_scale()

    assert counts() == before
    assert "nothing added" in second

    for page in [
        partnerships.first(),
        MeetingPage.objects.filter(slug__startswith="scale-").first(),
        ResourcePage.objects.filter(slug__startswith="scale-", visibility="public").first(),
    ]:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/directory/?q=Scale").status_code == 200
    school = Organisation.objects.filter(urn__range=(FIRST_URN, FIRST_URN + 99999)).first()
    assert search(school.name, Organisation).count(school) == 1
