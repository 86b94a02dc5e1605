"""Background work: Wagtail's tasks queued in Redis for `make worker`, and scheduled publishing."""

import datetime
import os

import django_rq
import pytest
import redis
from django.core.management import call_command
from django_tasks_rq import Job
from rq import SimpleWorker
from wagtail.models import ReferenceIndex

from ltc_portal.management.commands import run_scheduled_publishing
from ltc_portal.models import StandardPage

pytestmark = pytest.mark.django_db

#: The Redis database these tests use; CI and `make run` use others.
REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def rq_queue(settings):
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {
        "default": {"BACKEND": "ltc_portal.task_backends.OnCommitRQBackend", "QUEUES": ["default"]}
    }
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    yield queue
    queue.empty()


def run_worker(queue):
    """What `make worker` does, in this process and until the queue is empty."""
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def test_wagtails_own_tasks_are_queued_after_the_commit_and_run_by_the_worker(
    rq_queue, home_page, django_capture_on_commit_callbacks
):
    target = home_page.add_child(instance=StandardPage(title="Target", body="<p>x</p>"))
    rq_queue.empty()

    with django_capture_on_commit_callbacks(execute=True):
        page = home_page.add_child(
            instance=StandardPage(
                title="Links to the target",
                body=f'<p><a linktype="page" id="{target.pk}">the target</a></p>',
            )
        )
        # Not before the commit: a worker could read the page before it exists.
        assert rq_queue.count == 0

    assert "wagtail.tasks.update_reference_index_task" in {j.func_name for j in rq_queue.jobs}
    assert not ReferenceIndex.get_references_to(target).filter(object_id=str(page.pk)).exists()

    run_worker(rq_queue)

    assert rq_queue.count == 0
    assert ReferenceIndex.get_references_to(target).filter(object_id=str(page.pk)).exists()


def test_scheduled_publishing_publishes_each_round_and_waits_between_rounds(
    home_page, monkeypatch, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 29, 9, 0, tzinfo=datetime.UTC), tick=False)
    page = home_page.add_child(instance=StandardPage(title="Later", body="<p>x</p>", live=False))
    page.go_live_at = datetime.datetime(2026, 11, 29, 9, 30, tzinfo=datetime.UTC)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    waits = []

    def sleep(seconds):
        waits.append(seconds)
        time_machine.move_to(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC))

    monkeypatch.setattr(run_scheduled_publishing, "sleep", sleep)
    # The test's own transaction must stay open between rounds.
    monkeypatch.setattr(run_scheduled_publishing, "close_old_connections", lambda: None)

    call_command("run_scheduled_publishing", "--interval", "60", "--rounds", "2")

    page.refresh_from_db()
    assert page.live
    assert waits == [60]


def test_scheduled_publishing_goes_on_after_a_failed_round(monkeypatch, caplog):
    calls = []

    def failing_publish(name):
        calls.append(name)
        raise ConnectionError("the database is restarting")

    monkeypatch.setattr(run_scheduled_publishing, "call_command", failing_publish)
    monkeypatch.setattr(run_scheduled_publishing, "sleep", lambda seconds: None)
    monkeypatch.setattr(run_scheduled_publishing, "close_old_connections", lambda: None)

    call_command("run_scheduled_publishing", "--rounds", "3")

    assert calls == ["publish_scheduled"] * 3
    assert "Scheduled publishing failed" in caplog.text
