"""An anonymous visitor asks for every document id of the demo county, as a crawler would."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from core.enums import Visibility
from meetings.models import MeetingPage
from resources.models import ResourcePage
from tests.factories import UserFactory
from tests.resources.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def status(client, path):
    response = client.get(path)
    if response.streaming:
        # Reading to the end closes the file, as the test client keeps the database connection.
        b"".join(response.streaming_content)
    return response.status_code


def test_no_partners_only_document_of_the_demo_comes_back_to_an_anonymous_visitor(client):
    call_command("seed_demo", stdout=StringIO())
    Document = get_document_model()
    planted_minutes = DocumentFactory(title="Planted partners-only minutes")
    meeting = MeetingPage.objects.live().filter(minutes__isnull=True).first()
    meeting.minutes = planted_minutes
    meeting.minutes_visibility = Visibility.PARTNERS
    meeting.save_revision().publish()
    planted_upload = DocumentFactory(title="Planted upload")

    served = {
        document.pk
        for document in Document.objects.all()
        if status(client, f"/documents/{document.pk}/{document.filename}") == 200
    }

    partners_only = set(
        MeetingPage.objects.filter(minutes_visibility=Visibility.PARTNERS).values_list(
            "minutes_id", flat=True
        )
    ) | set(
        ResourcePage.objects.filter(visibility=Visibility.PARTNERS).values_list(
            "files__document_id", flat=True
        )
    )
    partners_only.discard(None)
    assert planted_minutes.pk in partners_only and len(partners_only) > 5
    assert served.isdisjoint(partners_only | {planted_upload.pk})
    public_minutes = MeetingPage.objects.filter(
        minutes_visibility=Visibility.PUBLIC, minutes__isnull=False
    ).values_list("minutes_id", flat=True)
    assert set(public_minutes) <= served  # the sweep is not vacuous: public papers still serve
    last = Document.objects.order_by("pk").last()
    assert status(client, f"/documents/{last.pk + 1}/{last.filename}") == 404
    assert status(client, f"/documents/{planted_minutes.pk}/other-name.pdf") == 404

    client.force_login(UserFactory())
    assert status(client, planted_minutes.url) == 200
