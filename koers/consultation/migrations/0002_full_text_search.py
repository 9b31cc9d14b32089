"""Full-text search over contributions: PostgreSQL's Dutch text search, SQLite's FTS5 otherwise."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE consultation_contribution_fts USING fts5("
    "text, content='consultation_contribution', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER consultation_contribution_fts_ai AFTER INSERT ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER consultation_contribution_fts_ad AFTER DELETE ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER consultation_contribution_fts_au AFTER UPDATE OF text ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS consultation_contribution_fts_au",
    "DROP TRIGGER IF EXISTS consultation_contribution_fts_ad",
    "DROP TRIGGER IF EXISTS consultation_contribution_fts_ai",
    "DROP TABLE IF EXISTS consultation_contribution_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX consultation_contribution_text_nl ON consultation_contribution "
    "USING gin (to_tsvector('dutch', text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS consultation_contribution_text_nl"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
