from django.core.management.base import BaseCommand

from ...importing import COLUMNS, import_contributions
from ..file_import import refuse_failed_rows, run_file_import


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
        result = run_file_import(
            self,
            programme,
            file,
            lambda found, content, name: import_contributions(
                found,
                content,
                name,
                mapping=dict(map),
                sheet=sheet,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
            ),
        )
        if result.ignored_headers:
            self.stdout.write(f"ignored columns: {', '.join(result.ignored_headers)}")
        refuse_failed_rows(result, skip_invalid)
        verb = "would be created" if dry_run else "created"
        self.stdout.write(
            f"rows: {result.rows}; {result.created} {verb}, {result.unchanged} unchanged, "
            f"{result.skipped} skipped" + (f"; batch {result.batch.pk}" if result.batch else "")
        )
