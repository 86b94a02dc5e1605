"""The directory page at national scale: 24,000 organisations cost the same queries as 10, and a
page of results stays small (GOV.UK page links, not one per page)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.search.models import IndexEntry

from core.db import analyze
from core.page_cache import bump_version
from directory.enums import OrganisationKind
from directory.indexing import index_in_bulk
from directory.models import Organisation, TaggedOrganisation

pytestmark = [pytest.mark.django_db, pytest.mark.scale]

NATIONAL = 24_000
FILTERED = "?q=school&area=redditch&kind=school&tag=online-safety"


def add_organisations(count, area):
    """`count` schools in `area`, each tagged "online safety", in bulk inserts, indexed for
    search in bulk and the tables analysed, as the register import writes them."""
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"School {n:05d}",
            kind=OrganisationKind.SCHOOL,
            urn=500000 + n,
            area=area,
            address=f"{n} High Street",
            postcode="B97 4AA",
        )
        for n in range(start, start + count)
    )
    tag, _ = Tag.objects.get_or_create(name="online safety", slug="online-safety")
    TaggedOrganisation.objects.bulk_create(
        TaggedOrganisation(content_object=organisation, tag=tag) for organisation in organisations
    )
    index_in_bulk(Organisation, organisations)
    analyze(Organisation, TaggedOrganisation, IndexEntry)
    return organisations


def measured(client, url):
    client.get(url)  # warm caches (site root paths, settings) shared by every request
    bump_version()  # the page's own queries, not its copy in the page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_directory_page_runs_the_same_queries_for_10_and_24000_organisations(
    client, directory, area
):
    """Unfiltered, and searched and filtered through every control at once; then a page of
    the 24,000 stays under 40 KB with a handful of page links. (24,000 rows take seconds to
    write and index, so one test checks all three.)"""
    add_organisations(10, area)
    small = [measured(client, directory.url + query)[0] for query in ("", FILTERED)]

    add_organisations(NATIONAL - 10, area)
    measures = [measured(client, directory.url + query) for query in ("", FILTERED)]

    assert [count for count, _response in measures] == small
    for _count, response in measures:
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one("#results").get_text().startswith(f"{NATIONAL} organisations")

    response = client.get(directory.url + FILTERED + "&page=300")

    assert response.status_code == 200
    assert len(response.content) < 40_000
    html = BeautifulSoup(response.content, "html.parser")
    nav = html.select_one("nav.govuk-pagination")
    assert len(nav.select("a")) <= 9
    pages = [a.get_text() for a in nav.select(".govuk-pagination__list a")]
    last = str(-(-NATIONAL // directory.per_page))
    assert pages == ["1", "299", "300", "301", last]
    for link in nav.select("a"):
        assert link["href"].startswith(FILTERED + "&page=")
