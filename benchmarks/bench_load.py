"""Load test of the production profile: gunicorn, two task workers, PostgreSQL, Redis, Locust.

Usage:
    .venv/bin/python benchmarks/bench_load.py [--contributions N] [--users 32] [--time 60]
    .venv/bin/python benchmarks/bench_load.py --reduced          # CI: small demo, 8 users, 15 s

It does what docs/operator-guide.md describes for one machine, on the loopback address only:

1. a PostgreSQL database `koersload` (dropped and made again; `--reuse` keeps one that was
   loaded before), `koers migrate` and `koers demo --contributions N` (default 100,000);
2. `gunicorn koers.wsgi --workers 2 --threads 4` on 127.0.0.1 on a free port, and two
   `koers db_worker --no-reload` processes, sharing the cache in Redis
   (REDIS_URL=redis://127.0.0.1:6379/5, emptied first) when it answers;
3. waits until the task workers have done what loading queued (the adopted version's
   documents), so that the clock runs on a settled installation;
4. Locust, headless, bounded in users and time (benchmarks/load/locustfile.py): anonymous
   readers, reviewers reacting, the office filtering and processing input, one analysis of the
   new input with a PDF download of the response report in the middle of it;
5. stops everything (also on Ctrl+C or a failure) and prints a Markdown table per request type
   (count, errors, median, p95, max) for docs/benchmarks.md.

All clients come from 127.0.0.1, so the per-address limit on public forms (PUBLIC_FORM_RATE,
which counts the reviewers' login-link posts) is raised for the run; REACTION_RATE is counted per
reviewer and stays as configured. It exits 1 when any request failed (and, without --reduced,
when the overall p95 exceeds --p95-limit ms).

--reduced, for CI: the default small demo, 8 users for 15 s; PostgreSQL when it answers on
127.0.0.1:5432, otherwise (or with --sqlite) SQLite; the database cache when Redis does not answer. Only errors
fail it: CI machines differ too much for a time limit.
"""

import argparse
import contextlib
import csv
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "benchmarks" / "load" / "locustfile.py"
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
REDIS_URL = "redis://127.0.0.1:6379/5"
SLUG = "digitaal-2017"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def koers(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "koers.cli", *args], env=env, cwd=ROOT, check=True)


def pg(command: str, *args: str) -> subprocess.CompletedProcess:
    flags = ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
    return subprocess.run([command, *flags, *args], capture_output=True, text=True)


def database_exists(name: str) -> bool:
    found = pg("psql", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'", "postgres")
    return found.stdout.strip() == "1"


def make_plan(path: Path, run_time: int) -> dict:
    """What the Locust users need: versions, paragraphs, and one-time login links of reviewers
    who confirmed their sign-up (as the mailed links would give them)."""
    import django

    django.setup()
    from django.db import connections
    from django.urls import reverse

    from koers.accounts.models import Role, RoleKind
    from koers.agenda.constants import VersionState
    from koers.agenda.models import AgendaVersion, Paragraph
    from koers.consultation import signup
    from koers.consultation.constants import TokenPurpose
    from koers.consultation.models import Reviewer
    from koers.organisations.models import Programme

    programme = Programme.objects.get(slug=SLUG)
    versions = AgendaVersion.objects.filter(programme=programme).order_by("-number")
    draft = next(
        v for v in versions.filter(state=VersionState.DRAFT) if v.is_open_for_consultation()
    )
    adopted = versions.filter(state=VersionState.ADOPTED).first()
    paragraphs = Paragraph.objects.filter(version=draft).order_by("pk")
    reviewers = Reviewer.objects.filter(
        programme=programme, confirmed_at__isnull=False, anonymised_at__isnull=True
    ).order_by("pk")[:64]
    links = []
    for reviewer in reviewers:
        if reviewer.user_id is None:  # as confirming the sign-up link does
            reviewer.user = signup._user_for(reviewer)
            reviewer.save(update_fields=["user"])
        Role.objects.get_or_create(
            user=reviewer.user,
            programme=programme,
            kind=RoleKind.REVIEWER,
            family=None,
            organisation=None,
        )
        token = signup.make_link_token(programme, reviewer.email, TokenPurpose.LOGIN)
        links.append(reverse("consultation:reviewer-login", args=[SLUG, token]))
    plan = {
        "slug": SLUG,
        "draft": draft.number,
        "adopted": adopted.number,
        "paragraphs": [str(a) for a in paragraphs.values_list("anchor", flat=True)[:80]],
        "login_links": links,
        "office": "bureau",
        "password": os.environ.get("KOERS_DEMO_PASSWORD", "koers-demo"),
        "run_time": run_time,
    }
    path.write_text(json.dumps(plan), encoding="utf-8")
    connections.close_all()
    return plan


def analysis_outcome() -> str:
    from django.db import connections

    from koers.synthesis.models import SynthesisRun

    run = SynthesisRun.objects.filter(programme__slug=SLUG).order_by("-pk").first()
    connections.close_all()
    if run is None:
        return "no analysis"
    return f"last analysis: {run.get_mode_display()}, {run.get_state_display()}"


def wait_ready(url: str, processes: list, timeout: float = 120) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        for name, process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url}/readyz did not answer 200 within {timeout:.0f} s")


