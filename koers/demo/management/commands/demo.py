from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from koers.consultation.models import Contribution
from koers.organisations.models import Organisation

from ...consultation import DEFAULT_CONTRIBUTIONS
from ...loader import load_demo


class Command(BaseCommand):
    help = "Load the Digitaal 2017 demo programme (idempotent: running it again keeps all data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--contributions",
            type=int,
            default=DEFAULT_CONTRIBUTIONS,
            metavar="N",
            help=(
                "contributions in all (default %(default)s); a larger N adds generated input "
                "up to N, a smaller one removes nothing"
            ),
        )

    def handle(self, *args, contributions, **options):
        if contributions < 0:
            raise CommandError("--contributions is a number of 0 or more")
        if not Organisation.objects.exists():
            call_command("import_organisations", stdout=self.stdout)
        before = Contribution.objects.count()
        programme = load_demo(contributions=contributions)
        total = Contribution.objects.filter(programme=programme).count()
        self.stdout.write(f"demo programme ready: {programme.name} ({programme.slug})")
        self.stdout.write(
            f"consultation: {programme.round_tables.count()} round tables, "
            f"{programme.reviewers.count()} reviewers, {total} contributions "
            f"({Contribution.objects.count() - before} added)"
        )
        themes = programme.themes.filter(merged_into=None).count()
        self.stdout.write(
            f"synthesis: {programme.synthesis_runs.count()} runs, {themes} themes, "
            f"{programme.campaigns.count()} campaigns"
        )
        disposed = Contribution.objects.filter(programme=programme, disposition__isnull=False)
        self.stdout.write(
            f"agenda: {programme.versions.count()} versions, {disposed.count()} contributions "
            "with a disposition"
        )
        self.stdout.write(
            f"council and elaboration: {programme.council.meetings.count()} meetings, "
            f"{programme.commitments.count()} commitments"
        )
