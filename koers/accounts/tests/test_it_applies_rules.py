import pytest
from django.contrib.auth.models import AnonymousUser

from koers.organisations.tests.factories import FacilityAdoptionFactory, ProgrammeFactory

EXPECTED_ADOPTION_CHANGE = {
    "office": True,
    "coordinator": False,
    "contributor": True,
    "council_member": False,
    "reviewer": False,
    "outsider": False,
    "public": False,
}


@pytest.mark.django_db
def test_it_lets_only_the_organisation_and_the_office_change_its_adoption(world):
    for name, user in world.personas():
        user = user or AnonymousUser()
        own = user.has_perm("organisations.change_facilityadoption", world.organisation)
        other = user.has_perm("organisations.change_facilityadoption", world.other_organisation)
        assert own is EXPECTED_ADOPTION_CHANGE[name], name
        # Nobody but the office may touch another organisation's facts.
        assert other is (name == "office"), name


@pytest.mark.django_db
def test_it_reads_the_organisation_from_related_objects(world):
    adoption = FacilityAdoptionFactory(organisation=world.organisation)
    assert world.contributor.has_perm(
        "organisations.change_facilityadoption", adoption.organisation
    )


@pytest.mark.django_db
def test_it_limits_the_office_to_its_own_programme(world):
    other = ProgrammeFactory(is_public=False)
    assert world.office.has_perm("organisations.change_programme", world.programme)
    assert not world.office.has_perm("organisations.change_programme", other)
    assert not world.office.has_perm("organisations.view_programme", other)
    assert world.office.has_perm("organisations.view_programme", world.programme)
    assert not AnonymousUser().has_perm("organisations.view_programme", other)
    assert AnonymousUser().has_perm("organisations.view_programme", world.programme)


@pytest.mark.django_db
def test_it_reads_roles_once_per_request(world, django_assert_num_queries):
    user = world.contributor
    with django_assert_num_queries(1):
        for _ in range(5):
            user.has_perm("organisations.change_facilityadoption", world.organisation)
