"""Synthesis: what the text engine proposed for a programme's input, and what people decided.

The machine proposes, people decide, and the record says which did what: every theme label,
every assignment of a contribution to a theme and every common-thread decision carries the
person who made it, or none when the machine did (with the run that proposed it). History
tables keep every earlier state. A new run never changes what a person decided.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koers.consultation.models import Contribution
from koers.core.history import HistoricalRecords
from koers.organisations.models import Programme

from .constants import ACTIVE_RUN_STATES, STAGE_LABELS, Outcome, RunMode, RunState
from .querysets import AssignmentQuerySet, SynthesisRunQuerySet, ThemeQuerySet

OTHER_LABEL = _("Overig")


class SynthesisRun(models.Model):
    """One analysis of a programme's input, run in the background by the task worker."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="synthesis_runs"
    )
    mode = models.CharField(_("soort"), max_length=20, choices=RunMode.choices)
    state = models.CharField(
        _("status"), max_length=20, choices=RunState.choices, default=RunState.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # Progress as the engine reports it: the stage it is in and how far along that stage.
    stage = models.CharField(_("stap"), max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    themes_requested = models.PositiveSmallIntegerField(_("aantal thema's"), null=True, blank=True)
    seed = models.PositiveIntegerField(_("startwaarde"), default=0)
    # Themes by meaning (sentence embeddings) instead of by words; slower, for full runs.
    deep = models.BooleanField(_("diepe analyse"), default=False)
    contributions = models.PositiveIntegerField(_("geanalyseerde inbreng"), default=0)
    themes_created = models.PositiveIntegerField(_("nieuwe thema's"), default=0)
    campaigns_found = models.PositiveIntegerField(_("campagnes"), default=0)
    decisions_kept = models.PositiveIntegerField(_("besluiten van mensen behouden"), default=0)
    # What a full analysis changed in the themes (koers.synthesis.services._match_themes):
    # {"kept": [labels], "split": [[from, new]], "merged": [[into, from]], "new": [labels]}.
    changes = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    # The working run writes this every few seconds; a run without it for SYNTHESIS_RUN_TIMEOUT
    # lost its worker and is marked failed (services.fail_stale_runs).
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("afgebroken door"),
    )
    # The engine's theme model (koers.text.ThemeModel.to_dict()) of a full run: its vocabulary
    # and weights let a later "new" run place input without clustering again.
    model = models.JSONField(null=True, blank=True)

    objects = SynthesisRunQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("synthese-run")
        verbose_name_plural = _("synthese-runs")

    def __str__(self):
        return f"{self.programme} – {self.get_mode_display()} ({self.requested_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("synthesis:synthesis-run", args=[self.programme.slug, self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_RUN_STATES

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))

    @property
    def percent(self) -> int:
        if self.state == RunState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class Theme(models.Model):
    """A group of contributions about one subject (thema)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("naam"), max_length=200)
    # None: the label the machine proposed (a later run may improve it); a person: theirs, kept.
    label_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    keywords = models.JSONField(_("trefwoorden"), default=list, blank=True)
    quotes = models.JSONField(_("citaten"), default=list, blank=True)
    # The two or three most central sentences of the theme, as the last analysis found them.
    summary = models.TextField(_("samenvatting"), blank=True, default="")
    # The one theme per programme for input that fits no theme: visible, never hidden away.
    is_other = models.BooleanField(default=False)
    # None: follow the machine's reading of the coverage; True/False: a person decided.
    common_thread_decision = models.BooleanField(_("rode draad (besluit)"), null=True, blank=True)
    common_thread_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    common_thread_at = models.DateTimeField(null=True, blank=True)
    proposed_by_run = models.ForeignKey(
        SynthesisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_themes"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["is_other", "label", "pk"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(is_other=True),
                name="one_other_theme_per_programme",
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("synthesis:theme-detail", args=[self.programme.slug, self.pk])

    @property
    def is_curated(self) -> bool:
        """A person touched this theme: made it, named it, or decided on its thread."""
        return bool(self.created_by_id or self.label_by_id or self.common_thread_by_id)

    def is_common_thread(self, proposed: bool) -> bool:
        """Whether it counts as a common thread: a person's decision wins over the proposal."""
        if self.is_other:
            return False
        return proposed if self.common_thread_decision is None else self.common_thread_decision


