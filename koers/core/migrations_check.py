"""A database made by an earlier layout of the apps cannot be migrated forward.

The migrations started again at 0001 when the apps were rearranged by stage
(docs/adr/0011-apps-follow-the-cycle.md). A database whose history names migrations of Koers's
apps that no longer exist would be taken as up to date and fail later, page by page; this says so
before anything runs.
"""

from django.apps import apps
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader


def unknown_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The applied migrations of Koers's apps that are not on disk, as "app.name"."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("koers.")}
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in ours and (app, name) not in loader.disk_migrations
    )


def refuse_an_earlier_layout(using: str = DEFAULT_DB_ALIAS) -> None:
    unknown = unknown_migrations(using)
    if unknown:
        name = connections[using].settings_dict["NAME"]
        raise CommandError(
            f"The database {name} was made by an earlier version of Koers (it records the "
            f"migrations {', '.join(unknown[:3])}{', ...' if len(unknown) > 3 else ''}, which no "
            "longer exist). Make it again: remove the file (SQLite) or create an empty database, "
            "then run this command again. See docs/adr/0011-apps-follow-the-cycle.md."
        )
