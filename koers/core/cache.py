"""The default cache without Redis: Django's database cache, with a safe increment.

The rate limits count with `add` and `incr`. Django's database cache increments by reading and
then writing, so two server processes that count the same client at the same moment can both
read 4 and both write 5. Here the read and the write are one transaction that holds the row
(PostgreSQL: SELECT ... FOR UPDATE; SQLite: the write lock its IMMEDIATE transactions take at
the start), so the second process waits and reads 5.
"""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class CountingDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
