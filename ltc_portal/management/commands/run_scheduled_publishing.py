"""Publish and unpublish what editors scheduled, every minute, for as long as it runs.

`make worker` runs it beside the RQ worker. Where a scheduler is preferred, run Wagtail's own
`python manage.py publish_scheduled` every minute from cron or a systemd timer instead.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

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
        while True:
            publish_scheduled_once()
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
