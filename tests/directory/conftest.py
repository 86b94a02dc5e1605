import pytest

from tests.directory.county import districts, shipped_postcodes  # noqa: F401 - fixtures
from tests.directory.factories import (
    AreaFactory,
    DirectoryPageFactory,
    FindYourLCTPageFactory,
    PartnershipPageFactory,
)


@pytest.fixture
def area(db):
    return AreaFactory(name="Redditch", slug="redditch", outward_codes="B96 B97 B98")


@pytest.fixture
def lct(partnerships_index, area):
    return PartnershipPageFactory(
        parent=partnerships_index,
        title="Redditch Local Children's Trust",
        slug="redditch",
        area=area,
    )


@pytest.fixture
def directory(home_page):
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def find_page(home_page):
    return FindYourLCTPageFactory(parent=home_page)
