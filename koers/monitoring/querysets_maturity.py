from django.db import connection, models

from koers.organisations.models import Organisation

from .querysets import readable_organisations


class IndicatorQuerySet(models.QuerySet):
    def current(self, day):
        """Per code the latest version valid on `day` (a programme's catalogue on that day)."""
        valid = self.filter(valid_from__lte=day)
        latest = (
            valid.filter(programme=models.OuterRef("programme"), code=models.OuterRef("code"))
            .order_by("-version")
            .values("pk")[:1]
        )
        return valid.filter(pk=models.Subquery(latest))


class ObservationQuerySet(models.QuerySet):
    def with_notes_visible_to(self, user, programme):
        """The observations of `programme` whose note `user` may read: the rule of the progress
        reports (ProgressReport.objects.visible_to). The values themselves are figures, public
        for a public programme."""
        mine = self.filter(indicator__programme=programme)
        allowed = readable_organisations(user, programme)
        if allowed is None:
            return mine
        return mine.filter(organisation__in=Organisation.objects.filter(allowed))

    def periods_of(self, indicator_id: int) -> list[str]:
        """The distinct periods observed for one indicator, by skipping from each period to the
        next along the (indicator, period) index: one seek per period, where DISTINCT would
        read every observation of the indicator (170,000 at 10,000 organisations)."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE seen(period) AS (
                    SELECT MIN(period) FROM {table} WHERE indicator_id = %s
                    UNION ALL
                    SELECT (
                        SELECT MIN(o.period) FROM {table} o
                        WHERE o.indicator_id = %s AND o.period > seen.period
                    )
                    FROM seen WHERE seen.period IS NOT NULL
                )
                SELECT period FROM seen WHERE period IS NOT NULL
                """,
                [indicator_id, indicator_id],
            )
            return [period for (period,) in cursor.fetchall()]
