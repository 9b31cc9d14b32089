"""The synthesis's part of a programme's cockpit (koers.organisations.cockpit): for those who may
read the processing, how much of the input has been processed into the concept, and for those
who may read the synthesis, its themes. At most two queries."""

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from koers.organisations.cockpit import Fact, Panel

from . import tally
from .models import Theme


def programme_cockpit(programme, user) -> list[Panel]:
    panel = Panel("concept", app_label="synthesis")
    if user.has_perm("synthesis.view_processing", programme):
        # From the tally (koers.synthesis.tally): the same figures as the processing overview.
        counts = (
            tally.read(programme.pk)
            .filter(hidden=False)
            .aggregate(total=Sum("n"), waiting=Sum("n", filter=Q(outcome="")))
        )
        waiting = counts["waiting"] or 0
        panel.figures.append(Fact(_("Verwerkte inbreng"), (counts["total"] or 0) - waiting))
        panel.figures.append(Fact(_("Nog niet verwerkte inbreng"), waiting))
    if user.has_perm("synthesis.view_synthesis", programme):
        themes = Theme.objects.of_programme(programme).active().count()
        panel.figures.append(Fact(_("Thema's"), themes))
    return [panel]
