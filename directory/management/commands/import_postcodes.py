"""python manage.py import_postcodes FILE [--dry-run]"""

import sys

from django.core.management.base import BaseCommand, CommandError

from directory.importing import NothingToImport, import_postcodes
from directory.onspd import MissingColumns


class Command(BaseCommand):
    help = (
        "Replace the county's postcodes with those of the ONS Postcode Directory (ONSPD) or the "
        "National Statistics Postcode Lookup (NSPL) CSV. Only the postcodes of the areas' ONS "
        "district codes are kept. Nothing is written if any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The ONSPD or NSPL CSV file (the national file is fine).")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        progress = None
        if self.stderr.isatty():

            def progress(n):
                if n % 100_000 == 0:
                    self.stderr.write(f"\r{n:,} rows read", ending="")

        try:
            with open(file, "rb") as handle:
                report = import_postcodes(handle, dry_run=dry_run, progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except (MissingColumns, NothingToImport) as error:
            raise CommandError(str(error)) from error
        if progress:
            self.stderr.write("")

        for error in report.errors:
            self.stderr.write(str(error))
        if report.more_errors:
            self.stderr.write(f"… and {report.more_errors} more invalid row(s).")
        if report.district_column:
            self.stdout.write(
                f"Read the postcode from “{report.postcode_column}” and the district from "
                f"“{report.district_column}”."
            )
        for name, count in sorted(report.by_area.items()):
            self.stdout.write(f"  {name}: {count} postcodes")
        if report.terminated:
            self.stdout.write(f"  of which terminated (still found): {report.terminated}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif not report.written:
            self.stderr.write(
                f"Nothing was written: {report.invalid} invalid row(s). The postcodes loaded "
                "before are kept. Download the file again, or correct the rows."
            )
        self.stdout.write(report.summary)
        if report.errors:
            sys.exit(1)
