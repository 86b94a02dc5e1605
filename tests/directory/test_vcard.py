"""vCards: escaped and folded per RFC 6350, only with what the viewer may see."""

import pytest

from core.enums import Visibility
from directory.vcard import escape, fold, vcard_text
from directory.visibility import Contact
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.factories import UserFactory


def test_text_values_escape_backslash_comma_semicolon_and_new_lines():
    assert escape("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "NOTE:" + "é" * 80

    folded = fold(line)

    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_card_has_the_name_title_organisation_email_and_phone():
    contact = Contact(name="Ann O'Neil", job_title="DSL; Head", email="a@example.org", phone="01")

    text = vcard_text(contact, organisation="Abbey, First School", uid="urn:x:1")

    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:4.0"]
    assert "FN:Ann O'Neil" in lines
    assert "N:O'Neil;Ann;;;" in lines
    assert "TITLE:DSL\\; Head" in lines
    assert "ORG:Abbey\\, First School" in lines
    assert "EMAIL;TYPE=work:a@example.org" in lines
    assert "TEL;VALUE=text;TYPE=work,voice:01" in lines
    assert text.endswith("END:VCARD\r\n")


@pytest.mark.django_db
def test_the_vcard_download_is_private_and_named_after_the_person(client, directory):
    person = PersonFactory(
        name="Ann Example", email="ann@example.org", organisation=OrganisationFactory()
    )

    response = client.get(f"/directory/people/{person.pk}/vcard/")

    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ann-example.vcf"'
    assert "private" in response["Cache-Control"]
    assert "EMAIL;TYPE=work:ann@example.org" in response.content.decode()


@pytest.mark.django_db
def test_a_person_whose_details_the_viewer_may_not_see_has_no_vcard(client, directory):
    partners_only = PersonFactory(visibility=Visibility.PARTNERS)
    private = PersonFactory(visibility=Visibility.PRIVATE)

    assert client.get(f"/directory/people/{partners_only.pk}/vcard/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/directory/people/{partners_only.pk}/vcard/").status_code == 200
    assert client.get(f"/directory/people/{private.pk}/vcard/").status_code == 404
    assert client.get("/directory/people/999999/vcard/").status_code == 404
