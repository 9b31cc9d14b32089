import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ..tasks import send_email


@pytest.mark.django_db  # the delivery is recorded, also when sent at once
def test_it_sends_at_once_with_the_immediate_backend():
    send_email.enqueue("Welkom", "Fijn dat u meeleest.", ["lezer@example.org"])
    assert [m.subject for m in mail.outbox] == ["Welkom"]
    assert mail.outbox[0].to == ["lezer@example.org"]


@pytest.mark.django_db(transaction=True)
def test_it_queues_in_the_database_until_the_worker_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_email.enqueue(
        "Uitnodiging ronde tafel", "U bent uitgenodigd.", ["vng@example.org"]
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    assert [m.subject for m in mail.outbox] == ["Uitnodiging ronde tafel"]
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
