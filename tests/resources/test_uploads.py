"""Uploads through the Wagtail document form accept only the library's formats and size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents.models import Document

from core.pdf import minimal_pdf
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "drawing.svg"])
def test_a_disallowed_file_type_is_refused_with_a_clear_message(admin_client, name):
    response = upload(admin_client, name, b"not allowed")

    assert response.status_code == 200
    assert Document.objects.count() == 0
    html = response.content.decode()
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed." in html
    assert "Allowed extensions are: pdf, docx, pptx, xlsx, odt, odp, mp4." in html


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_an_oversize_upload_is_refused_with_a_clear_message(admin_client):
    response = upload(admin_client, "big.pdf", minimal_pdf("Big", ["x" * 80] * 20))

    assert Document.objects.count() == 0
    assert "This file is too big" in response.content.decode()
    assert "Maximum filesize 1.0\xa0KB" in response.content.decode()


def test_a_pdf_within_the_limit_is_accepted(admin_client):
    response = upload(admin_client, "leaflet.pdf", minimal_pdf("Leaflet"))

    assert response.status_code == 302
    assert Document.objects.get().file_extension == "pdf"
