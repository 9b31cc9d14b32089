"""A real task worker, killed with SIGKILL in the middle of a run: the run is marked failed
within the timeout (here two seconds instead of two minutes), a new run can start, and the next
worker finishes it (and the killed worker's task, which it gives back to the queue, does
nothing a second time).

The worker is a separate process (`manage.py db_worker`) on the test's own database: SQLite in
memory is copied to a file both can open; PostgreSQL's test database is shared as it is.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ..constants import RunState
from ..models import SynthesisRun
from ..services import request_run

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 2  # seconds without a heartbeat before a worker, or a run, counts as dead


@contextmanager
def shared_database(tmp_path):
    """Point this process at a database a worker process can open too; yield its URL."""
    original = connections["default"]
    if original.vendor != "sqlite":
        s = original.settings_dict
        yield f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        return
    path = tmp_path / "koers.sqlite3"
    with original.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    shared = original.__class__({**original.settings_dict, "NAME": str(path)}, "default")
    connections["default"] = shared
    try:
        yield f"sqlite:///{path}"
    finally:
        shared.close()
        connections["default"] = original


def start_worker(url: str, tmp_path, *command: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        KOERS_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="koers.settings",
        TASK_HEARTBEAT_SECONDS="1",
        TASK_WORKER_TIMEOUT=str(TIMEOUT),
        SYNTHESIS_RUN_TIMEOUT=str(TIMEOUT),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    log = open(tmp_path / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, *command, "--no-reload", "--interval", "0.2", "--no-startup-delay"],
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, timeout: float, what: str) -> float:
    """Poll `condition` until it holds; return the seconds it took (fail after `timeout`)."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.1)
    return time.monotonic() - began


def state(run: SynthesisRun) -> str:
    return SynthesisRun.objects.values_list("state", flat=True).get(pk=run.pk)


def test_it_gives_up_the_run_of_a_killed_worker_and_runs_the_next(
    consulted, client_for, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SYNTHESIS_RUN_TIMEOUT = settings.TASK_WORKER_TIMEOUT = TIMEOUT
    world = consulted.world
    workers = []
    with shared_database(tmp_path) as url:
        try:
            workers.append(start_worker(url, tmp_path, "-m", "koers.synthesis.tests.slow_worker"))
            first = request_run(world.programme, by=world.office)
            wait_for(lambda: state(first) == RunState.RUNNING, 30, "the worker starts the run")
            assert Client().get("/readyz").status_code == 200

            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait(timeout=10)

            # Someone of the office looks at the runs meanwhile.
            office = client_for(world.office)
            runs = reverse("synthesis:synthesis-run-list", args=[world.programme.slug])
            took = wait_for(
                lambda: office.get(runs).status_code == 200 and state(first) == RunState.FAILED,
                TIMEOUT + 5,
                "the killed worker's run is marked failed",
            )
            assert took <= TIMEOUT + 3
            first.refresh_from_db()
            assert first.error.startswith("De verwerking is onderbroken")
            assert first.contributions == 0  # it changed nothing
            assert Client().get("/readyz").status_code == 503  # no worker lives

            second = request_run(world.programme, by=world.office)  # one at a time: allowed
            workers.append(start_worker(url, tmp_path, "manage.py", "db_worker"))
            wait_for(lambda: state(second) == RunState.DONE, 60, "a new worker runs the new run")
            second.refresh_from_db()
            assert second.contributions == len(consulted.planted)
            # The killed worker's task went back to the queue and ran once more, doing nothing.
            task = DBTaskResult.objects.get(args_kwargs__args=[first.pk])
            wait_for(
                lambda: DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL",
                10,
                "the abandoned task is done",
            )
            assert len(DBTaskResult.objects.get(pk=task.pk).worker_ids) == 2
            assert state(first) == RunState.FAILED
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait(timeout=10)
