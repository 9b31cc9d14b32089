"""Keeps the processes of `koers run` alive: a task worker that dies is started again.

Plain Python (no Django import), so that it can be tried on any command. The web server is not
restarted: when it ends, `koers run` ends. A worker that dies again and again is restarted after
a growing pause (1, 2, 4 … at most 60 seconds), and every restart is logged.
"""

import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Child:
    name: str
    command: list[str]
    env: dict | None = None
    restart: bool = True  # False: when it ends, everything stops
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0  # deaths in a row, each soon after its start
    restart_at: float | None = None
    restarts: int = 0


@dataclass
class Supervisor:
    log: Callable[[str], None]
    min_backoff: float = 1.0
    max_backoff: float = 60.0
    # A child that lived this long before it died starts again after the shortest pause.
    stable_after: float = 60.0
    children: list[Child] = field(default_factory=list)
    stopping: bool = False

    def add(self, name: str, command: list[str], env: dict | None = None, restart=True) -> Child:
        child = Child(name, command, env, restart)
        self.children.append(child)
        return child

    def start(self, child: Child) -> None:
        child.process = subprocess.Popen(child.command, env=child.env)
        child.started_at = time.monotonic()
        child.restart_at = None

    def start_all(self) -> None:
        for child in self.children:
            self.start(child)

    def check(self) -> bool:
        """Look at every child once: schedule or do restarts. False when a child that is not
        restarted (the web server) has ended, and so everything should stop."""
        now = time.monotonic()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at and not self.stopping:
                    child.restarts += 1
                    self.start(child)
                    self.log(f"{child.name} restarted (pid {child.process.pid})")
                continue
            code = child.process.poll() if child.process else None
            if code is None:
                continue
            if not child.restart:
                self.log(f"{child.name} ended (exit code {code})")
                return False
            lived = now - child.started_at
            child.failures = 1 if lived >= self.stable_after else child.failures + 1
            pause = min(self.max_backoff, self.min_backoff * 2 ** (child.failures - 1))
            child.restart_at = now + pause
            self.log(
                f"{child.name} (pid {child.process.pid}) died with exit code {code} after "
                f"{lived:.0f} s; restarting in {pause:g} s"
            )
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Ask every child to stop (SIGTERM), and kill those that do not within `timeout`."""
        self.stopping = True
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def run(
        self,
        poll: float = 1.0,
        every: Callable[[], None] | None = None,
        every_seconds: float = 30.0,
    ) -> None:
        """Start the children and watch them until SIGTERM, Ctrl+C or the end of a child that is
        not restarted; then stop them all. `every` runs every `every_seconds` meanwhile."""

        def asked_to_stop(signum, frame):
            self.stopping = True

        previous = {
            sig: signal.signal(sig, asked_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self.start_all()
            next_every = time.monotonic() + every_seconds
            while not self.stopping and self.check():
                if every is not None and time.monotonic() >= next_every:
                    next_every = time.monotonic() + every_seconds
                    every()
                time.sleep(poll)
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
