"""Two people on the facility adoption form: the later save of an older form answers 409 with
both texts and keeps what was typed, also when the adoption was first recorded meanwhile."""

import datetime

import pytest

from koers.core.tests.stale import assert_refuses_lost_update

from ..constants import AdoptionState
from ..models import FacilityAdoption
from ..services import record_adoption
from .factories import FacilityAdoptionFactory, FacilityFactory


@pytest.fixture
def facility(db):
    return FacilityFactory(slug="digid", name="DigiD")


def url(organisation, facility):
    return f"/organisaties/{organisation.code}/aansluiting?voorziening={facility.slug}"


def note(world, facility):
    return FacilityAdoption.objects.get(organisation=world.organisation, facility=facility).note


def test_it_refuses_a_stale_adoption(world, client_for, facility):
    adoption = FacilityAdoptionFactory(
        organisation=world.organisation,
        facility=facility,
        state=AdoptionState.PLANNED,
        note="Gepland.",
    )

    def colleague():
        FacilityAdoption.objects.filter(pk=adoption.pk).update(note="Van de collega.")

    def edit(data):
        data["note"] = "Mijn toelichting."

    assert_refuses_lost_update(
        client_for(world.contributor),
        url(world.organisation, facility),
        colleague=colleague,
        edit=edit,
        typed="Mijn toelichting.",
        kept=lambda: note(world, facility) == "Van de collega.",
    )


def test_it_refuses_an_adoption_recorded_meanwhile(world, client_for, facility):
    def colleague():
        record_adoption(
            world.organisation,
            facility,
            state=AdoptionState.CONNECTED,
            date=datetime.date(2016, 5, 1),
            note="Van de collega.",
        )

    def edit(data):
        data.update(state=AdoptionState.IN_PROGRESS, date="2016-06-01", note="Mijn toelichting.")

    assert_refuses_lost_update(
        client_for(world.contributor),
        url(world.organisation, facility),
        colleague=colleague,
        edit=edit,
        typed="Mijn toelichting.",
        kept=lambda: note(world, facility) == "Van de collega.",
    )
