"""An editor adds to a page only documents they may choose: a document a live page shows is
served at that page's visibility, so a typed-in id must not publish someone else's file."""

import datetime as dt

import pytest
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from meetings.models import MeetingPage
from tests.meetings.factories import LONDON, MeetingPageFactory, VenueFactory
from tests.resources.factories import DocumentFactory
from tests.roles.test_page_permissions import edit_form_data

pytestmark = pytest.mark.django_db


def collection(name):
    return Collection.objects.get(name=name)


def document_link(document):
    return rich_text(f'<p><a linktype="document" id="{document.pk}">the paper</a></p>')


def test_a_coordinator_cannot_link_another_districts_upload_from_their_lct_page(client, county):
    theirs = DocumentFactory(title="Wyre Forest confidential", collection=collection("Wyre Forest"))
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        f"/admin/pages/{county.redditch.pk}/edit/",
        edit_form_data(county.redditch, purpose=document_link(theirs)),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert f"Document {theirs.pk} is not one you may choose" in body
    assert "Wyre Forest confidential" not in body
    county.redditch.refresh_from_db()
    assert f'id="{theirs.pk}"' not in county.redditch.purpose


def test_a_coordinator_links_a_document_from_their_own_collection(client, county):
    ours = DocumentFactory(title="Redditch leaflet", collection=collection("Redditch"))
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        f"/admin/pages/{county.redditch.pk}/edit/",
        edit_form_data(county.redditch, purpose=document_link(ours)),
    )

    assert response.status_code == 302
    county.redditch.refresh_from_db()
    assert f'id="{ours.pk}"' in county.redditch.purpose


def test_a_document_an_administrator_linked_stays_when_a_coordinator_edits_the_page(client, county):
    unchoosable = DocumentFactory(title="County strategy")  # in the root collection
    county.redditch.purpose = f'<p><a linktype="document" id="{unchoosable.pk}">strategy</a></p>'
    county.redditch.save_revision().publish()
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        f"/admin/pages/{county.redditch.pk}/edit/",
        edit_form_data(county.redditch, title="Redditch LCT", purpose=document_link(unchoosable)),
    )

    assert response.status_code == 302


def meeting_form(meeting, user, **changes):
    """The meeting editor's form, bound to a submission that changes `changes`."""
    form_class = MeetingPage.get_edit_handler().get_form_class()
    values = {
        "title": meeting.title,
        "slug": meeting.slug,
        "summary": "",
        "start": "2027-02-09 16:00",
        "end": "2027-02-09 18:00",
        "frequency": "none",
        "venue": meeting.venue_id,
        "agenda-count": "0",
        "papers-count": "0",
        "minutes_visibility": "partners",
        "status": "scheduled",
        "exceptions": inline_formset([]),
    }
    data = {**nested_form_data(values), **changes}
    return form_class(data, instance=meeting, for_user=user, parent_page=meeting.get_parent())


@pytest.mark.parametrize(
    "field",
    ["minutes", "papers"],
)
def test_a_coordinator_cannot_give_their_meeting_a_document_they_may_not_choose(county, field):
    meeting = MeetingPageFactory(
        parent=county.redditch,
        venue=VenueFactory(),
        start=dt.datetime(2027, 2, 9, 16, tzinfo=LONDON),
    )
    partners_only = DocumentFactory(title="Partners-only file")  # root: nobody's collection
    changes = (
        {"minutes": partners_only.pk, "minutes_visibility": "public"}
        if field == "minutes"
        else {
            "papers-count": "1",
            "papers-0-type": "document",
            "papers-0-value": str(partners_only.pk),
            "papers-0-deleted": "",
            "papers-0-order": "0",
        }
    )

    form = meeting_form(meeting, county.users["redditch coordinator"], **changes)

    assert not form.is_valid()
    assert f"Document {partners_only.pk} is not one you may choose" in str(form.errors)


def test_an_administrator_gives_a_meeting_any_document(county):
    meeting = MeetingPageFactory(parent=county.redditch, venue=VenueFactory())
    document = DocumentFactory()

    form = meeting_form(
        meeting, county.users["administrator"], minutes=document.pk, minutes_visibility="public"
    )

    assert form.is_valid(), form.errors


def test_every_portal_page_type_checks_the_documents_its_editor_adds():
    from wagtail.models import get_page_models

    from core.forms import ChosenDocumentsMixin

    ours = [
        model
        for model in get_page_models()
        if model._meta.app_label in {"directory", "meetings", "resources", "ltc_portal"}
    ]

    assert ours
    for model in ours:
        assert issubclass(model.get_edit_handler().get_form_class(), ChosenDocumentsMixin), model
