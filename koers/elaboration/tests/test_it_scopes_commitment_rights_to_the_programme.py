"""A contributor's role is per programme: it does not reach the same organisation's commitments
in another programme."""

import pytest

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import ProgrammeFactory, RoleFactory

from ..models import Commitment

pytestmark = pytest.mark.django_db


def test_it_lets_a_contributor_change_commitments_only_in_their_own_programme(world):
    other = ProgrammeFactory(slug="ander-programma")
    here = Commitment(organisation=world.organisation, programme=world.programme)
    there = Commitment(organisation=world.organisation, programme=other)

    assert world.contributor.has_perm("elaboration.change_commitment", here)
    assert not world.contributor.has_perm("elaboration.change_commitment", there)
    assert not world.office.has_perm("elaboration.change_commitment", here)

    RoleFactory(
        user=world.contributor,
        programme=other,
        kind=RoleKind.CONTRIBUTOR,
        organisation=world.organisation,
    )
    world.contributor._koers_roles = None  # roles are cached per request
    assert world.contributor.has_perm("elaboration.change_commitment", there)
