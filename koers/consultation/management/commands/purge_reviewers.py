from django.core.management.base import BaseCommand

from ...privacy import purge_reviewers


class Command(BaseCommand):
    help = (
        "Anonymise reviewers whose programme's consultation closed more than "
        "REVIEWER_RETENTION_DAYS ago; delete unconfirmed sign-ups and spent e-mail links older "
        "than EMAIL_TOKEN_MAX_AGE. Safe to run daily: a second run changes nothing."
    )

    def handle(self, *args, **options):
        counts = purge_reviewers()
        self.stdout.write(
            "anonymised reviewers: {anonymised_reviewers}\n"
            "deleted unconfirmed sign-ups: {unconfirmed_signups}\n"
            "deleted unconfirmed newsletter subscriptions: {unconfirmed_subscriptions}\n"
            "deleted spent or expired links: {spent_links}".format(**counts)
        )
