"""Publish and unpublish what editors scheduled, every minute, for as long as it runs; and once
a day (its first round of each day) queue the daily tasks: the training expiry reminders.

`make worker` runs it beside the RQ worker. Where a scheduler is preferred, run Wagtail's own
`python manage.py publish_scheduled` every minute, and `send_training_reminders` once a day,
from cron or a systemd timer instead.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from training.tasks import send_expiry_reminders

logger = logging.getLogger(__name__)

#: Replaced in tests, which never sleep.
sleep = time.sleep


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds.")
        parser.add_argument(
            "--rounds", type=int, default=0, help="Stop after this many rounds (0: never)."
        )

    def handle(self, *args, interval, rounds, **options):
        done = 0
        queued_on = None
        while True:
            publish_scheduled_once()
            queued_on = queue_daily_tasks(queued_on)
            done += 1
            if rounds and done >= rounds:
                return
            sleep(interval)
            # A long-running process: drop a connection the database has closed meanwhile.
            close_old_connections()


def publish_scheduled_once():
    """One round; a failure (the database restarting, say) is logged and the loop goes on."""
    try:
        call_command("publish_scheduled")
    except Exception:
        logger.exception("Scheduled publishing failed; trying again next round")


def queue_daily_tasks(queued_on):
    """Queue the daily tasks unless they were queued today; the day they were last queued."""
    today = timezone.localdate()
    if queued_on == today:
        return queued_on
    try:
        send_expiry_reminders.enqueue()
    except Exception:
        logger.exception("Queueing the daily tasks failed; trying again next round")
        return queued_on
    return today
