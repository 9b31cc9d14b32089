"""PostgreSQL: the Dutch text vector of each contribution stored in a column of its own.

The index of migration 0002 was on the expression, so the index found matches fast, but a list
that walks the newest input first and checks each row for the words computed the vector again
for every row it passed (17 µs each: 0.6 s for a word in 2 % of a million contributions). A
generated column is computed once, when the text is written; the index moves onto it. The
column is not in the model: only the search (ContributionQuerySet.search) reads it, and
PostgreSQL fills it whatever writes the row. Adding it rewrites the table (about 80 s for a
million contributions). SQLite keeps its FTS5 index (migration 0002).
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE consultation_contribution ADD COLUMN text_nl tsvector "
    "GENERATED ALWAYS AS (to_tsvector('dutch', text)) STORED",
    "CREATE INDEX consultation_contribution_text_nl_column ON consultation_contribution "
    "USING gin (text_nl)",
    "DROP INDEX IF EXISTS consultation_contribution_text_nl",
]
BACKWARD = [
    "CREATE INDEX consultation_contribution_text_nl ON consultation_contribution "
    "USING gin (to_tsvector('dutch', text))",
    "ALTER TABLE consultation_contribution DROP COLUMN IF EXISTS text_nl",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0006_list_indexes_and_voices")]
    operations = [migrations.RunPython(forward, backward)]
