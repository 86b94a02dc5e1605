"""The library page: search, filters with counts, landing URLs and a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag
from wagtail.models import Page

from core.enums import Visibility
from core.page_cache import bump_version
from resources.enums import Audience, ResourceFormat, ResourcePhase
from resources.models import ResourceAudience, ResourcePage, TaggedResource

from .factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".lct-results h3 a")]


def option(response, name, value):
    """The label text of one filter option, e.g. "Parents and carers (2)"."""
    html = BeautifulSoup(response.content, "html.parser")
    box = html.select_one(f'input[name="{name}"][value="{value}"]')
    label = html.select_one(f'label[for="{box["id"]}"]')
    return label.get_text(" ", strip=True), box.has_attr("checked")


@pytest.fixture
def materials(library):
    return [
        ResourcePageFactory(
            parent=library,
            title="Keeping safe online",
            audiences=[Audience.PRIMARY_PUPILS],
            phase=ResourcePhase.PRIMARY,
            format=ResourceFormat.LESSON_PLAN,
            topics=["Online grooming"],
        ),
        ResourcePageFactory(
            parent=library,
            title="Talking to your child about grooming",
            audiences=[Audience.PARENTS_AND_CARERS],
            phase=ResourcePhase.ANY,
            format=ResourceFormat.LEAFLET,
            topics=["Online grooming", "How to report"],
        ),
        ResourcePageFactory(
            parent=library,
            title="Consent and respect",
            audiences=[Audience.SECONDARY_PUPILS, Audience.PARENTS_AND_CARERS],
            phase=ResourcePhase.SECONDARY,
            format=ResourceFormat.SLIDES,
            topics=["Consent"],
        ),
        ResourcePageFactory(
            parent=library,
            title="Staff briefing on the signs",
            audiences=[Audience.SCHOOL_STAFF],
            phase=ResourcePhase.ANY,
            format=ResourceFormat.TRAINING_COURSE,
            topics=["Recognising the signs", "Online grooming"],
            visibility=Visibility.PARTNERS,
        ),
        ResourcePageFactory(
            parent=library,
            title="Unpublished draft",
            audiences=[Audience.PARENTS_AND_CARERS],
            live=False,
        ),
    ]


def test_the_library_lists_live_public_materials_to_an_anonymous_visitor(
    client, library, materials
):
    response = client.get(library.url)

    assert titles(response) == [
        "Consent and respect",
        "Keeping safe online",
        "Talking to your child about grooming",
    ]
    assert "3 materials" in response.content.decode()


def test_a_signed_in_partner_also_sees_partners_only_materials(client, library, materials, partner):
    client.force_login(partner)

    response = client.get(library.url)

    assert "Staff briefing on the signs" in titles(response)
    assert option(response, "audience", Audience.SCHOOL_STAFF)[0] == "School staff (1)"


def test_counts_never_include_partners_only_materials_for_anonymous_visitors(
    client, library, materials
):
    response = client.get(library.url)

    assert option(response, "audience", Audience.SCHOOL_STAFF)[0] == "School staff (0)"
    assert option(response, "topic", "online-grooming")[0] == "Online grooming (2)"
    assert "Recognising the signs" not in response.content.decode()


def test_filtering_by_audience_shows_matching_materials_and_counts_the_other_filters(
    client, library, materials
):
    response = client.get(library.url, {"audience": Audience.PARENTS_AND_CARERS})

    assert titles(response) == ["Consent and respect", "Talking to your child about grooming"]
    assert option(response, "audience", Audience.PARENTS_AND_CARERS) == (
        "Parents and carers (2)",
        True,
    )
    # The audience counts ignore the audience filter itself; the other filters respect it.
    assert option(response, "audience", Audience.PRIMARY_PUPILS)[0] == "Primary pupils (1)"
    assert option(response, "format", ResourceFormat.LEAFLET)[0] == "Leaflet (1)"
    assert option(response, "format", ResourceFormat.LESSON_PLAN)[0] == "Lesson plan (0)"


def test_filters_combine_across_groups_and_widen_within_a_group(client, library, materials):
    within = client.get(library.url, {"format": [ResourceFormat.LEAFLET, ResourceFormat.SLIDES]})
    across = client.get(
        library.url, {"format": ResourceFormat.SLIDES, "phase": ResourcePhase.PRIMARY}
    )

    assert titles(within) == ["Consent and respect", "Talking to your child about grooming"]
    assert titles(across) == []


def test_search_words_narrow_the_list(client, library, materials):
    response = client.get(library.url, {"q": "grooming"})

    assert titles(response) == ["Talking to your child about grooming"]


def test_a_topic_landing_url_lists_that_topic(client, library, materials):
    response = client.get(f"{library.url}topic/online-grooming/")

    assert response.status_code == 200
    assert titles(response) == ["Keeping safe online", "Talking to your child about grooming"]
    assert "Materials on online grooming" in response.content.decode()
    assert option(response, "topic", "online-grooming")[1] is True


def test_an_audience_landing_url_lists_materials_for_that_audience(client, library, materials):
    response = client.get(f"{library.url}for/parents-and-carers/")

    assert titles(response) == ["Consent and respect", "Talking to your child about grooming"]
    assert "Materials for parents and carers" in response.content.decode()


@pytest.mark.parametrize("path", ["for/aliens/", "topic/no-such-topic/"])
def test_unknown_landing_urls_are_not_found(client, library, path):
    assert client.get(f"{library.url}{path}").status_code == 404


def test_page_links_keep_the_filters(client, library):
    for n in range(25):
        ResourcePageFactory(parent=library, title=f"Leaflet {n:02}", format=ResourceFormat.LEAFLET)

    response = client.get(library.url, {"format": ResourceFormat.LEAFLET, "page": 2})

    assert len(titles(response)) == 5
    html = BeautifulSoup(response.content, "html.parser")
    current = html.select_one('.govuk-pagination a[aria-current="page"]')
    assert current["href"] == "?format=leaflet&page=2"


def add_materials(library, count):
    """Many live materials quickly: tree rows, page rows, audiences and topics in bulk."""
    content_type = ContentType.objects.get_for_model(ResourcePage)
    pages = Page.objects.bulk_create(
        Page(
            title=f"Bulk material {n}",
            draft_title=f"Bulk material {n}",
            slug=f"bulk-{n}",
            path=Page._get_path(library.path, library.depth + 1, library.numchild + n + 1),
            depth=library.depth + 1,
            url_path=f"{library.url_path}bulk-{n}/",
            content_type=content_type,
            locale_id=library.locale_id,
            live=True,
        )
        for n in range(count)
    )
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + count)
    for n, page in enumerate(pages):
        # Only the material's own table: the tree row above is its parent row.
        ResourcePage(
            page_ptr_id=page.pk,
            summary="Bulk",
            format=ResourceFormat.values[n % len(ResourceFormat.values)],
            phase=ResourcePhase.values[n % len(ResourcePhase.values)],
        ).save_base(raw=True)
    ResourceAudience.objects.bulk_create(
        ResourceAudience(page_id=page.pk, audience=Audience.values[n % len(Audience.values)])
        for n, page in enumerate(pages)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(count))
    TaggedResource.objects.bulk_create(
        TaggedResource(content_object_id=page.pk, tag=tags[n]) for n, page in enumerate(pages)
    )


@pytest.mark.parametrize("count", [10, 500])
def test_the_library_uses_a_fixed_number_of_queries(
    client, library, count, django_assert_num_queries
):
    add_materials(library, count)
    client.get(library.url)  # warm the site and settings caches
    bump_version()  # and count the layout's queries too, as after any edit

    # 20: one of them asks whether a page above the library is unpublished (a draft).
    with django_assert_num_queries(20):
        response = client.get(library.url, {"phase": ResourcePhase.PRIMARY})

    assert len(titles(response)) == min(20, (count + 3) // len(ResourcePhase.values))
    assert option(response, "topic", "topic-0")[0] == "Topic 0 (1)"
