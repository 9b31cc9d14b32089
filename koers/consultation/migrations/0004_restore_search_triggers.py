"""SQLite drops a table's triggers when Django remakes the table to add a column (as 0003 did),
which silently stopped the full-text index from following new contributions. Put the triggers
back and rebuild the index from the table. Any later migration that remakes
consultation_contribution on SQLite needs the same step."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE TRIGGER IF NOT EXISTS consultation_contribution_fts_ai AFTER INSERT ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS consultation_contribution_fts_ad AFTER DELETE ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS consultation_contribution_fts_au AFTER UPDATE OF text ON consultation_contribution BEGIN "
    "INSERT INTO consultation_contribution_fts(consultation_contribution_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO consultation_contribution_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO consultation_contribution_fts(consultation_contribution_fts) VALUES ('rebuild')",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0003_contribution_moderation")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
