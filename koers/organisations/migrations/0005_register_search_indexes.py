"""The register's free-text search (`search_q`: a name that holds the text, an abbreviation or
code that is it) read from indexes on PostgreSQL: trigram indexes (pg_trgm) for the names, plain
ones for the abbreviation and the code, so that the OR of the four is one bitmap scan instead of
a scan of 100,000 rows (348 ms → about 70 ms, docs/benchmarks.md). Case-insensitive lookups
compare UPPER(column), so the indexes are on that expression. SQLite scans: it has no such index
and its scan of 100,000 names takes under 100 ms. Where pg_trgm cannot be created (it needs the
database's owner), the search still works, by a scan."""

from django.db import migrations, transaction

INDEXES = {
    "organisation_official_name_trgm": "gin (UPPER(official_name) gin_trgm_ops)",
    "organisation_short_name_trgm": "gin (UPPER(short_name) gin_trgm_ops)",
    "organisation_abbreviation_upper": "(UPPER(abbreviation))",
    "organisation_code_upper": "(UPPER(code))",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create it: the search scans, as before
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON organisations_organisation USING {definition}"
            if definition.startswith("gin")
            else f"CREATE INDEX IF NOT EXISTS {name} ON organisations_organisation {definition}"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_register_order_with_validity")]
    operations = [migrations.RunPython(forward, backward)]
