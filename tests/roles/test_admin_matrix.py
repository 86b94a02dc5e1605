"""Organisations, people and meetings through the admin's own views, role by role and area by area.

"edit" is the admin edit view loading (200); anything else (a redirect with a permission
message, or 403) is a refusal. The expected answer for each cell is written out.
"""

import pytest
from django.urls import reverse

from directory.enums import OrganisationKind
from tests.directory.factories import PersonFactory, SchoolFactory
from tests.meetings.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db

#: Role -> area -> may the role open the edit view of a record in that area?
EXPECTED_EDIT = {
    "administrator": {"redditch": True, "wyre forest": True},
    "redditch coordinator": {"redditch": True, "wyre forest": False},
    "wyre forest coordinator": {"redditch": False, "wyre forest": True},
    "headteacher group editor": {"redditch": False, "wyre forest": False},
    "partner": {"redditch": False, "wyre forest": False},
}


@pytest.fixture
def records(county):
    records = {}
    for name, page in [("redditch", county.redditch), ("wyre forest", county.wyre_forest)]:
        school = SchoolFactory(name=f"{page.area.name} High School", area=page.area)
        records[name] = {
            "organisation": school,
            "person": PersonFactory(name=f"DSL at {school.name}", organisation=school),
            "meeting": MeetingPageFactory(parent=page, title=f"{page.area.name} meeting"),
        }
    return records


def edit_url(kind, obj):
    if kind == "meeting":
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(f"wagtailsnippets_directory_{kind}:edit", args=[obj.pk])


@pytest.mark.parametrize("role", EXPECTED_EDIT)
@pytest.mark.parametrize("kind", ["organisation", "person", "meeting"])
def test_the_admin_edit_view_follows_the_matrix(client, county, records, role, kind):
    client.force_login(county.users[role])

    answers = {
        area: client.get(edit_url(kind, records[area][kind])).status_code == 200
        for area in ("redditch", "wyre forest")
    }

    assert answers == EXPECTED_EDIT[role]


