"""A small county for the permission tests: two LCTs, the headteacher group, one user per role."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from core.demo import Log
from ltc_portal import roles
from tests.directory.factories import AreaFactory, PartnershipPageFactory
from tests.factories import UserFactory


@dataclass
class County:
    redditch: object
    wyre_forest: object
    headteacher_group: object
    users: dict


def in_group(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def county(home_page):
    redditch_area = AreaFactory(name="Redditch", slug="redditch")
    wyre_area = AreaFactory(name="Wyre Forest", slug="wyre-forest")
    redditch = PartnershipPageFactory(title="Redditch LCT", slug="redditch", area=redditch_area)
    wyre_forest = PartnershipPageFactory(
        title="Wyre Forest LCT", slug="wyre-forest", area=wyre_area
    )
    headteacher_group = PartnershipPageFactory(
        title="County headteacher group", slug="headteacher-group", county_group=True
    )
    roles.setup_roles(Log(lambda line: None))
    for page in (redditch, wyre_forest):
        page.area.refresh_from_db()  # setup_roles linked it to its coordinators group
    users = {
        "administrator": in_group(roles.ADMINISTRATORS, username="county-admin"),
        "redditch coordinator": in_group("LCT coordinators – Redditch", username="coord-redditch"),
        "wyre forest coordinator": in_group(
            "LCT coordinators – Wyre Forest", username="coord-wyre-forest"
        ),
        "headteacher group editor": in_group(roles.HEADTEACHER_EDITORS, username="ht-editor"),
        "partner": in_group(roles.PARTNERS, username="partner"),
        "anonymous": AnonymousUser(),
    }
    return County(redditch, wyre_forest, headteacher_group, users)
