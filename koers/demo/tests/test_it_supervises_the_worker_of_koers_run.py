"""`koers run` serves with a supervised task worker (koers.core.supervisor, tried in
koers/core/tests/test_it_restarts_a_dead_worker.py)."""

import datetime
from types import SimpleNamespace

from koers.core.supervisor import Supervisor
from koers.demo.management.commands import run


def test_it_supervises_the_worker_of_koers_run(monkeypatch):
    """`koers run` restarts its task worker, not its web server, and meanwhile gives up the
    runs and tasks of dead workers itself."""
    seen = {}

    def supervise(self, every=None, every_seconds=None, **kwargs):
        seen["children"] = [(c.name, " ".join(c.command[1:]), c.restart) for c in self.children]
        seen["every"] = every

    monkeypatch.setattr(run, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(run, "refuse_an_earlier_layout", lambda: None)
    monkeypatch.setattr(Supervisor, "run", supervise)
    run.Command().handle(port=8765, host="127.0.0.1", no_demo=True)

    assert seen["children"] == [
        ("task worker", "-m koers.cli db_worker --interval 1 --no-reload", True),
        (
            "web server",
            "-m gunicorn koers.wsgi --bind 127.0.0.1:8765 --workers 2 --threads 4 "
            "--access-logfile -",
            False,
        ),
    ]
    assert seen["every"].__func__ is run.Command.tend


def test_it_queues_the_monitoring_figures_once_a_day(monkeypatch):
    """While it serves, `koers run` queues the stored monitoring figures at the start and then
    once a day, as cron runs `koers store-monitoring` on a production server."""
    queued, day = [], {"today": datetime.date(2017, 3, 1)}
    monkeypatch.setattr(run, "recover", lambda: None)
    monkeypatch.setattr(
        run, "store_all_programme_figures", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    monkeypatch.setattr(run.timezone, "localdate", lambda: day["today"])
    command = run.Command()
    for _ in range(3):
        command.tend()
    assert len(queued) == 1
    day["today"] = datetime.date(2017, 3, 2)
    command.tend()
    command.tend()
    assert len(queued) == 2


def children_env(monkeypatch, **options) -> dict:
    seen = {}

    def supervise(self, every=None, every_seconds=None, **kwargs):
        seen.update({c.name: c.env for c in self.children})

    monkeypatch.setattr(run, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(run, "refuse_an_earlier_layout", lambda: None)
    monkeypatch.setattr(Supervisor, "run", supervise)
    run.Command().handle(no_demo=True, **options)
    return seen


def test_it_links_mail_to_the_port_it_serves(monkeypatch):
    """`PORT=8001 make run` (`koers run --port 8001`): the links in mail go to port 8001."""
    monkeypatch.delenv("SITE_URL", raising=False)
    seen = children_env(monkeypatch, port=8001, host="127.0.0.1")
    assert seen["web server"]["SITE_URL"] == "http://127.0.0.1:8001"
    assert seen["task worker"]["SITE_URL"] == "http://127.0.0.1:8001"
    seen = children_env(monkeypatch, port=8002, host="0.0.0.0")
    assert seen["web server"]["SITE_URL"] == "http://127.0.0.1:8002"


def test_it_keeps_a_site_url_that_was_set(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://koers.example.org")
    seen = children_env(monkeypatch, port=8001, host="127.0.0.1")
    assert seen["web server"]["SITE_URL"] == "https://koers.example.org"
