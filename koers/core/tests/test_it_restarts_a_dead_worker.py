"""The supervisor of `koers run` keeps its task worker alive: a worker that dies is started again,
with a log line and a growing pause, and Ctrl+C or SIGTERM stops everything cleanly
(koers.core.supervisor; koers/demo/tests/test_it_supervises_the_worker_of_koers_run.py tries the
command itself)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings

from ..supervisor import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not reaped yet is a zombie: as good as gone.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def until(condition, timeout=5.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "not in time"
        time.sleep(0.02)


@pytest.fixture
def supervisor():
    lines: list[str] = []
    supervisor = Supervisor(log=lines.append, min_backoff=0.1, max_backoff=0.4)
    supervisor.lines = lines
    yield supervisor
    supervisor.stop(timeout=2)


def test_it_restarts_a_killed_worker_and_logs_it(supervisor):
    worker = supervisor.add("task worker", SLEEPER)
    supervisor.start_all()
    first = worker.process.pid

    os.kill(first, signal.SIGKILL)
    until(lambda: supervisor.check() and worker.restarts == 1)

    assert worker.process.pid != first and worker.process.poll() is None
    assert supervisor.lines[0].startswith(f"task worker (pid {first}) died with exit code -9")
    assert supervisor.lines[0].endswith("restarting in 0.1 s")
    assert supervisor.lines[1] == f"task worker restarted (pid {worker.process.pid})"


def test_it_waits_longer_each_time_a_worker_dies_soon_after_its_start(supervisor):
    worker = supervisor.add("task worker", [sys.executable, "-c", "raise SystemExit(3)"])
    supervisor.start_all()
    until(lambda: supervisor.check() and worker.restarts == 3)
    until(lambda: supervisor.check() and len(supervisor.lines) >= 8)
    pauses = [line.rsplit(" ", 2)[-2] for line in supervisor.lines if "restarting in" in line]
    assert pauses[:4] == ["0.1", "0.2", "0.4", "0.4"]  # doubled, up to the most
    assert "exit code 3" in supervisor.lines[0]


def test_it_ends_when_the_web_server_ends(supervisor):
    supervisor.add("task worker", SLEEPER)
    server = supervisor.add("web server", [sys.executable, "-c", "pass"], restart=False)
    supervisor.start_all()
    server.process.wait(timeout=10)
    assert supervisor.check() is False
    assert supervisor.lines == ["web server ended (exit code 0)"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_it_stops_its_children_on_sigterm_and_ctrl_c(tmp_path, sig):
    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import sys
        from koers.core.supervisor import Supervisor
        supervisor = Supervisor(log=print)
        supervisor.add("task worker", {SLEEPER!r})
        supervisor.add("web server", {SLEEPER!r}, restart=False)
        supervisor.start_all = (lambda start: lambda: (start(), open({str(pids)!r}, "w").write(
            " ".join(str(c.process.pid) for c in supervisor.children))))(supervisor.start_all)
        supervisor.run(poll=0.05)
        print("stopped")
    """)
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    until(lambda: pids.exists() and pids.read_text())
    children = [int(pid) for pid in pids.read_text().split()]

    parent.send_signal(sig)
    out, _ = parent.communicate(timeout=15)

    assert parent.returncode == 0 and out.strip() == "stopped"
    assert not any(alive(pid) for pid in children)
