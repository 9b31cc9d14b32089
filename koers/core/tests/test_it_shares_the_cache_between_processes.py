"""Rate limits count in one cache for all server processes, also without Redis.

gunicorn runs several worker processes (`koers run` starts two); a counter in each process's
memory would let a client through as many times over. Here two real processes count one client
at the same time in the cache the production settings choose (a database table when REDIS_URL
is unset), and not one increment is lost.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate

ROOT = Path(__file__).resolve().parents[3]

# One server process. It makes the cache table if it is not there yet (`koers migrate` does that
# in production), says it is ready, waits for the start signal and then counts one client's
# requests as django-ratelimit does: `add` the counter, `incr` it.
COUNT = """
import os, sys, time
import django
django.setup()
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DatabaseError

ready, start, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    call_command("createcachetable", verbosity=0)
except (CommandError, DatabaseError):
    pass  # the other process made it at the same moment
open(ready, "w").close()
while not os.path.exists(start):
    time.sleep(0.005)
seen = []
for _ in range(times):
    cache.add("rate-limit:192.0.2.1", 0, 600)
    seen.append(cache.incr("rate-limit:192.0.2.1"))
print(max(seen))
"""
TIMES = 200


def test_it_counts_one_client_in_two_processes_together(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY")
    }
    # Both processes use the embedded SQLite database of one (temporary) installation, with the
    # cache the production settings choose for it.
    env.update(KOERS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="koers.settings")
    start = tmp_path / "start"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNT, str(tmp_path / f"ready-{n}"), str(start), str(TIMES)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    try:
        deadline = time.monotonic() + 120
        while not all((tmp_path / f"ready-{n}").exists() for n in range(2)):
            assert all(p.poll() is None for p in processes), processes[0].stderr.read()
            assert time.monotonic() < deadline, "the processes did not start"
            time.sleep(0.01)
        start.touch()
        outputs = [p.communicate(timeout=120) for p in processes]
    finally:
        for p in processes:
            p.kill()
    for p, (_out, err) in zip(processes, outputs, strict=True):
        assert p.returncode == 0, err
    highest = [int(out) for out, _err in outputs]
    # The last to count saw the other's increments too, and none was lost where they counted at
    # the same moment (how much they overlap is up to the machine's scheduler).
    assert max(highest) == 2 * TIMES, highest


@pytest.mark.django_db
def test_it_makes_the_cache_table_when_the_database_is_migrated(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "koers_cache",
        }
    }
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS koers_cache")
    assert "koers_cache" not in connection.introspection.table_names()
    # What `koers migrate` sends for Koers's core app when it is done, also when there was
    # nothing to migrate.
    core = apps.get_app_config("core")
    post_migrate.send(sender=core, app_config=core, using="default", verbosity=0)
    assert "koers_cache" in connection.introspection.table_names()
    caches["default"].set("proef", 1)
    assert caches["default"].get("proef") == 1
