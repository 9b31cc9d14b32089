"""The agenda itself: its versions, their text and their structure.

A version (draft, concept, adopted) holds its text in sections and paragraphs, the key steps for
all of government (Step) and, under a step, each family's main activities (MainActivity).
Paragraphs, steps and main activities keep an anchor from version to version, so a change can be
followed through every version (the trace, in koers/drafting), and an adopted version is frozen.
Contributions point at paragraphs, which is why the agenda comes before the consultation.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.core.history import HistoricalRecords
from koers.organisations.models import Facility, Family, Organisation, Programme

from .constants import VERSION_TRANSITIONS, AdoptedBy, VersionState
from .querysets import AgendaVersionQuerySet, MainActivityQuerySet, StepQuerySet


class FrozenVersionError(ValidationError):
    """An adopted version is frozen: changing it means making a new version."""


class AgendaVersion(models.Model):
    """One version of a programme's agenda text: draft (voorzet), concept or adopted."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versienummer"))
    title = models.CharField(_("titel"), max_length=300)
    introduction = models.TextField(_("inleiding"), blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    consultation_opens_at = models.DateTimeField(_("consultatie open vanaf"), null=True, blank=True)
    consultation_closes_at = models.DateTimeField(_("consultatie sluit op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    # Shown in the version's trace: in a programme with a council only the council adopts.
    adopted_by = models.CharField(
        _("vastgesteld door"), max_length=20, choices=AdoptedBy.choices, blank=True
    )

    history = HistoricalRecords()
    objects = AgendaVersionQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-number"]
        verbose_name = _("agendaversie")
        verbose_name_plural = _("agendaversies")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_version_number"),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()} {self.number})"

    def get_absolute_url(self):
        return reverse("consultation:version-detail", args=[self.programme.slug, self.number])

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.state == VersionState.ADOPTED

    def ensure_editable(self):
        if self.is_frozen:
            raise FrozenVersionError(
                _(
                    "Versie %(number)s is vastgesteld en kan niet meer veranderen; maak een nieuwe versie."
                )
                % {"number": self.number}
            )

    def is_public(self, at=None) -> bool:
        """The rule of AgendaVersionQuerySet.public() for one version."""
        if self.state != VersionState.DRAFT:
            return True
        opens = self.consultation_opens_at
        return opens is not None and opens <= (at or timezone.now())

    def can_move_to(self, state: str) -> bool:
        return state in VERSION_TRANSITIONS[VersionState(self.state)]

    def is_open_for_consultation(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.state == VersionState.DRAFT
            and self.consultation_opens_at is not None
            and self.consultation_opens_at <= at
            and (self.consultation_closes_at is None or at < self.consultation_closes_at)
        )


class Section(models.Model):
    """A chapter of a version. `anchor` stays the same from one version to the next."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="sections")
    anchor = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="unique_section_anchor"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.version.ensure_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.version.ensure_editable()
        return super().delete(*args, **kwargs)


class Paragraph(models.Model):
    """A paragraph of agenda text, in Markdown; the unit people react to.

    `anchor` survives edits and reordering from version to version, so a reaction given on the
    draft still finds its paragraph in the concept. Empty `families` means: meant for everyone.
    """

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    anchor = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("tekst (Markdown)"))
    families = models.ManyToManyField(
        Family, blank=True, related_name="paragraphs", verbose_name=_("voor families")
    )

    history = HistoricalRecords(m2m_fields=[families])

    class Meta:
        ordering = ["version", "section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="unique_paragraph_anchor"),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.version.ensure_editable()
        if self.section.version_id != self.version_id:
            raise ValidationError(_("De alinea en haar hoofdstuk horen bij verschillende versies."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.version.ensure_editable()
        return super().delete(*args, **kwargs)

    @property
    def short_anchor(self) -> str:
        return str(self.anchor)[:8]


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

    objects = StepQuerySet.as_manager()

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

    objects = MainActivityQuerySet.as_manager()

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
                    % {"date": date_format(deadline, "j F Y")}
                }
            )
