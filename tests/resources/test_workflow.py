"""Materials are published only through the safeguarding board's approval workflow."""

import datetime

import pytest
import time_machine
from wagtail.models import WorkflowPage

from resources.models import ResourcePage
from resources.workflow import ensure_approval_workflow
from tests.factories import UserFactory

from .factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

APPROVAL_TIME = datetime.datetime(2026, 3, 10, 14, 30, tzinfo=datetime.UTC)


def submit(page, user, workflow):
    page.save_revision(user=user)
    return workflow.start(page, user)


def approve(page, approver):
    task_state = page.current_workflow_task_state.specific
    task_state.task.specific.on_action(task_state, approver, "approve")


def test_setting_up_the_workflow_twice_creates_it_once(library):
    first, created = ensure_approval_workflow(library)
    second, created_again = ensure_approval_workflow(library)

    assert first == second
    assert created and created_again == []
    assert WorkflowPage.objects.get(page=library).workflow == first


def test_a_submitted_material_is_not_live_until_an_approver_approves(library, workflow, approver):
    editor = UserFactory()
    page = ResourcePageFactory(parent=library, live=False)

    submit(page, editor, workflow)
    page.refresh_from_db()
    assert not page.live
    assert page.approved_by is None

    with time_machine.travel(APPROVAL_TIME, tick=False):
        approve(page, approver)

    page = ResourcePage.objects.get(pk=page.pk)
    assert page.live
    assert page.approved_by == approver
    assert page.approved_at == APPROVAL_TIME
    assert page.last_reviewed == datetime.date(2026, 3, 10)
    assert page.review_due == datetime.date(2027, 3, 10)


def test_the_review_date_follows_the_materials_review_period(library, workflow, approver):
    page = ResourcePageFactory(parent=library, live=False, review_period_months=6)
    submit(page, UserFactory(), workflow)

    with time_machine.travel(APPROVAL_TIME, tick=False):
        approve(page, approver)

    assert ResourcePage.objects.get(pk=page.pk).review_due == datetime.date(2026, 9, 10)


def test_a_rejected_material_stays_unpublished_and_unapproved(library, workflow, approver):
    page = ResourcePageFactory(parent=library, live=False)
    submit(page, UserFactory(), workflow)

    task_state = page.current_workflow_task_state.specific
    task_state.task.specific.on_action(task_state, approver, "reject")

    page = ResourcePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.approved_at is None


def test_republishing_keeps_the_approval_from_the_workflow_history(library, workflow, approver):
    page = ResourcePageFactory(parent=library, live=False)
    submit(page, UserFactory(), workflow)
    with time_machine.travel(APPROVAL_TIME, tick=False):
        approve(page, approver)

    # An older revision's empty approval fields must not wipe the recorded approval.
    page = ResourcePage.objects.get(pk=page.pk)
    page.revisions.order_by("pk").first().publish()

    page = ResourcePage.objects.get(pk=page.pk)
    assert page.approved_by == approver
    assert page.approved_at == APPROVAL_TIME


def test_the_material_page_shows_who_approved_it_and_when(client, library, workflow, approver):
    page = ResourcePageFactory(parent=library, live=False, title="Keeping safe online")
    submit(page, UserFactory(), workflow)
    with time_machine.travel(APPROVAL_TIME, tick=False):
        approve(page, approver)

    with time_machine.travel(datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC), tick=False):
        html = client.get(page.url).content.decode()

    assert "Approved by the county safeguarding board (Bea Board) on 10 March 2026" in html
    assert "Last reviewed 10 March 2026" in html
    assert "Next review due 10 March 2027." in html
