"""Factories for the roles and accounts tests: areas, partnership pages, memberships."""

import factory
import wagtail_factories
from django.utils.text import slugify

from directory.enums import PartnershipKind
from directory.models import (
    Area,
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


def partnership_index():
    """The one partnerships index, under the site's home page."""
    from wagtail.models import Site

    existing = PartnershipIndexPage.objects.first()
    if existing is not None:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    index = PartnershipIndexPage(title="Local Children's Trusts", slug="partnerships")
    home.add_child(instance=index)
    return index


class PartnershipPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = PartnershipKind.LCT
    area = factory.SubFactory(AreaFactory)
    parent = factory.LazyFunction(partnership_index)

    class Meta:
        model = PartnershipPage


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"School {n}")
    kind = "school"

    class Meta:
        model = Organisation


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Person


def membership_for(user, page):
    """Seat `user` (through a Person) on `page` from today, open-ended."""
    person = Person.objects.filter(user=user).first() or PersonFactory(user=user)
    return Membership.objects.create(page=page, person=person)
