import factory
import wagtail_factories

from core.enums import Visibility
from directory.enums import OrganisationKind, PartnershipKind, Role
from directory.models import (
    Area,
    DirectoryPage,
    FindYourLCTPage,
    Membership,
    Organisation,
    PartnershipIndexPage,
    PartnershipPage,
    Person,
)


class AreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")
    outward_codes = "WR1 WR2"

    class Meta:
        model = Area


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.VOLUNTARY_GROUP

    class Meta:
        model = Organisation
        skip_postgeneration_save = True


class SchoolFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"School {n}")
    kind = OrganisationKind.SCHOOL
    urn = factory.Sequence(lambda n: 100000 + n)
    phase = "primary"


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Designated safeguarding lead"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = factory.Sequence(lambda n: f"01905 {n:06d}")
    visibility = Visibility.PUBLIC

    class Meta:
        model = Person


class PartnershipIndexPageFactory(wagtail_factories.PageFactory):
    title = "Local Children's Trusts"
    slug = "partnerships"

    class Meta:
        model = PartnershipIndexPage


class PartnershipPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"District {n} Local Children's Trust")
    slug = factory.Sequence(lambda n: f"lct-{n}")
    kind = PartnershipKind.LCT
    area = factory.SubFactory(AreaFactory)

    class Meta:
        model = PartnershipPage


class MembershipFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    role = Role.MEMBER

    class Meta:
        model = Membership


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Directory"
    slug = "directory"

    class Meta:
        model = DirectoryPage


class FindYourLCTPageFactory(wagtail_factories.PageFactory):
    title = "Find your Local Children's Trust"
    slug = "find-your-lct"
    county_contacts = "<p>County safeguarding board: 01905 000000</p>"

    class Meta:
        model = FindYourLCTPage
