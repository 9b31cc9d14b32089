from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.core.history import HistoricalRecords
from koers.organisations.models import Council

from .constants import Decision, MeetingState, RecommendationAction, RecommendationStatus


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
        return f"{self.get_action_display()} ({self.paragraph.section.title})"
