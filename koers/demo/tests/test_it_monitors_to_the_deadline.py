"""The demo runs on to its deadline: quarterly rounds with reports, late and re-planned work, the
maturity measurement of 2015–2017, and a forecast that already read in mid-2016."""

import datetime

import pytest

from koers.monitoring.constants import PlanKind, ReportStatus
from koers.monitoring.explain import explanation
from koers.monitoring.forecast import forecast, read_items
from koers.monitoring.models import (
    Explanation,
    Indicator,
    MilestonePlan,
    Observation,
    ProgressReport,
    ReportingRound,
)
from koers.organisations.constants import Kind
from koers.organisations.models import Organisation

QUARTERS = [f"{year}-Q{q}" for year in (2016, 2017) for q in (1, 2, 3, 4)]


@pytest.mark.django_db
def test_it_reports_every_quarter_from_2016_to_the_deadline(demo):
    rounds = list(ReportingRound.objects.filter(programme=demo).order_by("period_ends_on"))
    assert [r.period for r in rounds] == QUARTERS
    assert all(r.period_ends_on < r.opens_on < r.deadline for r in rounds[:-1])
    reports = ProgressReport.objects.filter(round__programme=demo)
    statuses = set(reports.values_list("status", flat=True))
    assert statuses == set(ReportStatus.values)
    late = [r for r in reports.select_related("round")[:3000] if r.is_late]
    assert late
    assert reports.exclude(explanation="").count() == reports.count()
    assert reports.exclude(evidence_url="").exists()
    # Some organisations say nothing in some rounds: unknown, not 0.
    expected = demo.commitments.count()
    assert all(reports.filter(round=r).count() < expected for r in rounds)


@pytest.mark.django_db
def test_it_replans_after_the_baseline_frozen_when_committed(demo):
    plans = MilestonePlan.objects.filter(commitment__programme=demo)
    replans = plans.filter(kind=PlanKind.REPLAN)
    assert replans.exists() and not replans.filter(reason="").exists()
    first = replans.select_related("milestone").first()
    baseline = plans.get(milestone=first.milestone, kind=PlanKind.BASELINE)
    assert baseline.recorded_at < first.recorded_at
    assert baseline.due_on < first.due_on == first.milestone.due_on
    latest = plans.filter(kind=PlanKind.BASELINE).order_by("-recorded_at").first()
    assert latest.recorded_at.date() <= datetime.date(2016, 3, 1)


@pytest.mark.django_db
def test_it_measures_every_municipality_province_and_water_board(demo):
    indicator = Indicator.objects.get(programme=demo, code="volwassenheid-burgers")
    for year in (2015, 2016, 2017):
        ends = datetime.date(year, 12, 31)
        measured = set(
            Observation.objects.filter(indicator=indicator, period=str(year)).values_list(
                "organisation_id", flat=True
            )
        )
        existing = set(
            Organisation.objects.filter(
                kind__in=[Kind.MUNICIPALITY, Kind.PROVINCE, Kind.WATER_BOARD]
            )
            .valid_on(ends)
            .values_list("pk", flat=True)
        )
        assert existing == measured, year
    assert Explanation.objects.filter(indicator__programme=demo).count() >= 3
    assert Indicator.objects.filter(programme=demo, facility__slug="digid").exists()


@pytest.mark.django_db
def test_it_calibrates_the_measurement_to_the_published_figures(demo):
    def mean(code, kind, year):
        values = Observation.objects.filter(
            indicator__programme=demo,
            indicator__code=code,
            period=str(year),
            organisation__kind=kind,
        ).values_list("value", flat=True)
        return sum(values) / len(values)

    citizens = mean("volwassenheid-burgers", Kind.MUNICIPALITY, 2017)
    businesses = mean("volwassenheid-bedrijven", Kind.MUNICIPALITY, 2017)
    assert abs(citizens - 57.4) < 2 and abs(businesses - 43.8) < 2
    for code in ("volwassenheid-burgers", "digitaal-aanvraagbaar"):
        assert mean(code, Kind.WATER_BOARD, 2017) > mean(code, Kind.MUNICIPALITY, 2017)
    indicator = Indicator.objects.get(programme=demo, code="digitaal-aanvraagbaar")
    _values, factors = explanation(indicator, "2015")
    size = next(f for f in factors if f.key == "grootteklasse")
    assert size.eta_squared > 0


@pytest.mark.django_db
def test_it_forecast_the_deadline_in_mid_2016(demo):
    on = datetime.date(2016, 6, 30)
    outlook = forecast(demo.name, read_items(demo, on), demo.deadline, on, demo.starts_on)
    assert outlook.total > 0 and outlook.expected is not None
    assert outlook.probability is not None
