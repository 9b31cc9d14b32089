from django.db import models
from django.db.models.functions import Coalesce

from .constants import ACTIVE_RUN_STATES, RunState


class SynthesisRunQuerySet(models.QuerySet):
    def active(self):
        """Runs that are queued or working: while one exists, no other run starts."""
        return self.filter(state__in=ACTIVE_RUN_STATES)

    def stale(self, cutoff):
        """Working runs without a sign of life since `cutoff`: their worker died. A run that
        never wrote a heartbeat counts from its start (or its request)."""
        return (
            self.filter(state=RunState.RUNNING)
            .alias(alive_at=Coalesce("heartbeat_at", "started_at", "requested_at"))
            .filter(alive_at__lt=cutoff)
        )


class ThemeQuerySet(models.QuerySet):
    def active(self):
        """Themes that still stand: not merged into another one."""
        return self.filter(merged_into__isnull=True)

    def of_programme(self, programme):
        return self.filter(programme=programme)


class AssignmentQuerySet(models.QuerySet):
    def by_machine(self):
        return self.filter(assigned_by__isnull=True)

    def by_people(self):
        return self.filter(assigned_by__isnull=False)

    def counted(self):
        """Assignments of input that counts: not hidden by moderation."""
        return self.filter(contribution__is_hidden=False)
