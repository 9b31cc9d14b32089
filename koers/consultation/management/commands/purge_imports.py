import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from ...importing import purge_uploads


class Command(BaseCommand):
    help = (
        "Delete uploaded import files that were checked but never confirmed, once they are "
        "older than IMPORT_UPLOAD_RETENTION_HOURS (a confirmed import removes its own file). "
        "Safe to run daily: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=None,
            help="keep uploads younger than this (default: IMPORT_UPLOAD_RETENTION_HOURS)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, hours, dry_run, **options):
        if hours is None:
            hours = settings.IMPORT_UPLOAD_RETENTION_HOURS
        removed = purge_uploads(datetime.timedelta(hours=max(hours, 0)), dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} unconfirmed import uploads: {removed}")
