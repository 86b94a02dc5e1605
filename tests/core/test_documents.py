"""The document rule (ltc_portal.documents) beyond the matrix: publishing, removing, privacy,
editors, and files under MEDIA_ROOT never served as plain files."""

import importlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import Resolver404, resolve
from django.views.static import serve as static_serve
from django_otp.plugins.otp_totp.models import TOTPDevice
from modelcluster.fields import ParentalKey
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    PageViewRestriction,
    get_page_models,
)

from core.demo import Log
from core.enums import Visibility
from ltc_portal import roles
from resources.models import ResourceFile
from tests.directory.factories import PartnershipIndexPageFactory, PartnershipPageFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingPageFactory
from tests.resources.factories import (
    DocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    attach_document,
)

pytestmark = pytest.mark.django_db


def status(client, url):
    response = client.get(url)
    if response.streaming:
        # Reading to the end closes the file, as the test client keeps the database connection.
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def partnership(home_page):
    return PartnershipPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))


def test_a_file_added_in_a_draft_is_served_once_the_draft_is_published(client, library):
    material = ResourcePageFactory(parent=library)
    document = DocumentFactory()
    material.files.add(ResourceFile(document=document))
    revision = material.save_revision()
    assert status(client, document.url) == 302

    revision.publish()

    assert status(client, document.url) == 200


def test_a_file_taken_off_a_public_material_is_no_longer_served(client, library):
    material = ResourcePageFactory(parent=library)
    document = attach_document(material)
    assert status(client, document.url) == 200

    material.files = []
    material.save_revision().publish()

    assert status(client, document.url) == 302


def test_unpublishing_a_material_withdraws_its_files(client, library):
    material = ResourcePageFactory(parent=library)
    document = attach_document(material)

    material.unpublish()

    assert status(client, document.url) == 302


def test_a_groups_restricted_meetings_papers_go_to_the_groups_members_only(client, partnership):
    board = Group.objects.create(name="Safeguarding board")
    paper = DocumentFactory()
    meeting = MeetingPageFactory(parent=partnership, papers=[("document", paper)])
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    partner, insider = UserFactory(), UserFactory()
    insider.groups.add(board)

    client.force_login(partner)
    assert status(client, paper.url) == 403
    client.force_login(insider)
    assert status(client, paper.url) == 200


def test_a_restricted_partnerships_meeting_papers_are_as_private_as_the_partnership(
    client, partnership
):
    paper = DocumentFactory()
    MeetingPageFactory(parent=partnership, papers=[("document", paper)])
    PageViewRestriction.objects.create(page=partnership, restriction_type=PageViewRestriction.LOGIN)

    assert status(client, paper.url) == 302
    client.force_login(UserFactory())
    assert status(client, paper.url) == 200


def test_a_password_protected_meetings_papers_follow_the_password(client, partnership):
    paper = DocumentFactory()
    meeting = MeetingPageFactory(parent=partnership, papers=[("document", paper)])
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    assert status(client, paper.url) == 302

    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{meeting.pk}/",
        {"password": "letmein", "return_url": meeting.url},
    )

    assert status(client, paper.url) == 200


def test_an_editor_who_may_change_documents_downloads_an_unused_upload(client, home_page):
    roles.setup_roles(Log(lambda line: None))
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    document = DocumentFactory()

    client.force_login(editor)

    assert status(client, document.url) == 200


@override_settings(ADMIN_SECOND_FACTOR_REQUIRED=True)
def test_an_editor_with_only_a_password_gets_no_unused_upload_where_a_second_factor_is_due(
    client, home_page
):
    roles.setup_roles(Log(lambda line: None))
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    document = DocumentFactory()

    client.force_login(editor)  # the password, not yet the code

    assert status(client, document.url) == 403


def test_an_editor_who_may_only_choose_documents_gets_no_unused_upload(client, home_page):
    # As coordinators: they choose documents for their pages but edit none.
    choosers = Group.objects.create(name="Choosers")
    GroupCollectionPermission.objects.create(
        group=choosers,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="choose_document"),
    )
    editor = UserFactory()
    editor.groups.add(choosers)
    document = DocumentFactory()

    client.force_login(editor)

    assert status(client, document.url) == 403


