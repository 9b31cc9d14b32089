import logging
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import timezone

from koers.core.migrations_check import refuse_an_earlier_layout
from koers.core.supervisor import Supervisor
from koers.core.workers import recover
from koers.monitoring.tasks import store_all_programme_figures

log = logging.getLogger(__name__)


def worker_command() -> list[str]:
    return [sys.executable, "-m", "koers.cli", "db_worker", "--interval", "1", "--no-reload"]


def server_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "koers.wsgi",
        "--bind",
        f"{host}:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "--access-logfile",
        "-",
    ]


def site_url(host: str, port: int) -> str:
    """Where the links in mail point when SITE_URL is not set: the address being served, so that
    `PORT=8001 make run` sends links to port 8001. A server listening on every address is
    reached on this machine."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Migrate, load the register and the demo, then serve Koers with a task worker "
        "(restarted when it dies)."
    )

    figures_queued_on = None  # the day `tend` last queued the monitoring figures

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-demo", action="store_true", help="do not load the demo programme")

    def handle(self, *args, port, host, no_demo, **options):
        refuse_an_earlier_layout()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("import_organisations", stdout=self.stdout)
        if not no_demo:
            call_command("demo", stdout=self.stdout)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="koers.settings")
        # The web server renders mail and the task worker sends it; both read SITE_URL.
        env.setdefault("SITE_URL", site_url(host, port))
        supervisor = Supervisor(log=lambda line: self.stderr.write(f"koers run: {line}"))
        supervisor.add("task worker", worker_command(), env)
        supervisor.add("web server", server_command(host, port), env, restart=False)
        self.stdout.write(f"Koers is served on http://{host}:{port}/ (Ctrl+C stops it)")
        # Besides the workers themselves: with the only worker dead, its run is still given up.
        supervisor.run(every=self.tend, every_seconds=settings.TASK_HEARTBEAT_SECONDS)

    def tend(self) -> None:
        """What `koers run` does every few seconds while it serves: give up the tasks of dead
        workers, and once a day (and at the start) queue the monitoring's stored figures, as
        cron runs `koers store-monitoring` on a production server."""
        try:
            recover()
        except DatabaseError:
            log.warning("recovery of dead workers' tasks failed", exc_info=True)
        today = timezone.localdate()
        if self.figures_queued_on != today:
            try:
                store_all_programme_figures.enqueue()
            except DatabaseError:
                log.warning("queueing the monitoring figures failed", exc_info=True)
            else:
                self.figures_queued_on = today
