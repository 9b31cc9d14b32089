"""What the elaboration tests share: the agenda fixture's concept, adopted."""

from dataclasses import dataclass

import pytest

from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.organisations.tests.factories import OrganisationFactory, without_council


@dataclass
class Adopted:
    agenda: object
    version: object
    activities: list  # the main activities of the municipalities' family
    outsider_organisation: object  # a province: member of no family

    @property
    def world(self):
        return self.agenda.world


@pytest.fixture
def adopted(agenda) -> Adopted:
    move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    without_council(agenda.concept)
    version = move_version(agenda.concept, VersionState.ADOPTED, by=agenda.world.office)
    activities = list(
        version.main_activities.filter(family=agenda.world.family).order_by("step__position")
    )
    province = OrganisationFactory(code="pv26", kind="provincie", official_name="provincie Utrecht")
    return Adopted(agenda, version, activities, province)
