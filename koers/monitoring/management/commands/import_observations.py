from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from koers.organisations.models import Programme

from ...importing import ImportFileError, import_observations


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
        found = Programme.objects.filter(slug=programme).first()
        if found is None:
            raise CommandError(f"there is no programme '{programme}'")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        try:
            with translation.override("en"):
                result = import_observations(
                    found,
                    path.read_bytes(),
                    path.name,
                    skip_invalid=skip_invalid,
                    dry_run=dry_run,
                )
        except ImportFileError as exc:
            raise CommandError(f"nothing was imported: {exc}") from None
        for problem in result.problems:
            value = f" [{problem.value}]" if problem.value else ""
            self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}{value}")
        if result.problems and not skip_invalid:
            raise CommandError(
                f"nothing was imported: {result.failed_rows} of {result.rows} rows have problems "
                "(fix them, or use --skip-invalid to import the other rows)"
            )
        verb = "would be written" if dry_run else "created"
        self.stdout.write(
            f"rows: {result.rows}; {result.created} {verb}, {result.replaced} replaced, "
            f"{result.skipped} skipped"
        )
