"""Counts kept per cell in a table of their own (the synthesis's tally and theme voices, the
consultation's voices), so that a page reads a few rows instead of counting a million.

- A count table has one unique constraint: its cell (`cell_columns`), and a column `n`.
- A change is added to its cell with one upsert (`n = n + change`, the same SQL on SQLite and
  PostgreSQL), so two writers never overwrite each other's count, and cells are changed in a
  fixed order, so two writers never deadlock (`add_counts`).
- A save or delete of one row moves what it selects from its old cells to its new ones
  (`keep_counted`): the rows are locked, counted before and after, and the difference added. Of
  two people changing one row at once, the second waits for the first's lock and counts from
  the state the first left, not from the one both started from.
"""

from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.db.models import UniqueConstraint
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save


def cell_columns(model) -> tuple[str, ...]:
    """The columns of a count table's cell: the fields of its unique constraint."""
    (cell,) = [c for c in model._meta.constraints if isinstance(c, UniqueConstraint)]
    return tuple(cell.fields)


def add_counts(model, changes: Counter) -> None:
    """Add each change (a Counter of cells, tuples in the order of `cell_columns`) to its row of
    `model`, made when missing."""
    changes = sorted((cell, n) for cell, n in changes.items() if n)
    if not changes:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = cell_columns(model)
    names = ", ".join(quote(c) for c in columns)
    parameters = ", ".join(["%s"] * (len(columns) + 1))
    sql = (
        f"INSERT INTO {table} ({names}, {quote('n')}) VALUES ({parameters}) "
        f"ON CONFLICT ({names}) DO UPDATE SET {quote('n')} = {table}.{quote('n')} + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, n) for cell, n in changes])


def lock(rows) -> None:
    """Lock `rows` (a queryset), in the order of their keys, until the transaction ends (SQLite
    has one writer at a time and needs none); outside a transaction a write is one statement
    and nothing is held."""
    if connection.in_atomic_block and connection.features.has_select_for_update:
        list(rows.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))


def count_before(instance, name: str, rows, counted: Callable[[object], Counter]) -> None:
    """Before a write: lock `rows` (a queryset, or None for nothing) and note on `instance`
    what they count."""
    if rows is not None:
        lock(rows)
    instance.__dict__[f"_{name}_before"] = Counter() if rows is None else counted(rows)


def add_difference(
    instance, name: str, rows, counted: Callable[[object], Counter], add: Callable[[Counter], None]
) -> None:
    """After the write: add what `rows` count now, less what `count_before` noted."""
    previous = instance.__dict__.pop(f"_{name}_before", None)
    if previous is None:
        return
    now = Counter() if rows is None else counted(rows)
    now.subtract(previous)
    add(now)


def keep_counted(
    name: str,
    models,
    rows_of: Callable[[object], object | None],
    counted: Callable[[object], Counter],
    add: Callable[[Counter], None],
) -> None:
    """Keep counts true on every save and delete of `models`: the rows `rows_of(instance)`
    selects (a queryset, or None for an instance not yet saved that counts nothing) are locked
    and counted (`counted`) before the write and after it, and the difference added (`add`).
    `name` tells these receivers apart from other counts kept on the same models."""

    def before(sender, instance, raw=False, **kwargs) -> None:
        if raw:  # loaddata: the counts are made again after a restore
            return
        count_before(instance, name, rows_of(instance), counted)

    def after(sender, instance, raw=False, **kwargs) -> None:
        if f"_{name}_before" in instance.__dict__:
            add_difference(instance, name, rows_of(instance), counted, add)

    for model in models:
        uid = f"{name}-{model._meta.label_lower}"
        # Held strongly: the receivers live in this call, not in a module.
        for signal, receiver, when in (
            (pre_save, before, "pre-save"),
            (post_save, after, "post-save"),
            (pre_delete, before, "pre-delete"),
            (post_delete, after, "post-delete"),
        ):
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-{when}")
