"""Fixtures shared by every test module."""

import shutil

import pytest
from django.conf import settings
from wagtail.models import Site

from tests.directory.factories import PartnershipIndexPageFactory


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def site(db):
    """The default site, whose root is the HomePage the migrations create."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def partnerships_index(home_page):
    return PartnershipIndexPageFactory(parent=home_page)
