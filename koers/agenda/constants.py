from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """The kinds of agenda item a change in the trace can be about."""

    SECTION = "hoofdstuk", _("hoofdstuk")
    PARAGRAPH = "alinea", _("alinea")
    STEP = "stap", _("stap")
    MAIN_ACTIVITY = "hoofdactiviteit", _("hoofdactiviteit")


class ChangeAction(models.TextChoices):
    ADDED = "toegevoegd", _("toegevoegd")
    CHANGED = "gewijzigd", _("gewijzigd")
    REMOVED = "verwijderd", _("verwijderd")


class MeetingState(models.TextChoices):
    PLANNED = "gepland", _("gepland")
    HELD = "gehouden", _("gehouden")


class Decision(models.TextChoices):
    """What the council decided on a section of the concept."""

    AGREE = "akkoord", _("akkoord")
    AMEND = "gewijzigd", _("akkoord met wijziging")
    DEFER = "aangehouden", _("aangehouden")


class RecommendationAction(models.TextChoices):
    REPLACE = "vervangen", _("passage vervangen")
    INSERT = "invoegen", _("passage invoegen")
    DELETE = "schrappen", _("passage schrappen")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "aangenomen", _("aangenomen")
    REJECTED = "verworpen", _("verworpen")


class CommitmentStatus(models.TextChoices):
    DRAFT = "concept", _("in voorbereiding")
    COMMITTED = "toegezegd", _("toegezegd")
    DONE = "gereed", _("gereed")
