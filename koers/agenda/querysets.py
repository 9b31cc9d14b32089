"""Reusable filters of the agenda: which versions the public sees, and the structure and trace
of one version read in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from koers.consultation.models import AgendaVersion, Contribution
from koers.synthesis.models import Theme

from .models import Change, MainActivity, Step


def public_versions(programme) -> QuerySet:
    return AgendaVersion.objects.filter(programme=programme).public()


def main_activities(version: AgendaVersion | None, family=None) -> QuerySet:
    """A version's main activities (of every version for None) with all they show, in reading
    order."""
    activities = MainActivity.objects.all()
    if version is not None:
        activities = activities.filter(version=version)
    if family is not None:
        activities = activities.filter(family=family)
    return (
        activities.select_related("family", "step")
        .prefetch_related("responsible", "facilities")
        .order_by("step__position", "step_id", "family__position", "family__name", "position", "pk")
    )


def steps_with_activities(version: AgendaVersion, family=None) -> QuerySet:
    """Steps in order, each with its main activities (of one family, when given) prefetched as
    `step.activities`."""
    return (
        Step.objects.filter(version=version)
        .prefetch_related(
            Prefetch(
                "main_activities",
                queryset=main_activities(version, family),
                to_attr="activities",
            )
        )
        .order_by("position", "pk")
    )


def changes(version: AgendaVersion) -> QuerySet:
    """The trace of a version, oldest first, with what every change needs to show."""
    return (
        Change.objects.filter(version=version)
        .select_related("made_by")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("family", "organisation").order_by(
                    "pk"
                ),
            ),
            Prefetch("themes", queryset=Theme.objects.order_by("label", "pk")),
        )
        .order_by("made_at", "pk")
    )
