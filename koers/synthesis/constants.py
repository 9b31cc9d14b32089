from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    QUEUED = "wachtrij", _("in de wachtrij")
    RUNNING = "bezig", _("bezig")
    DONE = "klaar", _("klaar")
    FAILED = "mislukt", _("mislukt")
    CANCELLED = "afgebroken", _("afgebroken")


class RunMode(models.TextChoices):
    # A full run clusters all input again; "new" assigns only unassigned input to the current,
    # curated themes (no re-clustering), which is what a programme wants once people curated.
    FULL = "volledig", _("alle inbreng opnieuw analyseren")
    NEW = "nieuw", _("alleen nieuwe inbreng indelen bij de huidige thema's")


ACTIVE_RUN_STATES = (RunState.QUEUED, RunState.RUNNING)


# The stages a run reports (koers.text's progress stages plus the application's own).
STAGE_LABELS = {
    "laden": _("inbreng laden"),
    "lezen": _("teksten lezen"),
    "campagnes": _("campagnes zoeken"),
    "betekenis": _("de betekenis van de teksten bepalen"),
    "thema's": _("thema's vormen"),
    "uitvoer": _("thema's beschrijven"),
    "indelen": _("nieuwe inbreng indelen"),
    "opslaan": _("resultaten opslaan"),
}


class Outcome(models.TextChoices):
    """What was done with a contribution (verwerking)."""

    ADOPTED = "overgenomen", _("overgenomen")
    PARTLY = "deels", _("deels overgenomen")
    NOT_ADOPTED = "niet", _("niet overgenomen")
    COVERED = "al-verwerkt", _("staat al in de agenda")
    OUT_OF_SCOPE = "buiten-bereik", _("valt buiten de agenda")
