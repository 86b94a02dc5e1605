from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import demo_password
from ltc_portal import demo
from meetings.invitations import without_emails


class Command(BaseCommand):
    help = "Load the demo county: partnerships, people, meetings and materials. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the demo accounts that exist already back to DEMO_PASSWORD.",
        )

    def handle(self, *args, reset_passwords=False, **options):
        if not settings.DEMO_DATA_ALLOWED:
            # The demo accounts' password is published in the README.
            raise CommandError(
                "seed_demo refuses to run under production settings: it creates accounts "
                "whose password is published. Run it with development settings only."
            )
        # The demo's members have made-up addresses: publishing its meetings emails nobody.
        with without_emails():
            changes = demo.seed(self.stdout.write, reset_passwords=reset_passwords)
        if changes:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {changes} changes."))
        else:
            self.stdout.write("Demo content is already up to date: nothing changed.")
        self.stdout.write(
            "Demo sign-ins (password: "
            f"{demo_password()}, unless kept above): admin (superuser), "
            + ", ".join(f"coord-{slug}" for _n, slug, _c in demo.DISTRICTS)
            + " (LCT coordinators, each for their own area), headteacher-editor,"
            " approver (materials), partner (signed-in partner)."
        )
