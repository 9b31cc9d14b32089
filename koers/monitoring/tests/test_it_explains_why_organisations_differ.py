"""Eta squared on constructed examples with the answer worked out by hand, the factors and
their plain sentence, facility indicators read from the register, and peers."""

import datetime

import pytest

from koers.organisations.constants import AdoptionState, Kind
from koers.organisations.models import FacilityAdoption
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

from .. import explain
from .maturity_helpers import catalogue, digid_indicator, observe

pytestmark = pytest.mark.django_db


def test_eta_squared_is_between_over_total_sum_of_squares():
    # A: 1, 2, 3 (mean 2); B: 7, 8, 9 (mean 8); grand mean 5.
    # Total SS = 16 + 9 + 4 + 4 + 9 + 16 = 58; between SS = 3·3² + 3·3² = 54.
    eta = explain.eta_squared([1, 2, 3, 7, 8, 9], ["A", "A", "A", "B", "B", "B"])
    assert eta == pytest.approx(54 / 58)


def test_eta_squared_is_one_when_the_groups_explain_everything_and_none_when_it_means_nothing():
    assert explain.eta_squared([10, 10, 30, 30], ["x", "x", "y", "y"]) == pytest.approx(1)
    assert explain.eta_squared([10, 10, 30, 30], ["x", "y", "x", "y"]) == pytest.approx(0)
    assert explain.eta_squared([5, 5, 5], ["x", "y", "z"]) is None  # no differences
    assert explain.eta_squared([1, 9], ["x", "x"]) is None  # one group
    assert explain.eta_squared([], []) is None


def test_the_cbs_size_classes():
    assert explain.size_class(4_999) == 0
    assert explain.size_class(5_000) == 1
    assert explain.size_class(49_999) == 3
    assert explain.size_class(250_000) == 7
    assert explain.size_class(None) is None


def test_size_class_explains_a_share_of_the_differences_between_municipalities(world):
    share, _scale = catalogue(world)
    # Small (< 5,000): 20, 40 (mean 30); 50,000–100,000: 70, 90 (mean 80); grand mean 55.
    # Total SS = 35² + 15² + 15² + 35² = 2900; between SS = 2·25² + 2·25² = 2500: 86 %.
    for inhabitants, value in ((3_000, 20), (4_000, 40), (60_000, 70), (70_000, 90)):
        organisation = OrganisationFactory(inhabitants=inhabitants, customer_groups=["burgers"])
        observe(share, organisation, "2016", value)
    # Another kind does not count for the municipalities' size class.
    observe(share, OrganisationFactory(kind=Kind.PROVINCE, staff=800), "2016", 100)
    values, factors = explain.explanation(share, "2016")
    by_key = {f.key: f for f in factors}
    size = by_key["grootteklasse"]
    assert size.count == 4
    assert size.eta_squared == pytest.approx(2500 / 2900)
    assert size.sentence == (
        "De grootteklasse (inwoners) verklaart 86 % van de verschillen tussen gemeenten."
    )
    # The size classes in their order, smallest first (not by the name of their label).
    assert [(g.label, g.count, g.mean) for g in size.groups] == [
        ("minder dan 5.000 inwoners", 2, 30),
        ("50.000 tot 100.000 inwoners", 2, 80),
    ]
    assert by_key["medewerkers"].eta_squared is None  # one province: one group
    assert "verklaart niets" in by_key["medewerkers"].sentence
    assert len(values) == 5


def test_a_facility_indicator_reads_the_register_not_a_copy(world):
    facility, digid = digid_indicator(world)
    FacilityAdoption.objects.create(
        organisation=world.organisation,
        facility=facility,
        state=AdoptionState.CONNECTED,
        date=datetime.date(2016, 3, 1),
    )
    FacilityAdoption.objects.create(
        organisation=world.other_organisation,
        facility=facility,
        state=AdoptionState.PLANNED,
        date=datetime.date(2017, 6, 1),
    )
    assert explain.period_values(digid, "2016") == {
        world.organisation.pk: 100.0,
        world.other_organisation.pk: 0.0,
    }
    # Connected only after the period: not yet.
    assert explain.period_values(digid, "2015")[world.organisation.pk] == 0.0


def test_an_organisation_sees_itself_against_its_family_size_class_and_nearest_neighbours(world):
    share, _scale = catalogue(world)
    FamilyFactory(programme=world.programme, slug="provincies", kinds=[Kind.PROVINCE], position=2)
    me = OrganisationFactory(inhabitants=30_000, customer_groups=["burgers"])
    alike = OrganisationFactory(inhabitants=32_000, customer_groups=["burgers"])
    same_class = OrganisationFactory(inhabitants=45_000, customer_groups=["burgers", "bedrijven"])
    big = OrganisationFactory(inhabitants=800_000, customer_groups=["burgers"])
    province = OrganisationFactory(kind=Kind.PROVINCE, staff=1_000)
    for organisation, value in ((me, 40), (alike, 50), (same_class, 70), (big, 90), (province, 5)):
        observe(share, organisation, "2016", value)
    observe(share, me, "2015", 10)  # an older period is not the latest
    rows, near, profile = explain.peer_rows(world.programme, me, [share])
    assert profile.size_label == "20.000 tot 50.000 inwoners"
    # Nearest first: the same size and customers, then the same size class, then the big one.
    assert province.pk not in [p.pk for p in near]  # another kind
    (row,) = rows
    assert (row.period, row.value) == ("2016", 40)
    assert (row.same_family.count, row.same_family.mean) == (2, 60)  # alike and same_class
    assert [p.pk for p in near] == [alike.pk, same_class.pk, big.pk]  # Utrecht: size unknown
    assert (row.nearest.count, row.nearest.mean) == (3, 70)


def test_the_latest_period_is_the_last_to_end_and_of_those_the_longest(world):
    """Read by index in one query: a year before a quarter before a month ending the same
    day (periods.KIND_RANK), whatever order they were stored in."""
    share, scale = catalogue(world)
    organisation = world.organisation
    for period in ("2016-12", "2016-Q4", "2016-Q3"):
        observe(share, organisation, period, 40)
    for period in ("2016-Q4", "2016", "2016-12"):
        observe(scale, organisation, period, 2)
    assert explain.latest_periods([share, scale]) == {share.pk: "2016-Q4", scale.pk: "2016"}
    share.observations.filter(period__in=["2016-Q4", "2016-Q3"]).delete()
    assert explain.latest_periods([share]) == {share.pk: "2016-12"}
