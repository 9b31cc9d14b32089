import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...archive import TransferError, import_programme


class Command(BaseCommand):
    help = (
        "Restore a programme from an archive written by export-programme, into a database that "
        "does not hold it: every checksum is verified first, and nothing is written unless all "
        "of it fits. The register and users are merged by code and user name; new users get no "
        "usable password and must reset it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive (.zip)")

    def handle(self, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"{file}: no such file.")
        started = time.perf_counter()
        try:
            manifest = import_programme(file)
        except TransferError as error:
            raise CommandError(f"{file}: {error}") from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{manifest['programme']}: {rows} rows in {len(manifest['counts'])} tables, "
            f"{len(manifest['files'])} files, {time.perf_counter() - started:.1f} s"
        )
