import re

from django.db import connection, models
from django.db.models.expressions import RawSQL

from .constants import Publication


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        """Not hidden by moderation."""
        return self.filter(is_hidden=False)

    def published(self):
        """What may appear on public pages: visible, and the author consented to publication."""
        return self.visible().exclude(publication=Publication.NONE)

    def of_programme(self, programme):
        return self.filter(programme=programme)

    def search(self, text: str):
        """Full-text search: Dutch stemming on PostgreSQL, prefix matching with FTS5 on SQLite.

        Both run against an index (see migration 0002), so search stays fast at a million rows.
        """
        words = re.findall(r"\w+", text or "")
        if not words:
            return self
        if connection.vendor == "postgresql":
            ids = RawSQL(
                "SELECT id FROM consultation_contribution "
                "WHERE to_tsvector('dutch', text) @@ websearch_to_tsquery('dutch', %s)",
                [" ".join(words)],
            )
        elif connection.vendor == "sqlite":
            query = " ".join(f'"{w}"*' for w in words)
            ids = RawSQL(
                "SELECT rowid FROM consultation_contribution_fts WHERE consultation_contribution_fts MATCH %s",
                [query],
            )
        else:
            return self.filter(text__icontains=" ".join(words))
        return self.filter(pk__in=ids)
