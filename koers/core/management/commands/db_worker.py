"""django-tasks-db's `db_worker`, with a heartbeat: it replaces the library's command of the same
name (koers.core comes before django_tasks_db in INSTALLED_APPS), so every worker an operator
starts, and the one `koers run` starts, says that it lives and recovers what dead ones left."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ...workers import Heartbeat


class Command(DatabaseWorkerCommand):
    help = (
        "Run a task worker: it writes a heartbeat every TASK_HEARTBEAT_SECONDS and gives the "
        "tasks of workers without one back to the queue"
    )

    def handle(self, *args, **options):
        # With the reloader this process only watches the code; its child runs the tasks.
        watching = (
            options["reload"]
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if watching:
            return super().handle(*args, **options)
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
