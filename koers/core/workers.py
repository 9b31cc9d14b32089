"""Task workers that die: heartbeats, giving their tasks back to the queue, and readiness.

django-tasks-db claims a task by marking it RUNNING with the worker's id, and nothing ever looks
at it again: when the worker is killed (out of memory, a redeploy, kill -9) the task stays
RUNNING for good and never runs. Koers' `db_worker` (koers/core/management/commands/db_worker.py)
therefore writes a heartbeat row every TASK_HEARTBEAT_SECONDS and calls `recover()`, which gives
the tasks of workers without a heartbeat for TASK_WORKER_TIMEOUT back to the queue. A task may
thus run more than once; the tasks are written for that (mail is sent once, see
koers.core.tasks.send_email; a synthesis run starts only from the queue, see
koers.synthesis.services.perform_run).
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import MailDelivery, WorkerHeartbeat
from .signals import recovering

log = logging.getLogger(__name__)

# A task whose workers died this often is not tried again (it may be what kills them).
MAX_ATTEMPTS = 3
# Heartbeats of stopped workers and the keys of sent mail are kept this long.
KEEP = datetime.timedelta(days=30)


class WorkerLost(Exception):
    """The worker that ran a task died before the task finished."""


def _cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.TASK_WORKER_TIMEOUT)


def record_heartbeat(worker_id: str, started_at: datetime.datetime) -> None:
    now = timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now):
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=started_at,
            beat_at=now,
        )


def requeue_abandoned_tasks(now: datetime.datetime | None = None) -> int:
    """Give RUNNING tasks whose worker has no recent heartbeat back to the queue; a task that
    lost its worker MAX_ATTEMPTS times fails instead. Returns how many tasks were touched."""
    now = now or timezone.now()
    cutoff = _cutoff(now)
    live = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    touched = 0
    # A task gets at least the timeout after its start: a worker claims between two beats.
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for task in abandoned.only("id", "started_at", "worker_ids", "task_path"):
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if worker in live:
            continue
        # Conditional on the claim we saw: another worker's recover() may be doing the same.
        claim = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= MAX_ATTEMPTS:
            touched += claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{__name__}.WorkerLost",
                traceback=f"WorkerLost: the worker ({worker}) died while running this task, "
                f"{len(task.worker_ids)} times; it is not tried again.\n",
            )
            log.error(
                "task %s (%s) lost its worker %s times; failed",
                task.pk,
                task.task_path,
                len(task.worker_ids),
            )
        elif claim.update(status=TaskResultStatus.READY, started_at=None):
            touched += 1
            log.warning(
                "task %s (%s) lost its worker %s; queued again", task.pk, task.task_path, worker
            )
    return touched


def recover(now: datetime.datetime | None = None) -> int:
    """What every worker (and `koers run`) does every few seconds: let each app end its work
    whose worker died, give abandoned tasks back to the queue, and forget what is long past."""
    now = now or timezone.now()
    recovering.send(sender=None)
    touched = requeue_abandoned_tasks(now)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - KEEP).delete()
    MailDelivery.objects.filter(started_at__lt=now - KEEP).delete()
    return touched


class Heartbeat:
    """Writes a worker's heartbeat (and recovers what dead workers left) from a thread of its
    own, so that a task that computes for minutes still shows that its worker lives."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="koers-heartbeat", daemon=True)

    def start(self) -> None:
        self.beat()  # at once: a worker that just started is alive, and finds what others left
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=30)
        try:
            # A worker that stops cleanly says so at once, rather than after the timeout.
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            log.warning("could not remove the heartbeat of worker %s", self.worker_id)

    def beat(self) -> None:
        try:
            record_heartbeat(self.worker_id, self.started_at)
            recover()
        except DatabaseError:
            # A database that is busy (SQLite during a long write) or away: try again next beat.
            log.warning("heartbeat of worker %s not written", self.worker_id, exc_info=True)

    def _run(self) -> None:
        try:
            while not self.stopped.wait(settings.TASK_HEARTBEAT_SECONDS):
                self.beat()
        finally:
            connections.close_all()


def readiness() -> tuple[bool, dict]:
    """Whether this installation can do its work: the database answers and, when tasks go
    through the database, a worker had a heartbeat within TASK_WORKER_TIMEOUT."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        # The class only: the message may name hosts and users.
        return False, {"database": {"ok": False, "error": type(exc).__name__}}
    report: dict = {"database": {"ok": True}}
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        # Tasks run in the web process itself (the immediate backend): no worker to wait for.
        report["worker"] = {"ok": True, "required": False}
        return True, report
    now = timezone.now()
    try:
        last = (
            WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
        )
        alive = WorkerHeartbeat.objects.filter(beat_at__gte=_cutoff(now)).count()
        queue = {
            "waiting": DBTaskResult.objects.ready().count(),
            "running": DBTaskResult.objects.running().count(),
        }
    except DatabaseError as exc:  # e.g. the tables are not there yet (before `koers migrate`)
        report["worker"] = {"ok": False, "error": type(exc).__name__}
        return False, report
    report["worker"] = {
        "ok": alive > 0,
        "alive": alive,
        "last_heartbeat": last.isoformat() if last else None,
        "seconds_since": round((now - last).total_seconds(), 1) if last else None,
        "timeout": settings.TASK_WORKER_TIMEOUT,
    }
    report["queue"] = queue
    return alive > 0, report
