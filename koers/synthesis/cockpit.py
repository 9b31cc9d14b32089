"""The synthesis's part of a programme's cockpit (koers.organisations.cockpit): for those who may
read the processing, how much of the input has been processed into the concept, and for those
who may read the synthesis, its themes. At most two queries."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from koers.consultation.models import Contribution
from koers.organisations.cockpit import Fact, Panel

from .models import Disposition, Theme


def programme_cockpit(programme, user) -> list[Panel]:
    panel = Panel("concept", app_label="synthesis")
    if user.has_perm("synthesis.view_processing", programme):
        counts = (
            Contribution.objects.filter(programme=programme)
            .visible()
            .aggregate(
                total=Count("pk"),
                done=Count("pk", filter=Q(pk__in=Disposition.objects.values("contribution_id"))),
            )
        )
        panel.figures.append(Fact(_("Verwerkte inbreng"), counts["done"]))
        waiting = counts["total"] - counts["done"]
        panel.figures.append(Fact(_("Nog niet verwerkte inbreng"), waiting))
    if user.has_perm("synthesis.view_synthesis", programme):
        themes = Theme.objects.of_programme(programme).active().count()
        panel.figures.append(Fact(_("Thema's"), themes))
    return [panel]