class Campaign(models.Model):
    """The same letter sent by many people, collapsed to a representative that carries the count."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="campaigns")
    run = models.ForeignKey(SynthesisRun, on_delete=models.CASCADE, related_name="campaigns")
    number = models.PositiveIntegerField(_("nummer"))
    representative = models.ForeignKey(
        Contribution, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("representatieve tekst"))
    size = models.PositiveIntegerField(_("aantal"))

    class Meta:
        ordering = ["-size", "number"]
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        # The lists read the largest first straight from this index (27,000 campaigns in a
        # million contributions were sorted in full for every page).
        indexes = [models.Index(fields=["programme", "-size", "number"], name="campaign_by_size")]

    def __str__(self):
        return f"{_('Campagne')} {self.number}"

    def get_absolute_url(self):
        return reverse("synthesis:campaign-detail", args=[self.programme.slug, self.pk])


class ThemeAssignment(models.Model):
    """Which theme a contribution is in, and who put it there."""

    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="theme_assignment"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="assignments")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # None: proposed by the machine in `run`; a person: their decision, which no run changes.
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run = models.ForeignKey(
        SynthesisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    similarity = models.FloatField(null=True, blank=True)
    assigned_at = models.DateTimeField(_("ingedeeld op"))

    history = HistoricalRecords()
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("indeling")
        verbose_name_plural = _("indelingen")
        indexes = [
            models.Index(fields=["theme", "contribution"]),
            # The counts per theme and family go from the input's counting index to this one,
            # reading neither table's rows (koers/synthesis/overview.py).
            models.Index(
                fields=["contribution", "theme", "assigned_by"], name="assignment_counting"
            ),
            # What people placed in a theme, its first examples for new input (services.py).
            models.Index(
                fields=["theme", "contribution"],
                condition=models.Q(assigned_by__isnull=False),
                name="assignment_by_person",
            ),
        ]

    def __str__(self):
        return f"{self.contribution_id} → {self.theme_id}"

    @property
    def by_machine(self) -> bool:
        return self.assigned_by_id is None


class SynthesisSettings(models.Model):
    """A programme's own thresholds for reading the coverage."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="synthesis_settings"
    )
    common_thread_share = models.PositiveSmallIntegerField(
        _("drempel rode draad (% van de families)"),
        default=80,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text=_("Een thema is een rode draad als zo'n deel van de families het noemt."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instellingen synthese")
        verbose_name_plural = _("instellingen synthese")

    def __str__(self):
        return str(self.programme)

    @classmethod
    def of(cls, programme: Programme) -> "SynthesisSettings":
        """The programme's settings; defaults until the office changes them (nothing stored)."""
        return cls.objects.filter(programme=programme).first() or cls(programme=programme)


class Disposition(models.Model):
    """What was done with one contribution, and why (verwerking), by a named person.

    Decided one by one or in bulk for a theme or a campaign; `via_theme` / `via_campaign` say
    which bulk decision it came from, and a later decision on the single contribution (an
    exception) clears them. Where a contribution landed in the agenda is recorded by the
    agenda's trace, which names the contributions and themes behind each change.
    """

    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="disposition"
    )
    outcome = models.CharField(_("verwerking"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("toelichting"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"))
    via_theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")
        indexes = [models.Index(fields=["outcome", "contribution"])]

    def __str__(self):
        return f"{self.contribution_id}: {self.get_outcome_display()}"

    @property
    def is_bulk(self) -> bool:
        return bool(self.via_theme_id or self.via_campaign_id)


class Tally(models.Model):
    """How many of a programme's contributions share one cell: theme, family, outcome, hidden or
    not, placed by a person or not, consented to publication, approved for the public. The theme
    and processing overviews and the API's counts read these few hundred rows instead of joining
    a million contributions; every write keeps them up to date
    (koers/synthesis/tally.py). Derived data: `recount` makes them again from the rows.

    Plain numbers, not foreign keys: a cell outlives nothing it names (a theme is deleted only
    when empty, and its cells are then 0), and a programme deleted with its input leaves rows
    that no live programme reads."""

    programme_key = models.PositiveIntegerField()
    theme_key = models.PositiveIntegerField()  # 0: in no theme
    family_key = models.PositiveIntegerField()  # 0: from no family
    outcome = models.CharField(max_length=20, blank=True)  # "": not processed yet
    hidden = models.BooleanField()
    by_person = models.BooleanField()
    # The two parts of publication that belong to the contribution itself (the third, how the
    # programme moderates, is read from the programme): its author consented, and, when it came
    # from a public channel, the office approved a text for the public.
    consented = models.BooleanField(default=True)
    approved = models.BooleanField(default=True)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "programme_key",
                    "theme_key",
                    "family_key",
                    "outcome",
                    "hidden",
                    "by_person",
                    "consented",
                    "approved",
                ],
                name="tally_cell",
            )
        ]

    def __str__(self):
        return f"{self.programme_key}/{self.theme_key}/{self.family_key}: {self.n}"


class ThemeVoice(models.Model):
    """How many of a programme's contributions in one theme speak for one organisation, hidden
    or not: a theme's page names the organisations that raise it most from these rows instead of
    visiting every member (115,803 in the demo's largest theme at a million). Kept with the
    tally, by the same writes (koers/synthesis/tally.py); derived data like it."""

    programme_key = models.PositiveIntegerField()
    theme_key = models.PositiveIntegerField()
    organisation_key = models.PositiveIntegerField()
    hidden = models.BooleanField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme_key", "theme_key", "organisation_key", "hidden"],
                name="theme_voice",
            )
        ]

    def __str__(self):
        return f"{self.theme_key}/{self.organisation_key}: {self.n}"
