"""Counts kept per cell in a table of their own (the synthesis's tally, the consultation's
voices), so that a page reads a few rows instead of counting a million.

A change is added to its cell with one upsert (`n = n + change`, the same SQL on SQLite and
PostgreSQL), so two writers never overwrite each other's count, and cells are changed in a
fixed order, so two writers never deadlock.
"""

from collections import Counter

from django.db import connection


def add_counts(model, columns: tuple[str, ...], changes: Counter) -> None:
    """Add each change (a Counter of cells, tuples of `columns`) to its row of `model`, made when
    missing. `columns` are the fields of the model's unique constraint, in order."""
    changes = sorted((cell, n) for cell, n in changes.items() if n)
    if not changes:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * (len(columns) + 1))
    sql = (
        f"INSERT INTO {table} ({names}, {quote('n')}) VALUES ({placeholders}) "
        f"ON CONFLICT ({names}) DO UPDATE SET {quote('n')} = {table}.{quote('n')} + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, n) for cell, n in changes])
