"""The admin dashboard's "Your district" panel: whose district, and what needs the editor."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.demo import Log
from ltc_portal import roles
from meetings.recurrence import LONDON
from tests.factories import UserFactory
from tests.meetings.factories import MeetingPageFactory
from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 2, 3, 9, tzinfo=LONDON)


@pytest.fixture
def library(county):
    library = ResourceIndexPageFactory(parent=county.redditch.get_parent().get_parent())
    roles.setup_roles(Log(lambda line: None))  # the materials workflow and its groups
    return library


def meeting(page, title, day):
    return MeetingPageFactory(
        parent=page, title=title, start=dt.datetime(2027, 2, day, 16, tzinfo=LONDON)
    )


def submit(page, user):
    from wagtail.models import Workflow

    page.save_revision(user=user)
    return Workflow.objects.get(name="Safeguarding board approval").start(page, user)


def dashboard(client, user):
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_coordinator_sees_their_district_and_its_meetings_this_month(client, county):
    meeting(county.redditch, "Redditch February meeting", 10)
    meeting(county.wyre_forest, "Wyre Forest February meeting", 11)
    MeetingPageFactory(
        parent=county.redditch,
        title="Redditch April meeting",
        start=dt.datetime(2027, 4, 7, 16, tzinfo=LONDON),
    )

    body = dashboard(client, county.users["redditch coordinator"])

    assert "You look after <strong>Redditch</strong>" in body
    assert "Meetings in February 2027" in body
    assert "Redditch February meeting" in body
    assert "Wyre Forest February meeting" not in body
    assert "Redditch April meeting" not in body
    assert "Materials awaiting approval" not in body


def test_the_coordinators_district_follows_their_group_not_their_lct_page(client, county):
    from tests.directory.factories import AreaFactory

    county.redditch.area = AreaFactory(name="Bromsgrove", slug="bromsgrove")
    county.redditch.save_revision().publish()

    body = dashboard(client, county.users["redditch coordinator"])

    assert "You look after <strong>Redditch</strong>" in body


def test_headteacher_editors_and_approvers_see_materials_awaiting_approval_and_due_review(
    client, county, library
):
    waiting = ResourcePageFactory(parent=library, title="Online grooming for parents", live=False)
    ResourcePageFactory(parent=library, title="Overdue leaflet", review_due=dt.date(2027, 1, 5))
    ResourcePageFactory(parent=library, title="Fresh lesson", review_due=dt.date(2028, 1, 5))
    editor = county.users["headteacher group editor"]
    submit(waiting, editor)
    approver = UserFactory()
    approver.groups.add(Group.objects.get(name=roles.MATERIALS_APPROVERS))

    for user in (editor, approver):
        body = dashboard(client, user)
        assert "Materials awaiting approval" in body
        assert "Online grooming for parents" in body
        assert "Overdue leaflet" in body
        assert "Fresh lesson" not in body
        assert "You look after" not in body
        assert "What needs you" in body


def test_an_administrator_is_told_they_look_after_every_district(client, county):
    body = dashboard(client, county.users["administrator"])

    assert "you look after every district" in body


def test_the_panel_runs_a_fixed_number_of_queries(county, library):
    from django.test import RequestFactory

    from ltc_portal.dashboard import DistrictPanel

    def queries(user):
        request = RequestFactory().get("/admin/")
        request.user = type(user).objects.get(pk=user.pk)  # nothing cached from before
        with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as ctx:
            html = DistrictPanel().render_html({"request": request})
        assert 'id="your-district-section"' in html
        return len(ctx)

    coordinator = county.users["redditch coordinator"]
    editor = county.users["headteacher group editor"]
    meeting(county.redditch, "First", 10)
    ResourcePageFactory(parent=library, review_due=dt.date(2027, 1, 5))
    submit(ResourcePageFactory(parent=library, live=False), editor)
    few = (queries(coordinator), queries(editor))

    for day in range(11, 20):
        meeting(county.redditch, f"Meeting {day}", day)
        ResourcePageFactory(parent=library, review_due=dt.date(2027, 1, day))
        submit(ResourcePageFactory(parent=library, live=False), editor)

    assert (queries(coordinator), queries(editor)) == few
