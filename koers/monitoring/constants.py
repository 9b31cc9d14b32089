from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """Where a commitment stands, as its organisation reports it in a round."""

    ON_TRACK = "op-schema", _("op schema")
    AT_RISK = "risico", _("risico")
    DELAYED = "vertraagd", _("vertraagd")
    DONE = "gereed", _("gereed")
    STOPPED = "gestopt", _("gestopt")


# Statuses that put a commitment on the list of what is late or at risk.
WORRYING = (ReportStatus.AT_RISK, ReportStatus.DELAYED, ReportStatus.STOPPED)
# Statuses that need a word of explanation.
EXPLAINED = WORRYING
# When an organisation has several commitments under one main activity (a merger brought one
# along), it counts once, with the gravest status among them.
GRAVITY = {
    ReportStatus.DONE: 0,
    ReportStatus.ON_TRACK: 1,
    ReportStatus.AT_RISK: 2,
    ReportStatus.DELAYED: 3,
    ReportStatus.STOPPED: 4,
}


class PlanKind(models.TextChoices):
    BASELINE = "basis", _("basisplanning")
    REPLAN = "herplanning", _("herplanning")


class FrozenBecause(models.TextChoices):
    """The moment a milestone's date became its baseline."""

    ADOPTION = "vaststelling", _("vaststelling van de agenda")
    COMMITTED = "toezegging", _("toezegging van de uitwerking")
    ROUND = "ronde", _("opening van een rapportageronde")
    REPORT = "rapportage", _("eerste rapportage")
