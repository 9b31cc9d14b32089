from django.core.management import call_command
from django.core.management.base import BaseCommand

from koers.core.demo import load_demo
from koers.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load the Digitaal 2017 demo programme (idempotent: running it again keeps all data)."

    def handle(self, *args, **options):
        if not Organisation.objects.exists():
            call_command("import_organisations", stdout=self.stdout)
        programme = load_demo()
        self.stdout.write(f"demo programme ready: {programme.name} ({programme.slug})")
