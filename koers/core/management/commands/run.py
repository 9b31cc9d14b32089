import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the register and the demo, then serve Koers with a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-demo", action="store_true", help="do not load the demo programme")

    def handle(self, *args, port, host, no_demo, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("import_organisations", stdout=self.stdout)
        if not no_demo:
            call_command("demo", stdout=self.stdout)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="koers.settings")
        worker = subprocess.Popen(
            [sys.executable, "-m", "koers.cli", "db_worker", "--interval", "1", "--no-reload"],
            env=env,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "koers.wsgi", "--bind", f"{host}:{port}",
             "--workers", "2", "--threads", "4", "--access-logfile", "-"],
            env=env,
        )  # fmt: skip
        self.stdout.write(f"Koers is served on http://{host}:{port}/ (Ctrl+C stops it)")

        def stop(*_):
            for proc in (server, worker):
                proc.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            worker.wait(timeout=10)
