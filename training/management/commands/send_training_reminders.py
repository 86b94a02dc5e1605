"""python manage.py send_training_reminders: queue today's expiry reminders (for cron)."""

from django.core.management.base import BaseCommand

from training.tasks import send_expiry_reminders


class Command(BaseCommand):
    help = (
        "Queue the daily task that emails DSLs 90 and 30 days before their organisation's CSE "
        "training expires. Safe to run more than once a day."
    )

    def handle(self, *args, **options):
        result = send_expiry_reminders.enqueue()
        self.stdout.write(f"Queued the training reminders ({result.id}).")
