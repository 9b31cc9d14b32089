"""The migrated test database, made once and kept until a migration changes.

Applying every migration to an empty database takes seconds of CPU (the migration framework
renders the models of each state; half a minute on PostgreSQL), and each test process used to do
it again on every run. The first process that needs the database migrates it and keeps a copy under
VAR_DIR/test-databases, named after everything the outcome depends on: the migration files of
every installed app, the versions of Python, Django and SQLite, the installed apps. Every other
process, in this run and in later ones, copies that file into its own database in memory
instead. A changed, added or removed migration gives another name, so the database is migrated
afresh; the migrations still run on every fresh clone and in CI.

On PostgreSQL the copy is a template database on the server (`koers_migrated_<signature>`): the
first process migrates its test database and makes the template from it, every other one drops
its empty test database and creates it again from the template, which the server copies file by
file.
"""

import fcntl
import functools
import hashlib
import os
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import connections


def _migration_files() -> list[Path]:
    files = []
    for app in apps.get_app_configs():
        try:
            module = import_module(f"{app.name}.migrations")
        except ImportError:
            continue
        folder = Path(module.__file__).parent
        files += sorted(folder.glob("*.py"))
    return files


def signature() -> str:
    """What the migrated schema and its rows depend on, as a hash."""
    digest = hashlib.sha256()
    for part in (sys.version, django.__version__, sqlite3.sqlite_version, *settings.INSTALLED_APPS):
        digest.update(part.encode())
    for path in _migration_files():
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path):
    """One process at a time: the others wait while the first migrates."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _is_postgresql_test_database(connection) -> bool:
    return connection.vendor == "postgresql" and str(connection.settings_dict["NAME"]).startswith(
        "test_"
    )


def _migrate_postgresql(connection, call_command, name, args, options):
    """Migrate the (empty) PostgreSQL test database by copying the kept template, or migrate it
    and keep it as the template. One process of the machine at a time: the server refuses to
    copy a template that another session is connected to."""
    template = f"koers_migrated_{signature()}_{connection.pg_version}"
    database = connection.settings_dict["NAME"]
    with _locked(Path(tempfile.gettempdir()) / "koers-test-databases.lock"):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            kept = cursor.fetchone() is not None
        if kept:
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
                cursor.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
            return None
        result = call_command(name, *args, **options)
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'koers_migrated_%%'")
            for (old,) in cursor.fetchall():
                cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{database}"')
        return result


def migrate_from_copy(call_command):
    """`call_command` that answers `migrate` of a test database from the kept copy: an SQLite
    database in memory from the file, a PostgreSQL one from the template database.

    Anything else, and any other database, goes to Django as usual.
    """

    @functools.wraps(call_command)
    def patched(name, *args, **options):
        alias = options.get("database", "default")
        connection = connections[alias]
        if name == "migrate" and _is_postgresql_test_database(connection):
            return _migrate_postgresql(connection, call_command, name, args, options)
        if name != "migrate" or not (
            connection.vendor == "sqlite"
            and connection.creation.is_in_memory_db(connection.settings_dict["NAME"])
        ):
            return call_command(name, *args, **options)
        folder = Path(settings.VAR_DIR) / "test-databases"
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"migrated-{signature()}.sqlite3"
        with _locked(folder / ".lock"):
            connection.ensure_connection()
            if kept.exists():
                source = sqlite3.connect(kept)
                try:
                    source.backup(connection.connection)
                finally:
                    source.close()
                return None
            result = call_command(name, *args, **options)
            partial = kept.with_suffix(f".{os.getpid()}.partial")
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            os.replace(partial, kept)
            for old in folder.glob("migrated-*.sqlite3"):
                if old != kept:
                    old.unlink(missing_ok=True)
            return result

    return patched
