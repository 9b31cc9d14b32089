import datetime

import pytest
from django.core.exceptions import ValidationError

from ..constants import LARGE_AGENCY_STAFF, Kind
from .factories import FamilyFactory, OrganisationFactory


@pytest.fixture
def agencies(db):
    return {
        "uwv": OrganisationFactory(code="uwv", kind=Kind.ZBO, staff=20000),
        "logius": OrganisationFactory(code="logius", kind=Kind.AGENCY, staff=None),
        "rdw": OrganisationFactory(code="rdw", kind=Kind.ZBO, staff=LARGE_AGENCY_STAFF),
        "klein": OrganisationFactory(code="klein", kind=Kind.ZBO, staff=LARGE_AGENCY_STAFF - 1),
        "gemeente": OrganisationFactory(code="gm0344", kind=Kind.MUNICIPALITY),
    }


def codes(family):
    return sorted(family.members().values_list("code", flat=True))


def test_it_splits_executive_agencies_by_staff(agencies):
    kinds = [Kind.AGENCY, Kind.ZBO]
    large = FamilyFactory(kinds=kinds, min_staff=LARGE_AGENCY_STAFF)
    small = FamilyFactory(programme=large.programme, kinds=kinds, max_staff=LARGE_AGENCY_STAFF - 1)
    assert codes(large) == ["rdw", "uwv"]
    # Unknown size counts as small.
    assert codes(small) == ["klein", "logius"]


def test_it_applies_explicit_additions_and_exclusions(agencies):
    family = FamilyFactory(kinds=[Kind.ZBO], min_staff=LARGE_AGENCY_STAFF)
    family.included.add(agencies["logius"])
    family.excluded.add(agencies["rdw"])
    assert codes(family) == ["logius", "uwv"]


def test_it_counts_members_on_a_date(db):
    family = FamilyFactory(kinds=[Kind.MUNICIPALITY])
    OrganisationFactory(code="gm0001", valid_until=datetime.date(2018, 12, 31))
    OrganisationFactory(code="gm0002", valid_from=datetime.date(2019, 1, 1))
    assert [o.code for o in family.members(datetime.date(2015, 6, 26))] == ["gm0001"]
    assert [o.code for o in family.members(datetime.date(2019, 1, 1))] == ["gm0002"]


def test_it_rejects_unknown_kinds_and_inverted_bounds(db):
    with pytest.raises(ValidationError, match="Onbekende soort: stad"):
        FamilyFactory.build(kinds=["stad"]).clean()
    with pytest.raises(ValidationError, match="maximum"):
        FamilyFactory.build(kinds=[Kind.ZBO], min_staff=10, max_staff=5).clean()


def test_it_counts_every_family_in_three_queries(agencies, django_assert_num_queries):
    from ..models import Organisation

    programme = FamilyFactory(kinds=[Kind.MUNICIPALITY]).programme
    families = [
        programme.families.get(),
        FamilyFactory(
            programme=programme, kinds=[Kind.ZBO, Kind.AGENCY], min_staff=LARGE_AGENCY_STAFF
        ),
        FamilyFactory(
            programme=programme, kinds=[Kind.ZBO, Kind.AGENCY], max_staff=LARGE_AGENCY_STAFF - 1
        ),
    ]
    # Which families have exceptions; the plain ones grouped by kind and country; the others.
    with django_assert_num_queries(3):
        counts = Organisation.objects.count_per_family(families)
    assert [counts[f.pk] for f in families] == [1, 2, 2]
