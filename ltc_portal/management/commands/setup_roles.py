from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import Log
from ltc_portal.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create the role groups (administrators, one coordinators group per area, headteacher "
        "group editors, materials approvers, partners) and their permissions. Safe to run again."
    )

    def handle(self, *args, **options):
        log = Log(self.stdout.write)
        with transaction.atomic():
            setup_roles(log)
        if log.changes:
            self.stdout.write(self.style.SUCCESS(f"Roles set up: {log.changes} changes."))
        else:
            self.stdout.write("Roles are already up to date: nothing changed.")
