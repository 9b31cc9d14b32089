"""The elaboration's part of a programme's cockpit (koers.organisations.cockpit): how many
organisations made commitments and how far these are, figures the elaboration overview shows
to every reader of the programme (`elaboration.view_commitments`). One query."""

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.cockpit import Fact, Panel

from .constants import CommitmentStatus
from .models import Commitment


def programme_cockpit(programme, user) -> list[Panel]:
    panel = Panel("elaboration", app_label="elaboration")
    counts = Commitment.objects.filter(programme=programme).aggregate(
        total=Count("pk"),
        organisations=Count("organisation", distinct=True),
        committed=Count("pk", filter=Q(status=CommitmentStatus.COMMITTED)),
        done=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
        first_at=Min("created_at"),
    )
    panel.reached = counts["total"] > 0
    if not panel.reached:
        return [panel]
    panel.dates.append(Fact(_("Eerste toezegging"), timezone.localdate(counts["first_at"])))
    panel.figures += [
        Fact(_("Organisaties met toezeggingen"), counts["organisations"]),
        Fact(_("Toezeggingen"), counts["total"]),
        Fact(_("Toegezegd"), counts["committed"]),
        Fact(_("Gereed"), counts["done"]),
    ]
    return [panel]
