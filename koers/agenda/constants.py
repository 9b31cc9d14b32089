from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """The kinds of agenda item a change in the trace can be about."""

    SECTION = "hoofdstuk", _("hoofdstuk")
    PARAGRAPH = "alinea", _("alinea")
    STEP = "stap", _("stap")
    MAIN_ACTIVITY = "hoofdactiviteit", _("hoofdactiviteit")


class VersionState(models.TextChoices):
    DRAFT = "voorzet", _("voorzet")
    CONCEPT = "concept", _("concept")
    ADOPTED = "vastgesteld", _("vastgesteld")


class AdoptedBy(models.TextChoices):
    """Who adopted a version: the council, or (only in a programme without one) the office."""

    COUNCIL = "regieraad", _("Vastgesteld door de regieraad")
    OFFICE = "programmabureau", _("Vastgesteld door het programmabureau (geen regieraad)")


# The only moves a version may make; adopted is final (a change means a new version).
VERSION_TRANSITIONS = {
    VersionState.DRAFT: {VersionState.CONCEPT},
    VersionState.CONCEPT: {VersionState.ADOPTED},
    VersionState.ADOPTED: set(),
}
