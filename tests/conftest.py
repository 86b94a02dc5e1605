"""Fixtures shared by every test module."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from tests.directory.factories import PartnershipIndexPageFactory


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (locmem), so no cached sitemap part or page from
    another test's data is served."""
    cache.clear()


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
