from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from koers.organisations.models import Programme

from ...importing import COLUMNS, ImportFileError, import_contributions


def mapping_item(value: str) -> tuple[str, str]:
    column, sep, header = value.partition("=")
    if not sep or not column.strip():
        raise ValueError(value)
    return column.strip(), header.strip()


class Command(BaseCommand):
    help = (
        "Import contributions from a CSV or XLSX file into a programme. Nothing is written when "
        "a row fails, unless --skip-invalid; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8 or Windows-1252; , ; or tab) or XLSX")
        parser.add_argument("--programme", required=True, help="slug of the programme")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the good rows, skip the bad"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            type=mapping_item,
            metavar="COLUMN=HEADER",
            help=f"which header holds a column ({', '.join(COLUMNS)}, stance); repeatable",
        )
        parser.add_argument("--sheet", help="XLSX: the sheet to read (default: the first)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file, programme, skip_invalid, map, sheet, dry_run, **options):
        found = Programme.objects.filter(slug=programme).first()
        if found is None:
            raise CommandError(f"there is no programme '{programme}'")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        # The command line speaks English throughout, the file's problems included.
        try:
            with translation.override("en"):
                result = import_contributions(
                    found,
                    path.read_bytes(),
                    path.name,
                    mapping=dict(map),
                    sheet=sheet,
                    skip_invalid=skip_invalid,
                    dry_run=dry_run,
                )
        except ImportFileError as exc:
            raise CommandError(f"nothing was imported: {exc}") from None
        for problem in result.problems:
            value = f" [{problem.value}]" if problem.value else ""
            self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}{value}")
        if result.ignored_headers:
            self.stdout.write(f"ignored columns: {', '.join(result.ignored_headers)}")
        if result.problems and not skip_invalid:
            raise CommandError(
                f"nothing was imported: {result.failed_rows} of {result.rows} rows have problems "
                "(fix them, or use --skip-invalid to import the other rows)"
            )
        verb = "would be created" if dry_run else "created"
        self.stdout.write(
            f"rows: {result.rows}; {result.created} {verb}, {result.unchanged} unchanged, "
            f"{result.skipped} skipped" + (f"; batch {result.batch.pk}" if result.batch else "")
        )
