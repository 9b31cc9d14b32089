"""Reusable filters of the agenda: which versions the public sees, and the structure and trace
of one version read in a fixed number of queries."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from .constants import VersionState


class AgendaVersionQuerySet(models.QuerySet):
    def public(self, at=None):
        """Versions the public may read: a draft is the office's working text until its
        consultation has opened; concepts and adopted versions are public (the programme's own
        visibility is checked apart)."""
        return self.filter(
            ~Q(state=VersionState.DRAFT) | Q(consultation_opens_at__lte=at or timezone.now())
        )

    def visible_to(self, user, programme):
        """The versions of `programme` that `user` may read: the list form of the rule
        `agenda.view_version` (koers/accounts/rules.py)."""
        mine = self.filter(programme=programme)
        if user.has_perm("agenda.manage_version", programme):
            return mine
        if not programme.is_public:
            return mine.none()
        return mine.public()


class MainActivityQuerySet(models.QuerySet):
    def for_reading(self, version=None, family=None):
        """A version's main activities (of every version for None) with all they show, in
        reading order."""
        activities = self
        if version is not None:
            activities = activities.filter(version=version)
        if family is not None:
            activities = activities.filter(family=family)
        return (
            activities.select_related("family", "step")
            .prefetch_related("responsible", "facilities")
            .order_by(
                "step__position", "step_id", "family__position", "family__name", "position", "pk"
            )
        )


class StepQuerySet(models.QuerySet):
    def with_activities(self, version, family=None):
        """Steps in order, each with its main activities (of one family, when given) prefetched
        as `step.activities`."""
        activities = self.model._meta.get_field("main_activities").related_model.objects
        return (
            self.filter(version=version)
            .prefetch_related(
                Prefetch(
                    "main_activities",
                    queryset=activities.for_reading(version, family),
                    to_attr="activities",
                )
            )
            .order_by("position", "pk")
        )
