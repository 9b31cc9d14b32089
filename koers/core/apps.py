from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs) -> None:
    """Make the database cache's table whenever the database is migrated.

    Without Redis the rate-limit counters live in that table (settings.CACHES); creating it here
    means `koers migrate` and `koers run` are all an operator runs. It does nothing when the table
    exists or the cache is not in the database.
    """
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "koers.core"
    label = "core"

    def ready(self):
        # Connected to this app only, so that it runs once per migrate, not once per app.
        post_migrate.connect(create_cache_table, sender=self)
