"""The daily reminders: each school's DSL and each youth group's DSL told 90 and 30 days before
its counted CSE training expires, by the one reminder builder (`training.reminders`).

`send_expiry_reminders` is a django-tasks task, queued once a day by `run_scheduled_publishing`
(which `make worker` runs) or by `manage.py send_training_reminders` from cron. Running it twice
on one day sends nothing twice: each reminder is in the organisation's history with the expiry
and the days before it, and one already there is not sent again. One organisation whose reminder
fails is logged and skipped; the others are still sent.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from wagtail.models import ModelLogEntry

from directory.models import Organisation

from .coverage import expiring_in
from .reminders import REMINDER_ACTION, send_reminder

logger = logging.getLogger(__name__)

#: Days before expiry a reminder goes out.
REMINDER_DAYS = (90, 30)


@task()
def send_expiry_reminders() -> int:
    """Send today's reminders; the number sent."""
    due = expiring_in(REMINDER_DAYS)
    if not due:
        return 0
    organisations = Organisation.objects.select_related("dsl").in_bulk(
        [gap.organisation_id for gap, _days in due]
    )
    already = {
        (entry.object_id, (entry.data or {}).get("expiry"), (entry.data or {}).get("days"))
        for entry in ModelLogEntry.objects.filter(
            action=REMINDER_ACTION,
            content_type=ContentType.objects.get_for_model(Organisation),
            object_id__in=[str(pk) for pk in organisations],
        )
    }
    sent = 0
    for gap, days in due:
        key = (str(gap.organisation_id), gap.expiry.isoformat() if gap.expiry else None, days)
        if key in already:
            continue
        organisation = organisations[gap.organisation_id]
        try:
            if send_reminder(organisation, gap.audience, gap.status, gap.expiry, days=days):
                sent += 1
        except Exception:  # one bad organisation must not stop everyone else's reminder
            logger.exception("Training reminder to organisation %s failed", organisation.pk)
    return sent
