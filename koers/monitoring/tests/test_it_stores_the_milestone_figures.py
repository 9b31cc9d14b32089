"""The forecast and the slippage summary are stored (stored.py): the task queue computes them
after each report, a reader reads them with one query for the stamp, and what is read is what
the direct computation gives, before and after a change."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.elaboration import services as elaboration

from .. import services as monitoring
from ..forecast import programme_forecast, stored_forecast
from ..slippage import stored_summary, summary
from .helpers import report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def _both(programme, on):
    version = elaboration.adopted_version(programme)
    families = list(programme.families.order_by("position", "name"))
    return (
        stored_forecast(programme, version, families, on),
        programme_forecast(programme, version, families, on),
        stored_summary(programme, on),
        summary(programme, on),
    )


def _counts(slip):
    overall, per_family = slip
    return overall.counts, {k: v.counts for k, v in per_family.items()}


def test_a_report_stores_the_figures_the_pages_read(monitored, django_capture_on_commit_callbacks):
    world = monitored.world
    programme = world.programme
    version = elaboration.adopted_version(programme)
    families = list(programme.families.order_by("position", "name"))
    today = timezone.localdate()
    milestone = monitored.commitment.milestones.order_by("due_on").first()
    with django_capture_on_commit_callbacks(execute=True):
        report(
            monitored.commitment,
            monitored.round,
            milestones=[monitoring.MilestoneReport(milestone, done_on=today)],
        )
    # The task stored both, for today and for the day the round's progress report reads.
    for on in (today, min(monitored.round.period_ends_on, today)):
        with CaptureQueriesContext(connection) as reading:
            outlook = stored_forecast(programme, version, families, on)
            slip = stored_summary(programme, on)
        assert len(reading) == 2  # the stamp of each: nothing computed
        assert outlook == programme_forecast(programme, version, families, on)
        assert _counts(slip) == _counts(summary(programme, on))
    assert stored_forecast(programme, version, families, today).programme.done == 1


def test_what_is_stored_follows_every_change_to_the_milestones(monitored):
    programme = monitored.world.programme
    today = timezone.localdate()
    stored_before, direct_before, slip_before, _ = _both(programme, today)
    assert stored_before == direct_before
    milestone = monitored.commitment.milestones.order_by("due_on").first()
    # Done today, and another re-planned: new figures, never the stored ones of before.
    report(
        monitored.commitment,
        monitored.round,
        milestones=[monitoring.MilestoneReport(milestone, done_on=today)],
    )
    other = monitored.other_commitment.milestones.order_by("due_on").first()
    report(
        monitored.other_commitment,
        monitored.round,
        milestones=[
            monitoring.MilestoneReport(
                other, replanned_to=other.due_on + datetime.timedelta(days=90), reason="Later."
            )
        ],
    )
    stored_after, direct_after, slip_after, direct_slip = _both(programme, today)
    assert stored_after == direct_after
    assert stored_after.programme.done == stored_before.programme.done + 1
    assert _counts(slip_after) == _counts(direct_slip)
    assert _counts(slip_after) != _counts(slip_before)
    # A milestone changed outside a report (the elaboration's form) moves the stamp too.
    milestone.refresh_from_db()
    milestone.done_on = None
    milestone.save()
    stored_again, direct_again, _, _ = _both(programme, today)
    assert stored_again == direct_again
    assert stored_again.programme.done == stored_before.programme.done


def test_each_day_has_its_own_stored_figures(monitored):
    programme = monitored.world.programme
    today = timezone.localdate()
    for on in (today, today - datetime.timedelta(days=200)):
        stored, direct, slip, direct_slip = _both(programme, on)
        assert stored == direct and stored.programme.on == on
        assert _counts(slip) == _counts(direct_slip)
