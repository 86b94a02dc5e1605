"""The directory's word search goes through the search index (PostgreSQL full-text search in
production, SQLite's FTS5 here by default): whole words and their stems in any field, the start
of a name while typing, tags kept in step with edits, and no input that breaks it."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from directory.enums import OrganisationKind
from tests.directory.factories import OrganisationFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def names(client, directory, q):
    response = client.get(directory.url, {"q": q})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text() for a in html.select("ul.lct-results h3 a"))


def test_every_word_must_match_some_field_name_address_postcode_kind_or_tag(client, directory):
    SchoolFactory(name="Abbey Primary", address="Mill Lane, Redditch", postcode="B97 4AA")
    police = OrganisationFactory(
        name="Safer Neighbourhood Team", kind=OrganisationKind.POLICE, address="Redditch"
    )
    police.tags.add("night-time economy")
    police.save()
    OrganisationFactory(
        name="Bromsgrove Police", kind=OrganisationKind.POLICE, address="Bromsgrove"
    )

    assert names(client, directory, "redditch police") == ["Safer Neighbourhood Team"]
    assert names(client, directory, "redditch") == ["Abbey Primary", "Safer Neighbourhood Team"]
    assert names(client, directory, "B97 4AA") == ["Abbey Primary"]
    assert names(client, directory, "economy bromsgrove") == []


def test_the_last_word_may_be_the_start_of_a_name(client, directory):
    SchoolFactory(name="Kidderminster College")
    SchoolFactory(name="Kingsley College")

    assert names(client, directory, "kidder") == ["Kidderminster College"]
    assert names(client, directory, "Kidderminster Coll") == ["Kidderminster College"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_matches_the_stem_of_a_word(client, directory):
    SchoolFactory(name="Abbey Schools Partnership")
    OrganisationFactory(name="Riverside Youth Club", address="Church Road")

    assert names(client, directory, "school") == ["Abbey Schools Partnership"]
    assert names(client, directory, "clubs") == ["Riverside Youth Club"]


def test_adding_or_removing_a_tag_is_searchable_at_once(client, directory):
    group = OrganisationFactory(name="Lantern Project")
    group.tags.add("detached youth work")
    group.save()
    assert names(client, directory, "detached") == ["Lantern Project"]

    group.tags.remove("detached youth work")
    group.tags.add("mentoring")
    group.save()

    assert names(client, directory, "detached") == []
    assert names(client, directory, "mentoring") == ["Lantern Project"]


def test_a_renamed_organisation_is_found_by_its_new_name_only(client, directory):
    school = SchoolFactory(name="Oldname Academy")
    school.name = "Newname Academy"
    school.save()

    assert names(client, directory, "oldname") == []
    assert names(client, directory, "newname") == ["Newname Academy"]


@pytest.mark.parametrize(
    "hostile",
    ["a & b", "!school | ", "'", '"', "school:*", "(", "\\", "<->", "%", "_", "NEAR(", "*", "-"],
)
def test_search_syntax_in_the_box_is_only_text(client, directory, hostile):
    SchoolFactory(name="Abbey Primary")

    response = client.get(directory.url, {"q": hostile})

    assert response.status_code == 200
