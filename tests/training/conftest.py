import pytest

from core.demo import Log
from ltc_portal import roles
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


@pytest.fixture
def coverage(county, home_page):  # noqa: F811 - the county fixture, imported below
    """The county (two LCTs, a user per role) with its coverage page; roles granted again so
    coordinators may add sessions under it."""
    page = CoveragePageFactory(parent=home_page)
    roles.setup_roles(Log(lambda line: None))
    return page


from tests.meetings.test_invitations import inbox, smtp_server  # noqa: E402, F401 - a real SMTP server
from tests.roles.conftest import county  # noqa: E402, F401 - the two-district county with a user per role
