"""Rate limits count in one cache for all server processes, also without Redis.

gunicorn runs several worker processes (`koers run` starts two); a counter in each process's
memory would let a client through as many times over. Here two real processes count in the
cache the production settings choose (a database table when REDIS_URL is unset).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate

ROOT = Path(__file__).resolve().parents[3]

# One server process: one POST from 192.0.2.1 to a form that takes one a minute.
ONE_REQUEST = """
import django
django.setup()
from django.core.management import call_command
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

call_command("createcachetable", verbosity=0)
request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
limited = is_ratelimited(request, group="proef", key="ip", rate="1/m", increment=True)
print("limited" if limited else "let through")
"""


def test_it_counts_one_client_in_two_processes_together(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY")
    }
    # Both processes use the embedded SQLite database of one (temporary) installation.
    env.update(KOERS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="koers.settings")

    def serve_one() -> str:
        result = subprocess.run(
            [sys.executable, "-c", ONE_REQUEST],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert serve_one() == "let through"
    assert serve_one() == "limited", "the second process did not see the first one's count"


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
