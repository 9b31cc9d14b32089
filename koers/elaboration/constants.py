from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentStatus(models.TextChoices):
    DRAFT = "concept", _("in voorbereiding")
    COMMITTED = "toegezegd", _("toegezegd")
    DONE = "gereed", _("gereed")
