from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("gemeente")
    PROVINCE = "provincie", _("provincie")
    WATER_BOARD = "waterschap", _("waterschap")
    MINISTRY = "ministerie", _("ministerie")
    AGENCY = "agentschap", _("uitvoeringsorganisatie (rijk)")
    ZBO = "zbo", _("zelfstandig bestuursorgaan")
    JOINT_BODY = "samenwerkingsorganisatie", _("samenwerkingsorganisatie")
    CARIBBEAN = "openbaar-lichaam", _("openbaar lichaam (Caribisch Nederland)")
    OTHER = "overig", _("overige overheidsorganisatie")


# Executive agencies are the kinds that deliver services on behalf of central government.
EXECUTIVE_KINDS = (Kind.AGENCY, Kind.ZBO)

# An executive agency with at least this many staff counts as large (see docs/adr/0003).
LARGE_AGENCY_STAFF = 1000


class CustomerGroup(models.TextChoices):
    CITIZENS = "burgers", _("burgers")
    BUSINESSES = "bedrijven", _("bedrijven")


class ServiceDomain(models.TextChoices):
    SPATIAL = "ruimte", _("ruimte en leefomgeving")
    SOCIAL = "sociaal", _("sociaal domein en werk")
    CIVIL = "burgerzaken", _("burgerzaken en identiteit")
    TAX = "belastingen", _("belastingen en toeslagen")
    ECONOMY = "economie", _("ondernemen en economie")
    MOBILITY = "mobiliteit", _("verkeer en vervoer")
    EDUCATION = "onderwijs", _("onderwijs")
    HEALTH = "zorg", _("zorg en gezondheid")
    SAFETY = "veiligheid", _("justitie en veiligheid")
    WATER = "water", _("water en waterveiligheid")


class SuccessionKind(models.TextChoices):
    MERGER = "samenvoeging", _("samenvoeging")
    ANNEXATION = "uitbreiding", _("opgegaan in")
    REARRANGEMENT = "herschikking", _("herschikking")
    RENAME = "naamswijziging", _("naamswijziging")
    SPLIT = "opsplitsing", _("opsplitsing")


class FacilityKind(models.TextChoices):
    IDENTITY = "toegang", _("toegang en identiteit")
    PORTAL = "portaal", _("portaal en berichtenverkeer")
    EXCHANGE = "gegevensuitwisseling", _("gegevensuitwisseling")
    BASE_REGISTER = "basisregistratie", _("basisregistratie")
    STANDARD = "standaard", _("standaard en beveiliging")


class AdoptionState(models.TextChoices):
    PLANNED = "gepland", _("gepland")
    IN_PROGRESS = "bezig", _("bezig met aansluiten")
    CONNECTED = "aangesloten", _("aangesloten")


class Moderation(models.TextChoices):
    """When the office looks at a reaction from a public channel: before it is published (the
    default, what the reaction form promises), or after (published at once, hidden if need be)."""

    PRE = "vooraf", _("vooraf: openbaar na beoordeling")
    POST = "achteraf", _("achteraf: meteen openbaar, daarna beoordeeld")


class SizeClass(models.TextChoices):
    """How large an organisation is by its inhabitants, in the classes CBS publishes for
    municipalities (gemeentegrootteklassen). Without a known number: unknown."""

    UNDER_5000 = "tot-5000", _("minder dan 5.000 inwoners")
    FROM_5000 = "5000-10000", _("5.000 tot 10.000 inwoners")
    FROM_10000 = "10000-20000", _("10.000 tot 20.000 inwoners")
    FROM_20000 = "20000-50000", _("20.000 tot 50.000 inwoners")
    FROM_50000 = "50000-100000", _("50.000 tot 100.000 inwoners")
    FROM_100000 = "100000-150000", _("100.000 tot 150.000 inwoners")
    FROM_150000 = "150000-250000", _("150.000 tot 250.000 inwoners")
    FROM_250000 = "250000-meer", _("250.000 inwoners of meer")
    UNKNOWN = "onbekend", _("inwonertal onbekend")


# Inhabitants from (inclusive) and to (exclusive) per class; None: no bound.
SIZE_CLASS_BOUNDS: dict[str, tuple[int, int | None]] = {
    SizeClass.UNDER_5000: (0, 5_000),
    SizeClass.FROM_5000: (5_000, 10_000),
    SizeClass.FROM_10000: (10_000, 20_000),
    SizeClass.FROM_20000: (20_000, 50_000),
    SizeClass.FROM_50000: (50_000, 100_000),
    SizeClass.FROM_100000: (100_000, 150_000),
    SizeClass.FROM_150000: (150_000, 250_000),
    SizeClass.FROM_250000: (250_000, None),
}


def size_class_of(inhabitants: int | None) -> SizeClass:
    if inhabitants is None:
        return SizeClass.UNKNOWN
    for key, (low, high) in SIZE_CLASS_BOUNDS.items():
        if inhabitants >= low and (high is None or inhabitants < high):
            return SizeClass(key)
    return SizeClass.UNKNOWN
