"""The county's six districts with their ONS codes, and the shipped postcode and place files:
fixtures for the postcode tests (import them into a test module to use them)."""

import pytest

from directory.demo import ONS_CODES, PLACES_FILE, POSTCODES_FILE
from directory.importing import import_places, import_postcodes
from tests.directory.factories import AreaFactory

NAMES = {
    "bromsgrove": "Bromsgrove",
    "malvern-hills": "Malvern Hills",
    "redditch": "Redditch",
    "worcester-city": "Worcester City",
    "wychavon": "Wychavon",
    "wyre-forest": "Wyre Forest",
}


@pytest.fixture
def districts(db):
    """The six areas by slug, each with its ONS code (and no outward codes)."""
    return {
        slug: AreaFactory(name=NAMES[slug], slug=slug, ons_code=code)
        for slug, code in ONS_CODES.items()
    }


@pytest.fixture
def shipped_postcodes(districts):
    """The districts with the shipped sample of the ONS Postcode Directory and places loaded."""
    with POSTCODES_FILE.open("rb") as lines:
        report = import_postcodes(lines)
    assert report.written, report.errors
    assert import_places(PLACES_FILE.read_bytes()).errors == []
    return districts
