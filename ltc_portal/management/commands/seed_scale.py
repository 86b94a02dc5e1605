"""python manage.py seed_scale [--scale 0.01]"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.models import PartnershipIndexPage
from ltc_portal import demo
from ltc_portal.scale import FULL, seed_scale
from resources.models import ResourceIndexPage


class Command(BaseCommand):
    help = (
        "Add the national-scale data set to the demo county: "
        + ", ".join(f"{value} {key}" for key, value in FULL.items())
        + " at --scale 1. Safe to run again: only what is missing is added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="A fraction of the full set, e.g. 0.01."
        )

    def handle(self, *args, scale, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_scale builds on the demo county: development settings only.")
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        started = time.monotonic()
        if not (PartnershipIndexPage.objects.exists() and ResourceIndexPage.objects.exists()):
            self.stdout.write("No demo county yet: loading it first.")
            demo.seed(self.stdout.write)
        added = seed_scale(scale, log=self.stdout.write)
        elapsed = time.monotonic() - started
        if added.total:
            self.stdout.write(self.style.SUCCESS(f"Added {added} in {elapsed:.1f} s."))
        else:
            self.stdout.write(f"The data set is already there: nothing added ({elapsed:.1f} s).")
