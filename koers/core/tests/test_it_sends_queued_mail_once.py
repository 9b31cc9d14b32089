"""Queued mail is sent once, never twice, also when the worker that claimed it was killed.

django-tasks-db leaves a task claimed by a dead worker RUNNING for good; koers.core.workers
gives it back to the queue, so a task may run again and the mail task must not send twice.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ..models import MailDelivery, WorkerHeartbeat
from ..tasks import send_email
from ..workers import recover, requeue_abandoned_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_WORKER_TIMEOUT = 60


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def claimed_by(task_id, *workers, minutes_ago=5) -> None:
    """As a worker leaves a task it claimed: RUNNING with its id, started a while ago."""
    DBTaskResult.objects.filter(id=task_id).update(
        status="RUNNING",
        worker_ids=list(workers),
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_it_sends_a_mail_whose_worker_was_killed_before_sending_once():
    result = send_email.enqueue("Uitnodiging", "U bent uitgenodigd.", ["vng@example.org"])
    claimed_by(result.id, "gedood")  # no heartbeat: that worker is gone
    WorkerHeartbeat.objects.create(
        worker_id="gedood",
        hostname="h",
        pid=1,
        started_at=timezone.now(),
        beat_at=timezone.now() - datetime.timedelta(minutes=5),
    )

    work()  # a new worker starts, gives the task back to the queue and runs it
    work()

    assert [m.subject for m in mail.outbox] == ["Uitnodiging"]
    task = DBTaskResult.objects.get(id=result.id)
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids[0] == "gedood" and len(task.worker_ids) == 2
    assert MailDelivery.objects.get(task_id=str(result.id)).sent_at is not None


def test_it_does_not_send_again_when_the_worker_died_after_sending():
    result = send_email.enqueue("Herinnering", "Vergeet het niet.", ["vng@example.org"])
    work()
    assert len(mail.outbox) == 1
    # The worker sent it but was killed before it could mark the task done.
    claimed_by(result.id, "gedood")

    assert requeue_abandoned_tasks() == 1
    work()

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_it_does_not_send_when_an_earlier_attempt_died_while_sending():
    result = send_email.enqueue("Bericht", "Tekst.", ["vng@example.org"])
    # The earlier attempt was talking to the mail server when it was killed: maybe sent.
    MailDelivery.objects.create(task_id=str(result.id))
    work()
    assert mail.outbox == []


def test_it_leaves_the_task_of_a_living_worker_alone():
    result = send_email.enqueue("Bericht", "Tekst.", ["vng@example.org"])
    claimed_by(result.id, "levend")
    WorkerHeartbeat.objects.create(
        worker_id="levend",
        hostname="h",
        pid=1,
        started_at=timezone.now(),
        beat_at=timezone.now(),
    )
    assert recover() == 0
    assert DBTaskResult.objects.get(id=result.id).status == "RUNNING"


def test_it_gives_up_a_task_that_lost_three_workers():
    result = send_email.enqueue("Bericht", "Tekst.", ["vng@example.org"])
    claimed_by(result.id, "een", "twee", "drie")
    assert recover() == 1
    task = DBTaskResult.objects.get(id=result.id)
    assert task.status == "FAILED"
    assert task.exception_class_path == "koers.core.workers.WorkerLost"
    work()
    assert mail.outbox == []
