"""python manage.py import_certificates FILE [--dry-run]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from training.certificates import ImportFileError
from training.importing import import_certificates


class Command(BaseCommand):
    help = (
        "Add training records from an e-learning provider's certificate list (CSV with columns "
        "Course, Date, URN or Organisation, and optionally Number trained and Name). Nothing is "
        "written if any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The certificate list, as CSV.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = import_certificates(data, reference=Path(file).name, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for error in report.errors:
            self.stderr.write(str(error))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif not report.written:
            self.stderr.write(
                f"Nothing was written: {report.invalid} invalid row(s). Correct them and import "
                "the file again."
            )
        self.stdout.write(report.summary)
        if report.errors:
            sys.exit(1)
