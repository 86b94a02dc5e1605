import pytest
import time_machine
from django.core.cache import cache

from tests.directory.factories import PartnershipPageFactory

from .factories import NOW


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


@pytest.fixture
def frozen_now():
    """Time stands still at `NOW` for the test."""
    with time_machine.travel(NOW, tick=False):
        yield NOW
