"""Directory, organisation and partnership pages: a fixed number of queries, whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.enums import Visibility
from core.page_cache import bump_version
from directory.enums import OrganisationKind, Role
from directory.models import Membership, Organisation, Person
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_organisations(count, area):
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Org {n:04d}", kind=OrganisationKind.SCHOOL, urn=500000 + n, area=area)
        for n in range(start, start + count)
    )
    for organisation in organisations[:5]:
        organisation.tags.add("online safety", f"tag {organisation.pk}")
        organisation.save()
    return organisations


def add_people(count, **values):
    visibilities = Visibility.values
    return Person.objects.bulk_create(
        Person(
            name=f"Person {n:04d}",
            email=f"p{n}@example.org",
            visibility=visibilities[n % 3],
            **values,
        )
        for n in range(count)
    )


def queries(client, url):
    client.get(url)  # warm caches (site root paths, settings) shared by every request
    bump_version()  # the page's own queries, not its copy in the page cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "partner"])
def test_the_directory_page_runs_the_same_queries_for_10_and_500_organisations(
    client, directory, area, django_assert_num_queries, signed_in
):
    if signed_in:
        client.force_login(UserFactory())
    add_organisations(10, area)
    small = queries(client, directory.url + "?area=redditch&q=org")

    add_organisations(490, area)
    client.get(directory.url + "?area=redditch&q=org")
    bump_version()
    with django_assert_num_queries(small):
        client.get(directory.url + "?area=redditch&q=org")


def test_an_organisation_page_runs_the_same_queries_for_10_and_500_people(
    client, directory, lct, django_assert_num_queries
):
    lct.coordinator = PersonFactory()
    lct.save_revision().publish()
    organisation = OrganisationFactory(name="Big School", area=lct.area)
    organisation.dsl = PersonFactory(organisation=organisation)
    organisation.tags.add("online safety")
    organisation.save()
    add_people(10, organisation=organisation)
    url = directory.organisation_url(organisation)
    small = queries(client, url)

    add_people(490, organisation=organisation)
    client.get(url)
    bump_version()
    with django_assert_num_queries(small):
        client.get(url)


def test_a_partnership_page_runs_the_same_queries_for_10_and_500_members(
    client, directory, lct, area, django_assert_num_queries
):
    lct.coordinator = PersonFactory()
    lct.save_revision().publish()
    organisations = add_organisations(5, area)

    def seat(people):
        Membership.objects.bulk_create(
            Membership(
                page=lct,
                person=p,
                role=Role.values[n % 5],
                organisation=organisations[n % 5] if n % 2 else None,
            )
            for n, p in enumerate(people)
        )

    seat(add_people(10, organisation=organisations[0]))
    small = queries(client, lct.url)

    seat(add_people(490, organisation=organisations[1]))
    client.get(lct.url)
    bump_version()
    with django_assert_num_queries(small):
        client.get(lct.url)
