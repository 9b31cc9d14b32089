"""The history of a model: django-simple-history's `HistoricalRecords`, with two changes.

- simple_history makes the `history` manager anew each time `instance.history` is read: a new
  class, with every method of the QuerySet copied onto it by introspection. It is read for every
  row it records, so a save cost more in making that class than in writing the row. The class is
  the same each time; it is made once per QuerySet class here.
- simple_history writes a history record for every save and for every change to a tracked
  many-to-many field, each with a copy of all those fields. A main activity made with its
  responsible organisations and its facilities got three records for one change. `one_record`
  makes one change one record.
"""

import functools
from contextlib import contextmanager

from simple_history import manager, models

# {model: its HistoricalRecords}, for `one_record`.
_records: dict = {}


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        _records[cls] = self

    # Inside `one_record` simple_history records nothing; these note that there is something to
    # record.
    def post_save(self, instance, created, using=None, **kwargs):
        if hasattr(instance, "skip_history_when_saving"):
            instance._history_pending = True
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action.startswith("post_") and hasattr(instance, "skip_history_when_saving"):
            instance._history_pending = True
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


@contextmanager
def one_record(instance):
    """The saves of `instance` and the changes to its tracked many-to-many fields inside the
    block as one history record: '+' for a new object, '~' for a changed one, none when nothing
    was written, nor when the block raises (its transaction is rolled back)."""
    adding = instance._state.adding
    instance.skip_history_when_saving = True
    try:
        yield instance
    finally:
        del instance.skip_history_when_saving
        pending = instance.__dict__.pop("_history_pending", False)
    if pending:
        _records[type(instance)].create_historical_record(instance, "+" if adding else "~")
