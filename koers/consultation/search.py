"""Keep SQLite's full-text index of contributions attached after every migration.

SQLite drops a table's triggers whenever Django remakes the table to alter it, which silently
stops the FTS5 index from following new contributions. After each `migrate` this puts any
missing trigger back and, only then, rebuilds the index from the table, so no future migration
has to remember it. PostgreSQL needs nothing: its index is on an expression of the column.
"""

from contextlib import contextmanager

from django.db import connection, connections

TRIGGERS = {
    "consultation_contribution_fts_ai": (
        "AFTER INSERT ON consultation_contribution BEGIN "
        "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END"
    ),
    "consultation_contribution_fts_ad": (
        "AFTER DELETE ON consultation_contribution BEGIN "
        "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END"
    ),
    "consultation_contribution_fts_au": (
        "AFTER UPDATE OF text ON consultation_contribution BEGIN "
        "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); "
        "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END"
    ),
}


def ensure_search_triggers(using: str = "default") -> list[str]:
    """Recreate missing FTS triggers; returns the names it had to recreate."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='consultation_contribution_fts'"
        )
        if cursor.fetchone() is None:
            return []  # migrations have not reached the search index yet
        cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")
        if missing:
            cursor.execute(
                "INSERT INTO consultation_contribution_fts(consultation_contribution_fts) VALUES ('rebuild')"
            )
    return missing


def on_post_migrate(sender, using="default", **kwargs):
    ensure_search_triggers(using)


INSERT_TRIGGER = "consultation_contribution_fts_ai"


@contextmanager
def indexed_in_bulk(rows_where: str, params: list):
    """On SQLite, index a bulk insert's texts in one statement instead of one trigger per row.

    The insert trigger costs more than the insert itself. Inside the caller's transaction it is
    dropped, the rows go in, the index gets the rows that match `rows_where` at once, and the
    trigger is put back exactly as it was (its SQL is read from the schema), so no other
    connection ever sees the table without it. PostgreSQL's GIN index needs nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [INSERT_TRIGGER]
        )
        found = cursor.fetchone()
        if found:
            cursor.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    if found:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO consultation_contribution_fts(rowid, text) "
                f"SELECT id, text FROM consultation_contribution WHERE {rows_where}",
                params,
            )
            cursor.execute(found[0])
