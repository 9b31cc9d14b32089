from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services import (
    FACILITIES_FILE,
    REGISTER_FILE,
    RegisterError,
    import_facilities,
    import_register,
)


class Command(BaseCommand):
    help = "Load the organisation register and the facility catalogue (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default=str(REGISTER_FILE), help="register JSON file"
        )
        parser.add_argument(
            "--facilities", default=str(FACILITIES_FILE), help="facility catalogue JSON"
        )

    def handle(self, *args, file, facilities, **options):
        try:
            result = import_register(Path(file))
            count = import_facilities(Path(facilities))
        except RegisterError as exc:
            raise CommandError(f"nothing was imported: {exc}") from None
        self.stdout.write(
            f"organisations: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.successions} successions; {count} facilities"
        )
