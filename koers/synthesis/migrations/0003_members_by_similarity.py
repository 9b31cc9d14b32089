"""Two indexes of the assignments to themes.

- Each theme's members by similarity, closest first: the order in which a theme's quotes and
  keyword sample are read (koers/synthesis/readable.py), so that reading the first members of a
  theme walks the index and stops, whatever the theme's size.
- `assignment_counting`: the counts per theme and family read it beside the input's counting
  index (consultation 0004), without reading the rows of either table.

The order puts members without a similarity (placed by a person) last. PostgreSQL sorts NULL
first in descending order and says NULLS LAST; SQLite sorts NULL last already and refuses the
words in an index, so the index is written per database.
"""

from django.db import migrations, models

NAME = "synthesis_assignment_closest"


def forward(apps, schema_editor):
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {NAME} ON synthesis_themeassignment "
        f"(theme_id, similarity DESC{nulls_last}, contribution_id)"
    )


def backward(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0004_counting_indexes"),
        ("synthesis", "0002_theme_summary_run_changes"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AddIndex(
            model_name="themeassignment",
            index=models.Index(
                fields=["contribution", "theme", "assigned_by"], name="assignment_counting"
            ),
        ),
    ]