def test_a_coordinator_sees_other_areas_organisations_read_only_in_the_list(
    client, county, records
):
    client.force_login(county.users["redditch coordinator"])

    response = client.get(reverse("wagtailsnippets_directory_organisation:list"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Redditch High School" in body
    assert "Wyre Forest High School" in body
    assert edit_url("organisation", records["redditch"]["organisation"]) in body
    assert edit_url("organisation", records["wyre forest"]["organisation"]) not in body


def test_a_coordinator_saves_a_school_in_their_own_area(client, county, records):
    school = records["redditch"]["organisation"]
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        edit_url("organisation", school),
        {
            "name": "Redditch High School (renamed)",
            "kind": OrganisationKind.SCHOOL,
            "urn": school.urn,
            "phase": "secondary",
            "postcode": "B97 4AA",
            "area": school.area_id,
            "tags": "",
        },
    )

    assert response.status_code == 302
    school.refresh_from_db()
    assert school.name == "Redditch High School (renamed)"


def test_a_coordinator_cannot_add_a_school_in_another_area(client, county):
    client.force_login(county.users["redditch coordinator"])

    response = client.post(
        reverse("wagtailsnippets_directory_organisation:add"),
        {
            "name": "Kidderminster Academy",
            "kind": OrganisationKind.SCHOOL,
            "urn": "999001",
            "phase": "secondary",
            "postcode": "DY10 1AA",
            "area": county.wyre_forest.area_id,
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert not county.wyre_forest.area.organisations.filter(name="Kidderminster Academy").exists()


#: Role -> area -> what the role may do to a meeting of that area's LCT, by Wagtail's page rules.
EXPECTED_MEETING = {
    "administrator": {"redditch": "edit publish delete", "wyre forest": "edit publish delete"},
    "redditch coordinator": {"redditch": "edit publish delete", "wyre forest": ""},
    "wyre forest coordinator": {"redditch": "", "wyre forest": "edit publish delete"},
    "headteacher group editor": {"redditch": "", "wyre forest": ""},
    "partner": {"redditch": "", "wyre forest": ""},
}


def actions(tester):
    done = [
        name
        for name, allowed in [
            ("edit", tester.can_edit()),
            ("publish", tester.can_publish()),
            ("delete", tester.can_delete()),
        ]
        if allowed
    ]
    return " ".join(done)


@pytest.mark.parametrize("role", EXPECTED_MEETING)
def test_meeting_permissions_follow_the_matrix(county, records, role):
    user = county.users[role]

    answers = {
        area: actions(records[area]["meeting"].permissions_for_user(user))
        for area in ("redditch", "wyre forest")
    }

    assert answers == EXPECTED_MEETING[role]


#: Role -> (draft, live) -> what the role may do to a material in the library. Materials
#: belong to the county, not an area: headteacher group editors draft them (and, by Wagtail's
#: rule for editors without publish rights, may delete a draft but never a live page); the
#: board's approvers publish.
EXPECTED_MATERIAL = {
    "administrator": {"draft": "edit publish delete", "live": "edit publish delete"},
    "redditch coordinator": {"draft": "", "live": ""},
    "wyre forest coordinator": {"draft": "", "live": ""},
    "headteacher group editor": {"draft": "edit delete", "live": "edit"},
    "materials approver": {"draft": "edit publish delete", "live": "edit publish delete"},
    "partner": {"draft": "", "live": ""},
}


@pytest.mark.parametrize("role", EXPECTED_MATERIAL)
def test_material_permissions_follow_the_matrix(county, role):
    from django.contrib.auth.models import Group

    from core.demo import Log
    from ltc_portal import roles
    from tests.factories import UserFactory
    from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

    library = ResourceIndexPageFactory(parent=county.redditch.get_parent().get_parent())
    materials = {
        "draft": ResourcePageFactory(parent=library, live=False),
        "live": ResourcePageFactory(parent=library, live=True),
    }
    roles.setup_roles(Log(lambda line: None))
    if role == "materials approver":
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.MATERIALS_APPROVERS))
    else:
        user = county.users[role]

    answers = {state: actions(page.permissions_for_user(user)) for state, page in materials.items()}

    assert answers == EXPECTED_MATERIAL[role]


#: Role -> what it may do with venues in the admin. Coordinators add venues for new places;
#: they edit a venue unless a meeting they may not edit (another district's) uses it; only
#: administrators delete one (nobody else has the model permission).
EXPECTED_VENUE = {
    "administrator": {
        "add": True,
        "unused": "edit",
        "redditch's": "edit",
        "wyre forest's": "edit",
        "wyre forest's move": "edit",
    },
    "redditch coordinator": {
        "add": True,
        "unused": "edit",
        "redditch's": "edit",
        "wyre forest's": "",
        "wyre forest's move": "",
    },
    "wyre forest coordinator": {
        "add": True,
        "unused": "edit",
        "redditch's": "",
        "wyre forest's": "edit",
        "wyre forest's move": "edit",
    },
    "headteacher group editor": {
        "add": False,
        "unused": "",
        "redditch's": "",
        "wyre forest's": "",
        "wyre forest's move": "",
    },
    "partner": {
        "add": False,
        "unused": "",
        "redditch's": "",
        "wyre forest's": "",
        "wyre forest's move": "",
    },
}


@pytest.fixture
def venues(county, records):
    from meetings.models import MeetingException, Venue

    venues = {
        name: Venue.objects.create(name=f"Venue {name}")
        for name in ["unused", "redditch's", "wyre forest's", "wyre forest's move"]
    }
    for area, name in [("redditch", "redditch's"), ("wyre forest", "wyre forest's")]:
        meeting = records[area]["meeting"]
        meeting.venue = venues[name]
        meeting.save_revision().publish()
    wyre_meeting = records["wyre forest"]["meeting"]
    MeetingException.objects.create(
        page=wyre_meeting,
        original_date=wyre_meeting.start.date(),
        action="move",
        new_start=wyre_meeting.start,
        new_end=wyre_meeting.end,
        new_venue=venues["wyre forest's move"],
    )
    return venues


@pytest.mark.parametrize("role", EXPECTED_VENUE)
def test_venue_add_and_edit_follow_the_matrix(client, county, venues, role):
    from meetings.models import Venue

    client.force_login(county.users[role])

    added = client.post(
        reverse("wagtailsnippets_meetings_venue:add"),
        {"name": f"Library for {role}", "address": "", "postcode": "", "access_notes": ""},
    )
    answers = {
        "add": added.status_code == 302 and Venue.objects.filter(name__endswith=role).exists()
    }
    for name, venue in venues.items():
        edited = client.post(
            reverse("wagtailsnippets_meetings_venue:edit", args=[venue.pk]),
            {"name": venue.name, "address": "", "postcode": "", "access_notes": "Lift"},
        )
        venue.refresh_from_db()
        answers[name] = "edit" if edited.status_code == 302 and venue.access_notes else ""

    assert answers == EXPECTED_VENUE[role]


def test_a_coordinator_is_offered_edit_only_for_venues_they_may_change(client, county, venues):
    client.force_login(county.users["redditch coordinator"])

    body = client.get(reverse("wagtailsnippets_meetings_venue:list")).content.decode()

    assert "Venue wyre forest&#x27;s" in body
    assert reverse("wagtailsnippets_meetings_venue:edit", args=[venues["unused"].pk]) in body
    for name in ["wyre forest's", "wyre forest's move"]:
        edit = reverse("wagtailsnippets_meetings_venue:edit", args=[venues[name].pk])
        assert edit not in body


#: Role -> collection -> may the role upload a document into it?
EXPECTED_UPLOAD = {
    "administrator": {"Redditch": True, "Wyre Forest": True, "Headteacher group": True},
    "redditch coordinator": {"Redditch": True, "Wyre Forest": False, "Headteacher group": False},
    "wyre forest coordinator": {
        "Redditch": False,
        "Wyre Forest": True,
        "Headteacher group": False,
    },
    "headteacher group editor": {
        "Redditch": False,
        "Wyre Forest": False,
        "Headteacher group": True,
    },
    "partner": {"Redditch": False, "Wyre Forest": False, "Headteacher group": False},
}


@pytest.mark.parametrize("role", EXPECTED_UPLOAD)
def test_document_upload_into_each_collection_follows_the_matrix(client, county, role):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from core.pdf import minimal_pdf

    client.force_login(county.users[role])

    answers = {}
    for name in EXPECTED_UPLOAD[role]:
        collection = Collection.objects.get(name=name)
        title = f"Minutes for {name}"
        client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": SimpleUploadedFile("minutes.pdf", minimal_pdf(title)),
                "collection": collection.pk,
            },
        )
        answers[name] = Document.objects.filter(title=title, collection=collection).exists()

    assert answers == EXPECTED_UPLOAD[role]


def test_a_coordinator_chooses_documents_from_their_own_collection_only(client, county):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from core.pdf import minimal_pdf

    for name in ("Redditch", "Wyre Forest"):
        document = Document(title=f"{name} papers", collection=Collection.objects.get(name=name))
        document.file.save("papers.pdf", ContentFile(minimal_pdf(name)))
    client.force_login(county.users["redditch coordinator"])

    body = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()

    assert "Redditch papers" in body
    assert "Wyre Forest papers" not in body
