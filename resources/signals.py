"""Approval is recorded from the workflow whenever a material is published."""

from django.dispatch import receiver
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published

from .models import ResourcePage


def latest_approval(page):
    """The task state of the most recent approved workflow on this page, or None."""
    approved_workflows = WorkflowState.objects.for_instance(page).filter(
        status=WorkflowState.STATUS_APPROVED
    )
    return (
        TaskState.objects.filter(
            workflow_state__in=approved_workflows, status=TaskState.STATUS_APPROVED
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


@receiver(page_published, sender=ResourcePage)
def record_approval_on_publish(sender, instance, revision, **kwargs):
    """Copy who approved the material and when onto the live page.

    Publishing copies the revision's fields over the page, so the approval is always taken
    again from the workflow history rather than from the (possibly older) revision.
    """
    approval = latest_approval(instance)
    if approval is None:
        instance.record_approval(None, None)
    else:
        instance.record_approval(approval.finished_by, approval.finished_at)
