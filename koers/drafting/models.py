from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.agenda.constants import ItemKind
from koers.agenda.models import AgendaVersion
from koers.consultation.models import Contribution
from koers.core.history import HistoricalRecords
from koers.synthesis.models import Theme

from .constants import ChangeAction


class Change(models.Model):
    """One change to one agenda item in a version, and what caused it (the trace)."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("soort onderdeel"), max_length=20, choices=ItemKind.choices)
    anchor = models.UUIDField(_("anker van het onderdeel"))
    action = models.CharField(_("wijziging"), max_length=20, choices=ChangeAction.choices)
    summary = models.TextField(_("toelichting"))
    contributions = models.ManyToManyField(
        Contribution, blank=True, related_name="agenda_changes", verbose_name=_("inbreng")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="agenda_changes", verbose_name=_("thema's")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[contributions, themes])

    class Meta:
        ordering = ["version", "made_at", "pk"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        indexes = [models.Index(fields=["version", "kind", "anchor"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.get_kind_display()} ({self.version})"

    def save(self, *args, **kwargs):
        # The trace of an adopted version is as frozen as its text.
        if self._state.adding:
            self.version.ensure_editable()
        super().save(*args, **kwargs)
