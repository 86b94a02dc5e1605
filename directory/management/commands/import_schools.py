"""python manage.py import_schools FILE [--la NAME] [--dry-run] [--skip-invalid]"""

import sys

from django.core.management.base import BaseCommand, CommandError

from directory.gias import MissingColumns
from directory.importing import default_local_authority, import_register


class Command(BaseCommand):
    help = (
        "Create and update schools from a GIAS (Get Information about Schools) CSV export. "
        "Nothing is written if any row is invalid, unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The GIAS establishment CSV export.")
        parser.add_argument(
            "--la",
            default=None,
            help=f"Local authority to import (default: {default_local_authority()}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Write the valid rows even if some are not."
        )

    def handle(self, *args, file, la, dry_run, skip_invalid, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115 (closed below, after the streamed import)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error

        with handle:
            progress = None
            if self.stderr.isatty():
                # A quick pass to count the lines, so the bar knows its end.
                total = max(
                    sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
                    - 1,
                    1,
                )
                handle.seek(0)

                def progress(n):
                    if n % 50 == 0 or n == total:
                        done = min(n * 30 // total, 30)
                        self.stderr.write(
                            f"\r[{'#' * done}{'.' * (30 - done)}] {n}/{total}", ending=""
                        )

            try:
                report = import_register(
                    handle, la=la, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
                )
            except MissingColumns as error:
                raise CommandError(str(error)) from error
        if progress:
            self.stderr.write("")

        for error in report.errors:
            self.stderr.write(str(error))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif not report.written:
            self.stderr.write(
                f"Nothing was written: {report.invalid} invalid row(s). "
                "Correct them, or use --skip-invalid to import the valid rows."
            )
        self.stdout.write(report.summary)
        if report.errors and not skip_invalid:
            sys.exit(1)
