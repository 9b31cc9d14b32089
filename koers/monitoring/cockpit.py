"""The monitoring's part of a programme's cockpit (koers.organisations.cockpit): its reporting
rounds for whoever may follow the progress (`monitoring.view_progress`), and the reports in the
latest round for those who may read them: all of them for the office and the council, those of
their own organisations for a contributor or a family's coordinator
(`ProgressReport.objects.visible_to`). Two queries."""

from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import roles
from koers.organisations.cockpit import Fact, Panel

from .models import ProgressReport, ReportingRound
from .querysets import readable_organisations


def programme_cockpit(programme, user) -> list[Panel]:
    panel = Panel("monitoring", app_label="monitoring")
    if not user.has_perm("monitoring.view_progress", programme):
        return [panel]
    today = timezone.localdate()
    rounds = list(ReportingRound.objects.filter(programme=programme).opened(today).in_order())
    panel.reached = bool(rounds)
    if not rounds:
        return [panel]
    latest = rounds[-1]
    panel.figures.append(Fact(_("Rapportagerondes"), len(rounds)))
    panel.figures.append(Fact(_("Laatste ronde"), latest.label))
    panel.dates.append(Fact(_("Uiterste datum van de laatste ronde"), latest.deadline))
    if readable_organisations(user, programme) is not None and not [
        role
        for role in roles(user, RoleKind.CONTRIBUTOR, RoleKind.COORDINATOR)
        if role.programme_id == programme.pk
    ]:
        return [panel]
    reports = ProgressReport.objects.visible_to(user, programme).current().filter(round=latest)
    n = reports.values("organisation").distinct().count()
    if user.has_perm("monitoring.view_all_progress", programme):
        label = _("Organisaties die rapporteerden")
    else:
        label = _("Eigen organisaties die rapporteerden")
    panel.figures.append(Fact(label, n))
    return [panel]