def _is_document(model):
    return model is not None and model._meta.label == "wagtaildocs.Document"


def holds_documents(field):
    """A chooser, an inline relation (e.g. a material's files) or a StreamField of documents."""
    related = getattr(field, "related_model", None)
    if _is_document(related):
        return True
    # Only inline (ParentalKey) children are indexed under the page; a plain foreign key to it
    # (a meeting's dated records) is indexed under its own model, with its own rule.
    parental = isinstance(getattr(field, "remote_field", None), ParentalKey)
    if related is not None and field.one_to_many and parental:
        return any(
            _is_document(getattr(child, "related_model", None))
            for child in related._meta.get_fields()
            if child.many_to_one
        )
    return hasattr(field, "stream_block") and any(
        isinstance(block, DocumentChooserBlock) for block in _blocks(field.stream_block)
    )


def document_fields(model):
    """Names of a page model's fields that hold documents other than by rich text."""
    return [field.name for field in model._meta.get_fields() if holds_documents(field)]


def _blocks(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _blocks(child)
    if hasattr(block, "child_block"):
        yield from _blocks(block.child_block)


def test_every_page_type_that_holds_documents_in_fields_says_at_what_visibility_it_shows_them():
    # Rich text is shown with its page; a document field may not be (e.g. partners-only
    # minutes), so the page must say, or its documents would count as public.
    undeclared = [
        model.__name__
        for model in get_page_models()
        if model._meta.app_label in ("ltc_portal", "directory", "meetings", "resources")
        and document_fields(model)
        and not hasattr(model, "document_visibility")
    ]

    assert undeclared == []
    assert document_fields(get_page_models()[0]) == []  # wagtailcore.Page holds none


def test_the_meeting_page_shows_partners_only_minutes_at_partners_visibility():
    from meetings.models import MeetingPage

    meeting = MeetingPage(minutes_visibility=Visibility.PARTNERS)
    assert meeting.document_visibility("minutes") == Visibility.PARTNERS
    assert meeting.document_visibility("papers") == Visibility.PUBLIC
    assert set(document_fields(MeetingPage)) == {"agenda", "papers", "minutes"}


def test_a_document_file_under_media_root_is_not_served_as_a_plain_file(client, library):
    document = attach_document(ResourcePageFactory(parent=library))
    assert Path(document.file.path).exists()

    assert status(client, f"/media/{document.file.name}") == 404


def test_in_debug_only_images_are_served_from_media_root():
    import ltc_portal.urls

    try:
        with override_settings(DEBUG=True):
            importlib.reload(ltc_portal.urls)
            patterns = ltc_portal.urls.urlpatterns

            def serves_media(path):
                try:
                    return resolve(path, urlconf=ltc_portal.urls).func is static_serve
                except Resolver404:
                    return False

            assert serves_media("/media/images/photo.jpg")
            assert serves_media("/media/original_images/photo.jpg")
            assert not serves_media("/media/documents/minutes.pdf")
            assert not serves_media("/media/documents/../documents/minutes.pdf")
            assert patterns
    finally:
        importlib.reload(ltc_portal.urls)


def test_production_serves_nothing_from_media_root():
    from tests.core.test_settings import PRODUCTION_ENV, run_python

    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import Resolver404, resolve\n"
        "try:\n"
        "    resolve('/media/documents/minutes.pdf'); print('resolved')\n"
        "except Resolver404:\n"
        "    print('unresolved')\n"
        "print(getattr(settings, 'WHITENOISE_ROOT', None),"
        " settings.STATIC_URL != settings.MEDIA_URL)\n"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="ltc_portal.settings.production",
        **PRODUCTION_ENV,
    )

    # No URL serves the path, and WhiteNoise serves static files only, never MEDIA_ROOT.
    assert result.stdout.split() == ["unresolved", "None", "True"], result.stderr


def test_a_served_document_is_never_kept_in_a_shared_cache(client, library):
    material = ResourcePageFactory(parent=library, visibility=Visibility.PARTNERS)
    document = attach_document(material)
    client.force_login(UserFactory())

    response = client.get(document.url)
    b"".join(response.streaming_content)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert document.url == f"/documents/{document.pk}/{document.filename}"
