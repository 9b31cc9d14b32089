"""A small maturity catalogue on the `world`: a percentage, an accessibility scale A–E, and an
indicator that reads the DigiD adoptions of the register."""

import datetime

from koers.organisations.models import Facility

from ..models_maturity import Indicator, Observation, ObservationSource, Unit


def catalogue(world):
    share = Indicator.objects.create(
        programme=world.programme,
        code="digitaal-aanvraagbaar",
        name="Producten digitaal aan te vragen",
        unit=Unit.PERCENTAGE,
        source="Digitaal 2017-meting",
        valid_from=datetime.date(2015, 1, 1),
        position=1,
    )
    scale = Indicator.objects.create(
        programme=world.programme,
        code="toegankelijkheid",
        name="Toegankelijkheidsverklaring",
        unit=Unit.SCALE,
        levels=["A", "B", "C", "D", "E"],
        valid_from=datetime.date(2015, 1, 1),
        position=2,
    )
    return share, scale


def digid_indicator(world):
    facility = Facility.objects.create(
        slug="digid", name="DigiD", kind="toegang", description="Inloggen."
    )
    return facility, Indicator.objects.create(
        programme=world.programme,
        code="digid",
        name="Aangesloten op DigiD",
        unit=Unit.PERCENTAGE,
        facility=facility,
        valid_from=datetime.date(2015, 1, 1),
    )


def observe(indicator, organisation, period, value, note=""):
    return Observation.objects.create(
        indicator=indicator,
        organisation=organisation,
        period=period,
        value=value,
        source=ObservationSource.MEASURED,
        note=note,
    )
