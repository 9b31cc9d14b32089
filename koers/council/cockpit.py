"""The council's part of a programme's cockpit (koers.organisations.cockpit): the decisions it
took, which the decision list shows to every reader of the programme, and for the office and
the council's members its meetings. Two or three queries."""

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.cockpit import Fact, Panel

from .constants import MeetingState, RecommendationStatus
from .models import CouncilMeeting, MeetingItem, Recommendation


def programme_cockpit(programme, user) -> list[Panel]:
    panel = Panel("council", app_label="council")
    if getattr(programme, "council", None) is None:
        return [panel]
    of_programme = Q(meeting__council__programme=programme)
    decided = (
        MeetingItem.objects.filter(of_programme).exclude(decision="").count()
        + Recommendation.objects.filter(of_programme)
        .exclude(status=RecommendationStatus.OPEN)
        .count()
    )
    panel.reached = decided > 0
    panel.figures.append(Fact(_("Besluiten"), decided))
    if user.has_perm("council.view_meetings", programme):
        now = timezone.now()
        meetings = CouncilMeeting.objects.filter(council__programme=programme).aggregate(
            n=Count("pk"),
            held=Count("pk", filter=Q(state=MeetingState.HELD)),
            last_at=Max("starts_at", filter=Q(state=MeetingState.HELD)),
            next_at=Min("starts_at", filter=Q(state=MeetingState.PLANNED, starts_at__gte=now)),
        )
        panel.reached = panel.reached or meetings["n"] > 0
        panel.figures.append(Fact(_("Vergaderingen gehouden"), meetings["held"]))
        if meetings["last_at"]:
            panel.dates.append(
                Fact(_("Laatste vergadering"), timezone.localdate(meetings["last_at"]))
            )
        if meetings["next_at"]:
            panel.dates.append(
                Fact(_("Volgende vergadering"), timezone.localdate(meetings["next_at"]))
            )
    return [panel]