def wait_for_queue(processes: list, timeout: float = 1800) -> tuple[float, int]:
    """Wait until the task workers have done what loading the demo queued (above all the
    adopted version's documents: every page, PDF and ODT in both languages), so that the
    clock runs on a settled installation and not on the backlog of the load. Returns the
    seconds waited and the number of tasks that were waiting."""
    from django.db import connections
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    open_states = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    start = time.monotonic()
    waiting = DBTaskResult.objects.filter(status__in=open_states).count()
    while DBTaskResult.objects.filter(status__in=open_states).exists():
        for name, process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped with exit code {process.returncode}")
        if time.monotonic() - start > timeout:
            raise SystemExit(f"the task queue was not empty after {timeout:.0f} s")
        time.sleep(2)
    connections.close_all()
    return time.monotonic() - start, waiting


def warm_up(host: str, plan: dict) -> None:
    """Ask each kind of public page a few times, so that both gunicorn workers have imported
    and compiled what they serve before the clock runs (a cold start is not what is measured)."""
    programme = f"{host}/programmas/{plan['slug']}"
    urls = [f"{programme}/agenda", f"{programme}/agenda/{plan['draft']}", f"{host}/inloggen"]
    urls += [f"{host}/api/v1/programmes/{plan['slug']}/contributions"]
    for _ in range(4):
        for url in urls:
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()


