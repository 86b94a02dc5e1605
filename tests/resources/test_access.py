"""Partners-only materials and their files are refused to anonymous visitors."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from core.enums import Visibility

from .factories import ResourcePageFactory, attach_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners_only(library):
    return ResourcePageFactory(
        parent=library,
        title="Staff training slides",
        slug="staff-training",
        summary="grooming signs",
        visibility=Visibility.PARTNERS,
    )


@pytest.fixture
def public(library):
    return ResourcePageFactory(
        parent=library, title="Parents leaflet", slug="parents-leaflet", summary="grooming signs"
    )


def test_an_anonymous_visitor_is_sent_to_the_portal_sign_in_for_a_partners_only_material(
    client, partners_only
):
    response = client.get(partners_only.url)

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/materials/staff-training/"


def test_a_signed_in_partner_sees_a_partners_only_material(client, partners_only, partner):
    client.force_login(partner)

    response = client.get(partners_only.url)

    assert response.status_code == 200
    assert "Staff training slides" in response.content.decode()


def test_a_partners_only_document_is_refused_to_an_anonymous_request(client, partners_only):
    document = attach_document(partners_only)

    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={document.url}"
    assert not hasattr(response, "streaming_content")


def test_a_partners_only_document_is_served_to_a_signed_in_partner(client, partners_only, partner):
    document = attach_document(partners_only)
    client.force_login(partner)

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    response.close()


def test_a_public_materials_document_is_served_to_anyone(client, public):
    document = attach_document(public)

    response = client.get(document.url)

    assert response.status_code == 200
    response.close()


def test_a_document_shared_by_a_public_and_a_partners_only_material_is_served_to_anyone(
    client, public, partners_only
):
    document = attach_document(public)
    attach_document(partners_only, document)

    response = client.get(document.url)

    # The public material already shows the file to everyone.
    assert response.status_code == 200
    b"".join(response.streaming_content)  # reading to the end closes the file


def test_documents_use_the_checked_view_not_a_media_url(public):
    document = attach_document(public)

    assert document.url.startswith("/documents/")


def test_a_partners_only_material_carries_a_sign_in_restriction_kept_in_sync(partners_only):
    restrictions = PageViewRestriction.objects.filter(page=partners_only)
    assert restrictions.get().restriction_type == PageViewRestriction.LOGIN

    partners_only.visibility = Visibility.PUBLIC
    partners_only.save()

    assert not restrictions.exists()


def test_publishing_a_public_material_keeps_the_sign_in_restriction_an_editor_set(client, public):
    document = attach_document(public)
    PageViewRestriction.objects.create(page=public, restriction_type=PageViewRestriction.LOGIN)

    public.title = "Parents leaflet (revised)"
    public.save_revision().publish()

    assert PageViewRestriction.objects.filter(page=public).exists()
    assert client.get(public.url).status_code == 302
    assert client.get(document.url).status_code == 302


def test_a_partners_only_material_gets_its_sign_in_restriction_back_when_published(
    partners_only,
):
    PageViewRestriction.objects.filter(page=partners_only).delete()

    partners_only.save_revision().publish()

    assert PageViewRestriction.objects.filter(page=partners_only).exists()


def test_site_search_leaves_out_partners_only_materials(client, partners_only, public):
    html = client.get("/search/", {"q": "grooming"}).content.decode()

    assert "Parents leaflet" in html
    assert "Staff training slides" not in html


def test_the_sitemap_leaves_out_partners_only_materials(client, partners_only, public):
    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "/materials/parents-leaflet/" in xml
    assert "staff-training" not in xml


@pytest.mark.parametrize("query", [{}, {"q": "grooming"}], ids=["listing", "search"])
def test_a_material_restricted_to_a_group_is_listed_only_to_the_groups_members(
    client, library, public, partner, query
):
    board = Group.objects.create(name="Safeguarding board")
    restriction = PageViewRestriction.objects.create(
        page=public, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    client.force_login(partner)
    assert "Parents leaflet" not in client.get(library.url, query).content.decode()

    partner.groups.add(board)

    assert "Parents leaflet" in client.get(library.url, query).content.decode()
