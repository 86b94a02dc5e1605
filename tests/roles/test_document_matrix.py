"""Documents by where they are used, against anonymous visitors and signed-in partners.

A document is served to whoever may see a live page that shows it; anyone else is sent to
sign in (anonymous) or refused (signed in). Nothing is public merely because it was uploaded.
"""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from core.enums import Visibility
from resources.models import ResourceFile
from tests.directory.factories import PartnershipIndexPageFactory, PartnershipPageFactory
from tests.factories import StandardPageFactory, UserFactory
from tests.meetings.factories import MeetingPageFactory
from tests.resources.factories import (
    DocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    attach_document,
)

pytestmark = pytest.mark.django_db

PAST = dt.datetime(2026, 12, 8, 16, tzinfo=dt.UTC)

#: Where the document is used -> who may download it ("anyone", "partners" or "nobody").
ROWS = {
    "public meeting's papers": "anyone",
    "public meeting's agenda item papers": "anyone",
    "partners-only minutes": "partners",
    "public minutes": "anyone",
    "public minutes of an unpublished meeting": "nobody",
    "papers of a sign-in restricted meeting": "partners",
    "file of a public material": "anyone",
    "file of a partners-only material": "partners",
    "file added to a public material in a draft": "nobody",
    "file of a deleted material": "nobody",
    "unused upload": "nobody",
    "rich-text link from a partners-only material": "partners",
    "rich-text link from a standard page": "anyone",
}


def link(document):
    return f'<p><a linktype="document" id="{document.pk}">read this</a></p>'


@pytest.fixture
def documents(home_page):
    partnership = PartnershipPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    library = ResourceIndexPageFactory(parent=home_page)
    made = {name: DocumentFactory(title=name) for name in ROWS}

    MeetingPageFactory(parent=partnership, papers=[("document", made["public meeting's papers"])])
    MeetingPageFactory(
        parent=partnership,
        agenda=[
            ("item", {"title": "Item", "papers": [made["public meeting's agenda item papers"]]})
        ],
    )
    MeetingPageFactory(
        parent=partnership,
        start=PAST,
        minutes=made["partners-only minutes"],
        minutes_visibility=Visibility.PARTNERS,
    )
    MeetingPageFactory(
        parent=partnership,
        start=PAST,
        minutes=made["public minutes"],
        minutes_visibility=Visibility.PUBLIC,
    )
    MeetingPageFactory(
        parent=partnership,
        start=PAST,
        minutes=made["public minutes of an unpublished meeting"],
        minutes_visibility=Visibility.PUBLIC,
    ).unpublish()
    restricted = MeetingPageFactory(
        parent=partnership, papers=[("document", made["papers of a sign-in restricted meeting"])]
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    attach_document(ResourcePageFactory(parent=library), made["file of a public material"])
    partners_only = ResourcePageFactory(
        parent=library,
        visibility=Visibility.PARTNERS,
        body=link(made["rich-text link from a partners-only material"]),
    )
    attach_document(partners_only, made["file of a partners-only material"])

    drafted = ResourcePageFactory(parent=library)
    drafted.files.add(ResourceFile(document=made["file added to a public material in a draft"]))
    drafted.save_revision()

    deleted = ResourcePageFactory(parent=library)
    attach_document(deleted, made["file of a deleted material"])
    deleted.delete()

    StandardPageFactory(parent=home_page, body=link(made["rich-text link from a standard page"]))
    return made


def fetch(client, document):
    response = client.get(document.url)
    if response.streaming:
        # Reading to the end closes the file, as the test client keeps the database connection.
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("row", ROWS)
def test_an_anonymous_visitor_downloads_only_what_a_public_page_shows(client, documents, row):
    document = documents[row]

    response = fetch(client, document)

    if ROWS[row] == "anyone":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == f"/account/sign-in/?next={document.url}"


@pytest.mark.parametrize("row", ROWS)
def test_a_partner_downloads_what_a_page_they_may_see_shows(client, documents, row):
    client.force_login(UserFactory())

    response = fetch(client, documents[row])

    assert response.status_code == (200 if ROWS[row] in ("anyone", "partners") else 403)
