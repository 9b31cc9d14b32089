"""The structured agenda of a version, and the trace of what changed it.

Beside the text (sections and paragraphs, in the consultation app), a version names the key
steps for all of government (Step) and, under a step, each family's main activities
(MainActivity). Like paragraphs, steps and main activities keep an anchor from version to
version, so a change can be followed through every version, and an adopted version is frozen.

The trace (Change) records every change to a paragraph, a section, a step or a main activity in
a version, with the contributions and themes that caused it and the person who made it.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.consultation.models import AgendaVersion, Contribution
from koers.organisations.models import Facility, Family, Organisation
from koers.synthesis.models import Theme

from .constants import ChangeAction, ItemKind


class _VersionItem(models.Model):
    """Something that belongs to one version and freezes with it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version.ensure_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.version.ensure_editable()
        return super().delete(*args, **kwargs)


class Step(_VersionItem):
    """A government-wide key step (stap)."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="steps")
    anchor = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("omschrijving (Markdown)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="unique_step_anchor"),
        ]

    def __str__(self):
        return self.title

    @property
    def short_anchor(self) -> str:
        return str(self.anchor)[:8]


class MainActivity(_VersionItem):
    """A step made concrete for one family (hoofdactiviteit)."""

    version = models.ForeignKey(
        AgendaVersion, on_delete=models.CASCADE, related_name="main_activities"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="main_activities")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="main_activities")
    anchor = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("omschrijving (Markdown)"), blank=True)
    intended_outcome = models.TextField(_("beoogd resultaat"), blank=True)
    deadline = models.DateField(_("deadline"))
    responsible = models.ManyToManyField(
        Organisation, blank=True, related_name="main_activities", verbose_name=_("verantwoordelijk")
    )
    facilities = models.ManyToManyField(
        Facility, blank=True, related_name="main_activities", verbose_name=_("voorzieningen")
    )

    history = HistoricalRecords(m2m_fields=[responsible, facilities])

    class Meta:
        ordering = ["version", "family__position", "step__position", "position", "pk"]
        verbose_name = _("hoofdactiviteit")
        verbose_name_plural = _("hoofdactiviteiten")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "anchor"], name="unique_main_activity_anchor"
            ),
        ]
        indexes = [models.Index(fields=["version", "family"])]

    def __str__(self):
        return self.title

    @property
    def short_anchor(self) -> str:
        return str(self.anchor)[:8]

    def clean(self):
        super().clean()
        if self.step_id and self.version_id and self.step.version_id != self.version_id:
            raise ValidationError(_("De stap hoort bij een andere versie."))
        if (
            self.family_id
            and self.version_id
            and (self.family.programme_id != self.version.programme_id)
        ):
            raise ValidationError({"family": _("Deze familie hoort bij een ander programma.")})
        deadline = self.version.programme.deadline if self.version_id else None
        if self.deadline and deadline and self.deadline > deadline:
            raise ValidationError(
                {
                    "deadline": _(
                        "De deadline ligt na die van het programma (%(date)s); kies "
                        "%(date)s of eerder."
                    )
                    % {"date": deadline.strftime("%d-%m-%Y")}
                }
            )


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
