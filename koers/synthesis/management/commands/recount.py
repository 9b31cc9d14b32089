"""`koers recount [SLUG ...]`: make the counts of every programme (or of those named) again from
its rows: the synthesis's tally (koers/synthesis/tally.py), the consultation's voices
(koers/consultation/voices.py) and its reactions per paragraph (koers/consultation/reactions.py). Every write keeps them; this is for an operator who changed rows
by hand in the database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from koers.consultation import reactions, voices
from koers.organisations.models import Programme
from koers.synthesis import tally


class Command(BaseCommand):
    help = (
        "Count every programme's input per theme, family and outcome, and per organisation "
        "that spoke, and its reactions per paragraph, again from its rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these programmes (default: all)")

    def handle(self, *args, slugs, **options):
        programmes = Programme.objects.order_by("slug")
        if slugs:
            programmes = programmes.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(programmes.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"no programme with the slug: {', '.join(missing)}")
        for programme in programmes:
            with transaction.atomic():
                tally.recount(programme.pk)
                voices.recount(programme.pk)
                reactions.recount(programme.pk)
            self.stdout.write(f"{programme.slug}: counted again")
