"""Digital maturity per organisation: a versioned catalogue of indicators per programme, the
observations per organisation, indicator and period, and what an organisation says about a low
score or a facility it will not adopt (comply or explain).

- An indicator has a code, a unit (a percentage, a count or an ordered scale whose levels are
  listed best first or worst first as `direction` says), a direction and a source. The
  catalogue is versioned: changing what an indicator measures is a new row with the same code,
  a higher `version` and the day it is valid from; observations point at the version they were
  made under, so older figures keep their meaning.
- An observation's value is a number; on a scale it is the level's position (0 for the first
  level). One observation per organisation, indicator (version) and period.
- An indicator of a common facility (DigiD, eHerkenning, ...) stores no observations: it reads
  the register's FacilityAdoption (koers/organisations), which the organisations already keep;
  copying it would give two truths. See `koers/monitoring/explain.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Facility, Organisation, Programme

from . import periods
from .querysets_maturity import IndicatorQuerySet, ObservationQuerySet


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", _("percentage")
    COUNT = "aantal", _("aantal")
    SCALE = "schaal", _("geordende schaal")


class Direction(models.TextChoices):
    HIGHER = "hoger", _("hoger is beter")
    LOWER = "lager", _("lager is beter")


class ObservationSource(models.TextChoices):
    SELF_REPORTED = "zelf", _("zelf gerapporteerd")
    IMPORTED = "import", _("geïmporteerd")
    MEASURED = "gemeten", _("gemeten")


class Indicator(models.Model):
    """One indicator of a programme's maturity catalogue, in one version."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("versie van de catalogus"), default=1)
    valid_from = models.DateField(_("geldig vanaf"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices)
    # The levels of a scale, in their order ("A", "B", ..., "E"); empty for other units.
    levels = models.JSONField(_("niveaus van de schaal"), default=list, blank=True)
    direction = models.CharField(
        _("richting"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("voorziening"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leest de aansluitingen uit het register; slaat zelf geen waarnemingen op."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "position", "code", "-version"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code", "version"], name="unique_indicator_version"
            ),
            models.CheckConstraint(
                condition=Q(facility__isnull=True) | Q(unit="percentage"),
                name="facility_indicator_is_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        if self.unit == Unit.SCALE and len(self.levels or []) < 2:
            raise ValidationError({"levels": _("Een schaal heeft ten minste twee niveaus.")})
        if self.unit != Unit.SCALE and self.levels:
            raise ValidationError({"levels": _("Alleen een schaal heeft niveaus.")})
        if self.facility_id and self.unit != Unit.PERCENTAGE:
            raise ValidationError(
                {"unit": _("Een indicator van een voorziening is een percentage aangesloten.")}
            )

    @property
    def maximum(self) -> float | None:
        if self.unit == Unit.PERCENTAGE:
            return 100
        if self.unit == Unit.SCALE:
            return len(self.levels) - 1
        return None

    def display(self, value: float | None) -> str:
        """A value as people read it: "73 %", "12", or the level "B"."""
        if value is None:
            return "–"
        if self.unit == Unit.SCALE:
            position = round(value)
            if 0 <= position < len(self.levels) and position == value:
                return str(self.levels[position])
            return f"{value:.1f}".replace(".", ",")
        text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} %" if self.unit == Unit.PERCENTAGE else text


class Observation(models.Model):
    """The value of one indicator for one organisation in one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="observations"
    )
    period = models.CharField(_("periode"), max_length=7, validators=[periods.validate_period])
    period_ends_on = models.DateField(editable=False)
    value = models.FloatField(_("waarde"))
    source = models.CharField(_("bron"), max_length=10, choices=ObservationSource.choices)
    observed_on = models.DateField(_("datum"), default=timezone.localdate)
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_ends_on", "organisation"]
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period"], name="one_observation_per_period"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period"]),
            models.Index(
                fields=["indicator", "period_ends_on", "period"], name="observation_latest"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.indicator.code} {self.period}: {self.value}"

    def save(self, *args, **kwargs):
        self.period_ends_on = periods.parse(self.period).ends_on
        super().save(*args, **kwargs)

    def clean(self):
        problem = check_value(self.indicator, self.value) if self.indicator_id else None
        if problem:
            raise ValidationError({"value": problem})
        if self.indicator_id and self.indicator.facility_id:
            raise ValidationError(
                _("Deze indicator leest de aansluitingen uit het register; voer die daar in.")
            )

    @property
    def programme_id(self) -> int:
        # So the rules (koers/accounts/rules.py) read it as they read a progress report.
        return self.indicator.programme_id


def check_value(indicator: Indicator, value: float) -> str | None:
    """What is wrong with `value` for `indicator`, in words; None when nothing is."""
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinity
        return _("Geen getal.")
    if indicator.unit == Unit.PERCENTAGE and not 0 <= value <= 100:
        return _("Een percentage ligt tussen 0 en 100.")
    if indicator.unit == Unit.COUNT and (value < 0 or value != int(value) or value >= 10**15):
        return _("Een aantal is een geheel getal van 0 tot 10¹⁵.")
    if indicator.unit == Unit.SCALE and value not in range(len(indicator.levels)):
        return _("Kies een van de niveaus: %s.") % ", ".join(map(str, indicator.levels))
    return None


class Explanation(models.Model):
    """Comply or explain: why an organisation scores low on an indicator, or will not adopt a
    facility. Read under the same rule as its progress reports."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="explanations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="maturity_explanations"
    )
    period = models.CharField(
        _("periode"),
        max_length=7,
        blank=True,
        validators=[periods.validate_period],
        help_text=_("Leeg: geldt voor alle periodes."),
    )
    will_not_adopt = models.BooleanField(_("sluit bewust niet aan"), default=False)
    text = models.TextField(_("uitleg"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "organisation", "-written_at"]
        verbose_name = _("uitleg bij een score")
        verbose_name_plural = _("uitleg bij scores")

    def __str__(self):
        return f"{self.organisation} {self.indicator.code}"

    @property
    def programme_id(self) -> int:
        return self.indicator.programme_id
