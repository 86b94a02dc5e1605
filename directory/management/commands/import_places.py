"""python manage.py import_places FILE"""

import sys

from django.core.management.base import BaseCommand, CommandError

from directory.importing import import_places


class Command(BaseCommand):
    help = (
        "Add the county's towns and villages from a CSV (columns name, district, outward_codes; "
        "the district is the area's ONS code), so that 'Find your LCT' understands place names. "
        "Places already there are kept as they are. directory/data/places.csv is the county's list."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The places CSV.")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                report = import_places(handle.read())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            self.stderr.write("Nothing was written.")
        self.stdout.write(f"created {report.created}, unchanged {report.unchanged}")
        if report.errors:
            sys.exit(1)
