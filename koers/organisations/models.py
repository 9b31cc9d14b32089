import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.core.history import HistoricalRecords

from .constants import (
    AdoptionState,
    CustomerGroup,
    FacilityKind,
    Kind,
    Moderation,
    ServiceDomain,
    SuccessionKind,
)
from .countries import DEFAULT_COUNTRY, country_name, is_country
from .querysets import OrganisationQuerySet, ProgrammeQuerySet


def validate_country(value: str) -> None:
    if not is_country(value):
        raise ValidationError(
            _("Onbekend land: %(code)s. Geef een EU/EER-landcode zoals NL of BE."),
            params={"code": value},
        )


class Organisation(models.Model):
    """One government body as the register knows it, with its period of validity."""

    tooi_uri = models.URLField(_("TOOI-URI"), max_length=200, unique=True, null=True, blank=True)
    code = models.CharField(_("organisatiecode"), max_length=40, unique=True)
    country = models.CharField(
        _("land"),
        max_length=2,
        default=DEFAULT_COUNTRY,
        validators=[validate_country],
        help_text=_("ISO 3166-1-landcode van de EU of de EER, zoals NL of BE."),
    )
    national_identifier = models.CharField(
        _("nationaal nummer"),
        max_length=40,
        blank=True,
        help_text=_("Het nummer in het eigen register van het land, zoals KvK of OIN, SIREN."),
    )
    municipality_code = models.CharField(_("CBS-gemeentecode"), max_length=4, blank=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, db_index=True)
    official_name = models.CharField(_("officiële naam"), max_length=300)
    short_name = models.CharField(_("korte naam"), max_length=200)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    sort_name = models.CharField(
        _("sorteernaam"),
        max_length=200,
        help_text=_("De naam waarop lijsten sorteren, in kleine letters."),
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Kind.PROVINCE},
    )
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    staff = models.PositiveIntegerField(_("medewerkers (fte, afgerond)"), null=True, blank=True)
    customer_groups = models.JSONField(_("klantgroepen"), default=list, blank=True)
    service_domains = models.JSONField(_("dienstverleningsdomeinen"), default=list, blank=True)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("opvolgers"),
    )

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "code"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="organisation_validity_in_order",
            ),
            models.UniqueConstraint(
                fields=["country", "national_identifier"],
                condition=~Q(national_identifier=""),
                name="unique_national_identifier",
            ),
        ]
        indexes = [
            # Family rules select by kind and country, and count members valid on a day from this
            # index alone; the register list pages by name.
            models.Index(
                fields=["kind", "country", "valid_from", "valid_until"],
                name="organisation_kind_country",
            ),
            models.Index(fields=["country", "sort_name"], name="organisation_country_name"),
            # The register's order with the validity beside it: a page deep in the list of
            # 100,000 (an OFFSET) walks this index alone instead of every row before it.
            models.Index(
                fields=["sort_name", "code", "valid_from", "valid_until"],
                name="organisation_name_validity",
            ),
        ]

    def __str__(self):
        return self.official_name

    def get_absolute_url(self):
        return reverse("organisations:organisation-detail", args=[self.code])

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Het einde ligt vóór het begin.")})
        unknown = set(self.customer_groups) - set(CustomerGroup.values)
        if unknown:
            raise ValidationError(
                {"customer_groups": _("Onbekende klantgroep: %s") % ", ".join(unknown)}
            )
        unknown = set(self.service_domains) - set(ServiceDomain.values)
        if unknown:
            raise ValidationError(
                {"service_domains": _("Onbekend domein: %s") % ", ".join(unknown)}
            )

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    def customer_group_labels(self):
        return [CustomerGroup(v).label for v in self.customer_groups if v in CustomerGroup.values]

    def service_domain_labels(self):
        return [ServiceDomain(v).label for v in self.service_domains if v in ServiceDomain.values]

    def successors_valid_on(self, day: datetime.date) -> list["Organisation"]:
        """Follow successions until organisations that exist on `day` (mergers chain)."""
        found, seen, frontier = [], {self.pk}, [self]
        while frontier:
            nxt = []
            for org in frontier:
                for succ in org.successors.all():
                    if succ.pk in seen:
                        continue
                    seen.add(succ.pk)
                    (found if succ.is_valid_on(day) else nxt).append(succ)
            frontier = nxt
        return found


class Succession(models.Model):
    """`predecessor` went (wholly or partly) into `successor` on `date`."""

    predecessor = models.ForeignKey(
        Organisation,
        verbose_name=_("voorganger"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Organisation,
        verbose_name=_("opvolger"),
        on_delete=models.CASCADE,
        related_name="successions_in",
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=SuccessionKind.choices)

    class Meta:
        ordering = ["date"]
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="succession_not_to_self"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date})"


