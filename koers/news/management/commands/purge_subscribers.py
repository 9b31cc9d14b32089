from django.core.management.base import BaseCommand

from ...privacy import purge_subscribers


class Command(BaseCommand):
    help = (
        "Delete newsletter addresses that unsubscribed more than "
        "NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS ago, with their delivery records. Unconfirmed "
        "sign-ups go with `purge-reviewers`. Safe to run daily: a second run changes nothing."
    )

    def handle(self, *args, **options):
        counts = purge_subscribers()
        self.stdout.write(
            "deleted unsubscribed addresses: {unsubscribed}\n"
            "deleted their delivery records: {deliveries}".format(**counts)
        )
