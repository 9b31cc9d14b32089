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
