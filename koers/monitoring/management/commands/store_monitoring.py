from django.core.management.base import BaseCommand

from koers.organisations.models import Programme

from ...tasks import store_programme_figures


class Command(BaseCommand):
    help = (
        "Compute and store what the monitoring pages read (each round's roll-up, the forecast, "
        "the slippage summary, the organisations' profiles) for every programme with an adopted "
        "agenda, so that the first reader of a new day, or after a register import, does not "
        "wait for it. Schedule it daily just after midnight and after each register import."
    )

    def handle(self, *args, **options):
        for programme in Programme.objects.order_by("slug"):
            stored = store_programme_figures(programme)
            if stored:
                self.stdout.write(f"{programme.slug}: {stored}")
