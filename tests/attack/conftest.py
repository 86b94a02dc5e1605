from tests.roles.conftest import county  # noqa: E402, F401
from tests.training.conftest import (  # noqa: F401 - the training tests' districts and pages
    coverage_page,
    redditch,
    redditch_lct,
    wyre_forest,
)
