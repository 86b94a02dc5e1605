"""A small county built with factories: one of every public page, route and download.

Used by the HTTP tests and the property-based sweep over every public GET route.
"""

import datetime as dt
from dataclasses import dataclass

from core.enums import Visibility
from directory.enums import Role
from resources.enums import Audience
from tests.directory.factories import (
    AreaFactory,
    DirectoryPageFactory,
    FindYourLCTPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipIndexPageFactory,
    PartnershipPageFactory,
    PersonFactory,
    SchoolFactory,
)
from tests.factories import StandardPageFactory
from tests.meetings.factories import MeetingPageFactory, MeetingsIndexPageFactory
from tests.resources.factories import (
    ResourceIndexPageFactory,
    ResourcePageFactory,
    attach_document,
)


@dataclass
class World:
    home: object
    lct: object
    organisation: object
    person: object
    directory: object
    find_page: object
    partnerships: object
    meetings: object
    meeting: object
    library: object
    material: object
    partners_material: object
    document: object
    standard: object


def publish(page):
    page.save_revision().publish()
    return page


def build_world(home_page):
    area = AreaFactory(name="Redditch", slug="redditch", outward_codes="B96 B97 B98")
    partnerships = PartnershipIndexPageFactory(parent=home_page)
    organisation = SchoolFactory(name="Abbey Primary", area=area, postcode="B97 4AA")
    OrganisationFactory(name="Lantern Youth Club", area=area)
    person = PersonFactory(name="Dana Lead", organisation=organisation)
    organisation.dsl = person
    organisation.save()
    coordinator = PersonFactory(name="Casey Coordinator", visibility=Visibility.PARTNERS)
    lct = PartnershipPageFactory(
        parent=partnerships, title="Redditch LCT", slug="redditch", area=area
    )
    lct.coordinator = coordinator
    MembershipFactory(page=lct, person=person, role=Role.CHAIR, organisation=organisation)
    publish(lct)
    directory = DirectoryPageFactory(parent=home_page)
    find_page = FindYourLCTPageFactory(parent=home_page)
    meetings = MeetingsIndexPageFactory(parent=home_page)
    meeting = publish(
        MeetingPageFactory(
            parent=lct,
            title="Quarterly meeting",
            slug="quarterly",
            start=dt.datetime(2027, 2, 9, 16, tzinfo=dt.UTC),
            frequency="weekly",
            ends_after=4,
            joining_link="https://meet.example.org/room",
        )
    )
    library = ResourceIndexPageFactory(parent=home_page)
    material = publish(
        ResourcePageFactory(
            parent=library,
            title="Keeping safe online",
            slug="keeping-safe-online",
            audiences=[Audience.PARENTS_AND_CARERS],
            topics=["Online grooming"],
        )
    )
    partners_material = publish(
        ResourcePageFactory(
            parent=library,
            title="Staff training slides",
            slug="staff-training",
            visibility=Visibility.PARTNERS,
        )
    )
    document = attach_document(material)
    standard = StandardPageFactory(parent=home_page, title="About", slug="about")
    return World(
        home=home_page,
        lct=lct,
        organisation=organisation,
        person=person,
        directory=directory,
        find_page=find_page,
        partnerships=partnerships,
        meetings=meetings,
        meeting=meeting,
        library=library,
        material=material,
        partners_material=partners_material,
        document=document,
        standard=standard,
    )