class Programme(models.Model):
    """The effort with a goal, a deadline and a council."""

    slug = models.SlugField(_("naam in de URL"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    goal = models.TextField(_("doel"))
    description = models.TextField(_("toelichting"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    coordinating_body = models.CharField(_("coördinerende organisatie"), max_length=300)
    is_public = models.BooleanField(_("openbaar"), default=True)
    moderation = models.CharField(
        _("moderatie van openbare reacties"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.PRE,
    )

    history = HistoricalRecords()
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:programme-detail", args=[self.slug])


class Council(models.Model):
    """The body that reviews and adopts a programme's agenda."""

    programme = models.OneToOneField(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="council"
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regieraad")
        verbose_name_plural = _("regieraden")

    def __str__(self):
        return self.name


class Family(models.Model):
    """A group of similar organisations within one programme.

    Membership is a rule (kinds, optionally bounded by staff size) with explicit additions and
    exclusions, so that the register can change underneath without re-curating every family.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="families"
    )
    slug = models.SlugField(_("naam in de URL"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    kinds = models.JSONField(_("soorten organisaties"), default=list, blank=True)
    countries = models.JSONField(
        _("landen"), default=list, blank=True, help_text=_("Leeg: alle landen.")
    )
    min_staff = models.PositiveIntegerField(_("minimaal aantal medewerkers"), null=True, blank=True)
    max_staff = models.PositiveIntegerField(_("maximaal aantal medewerkers"), null=True, blank=True)
    included = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("expliciet toegevoegd")
    )
    excluded = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("expliciet uitgesloten")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords(m2m_fields=[included, excluded])

    class Meta:
        ordering = ["programme", "position", "name"]
        verbose_name = _("familie")
        verbose_name_plural = _("families")
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="unique_family_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation-list") + f"?familie={self.pk}"

    def clean(self):
        unknown = set(self.kinds) - set(Kind.values)
        if unknown:
            raise ValidationError({"kinds": _("Onbekende soort: %s") % ", ".join(sorted(unknown))})
        unknown = {c for c in self.countries if not is_country(c)}
        if unknown:
            raise ValidationError(
                {"countries": _("Onbekend land: %s") % ", ".join(sorted(unknown))}
            )
        if (
            self.min_staff is not None
            and self.max_staff is not None
            and self.max_staff < self.min_staff
        ):
            raise ValidationError({"max_staff": _("Het maximum ligt onder het minimum.")})

    def membership_q(self) -> Q:
        by_rule = Q(kind__in=self.kinds)
        if self.countries:
            by_rule &= Q(country__in=self.countries)
        if self.min_staff is not None:
            by_rule &= Q(staff__gte=self.min_staff)
        if self.max_staff is not None:
            # Without a known size an organisation counts as small.
            by_rule &= Q(staff__lte=self.max_staff) | Q(staff__isnull=True)
        excluded = self.excluded.through.objects.filter(family_id=self.pk).values("organisation_id")
        included = self.included.through.objects.filter(family_id=self.pk).values("organisation_id")
        return (by_rule & ~Q(pk__in=excluded)) | Q(pk__in=included)

    def members(self, on: datetime.date | None = None):
        qs = Organisation.objects.in_family(self)
        return qs.valid_on(on) if on else qs


class Facility(models.Model):
    """A common portal or building block (DigiD, eHerkenning, MijnOverheid, a base register...)."""

    slug = models.SlugField(_("naam in de URL"), unique=True)
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=30, choices=FacilityKind.choices)
    description = models.TextField(_("omschrijving"))
    for_citizens = models.BooleanField(_("voor burgers"), default=True)
    for_businesses = models.BooleanField(_("voor bedrijven"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")

    def __str__(self):
        return self.name


class FacilityAdoption(models.Model):
    """How far one organisation is with connecting to one facility."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="facility_adoptions",
    )
    facility = models.ForeignKey(
        Facility, verbose_name=_("voorziening"), on_delete=models.PROTECT, related_name="adoptions"
    )
    state = models.CharField(_("stand"), max_length=20, choices=AdoptionState.choices)
    date = models.DateField(
        _("datum"), help_text=_("Geplande datum, of de datum waarop de stand bereikt is.")
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["facility__position", "facility__name"]
        verbose_name = _("aansluiting op voorziening")
        verbose_name_plural = _("aansluitingen op voorzieningen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "facility"], name="unique_adoption"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.facility}: {self.get_state_display()}"
