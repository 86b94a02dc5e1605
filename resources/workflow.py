"""The "Safeguarding board approval" workflow, set up idempotently on the library page."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

#: The approval workflow, its task and the group whose members approve materials.
WORKFLOW_NAME = "Safeguarding board approval"
TASK_NAME = "Safeguarding board approval"
APPROVERS_GROUP = "Materials approvers"


def ensure_approval_workflow(index_page):
    """Create the approvers group, task and workflow if missing and assign it to the library.

    Returns the workflow and a list of what was created, for the demo log.
    """
    created = []
    group, made = Group.objects.get_or_create(name=APPROVERS_GROUP)
    if made:
        created.append(f"group {APPROVERS_GROUP}")
    # Approving publishes the page as the approver, so approvers need to publish materials.
    for codename in ("change_page", "publish_page"):
        _permission, made = GroupPagePermission.objects.get_or_create(
            group=group,
            page=index_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
        if made:
            created.append(f"{codename} permission on {index_page.title} for {APPROVERS_GROUP}")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
        created.append(f"task {TASK_NAME}")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        created.append(f"workflow {WORKFLOW_NAME}")
    if not WorkflowPage.objects.filter(page=index_page, workflow=workflow).exists():
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
        created.append(f"workflow assignment to {index_page.title}")
    return workflow, created
