import pytest

from tests.directory.factories import AreaFactory, PartnershipPageFactory

from .factories import CoveragePageFactory


@pytest.fixture
def redditch(db):
    return AreaFactory(name="Redditch", slug="redditch")


@pytest.fixture
def wyre_forest(db):
    return AreaFactory(name="Wyre Forest", slug="wyre-forest")


@pytest.fixture
def coverage_page(home_page):
    return CoveragePageFactory(parent=home_page)


@pytest.fixture
def redditch_lct(partnerships_index, redditch):
    return PartnershipPageFactory(
        parent=partnerships_index, title="Redditch LCT", slug="redditch", area=redditch
    )


from tests.roles.conftest import county  # noqa: E402, F401 - the two-district county with a user per role
