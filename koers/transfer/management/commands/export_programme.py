import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.organisations.models import Programme

from ...archive import TransferError, export_programme


class Command(BaseCommand):
    help = (
        "Write a programme as one archive (zip): its rows and their history as JSON, the "
        "register, the users it names (without passwords) and its files, each with a SHA-256 "
        "checksum. The archive holds personal data: see the operator guide."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the programme")
        parser.add_argument("file", help="the archive to write (.zip)")

    def handle(self, slug, file, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(f"Programme {slug!r} does not exist.")
        path = Path(file)
        started = time.perf_counter()
        try:
            with path.open("wb") as out:
                manifest = export_programme(programme, out)
        except (TransferError, OSError) as error:
            path.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {rows} rows in {len(manifest['counts'])} tables, "
            f"{len(manifest['files'])} files, {path.stat().st_size} bytes, "
            f"{time.perf_counter() - started:.1f} s"
        )
