from django.core.management.base import BaseCommand

from ltc_portal import demo


class Command(BaseCommand):
    help = "Load the demo county: partnerships, people, meetings and materials. Safe to run again."

    def handle(self, *args, **options):
        changes = demo.seed(self.stdout.write)
        if changes:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {changes} changes."))
        else:
            self.stdout.write("Demo content is already up to date: nothing changed.")
        self.stdout.write(
            "Demo sign-ins (password: "
            f"{demo.demo_password()}): admin (superuser), "
            + ", ".join(f"coord-{slug}" for _n, slug, _c in demo.DISTRICTS)
            + " (LCT coordinators, each for their own area), headteacher-editor,"
            " approver (materials), partner (signed-in partner)."
        )
