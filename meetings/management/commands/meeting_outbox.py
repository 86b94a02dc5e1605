"""Send meeting emails whose retry is due, and delete outbox messages past their keeping time.

Run it every few minutes (cron or a systemd timer): it is how failed messages are tried again
where the task backend cannot run a task later, and it deletes messages older than
`KEEP_OUTBOX` (90 days), since each holds a member's address.
"""

from django.core.management.base import BaseCommand

from meetings.invitations import purge, send_due


class Command(BaseCommand):
    help = "Retry meeting emails that are due and delete outbox messages older than 90 days."

    def handle(self, *args, **options):
        tried = send_due()
        deleted = purge()
        self.stdout.write(f"Tried {tried} meeting email(s); deleted {deleted} old one(s).")