def stop(processes: list) -> None:
    """SIGTERM: gunicorn stops, a task worker finishes its task; a second SIGTERM stops a worker
    at once and marks an analysis it was doing failed, so that the next run can start one."""
    for second in (False, True):
        for _, process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + (15 if second else 5)
        for _, process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                if second:
                    process.kill()
                    process.wait()
    # What they started (the PDF renderer of a worker stopped mid-document) goes with them.
    for _, process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def table(rows: list[dict]) -> str:
    lines = [
        "| request | count | errors | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = "**all requests**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contributions", type=int, default=100_000, metavar="N")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--spawn-rate", type=float, default=8)
    parser.add_argument("--time", type=int, default=60, metavar="SECONDS")
    parser.add_argument("--p95-limit", type=float, default=300, metavar="MS")
    parser.add_argument("--database", default="koersload", help="PostgreSQL database name")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is loaded")
    parser.add_argument("--reduced", action="store_true", help="CI: small demo, 8 users, 15 s")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    if args.reduced:
        args.users, args.time, args.database = 8, 15, "koersload_ci"

    var = Path(tempfile.mkdtemp(prefix="koers-load-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="koers.settings",
        PYTHONPATH=str(ROOT),
        KOERS_VAR_DIR=str(var),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Every simulated visitor comes from 127.0.0.1: one address, many people.
        PUBLIC_FORM_RATE="100000/m",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    use_pg = not args.sqlite and (not args.reduced or answers(PG["host"], int(PG["port"])))
    if use_pg:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    if answers("127.0.0.1", 6379):
        env["REDIS_URL"] = REDIS_URL
    elif not args.reduced:
        raise SystemExit("Redis does not answer on 127.0.0.1:6379 (the production profile's cache)")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    processes: list = []

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    started = time.monotonic()
    try:
        reuse = args.reuse and use_pg and database_exists(args.database)
        if not reuse and use_pg:
            pg("dropdb", "--if-exists", args.database)
            made = pg("createdb", args.database)
            if made.returncode:
                raise SystemExit(made.stderr)
        t0 = time.monotonic()
        koers("migrate", "-v0", env=env)  # a reused database may be from an older version
        if not reuse:
            demo = (
                ["demo"] if args.reduced else ["demo", "--contributions", str(args.contributions)]
            )
            koers(*demo, env=env)
            say(f"database loaded in {time.monotonic() - t0:.0f} s")
        if "REDIS_URL" in env:
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
        plan_path = var / "plan.json"
        plan = make_plan(plan_path, args.time)

        port = free_port()
        host = f"http://127.0.0.1:{port}"
        gunicorn = [sys.executable, "-m", "gunicorn", "koers.wsgi", "--bind", f"127.0.0.1:{port}"]
        gunicorn += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
        processes.append(
            ("gunicorn", subprocess.Popen(gunicorn, env=env, cwd=ROOT, start_new_session=True))
        )
        for number in (1, 2):
            worker = [sys.executable, "-m", "koers.cli", "db_worker", "--no-reload"]
            worker += ["--interval", "1"]
            processes.append(
                (
                    f"task worker {number}",
                    subprocess.Popen(worker, env=env, cwd=ROOT, start_new_session=True),
                )
            )
        ready = wait_ready(host, processes)
        say(f"gunicorn and two task workers ready in {ready:.1f} s on {host}")
        waited, queued = wait_for_queue(processes)
        say(f"the task workers did the {queued} queued tasks in {waited:.0f} s")
        warm_up(host, plan)

        prefix = var / "locust"
        locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
        command = [locust, "-f", str(LOCUSTFILE), "--headless", "-u", str(args.users)]
        command += ["-r", str(args.spawn_rate), "-t", f"{args.time}s", "--host", host]
        command += ["--csv", str(prefix), "--only-summary", "--stop-timeout", "10"]
        load_before = os.getloadavg()
        locust_env = dict(env, KOERS_LOAD_PLAN=str(plan_path))
        subprocess.run(command, env=locust_env, cwd=ROOT, stdout=subprocess.DEVNULL)
        load_after = os.getloadavg()
        for name, process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped during the test (exit {process.returncode})")
        outcome = analysis_outcome()
    finally:
        stop(processes)
        if args.reduced and use_pg:
            pg("dropdb", "--if-exists", args.database)

    rows = read_stats(prefix)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    database = f"PostgreSQL ({args.database})" if use_pg else "SQLite"
    cache = "Redis" if "REDIS_URL" in env else "database table"
    size = "the default demo" if args.reduced else f"{args.contributions:,} contributions"
    if reuse:  # what the database holds, not what --contributions would have loaded
        held = pg("psql", "-tAc", "SELECT count(*) FROM consultation_contribution", args.database)
        size = f"{int(held.stdout.strip() or 0):,} contributions (reused)"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {date.today().isoformat()}"
    )
    print(f"{database}, {size}; gunicorn 2 workers × 4 threads, 2 task workers, cache: {cache}")
    print(
        f"{args.users} users (spawn rate {args.spawn_rate:g}/s) for {args.time} s; "
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f}; {outcome}"
    )
    print(f"total time {time.monotonic() - started:.0f} s\n")
    print(table(rows))
    if (failures := Path(f"{prefix}_failures.csv")).exists():
        with open(failures, encoding="utf-8") as f:
            for row in list(csv.DictReader(f))[:20]:
                print(f"- {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)")
    shutil.rmtree(var, ignore_errors=True)
    if errors:
        say(f"{errors} requests failed")
        return 1
    if not args.reduced and float(total["95%"]) > args.p95_limit:
        say(f"p95 {total['95%']} ms is over {args.p95_limit:g} ms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
