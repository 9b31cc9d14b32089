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

from koers.consultation.models import AgendaVersion, Contribution, Paragraph, Section
from koers.organisations.models import Council, Facility, Family, Organisation
from koers.synthesis.models import Theme

from .constants import (
    ChangeAction,
    CommitmentStatus,
    Decision,
    ItemKind,
    MeetingState,
    RecommendationAction,
    RecommendationStatus,
)


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


class CouncilMeeting(models.Model):
    """A meeting of the programme's council (regieraad) about a concept version."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    version = models.ForeignKey(
        AgendaVersion, on_delete=models.PROTECT, related_name="council_meetings"
    )
    title = models.CharField(_("titel"), max_length=300)
    starts_at = models.DateTimeField(_("begint om"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    minutes = models.TextField(_("verslag (Markdown)"), blank=True)
    # The version the meeting adopted, once it did (a new, frozen version based on `version`).
    adopted_version = models.OneToOneField(
        AgendaVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="adopted_in"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("vergadering van de regieraad")
        verbose_name_plural = _("vergaderingen van de regieraad")
        constraints = [
            # A concept is adopted once: a second adoption would drop the first one's changes.
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(adopted_version__isnull=False),
                name="one_adoption_per_concept",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def programme_id(self):
        # Rules read the programme from the object; the council has it.
        return self.council.programme_id


class MeetingItem(models.Model):
    """An agenda item of a meeting: a section of the concept (or a general point), and the
    council's decision on it with the minutes."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_items"
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, blank=True)
    amended_text = models.TextField(_("gewijzigde tekst (Markdown)"), blank=True)
    minutes = models.TextField(_("notulen"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    """A change recommendation on a paragraph (wijzigingsvoorstel): replace, insert or delete a
    passage; the council accepts or rejects each one."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="recommendations"
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.PROTECT, related_name="recommendations"
    )
    action = models.CharField(_("soort"), max_length=20, choices=RecommendationAction.choices)
    passage = models.TextField(_("bestaande passage"), blank=True)
    new_text = models.TextField(_("nieuwe tekst"), blank=True)
    motivation = models.TextField(_("toelichting"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "paragraph__section__position", "paragraph__position", "pk"]
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")

    def __str__(self):
        return f"{self.get_action_display()} ({self.paragraph.short_anchor})"


class Commitment(models.Model):
    """One organisation's elaboration of a main activity (uitwerking), or a commitment of its own.

    It points at the main activity by anchor as well, so it stays attached when a later adopted
    version carries the same main activity."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="commitments"
    )
    main_activity = models.ForeignKey(
        MainActivity, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    main_activity_anchor = models.UUIDField(null=True, blank=True, db_index=True)
    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.CASCADE, related_name="commitments"
    )
    title = models.CharField(_("titel"), max_length=300)
    what = models.TextField(_("wat wij doen"))
    how = models.TextField(_("hoe wij het doen"), blank=True)
    owner = models.CharField(_("eigenaar"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.DRAFT,
    )
    facilities = models.ManyToManyField(
        Facility, blank=True, related_name="commitments", verbose_name=_("voorzieningen")
    )
    depends_on = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="depended_on_by",
        verbose_name=_("afhankelijk van"),
    )
    dependency_note = models.TextField(_("toelichting afhankelijkheden"), blank=True)
    # Set when the commitment came over from an organisation that merged into this one.
    transferred_from = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transferred_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[facilities, depends_on], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = _("uitwerking")
        verbose_name_plural = _("uitwerkingen")
        indexes = [models.Index(fields=["programme", "organisation"])]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """A dated deliverable of a commitment (mijlpaal)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("titel"), max_length=300)
    due_on = models.DateField(_("datum"))
    done_on = models.DateField(_("gereed op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "due_on", "pk"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self):
        return self.title


class Reminder(models.Model):
    """A reminder a coordinator (or the office) sent to organisations with missing elaborations."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="reminders")
    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    organisations = models.ManyToManyField(Organisation, related_name="reminders")
    recipients = models.PositiveIntegerField(_("ontvangers"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")

    def __str__(self):
        return f"{self.family} {self.sent_at:%Y-%m-%d}"
