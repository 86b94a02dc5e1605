"""The directory's factories, the only ones for its models; every app's tests use these."""

import factory
import wagtail_factories
from django.utils.text import slugify

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
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Area
        django_get_or_create = ["slug"]


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

    class Params:
        partners_only = factory.Trait(visibility=Visibility.PARTNERS)
        private = factory.Trait(visibility=Visibility.PRIVATE)


class PartnershipIndexPageFactory(wagtail_factories.PageFactory):
    title = "Local Children's Trusts"
    slug = "partnerships"

    class Meta:
        model = PartnershipIndexPage


def partnership_index():
    """The one partnerships index, under the site's home page (made if missing)."""
    from wagtail.models import Site

    existing = PartnershipIndexPage.objects.first()
    if existing is not None:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    return PartnershipIndexPageFactory(parent=home)


class PartnershipPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"District {n} Local Children's Trust")
    slug = factory.Sequence(lambda n: f"lct-{n}")
    kind = PartnershipKind.LCT
    area = factory.SubFactory(AreaFactory)
    parent = factory.LazyFunction(partnership_index)

    class Meta:
        model = PartnershipPage

    class Params:
        county_group = factory.Trait(kind=PartnershipKind.COUNTY_GROUP, area=None)


class MembershipFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    role = Role.MEMBER

    class Meta:
        model = Membership


def membership_for(user, page):
    """Seat `user` (through a Person) on `page` from today, open-ended."""
    person = Person.objects.filter(user=user).first() or PersonFactory(user=user)
    return Membership.objects.create(page=page, person=person)


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
