from django.core.management.base import BaseCommand

from koers.consultation.management.file_import import refuse_failed_rows, run_file_import

from ...importing import import_observations


class Command(BaseCommand):
    help = (
        "Import indicator observations (columns organisation, indicator, period, value, source, "
        "note) from a CSV or XLSX file. Nothing is written when a row fails, unless "
        "--skip-invalid; a re-imported row replaces the observation of its period."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8 or Windows-1252; , ; or tab) or XLSX")
        parser.add_argument("--programme", required=True, help="slug of the programme")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the good rows, skip the bad"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file, programme, skip_invalid, dry_run, **options):
        result = run_file_import(
            self,
            programme,
            file,
            lambda found, content, name: import_observations(
                found, content, name, skip_invalid=skip_invalid, dry_run=dry_run
            ),
        )
        refuse_failed_rows(result, skip_invalid)
        verb = "would be written" if dry_run else "created"
        self.stdout.write(
            f"rows: {result.rows}; {result.created} {verb}, {result.replaced} replaced, "
            f"{result.skipped} skipped"
        )
