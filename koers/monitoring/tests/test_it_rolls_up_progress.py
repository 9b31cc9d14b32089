"""The roll-up: an organisation without a report is unknown, never 0; each organisation counts
once per main activity; main activity → step → family → programme; one trend over rounds."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.elaboration import services as elaboration
from koers.organisations.tests.factories import OrganisationFactory

from ..constants import ReportStatus
from ..rollup import Tally, roll_up, stored_roll_up
from .helpers import commit, open_round, report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def _activity_row(rollup, activity):
    for step in rollup.steps:
        for row in step.activities:
            if row.activity.pk == activity.pk:
                return row
    raise AssertionError(f"{activity} not rolled up")


def _roll_up(monitored, rounds=None):
    return roll_up(
        monitored.world.programme, monitored.adopted.version, rounds or [monitored.round]
    )


def test_a_missing_report_is_unknown_and_never_counts_as_zero(monitored):
    report(monitored.commitment, monitored.round, percent=40)
    rollup = _roll_up(monitored)[0]
    row = _activity_row(rollup, monitored.activities[0])
    # Utrecht reported 40 %; Amsterdam elaborated but did not report; Logius did not elaborate.
    assert (row.tally.total, row.tally.known, row.tally.unknown) == (3, 1, 2)
    assert row.tally.not_elaborated == 1
    assert row.tally.percent == 40  # not (40 + 0 + 0) / 3
    assert row.tally.by_status == {ReportStatus.ON_TRACK: 1}
    # The second main activity: nobody reported, so unknown rather than 0 %.
    second = _activity_row(rollup, monitored.activities[1])
    assert second.tally.percent is None and second.tally.known == 0
    # Up the cascade: the mean over the units that reported, with every unit counted as total.
    assert rollup.programme.percent == 40
    assert rollup.programme.known == 1
    assert rollup.programme.total == 4 * 3  # 2 steps x 2 families x 3 members


def test_each_organisation_counts_once_per_main_activity(monitored, adopted):
    world = adopted.world
    # A municipality that merged into Utrecht before the period ended; its commitment under the
    # same main activity came along, so Utrecht now has two there.
    predecessor = OrganisationFactory(code="gm0999", official_name="gemeente Opgeheven")
    merged = commit(adopted, predecessor, by=world.office, title="Overgenomen")
    type(predecessor).objects.filter(pk=predecessor.pk).update(
        valid_until=datetime.date(2016, 6, 30)
    )
    elaboration.transfer_commitments(predecessor, world.organisation)
    merged.refresh_from_db()
    assert merged.organisation_id == world.organisation.pk
    report(monitored.commitment, monitored.round, percent=40)
    report(
        merged,
        monitored.round,
        status=ReportStatus.DELAYED,
        percent=80,
        explanation="Leverancier laat.",
    )
    report(monitored.other_commitment, monitored.round, percent=10)
    row = _activity_row(_roll_up(monitored)[0], monitored.activities[0])
    # Utrecht once, with the mean of its two (60) and the gravest status; Amsterdam 10.
    assert (row.tally.total, row.tally.known) == (3, 2)
    assert row.tally.percent == 35  # (60 + 10) / 2, not (40 + 80 + 10) / 3
    assert row.tally.by_status == {ReportStatus.DELAYED: 1, ReportStatus.ON_TRACK: 1}


def test_it_pools_units_up_the_cascade():
    step = Tally()
    for percent in (100, 20):
        activity = Tally()
        activity.count((ReportStatus.ON_TRACK, percent), True)
        activity.count(None, True)
        step.add(activity)
    assert (step.total, step.known, step.unknown, step.percent, step.coverage) == (4, 2, 2, 60, 50)
    empty = Tally()
    empty.count(None, False)
    assert (empty.percent, empty.coverage, empty.not_elaborated) == (None, 0, 1)


def test_it_rolls_up_each_round_on_its_own_with_the_current_report(monitored):
    world = monitored.world
    later = open_round(world, period="2017-Q1")
    report(monitored.commitment, monitored.round, percent=20)
    report(monitored.commitment, monitored.round, percent=30, based_on=1)  # supersedes 20
    report(monitored.commitment, later, percent=70)
    first, second = _roll_up(monitored, [monitored.round, later])
    assert first.programme.percent == 30
    assert second.programme.percent == 70
    assert [f.name for f, _t in first.families] == ["Gemeenten", "Provincies"]
    assert first.families[0][1].percent == 30
    assert first.families[1][1].percent is None


def test_it_reads_a_constant_number_of_queries(monitored, adopted):
    report(monitored.commitment, monitored.round, percent=40)

    def queries(rounds):
        with CaptureQueriesContext(connection) as captured:
            roll_up(world.programme, adopted.version, rounds)
        return len(captured)

    world = adopted.world
    few = queries([monitored.round])
    more_rounds = [open_round(world, period=p) for p in ("2017-Q1", "2017-Q2", "2017-Q3")]
    for n in range(5):
        organisation = OrganisationFactory(code=f"gm08{n:02d}")
        commitment = commit(adopted, organisation, by=world.office)
        report(commitment, more_rounds[0], percent=10 * n)
    assert queries([monitored.round, *more_rounds]) == few


def test_the_stored_roll_up_follows_each_new_report(monitored):
    """The pages read a stored roll-up (rollup.stored_roll_up); a report changes its key, so
    what is read is never stale."""
    world = monitored.world
    version = monitored.adopted.version
    first = stored_roll_up(world.programme, version, [monitored.round])[0]
    assert first.programme.known == 0
    report(monitored.commitment, monitored.round, percent=40)
    again = stored_roll_up(world.programme, version, [monitored.round])[0]
    assert (again.programme.known, again.programme.percent) == (1, 40)
    assert stored_roll_up(world.programme, version, [monitored.round])[0].programme.known == 1


def test_a_new_report_stores_the_roll_up_in_the_background(
    monitored, django_capture_on_commit_callbacks
):
    """The task queue stores the round's roll-up once a report is committed, so the next
    reader finds it stored and reads only its key (two queries for the stamp)."""
    world = monitored.world
    version = elaboration.adopted_version(world.programme)
    with django_capture_on_commit_callbacks(execute=True):
        report(monitored.commitment, monitored.round, percent=40)
    with CaptureQueriesContext(connection) as reading:
        found = stored_roll_up(world.programme, version, [monitored.round])[0]
    assert found.programme.known == 1
    assert len(reading) == 2  # the stamp only: nothing computed
