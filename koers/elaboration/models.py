from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion, MainActivity
from koers.core.history import HistoricalRecords
from koers.organisations.models import Facility, Family, Organisation

from .constants import CommitmentStatus


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
