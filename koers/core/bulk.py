"""Writes of many rows at once, with their history, for imports, the demo and synthesis runs.

The ORM's bulk_create and bulk_update build one large statement per batch (bulk_update a CASE
per column), which costs more time in Python than the database spends on the rows. Here one
prepared statement runs for every row (`executemany`), and history rows are copied inside the
database with one INSERT ... SELECT, so 100,000 rows take seconds on SQLite and PostgreSQL.
"""

import functools

from django.db import connection
from django.db.models import DateTimeField

BATCH_SIZE = 2000


def _adapter(fields):
    adapt = functools.lru_cache(maxsize=None)(connection.ops.adapt_datetimefield_value)
    moments = [isinstance(f, DateTimeField) for f in fields]

    def row(values):
        return tuple(
            adapt(v) if is_moment and v is not None else v
            for v, is_moment in zip(values, moments, strict=True)
        )

    return row


def insert_rows(model, rows: list[dict]) -> None:
    """INSERT rows of `model`, each a dict of attname -> value; an auto id left out is the
    database's to give."""
    if not rows:
        return
    given = rows[0].keys()
    fields = [f for f in model._meta.concrete_fields if f.attname in given]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    names = [f.attname for f in fields]
    adapt = _adapter(fields)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The default page cache (2 MB) is smaller than a big table's indexes; with it, every
            # insert rereads index pages from disk. This lasts for the connection only.
            cursor.execute("PRAGMA cache_size = -262144")
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(
                sql, [adapt([row[n] for n in names]) for row in rows[start : start + BATCH_SIZE]]
            )


def update_rows(model, names: list[str], rows: list[dict]) -> None:
    """UPDATE the columns `names` (attnames) of rows identified by their "id"."""
    if not rows:
        return
    fields = [model._meta.get_field(n) for n in names]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(model._meta.pk.column),
    )
    adapt = _adapter([*fields, model._meta.pk])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(
                sql,
                [
                    adapt([*(row[n] for n in names), row["id"]])
                    for row in rows[start : start + BATCH_SIZE]
                ],
            )


def copy_to_history(
    model, where: str, params: list, *, history_type: str, reason: str | None, user, date
) -> None:
    """One INSERT ... SELECT: the rows of `model` matching `where` (SQL on its own table, with
    `params`) each get a history row of `history_type` ('+' made, '~' changed) by `user` (None:
    the machine) at `date`."""
    history_model = model.history.model
    source_columns = {f.column for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    extra = {
        "history_date": connection.ops.adapt_datetimefield_value(date),
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": user.pk if user else None,
    }
    targets, selects, values = [], [], []
    for column_field in history_model._meta.concrete_fields:
        column = column_field.column
        if column_field.attname in extra:
            targets.append(quote(column))
            selects.append("%s")
            values.append(extra[column_field.attname])
        elif column in source_columns:
            targets.append(quote(column))
            selects.append(quote(column))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history_model._meta.db_table)} ({', '.join(targets)}) "
            f"SELECT {', '.join(selects)} FROM {quote(model._meta.db_table)} WHERE {where}",
            [*values, *params],
        )


def analyse(*models) -> None:
    """Fresh planner statistics for tables just filled in bulk (every table when none is
    named). Without them PostgreSQL plans for the handful of rows it last saw until autovacuum
    comes by, or never where it is off: a search over 100,000 contributions took 13 s instead
    of milliseconds, the open input at a million 5.5 s instead of 30 ms. SQLite's planner reads
    them too."""
    with connection.cursor() as cursor:
        if not models:
            cursor.execute("ANALYZE")
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
