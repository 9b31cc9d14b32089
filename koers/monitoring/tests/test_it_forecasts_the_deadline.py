"""The forecast on constructed examples: the pace, the Monte Carlo's expected month and
probability, earned schedule, the burn-up, and the page."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .. import services as monitoring
from ..forecast import Item, burn_up, forecast, read_items
from .helpers import SLUG, report

pytest_plugins = ["koers.monitoring.tests.helpers"]

ON = datetime.date(2016, 7, 15)


def _items(done_per_month: dict[tuple[int, int], int], open_: int, baseline=(2016, 3, 31)):
    items = []
    for (year, month), n in done_per_month.items():
        items += [
            Item(
                datetime.date(*baseline),
                datetime.date(*baseline),
                datetime.date(year, month, 10),
                1,
                "a",
            )
        ] * n
    items += [Item(datetime.date(*baseline), datetime.date(2016, 12, 31), None, 1, "a")] * open_
    return items


def test_a_steady_pace_finishes_when_the_remaining_work_is_done():
    # Two a month in each of the last six months (January to June), ten still open.
    items = _items({(2016, m): 2 for m in range(1, 7)}, open_=10)
    found = forecast("Programma", items, datetime.date(2016, 12, 31), ON)
    assert found.pace == [2, 2, 2, 2, 2, 2]
    assert (found.total, found.done, found.remaining) == (22, 12, 10)
    # Five more months after July: the end of December, every future alike.
    assert found.expected == found.earliest == found.latest == datetime.date(2016, 12, 31)
    assert found.probability == 1.0 and found.words == "vrijwel zeker"
    late = forecast("Programma", items, datetime.date(2016, 11, 30), ON)
    assert late.probability == 0.0 and late.words == "vrijwel uitgesloten"


def test_an_uneven_pace_gives_a_range_and_a_probability_between():
    items = _items({(2016, 1): 4, (2016, 3): 1, (2016, 5): 3}, open_=12)
    found = forecast("Programma", items, datetime.date(2017, 3, 31), ON)
    assert found.pace == [4, 0, 1, 0, 3, 0]
    assert found.earliest < found.expected < found.latest
    assert 0.0 < found.probability < 1.0


def test_without_pace_there_is_no_forecast_and_no_zero():
    items = _items({}, open_=5)
    found = forecast("Programma", items, datetime.date(2016, 12, 31), ON)
    assert found.predictable is False
    assert found.probability is None and found.expected is None


def test_earned_schedule_measures_the_pace_against_the_baseline():
    start = datetime.date(2016, 1, 1)
    # Frozen on 1 January: four milestones planned 30, 60, 90 and 120 days later. After 60 days
    # one is done, which the baseline planned after 30: SPI(t) = 0.5, so the 120 days take 240.
    items = [
        Item(
            start + datetime.timedelta(days=30 * k),
            start + datetime.timedelta(days=30 * k),
            None,
            1,
            "a",
            start,
        )
        for k in range(1, 5)
    ]
    items[0].done_on = start + datetime.timedelta(days=55)
    found = forecast(
        "Programma", items, datetime.date(2016, 12, 31), start + datetime.timedelta(days=60)
    )
    assert found.earned_schedule == start + datetime.timedelta(days=240)
    assert forecast("P", items[1:], datetime.date(2016, 12, 31), start).earned_schedule is None


def test_the_burn_up_counts_baseline_plan_and_done_per_month():
    items = [
        Item(
            datetime.date(2016, 1, 31),
            datetime.date(2016, 1, 31),
            datetime.date(2016, 1, 20),
            1,
            "a",
        ),
        Item(datetime.date(2016, 2, 29), datetime.date(2016, 4, 30), None, 1, "a"),
    ]
    curve = burn_up(items, datetime.date(2016, 2, 15), datetime.date(2016, 3, 31))
    assert curve.labels == ["2016-01", "2016-02", "2016-03", "2016-04"]
    assert curve.baseline == [1, 2, 2, 2]
    assert curve.planned == [1, 1, 1, 2]
    assert curve.done == [1, 1, None, None]


def test_it_reads_the_milestones_as_they_stood_on_the_reference_date(monitored):
    milestone = monitored.commitment.milestones.order_by("due_on").first()
    report(
        monitored.commitment,
        monitored.round,
        milestones=[
            monitoring.MilestoneReport(
                milestone, replanned_to=datetime.date(2017, 6, 30), reason="Later."
            )
        ],
    )
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    today = datetime.date.today()
    assert read_items(monitored.world.programme, yesterday) == []  # nothing frozen yet
    now = [
        i
        for i in read_items(monitored.world.programme, today)
        if i.baseline == datetime.date(2017, 3, 31)
    ]
    # Utrecht's first milestone was re-planned; Amsterdam's was not.
    assert sorted(i.planned for i in now) == [
        datetime.date(2017, 3, 31),
        datetime.date(2017, 6, 30),
    ]


def test_the_page_is_public_reads_constant_queries_and_survives_odd_input(monitored, client_for):
    address = reverse("monitoring:forecast", args=[SLUG])
    public = client_for(None)
    filtered = address + "?peildatum=2016-06-30&familie=gemeenten"
    assert public.get(address).status_code == 200
    # Computed, not read stored (tests/test_it_stores_the_milestone_figures.py reads it stored).
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert public.get(filtered).status_code == 200
    report(monitored.other_commitment, monitored.round, percent=20)
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        assert public.get(filtered).status_code == 200
    assert len(more) == len(few)
    assert public.get(address + "?peildatum=gisteren&familie=onzin").status_code == 400


def test_nothing_planned_has_no_probability():
    found = forecast("Leeg", [], datetime.date(2016, 12, 31), ON)
    assert found.probability is None and found.words == ""
