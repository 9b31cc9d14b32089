"""Size classes by inhabitants, as CBS publishes them for municipalities: the same class whether
asked of one organisation or of the database."""

import pytest

from ..constants import SizeClass, size_class_of
from ..models import Organisation
from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    0: SizeClass.UNDER_5000,
    4_999: SizeClass.UNDER_5000,
    5_000: SizeClass.FROM_5000,
    19_999: SizeClass.FROM_10000,
    20_000: SizeClass.FROM_20000,
    149_999: SizeClass.FROM_100000,
    150_000: SizeClass.FROM_150000,
    249_999: SizeClass.FROM_150000,
    250_000: SizeClass.FROM_250000,
    872_680: SizeClass.FROM_250000,
    None: SizeClass.UNKNOWN,
}


def test_it_puts_each_number_of_inhabitants_in_one_class():
    assert {n: size_class_of(n) for n in EXPECTED} == EXPECTED


def test_it_filters_the_register_by_the_same_classes():
    made = {n: OrganisationFactory(inhabitants=n) for n in EXPECTED}
    for size_class in SizeClass:
        found = set(Organisation.objects.in_size_class(size_class))
        assert found == {o for n, o in made.items() if EXPECTED[n] == size_class}, size_class
