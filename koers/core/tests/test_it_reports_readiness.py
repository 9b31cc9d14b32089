"""/readyz: the database, the task worker's last heartbeat and the queue, 200 or 503."""

import datetime

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from ..models import WorkerHeartbeat
from ..tasks import send_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_WORKER_TIMEOUT = 60


def beat(seconds_ago: float) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=f"w{seconds_ago}",
        hostname="h",
        pid=1,
        started_at=timezone.now(),
        beat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago),
    )


def test_it_is_ready_with_a_living_worker_and_reports_the_queue(database_queue):
    beat(seconds_ago=5)
    send_email.enqueue("Een", "Tekst.", ["a@example.org"])
    send_email.enqueue("Twee", "Tekst.", ["b@example.org"])

    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ready" and body["database"] == {"ok": True}
    assert body["worker"]["ok"] and body["worker"]["alive"] == 1
    assert 4 <= body["worker"]["seconds_since"] < 30 and body["worker"]["last_heartbeat"]
    assert body["queue"] == {"waiting": 2, "running": 0}
    assert "Set-Cookie" not in response.headers


def test_it_is_not_ready_without_a_recent_heartbeat(database_queue):
    beat(seconds_ago=61)
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready" and body["database"]["ok"]
    assert body["worker"]["ok"] is False and body["worker"]["seconds_since"] >= 61


def test_it_is_not_ready_before_any_worker_started(database_queue):
    body = Client().get("/readyz").json()
    assert body["worker"] == {
        "ok": False,
        "alive": 0,
        "last_heartbeat": None,
        "seconds_since": None,
        "timeout": 60,
    }


def test_it_needs_no_worker_when_tasks_run_in_the_web_process():
    response = Client().get("/readyz")  # the immediate backend (koers/conftest.py)
    assert response.status_code == 200
    assert response.json()["worker"] == {"ok": True, "required": False}


def test_it_is_not_ready_when_the_database_is_away(database_queue, tmp_path):
    original = connections["default"]
    away = original.__class__(
        {**original.settings_dict, "NAME": str(tmp_path / "nowhere" / "koers.sqlite3")}, "default"
    )
    if original.vendor != "sqlite":
        away = original.__class__({**original.settings_dict, "PORT": "1"}, "default")
    connections["default"] = away
    try:
        response = Client().get("/readyz")
    finally:
        away.close()
        connections["default"] = original
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "database": {"ok": False, "error": "OperationalError"},
    }


def test_it_is_not_ready_before_the_tables_exist(database_queue, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    def missing():
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(DBTaskResult.objects, "ready", missing)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker"] == {"ok": False, "error": "OperationalError"}
