"""Monitoring to the deadline: reporting rounds, progress reports and the milestones' plans.

- A reporting round (rapportageronde) asks every organisation with commitments in the programme
  how far each commitment is, for one period, by a deadline.
- A progress report is append-only: a new report on the same commitment in the same round
  supersedes the previous one (`number` + 1, `is_current` moves), and never changes it. Two
  reports made from the same state cannot both become current: the constraints refuse the
  second, and the form says what was reported meanwhile.
- A milestone's plan is a history too: its baseline (the date when it was frozen, see
  FrozenBecause) and every re-plan after it, each with its date, reason and author. Slippage is
  measured against the baseline, whatever was re-planned since.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.core.history import HistoricalRecords
from koers.elaboration.models import Commitment, Milestone
from koers.organisations.models import Organisation, Programme

from . import periods
from .constants import FrozenBecause, PlanKind, ReportStatus
from .querysets import MilestonePlanQuerySet, ProgressReportQuerySet, ReportingRoundQuerySet


class ReportingRound(models.Model):
    """The office asks for progress over one period, by a deadline."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reporting_rounds"
    )
    period = models.CharField(_("periode"), max_length=7, validators=[periods.validate_period])
    # The period's last day, kept to sort rounds of different kinds in one query.
    period_ends_on = models.DateField(editable=False)
    opens_on = models.DateField(_("open vanaf"), default=timezone.localdate)
    deadline = models.DateField(_("uiterste datum"))
    note = models.TextField(_("toelichting voor de organisaties"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # Closed by the office: no reports after this, and the round's progress report counts as
    # published. Empty while the round is open.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "period_ends_on", "period"]
        verbose_name = _("rapportageronde")
        verbose_name_plural = _("rapportagerondes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="unique_round_period"),
        ]

    def __str__(self):
        return f"{self.programme} {self.period}"

    def save(self, *args, **kwargs):
        self.period_ends_on = self.parsed.ends_on
        super().save(*args, **kwargs)

    @property
    def parsed(self) -> periods.Period:
        return periods.parse(self.period)

    @property
    def label(self) -> str:
        return self.parsed.label

    def clean(self):
        errors = {}
        if self.period:
            try:
                periods.validate_period(self.period)
            except ValidationError as error:
                errors["period"] = error.messages
        if self.deadline and self.opens_on and self.deadline < self.opens_on:
            errors["deadline"] = [_("De uiterste datum ligt vóór de opening.")]
        if errors:
            raise ValidationError(errors)

    def is_open(self, day: datetime.date | None = None) -> bool:
        """Whether organisations may report: from its opening on (late reports are welcome and
        shown as late)."""
        return self.opens_on <= (day or timezone.localdate())

    def is_late(self, at: datetime.datetime) -> bool:
        return timezone.localdate(at) > self.deadline

    def figures_on(self, today: datetime.date | None = None) -> datetime.date:
        """The day the round's progress report reads the forecast and the slippage at: the end
        of its period, or today while the period runs."""
        return min(self.period_ends_on, today or timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ProgressReport(models.Model):
    """How far one commitment is in one round, as its organisation reports it. Append-only."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="progress_reports"
    )
    # Who reported: the commitment's organisation then (a merger moves the commitment later).
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    percent = models.PositiveSmallIntegerField(
        _("percentage gereed"), validators=[MaxValueValidator(100)]
    )
    explanation = models.CharField(_("toelichting"), max_length=1000, blank=True)
    evidence_url = models.URLField(_("bewijs (link)"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("bewijs (bestand)"), upload_to="voortgang/%Y/%m/", blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["round", "commitment", "number"]
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "commitment", "number"], name="unique_report_number"
            ),
            # One current report per commitment and round: of two reports made from the same
            # state, the second cannot become current as well.
            models.UniqueConstraint(
                fields=["round", "commitment"],
                condition=Q(is_current=True),
                name="one_current_report",
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_range"),
        ]
        indexes = [
            models.Index(fields=["round", "is_current"]),
            models.Index(fields=["commitment", "round"]),
            # A round's newest report in one seek: the stored roll-up's stamp.
            models.Index(fields=["round", "id"], name="report_round_newest"),
        ]

    def __str__(self):
        return f"{self.commitment} – {self.round.period} #{self.number}"

    def save(self, *args, **kwargs):
        # Append-only: once written, only `is_current` may change (when a newer one supersedes).
        update_fields = kwargs.get("update_fields")
        if (
            self.pk is not None
            and not self._state.adding
            and set(update_fields or ()) != {"is_current"}
        ):
            raise ValidationError(_("Een rapportage wordt nooit gewijzigd; maak een nieuwe."))
        super().save(*args, **kwargs)

    @property
    def is_late(self) -> bool:
        return self.round.is_late(self.reported_at)

    @property
    def programme_id(self) -> int:
        # So the rules (koers/accounts/rules.py) read a report as they read a commitment.
        return self.round.programme_id


class ReportedMilestone(models.Model):
    """What a report said about one milestone: done on a date, or re-planned to a date."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="milestones")
    # The milestone may later be removed from the commitment; what was reported stays.
    milestone = models.ForeignKey(
        Milestone, null=True, on_delete=models.SET_NULL, related_name="reported"
    )
    title = models.CharField(_("mijlpaal"), max_length=300)
    done_on = models.DateField(_("gereed op"), null=True, blank=True)
    replanned_to = models.DateField(_("nieuwe datum"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("gerapporteerde mijlpaal")
        verbose_name_plural = _("gerapporteerde mijlpalen")

    def __str__(self):
        return self.title


class MilestonePlan(models.Model):
    """One date a milestone was planned on: its baseline, or a re-plan after it. Append-only."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="plans")
    # Kept when the milestone is removed from the commitment, so its slippage stays visible.
    milestone = models.ForeignKey(
        Milestone, null=True, on_delete=models.SET_NULL, related_name="plans"
    )
    title = models.CharField(_("mijlpaal"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=PlanKind.choices)
    due_on = models.DateField(_("datum"))
    frozen_because = models.CharField(
        _("vastgelegd bij"), max_length=20, choices=FrozenBecause.choices, blank=True
    )
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = MilestonePlanQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "milestone", "recorded_at", "pk"]
        verbose_name = _("planning van een mijlpaal")
        verbose_name_plural = _("planningen van mijlpalen")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(kind=PlanKind.BASELINE),
                name="one_baseline_per_milestone",
            ),
        ]
        indexes = [
            models.Index(fields=["milestone", "kind"]),
            # The slipped milestones in the order of their baselines, read from the front:
            # a page of them costs a page, not a sort of every milestone.
            models.Index(fields=["kind", "due_on"], name="plan_kind_due_on"),
        ]

    def __str__(self):
        return f"{self.title}: {self.get_kind_display()} {self.due_on}"


class RoundReminder(models.Model):
    """A reminder mailed to one organisation's contributors in one round: once at most."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(_("ontvangers"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("herinnering voor een rapportageronde")
        verbose_name_plural = _("herinneringen voor rapportagerondes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="one_reminder_per_round_and_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.round} {self.organisation}"


from .models_maturity import Explanation, Indicator, Observation  # noqa: E402, F401
