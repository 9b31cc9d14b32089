from django.db import models
from django.utils.translation import gettext_lazy as _


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
