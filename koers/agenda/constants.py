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
