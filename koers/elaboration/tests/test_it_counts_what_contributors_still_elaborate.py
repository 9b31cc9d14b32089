"""On a contributor's start page ("Mijn werk"): how many main activities of the adopted agenda
their organisation has still to elaborate, and which of its milestones are due soon."""

import datetime

import pytest
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.organisations.tests.factories import OrganisationFactory, RoleFactory

from .. import services as elaboration
from ..work import DUE_SOON_DAYS, my_work


@pytest.fixture
def adopted(agenda):
    """The agenda's concept, adopted: two main activities for each of the two families, of
    which Utrecht (a municipality) is a member of both."""
    AgendaVersion.objects.filter(pk=agenda.concept.pk).update(state=VersionState.ADOPTED)
    agenda.concept.refresh_from_db()
    return agenda.concept


def commit(world, version, *, milestones=()):
    activity = version.main_activities.order_by("pk").first()
    return elaboration.create_commitment(
        world.organisation,
        programme=world.programme,
        main_activity=activity,
        title="DigiD voor alle diensten",
        what="Alle diensten met DigiD.",
        owner="Team",
        milestones=milestones,
        by=world.contributor,
    )


def items(user):
    (section,) = my_work(user)
    return section.items


def test_it_counts_the_main_activities_still_to_elaborate(agenda, adopted):
    world = agenda.world
    (commitments,) = items(world.contributor)
    assert commitments.text == "Uitwerkingen van gemeente Utrecht"
    assert commitments.detail == "4 hoofdactiviteiten nog uit te werken"
    commit(world, adopted)
    assert items(world.contributor)[0].detail == "3 hoofdactiviteiten nog uit te werken"


def test_it_counts_only_the_families_the_organisation_belongs_to(agenda, adopted):
    world = agenda.world
    world.family.excluded.add(world.organisation)
    assert items(world.contributor)[0].detail == "2 hoofdactiviteiten nog uit te werken"


def test_it_says_when_everything_is_elaborated(agenda, adopted):
    world = agenda.world
    world.family.excluded.add(world.organisation)
    agenda.provinces.excluded.add(world.organisation)
    assert items(world.contributor)[0].detail == "Alle hoofdactiviteiten zijn uitgewerkt."


def test_it_lists_milestones_due_soon(agenda, adopted):
    world = agenda.world
    # Milestones may not fall after the main activity's deadline: move it to the future.
    today = timezone.localdate()
    adopted.main_activities.update(deadline=today + datetime.timedelta(days=365))
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS - 1)
    later = today + datetime.timedelta(days=DUE_SOON_DAYS + 30)
    commit(
        world,
        adopted,
        milestones=[
            elaboration.MilestoneInput("Plan", soon),
            elaboration.MilestoneInput("Later", later),
            elaboration.MilestoneInput("Al klaar", soon, done_on=today),
        ],
    )
    commitments, due = items(world.contributor)
    assert due.count == 1
    assert due.url == commitments.url


def test_it_counts_each_organisation_of_the_contributor_apart(agenda, adopted):
    world = agenda.world
    other = OrganisationFactory(official_name="gemeente Zeist")
    world.family.excluded.add(other)
    RoleFactory(
        user=world.contributor,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=other,
    )
    commit(world, adopted)
    details = {s.items[0].text: s.items[0].detail for s in my_work(world.contributor)}
    assert details == {
        "Uitwerkingen van gemeente Utrecht": "3 hoofdactiviteiten nog uit te werken",
        "Uitwerkingen van gemeente Zeist": "2 hoofdactiviteiten nog uit te werken",
    }
