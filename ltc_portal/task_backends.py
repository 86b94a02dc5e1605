"""The production task backend: RQ (django-tasks-rq), queuing only what was committed."""

from functools import partial

from django.db import transaction
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from django_tasks_rq import RQBackend


class OnCommitRQBackend(RQBackend):
    """Queues a task in RQ once the surrounding transaction commits.

    Wagtail queues its reference and search index updates from `post_save`, inside the
    transaction that saves the page. A worker in another process could run them before that
    commit, find the old row (or none) and index stale content. Outside a transaction the task
    is queued at once. Inside one, the result returned is a receipt: its id is not RQ's job id
    and cannot be looked up (nothing in the site reads task results).
    """

    def enqueue(self, task, args, kwargs):
        if not transaction.get_connection().in_atomic_block:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        transaction.on_commit(partial(super().enqueue, task, args, kwargs), robust=True)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
