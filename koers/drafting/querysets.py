from django.db.models import Prefetch, QuerySet

from koers.agenda.models import AgendaVersion
from koers.consultation.models import Contribution
from koers.synthesis.models import Theme

from .models import Change


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
