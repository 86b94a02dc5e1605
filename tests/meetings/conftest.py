import pytest
from django.core.cache import cache

from tests.directory.factories import PartnershipPageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partnership(partnerships_index):
    return PartnershipPageFactory(parent=partnerships_index, slug="bromsgrove", title="Bromsgrove")


@pytest.fixture
def other_partnership(partnerships_index):
    return PartnershipPageFactory(parent=partnerships_index, slug="redditch", title="Redditch")
