"""The consultation's part of a programme's cockpit (koers.organisations.cockpit): the input the
viewer may read and the round tables. Two queries."""

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.cockpit import Fact, Panel

from .models import Contribution, RoundTable


def programme_cockpit(programme, user) -> list[Panel]:
    now = timezone.now()
    panel = Panel("consultation", app_label="consultation")
    # The input this viewer may read (consultation.view_contribution): all of it for the
    # office, what moderation did not hide for the council, the published input for others.
    contributions = Contribution.objects.visible_to(user, programme).order_by().count()
    tables = RoundTable.objects.filter(programme=programme).aggregate(
        held=Count("pk", filter=Q(ends_at__lt=now)),
        coming=Count("pk", filter=Q(ends_at__gte=now)),
        next_at=Min("starts_at", filter=Q(starts_at__gte=now)),
    )
    panel.figures.append(Fact(_("Inbreng"), contributions))
    panel.figures.append(Fact(_("Ronde tafels gehouden"), tables["held"]))
    if tables["coming"]:
        panel.figures.append(Fact(_("Ronde tafels gepland"), tables["coming"]))
    if tables["next_at"]:
        panel.dates.append(Fact(_("Volgende ronde tafel"), timezone.localdate(tables["next_at"])))
    return [panel]
