from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    ADDED = "toegevoegd", _("toegevoegd")
    CHANGED = "gewijzigd", _("gewijzigd")
    REMOVED = "verwijderd", _("verwijderd")
