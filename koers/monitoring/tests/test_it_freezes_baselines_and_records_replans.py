"""A milestone's baseline freezes once, and every later date is a re-plan beside it: slippage is
always measured against the baseline."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.elaboration import services as elaboration
from koers.elaboration.constants import CommitmentStatus
from koers.organisations.tests.factories import without_council

from .. import services as monitoring
from .. import slippage
from ..constants import FrozenBecause, PlanKind
from ..models import MilestonePlan
from .helpers import commit, open_round, report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def _plans(milestone):
    return list(
        MilestonePlan.objects.filter(milestone=milestone)
        .order_by("recorded_at", "pk")
        .values_list("kind", "due_on")
    )


def _edit(commitment, milestones, by, status=None):
    return elaboration.update_commitment(
        commitment,
        title=commitment.title,
        what=commitment.what,
        owner=commitment.owner,
        status=status or commitment.status,
        milestones=milestones,
        by=by,
    )


def test_a_committed_elaboration_freezes_its_milestones(adopted):
    world = adopted.world
    commitment = commit(adopted, world.organisation)
    plan, live = commitment.milestones.order_by("due_on")
    assert _plans(plan) == [(PlanKind.BASELINE, datetime.date(2017, 3, 31))]
    baseline = MilestonePlan.objects.get(milestone=plan)
    assert baseline.frozen_because == FrozenBecause.COMMITTED
    assert baseline.recorded_by == world.contributor


def test_a_draft_elaboration_is_frozen_when_a_round_opens(adopted):
    world = adopted.world
    commitment = commit(adopted, world.organisation, status=CommitmentStatus.DRAFT)
    # Still being drafted: the dates are free.
    milestone = commitment.milestones.order_by("due_on").first()
    _edit(
        commitment,
        [elaboration.MilestoneInput("Plan klaar", datetime.date(2017, 4, 30), pk=milestone.pk)],
        world.contributor,
    )
    assert _plans(milestone) == []
    open_round(world)
    assert _plans(milestone) == [(PlanKind.BASELINE, datetime.date(2017, 4, 30))]
    # Opening another round freezes nothing twice.
    open_round(world, period="2017-Q1")
    assert len(_plans(milestone)) == 1


def test_adoption_freezes_the_milestones_of_existing_commitments(
    adopted, django_capture_on_commit_callbacks
):
    world = adopted.world
    commitment = commit(adopted, world.organisation, status=CommitmentStatus.DRAFT)
    assert not MilestonePlan.objects.filter(commitment=commitment).exists()
    # A next version of the agenda is adopted: what was elaborated under the last one becomes
    # the plan. (The signal is sent once the adoption is committed.)
    following = versions.copy_version(adopted.version, by=world.office)
    move_version(following, VersionState.CONCEPT, by=world.office)
    without_council(following)
    with django_capture_on_commit_callbacks(execute=True):
        move_version(following, VersionState.ADOPTED, by=world.office)
    plans = MilestonePlan.objects.filter(commitment=commitment)
    assert plans.count() == 2
    assert set(plans.values_list("frozen_because", flat=True)) == {FrozenBecause.ADOPTION}


def test_a_replan_in_a_report_keeps_the_baseline_beside_it(monitored):
    world = monitored.world
    milestone = monitored.commitment.milestones.order_by("due_on").first()
    report(
        monitored.commitment,
        monitored.round,
        percent=30,
        milestones=[
            monitoring.MilestoneReport(
                milestone, replanned_to=datetime.date(2017, 6, 30), reason="Aanbesteding liep uit."
            )
        ],
        by=world.contributor,
    )
    milestone.refresh_from_db()
    assert milestone.due_on == datetime.date(2017, 6, 30)
    assert _plans(milestone) == [
        (PlanKind.BASELINE, datetime.date(2017, 3, 31)),
        (PlanKind.REPLAN, datetime.date(2017, 6, 30)),
    ]
    replan = MilestonePlan.objects.replans().get(milestone=milestone)
    assert replan.reason == "Aanbesteding liep uit."
    assert replan.report.is_current


def test_a_date_changed_in_the_elaboration_is_a_replan_too(monitored):
    world = monitored.world
    commitment = monitored.commitment
    first, second = commitment.milestones.order_by("due_on")
    _edit(
        commitment,
        [
            elaboration.MilestoneInput(first.title, datetime.date(2017, 5, 31), pk=first.pk),
            elaboration.MilestoneInput(second.title, second.due_on, pk=second.pk),
        ],
        world.contributor,
    )
    assert _plans(first) == [
        (PlanKind.BASELINE, datetime.date(2017, 3, 31)),
        (PlanKind.REPLAN, datetime.date(2017, 5, 31)),
    ]
    assert _plans(second) == [(PlanKind.BASELINE, datetime.date(2017, 9, 30))]


def test_slippage_is_measured_against_the_baseline_and_each_replan(monitored):
    world = monitored.world
    milestone = monitored.commitment.milestones.order_by("due_on").first()
    for reason, day in (("Eerste uitstel.", (2017, 5, 31)), ("Tweede uitstel.", (2017, 8, 31))):
        current = monitoring.current_report(monitored.round, monitored.commitment)
        report(
            monitored.commitment,
            monitored.round,
            percent=30,
            based_on=current.number if current else 0,
            milestones=[
                monitoring.MilestoneReport(
                    milestone, replanned_to=datetime.date(*day), reason=reason
                )
            ],
            by=world.contributor,
        )
    milestone.refresh_from_db()
    milestone.done_on = datetime.date(2017, 9, 15)
    milestone.save()
    slips = slippage.with_plans(
        slippage.slipped_milestones(world.programme), today=datetime.date(2018, 1, 1)
    )
    slip = next(s for s in slips if s.milestone.pk == milestone.pk)
    assert slip.baseline == datetime.date(2017, 3, 31)
    assert [p.due_on for p in slip.replans] == [
        datetime.date(2017, 5, 31),
        datetime.date(2017, 8, 31),
    ]
    assert [p.slip_days for p in slip.replans] == [61, 153]
    # Against the baseline: late; against the last re-plan only 15 days. The state follows the
    # baseline: no watermelon.
    assert slip.slip_days == (datetime.date(2017, 9, 15) - datetime.date(2017, 3, 31)).days
    assert slip.slip_against_last_plan == 15
    assert slip.state == slippage.DONE_LATE
    summary, per_family = slippage.summary(world.programme, today=datetime.date(2018, 1, 1))
    assert summary.counts[slippage.DONE_LATE] == 1
    assert per_family[monitored.activities[0].family_id].counts[slippage.DONE_LATE] == 1


def test_a_removed_milestone_keeps_its_baseline_in_sight(monitored):
    world = monitored.world
    commitment = monitored.commitment
    first, second = commitment.milestones.order_by("due_on")
    _edit(
        commitment,
        [elaboration.MilestoneInput(second.title, second.due_on, pk=second.pk)],
        world.contributor,
    )
    removed = slippage.removed_milestones(world.programme)
    assert [(p.title, p.due_on) for p in removed] == [("Plan klaar", datetime.date(2017, 3, 31))]
    summary, _families = slippage.summary(world.programme)
    assert summary.counts[slippage.REMOVED] == 1


def test_a_replan_past_the_deadline_does_not_block_the_elaboration_form(monitored):
    world = monitored.world
    commitment = monitored.commitment
    first, second = commitment.milestones.order_by("due_on")
    report(
        commitment,
        monitored.round,
        percent=30,
        milestones=[
            monitoring.MilestoneReport(
                second, replanned_to=datetime.date(2018, 3, 31), reason="Na de deadline."
            )
        ],
        by=world.contributor,
    )
    second.refresh_from_db()
    # The rest of the commitment can still be changed; a new date past the deadline cannot.
    _edit(
        commitment,
        [
            elaboration.MilestoneInput(first.title, first.due_on, pk=first.pk),
            elaboration.MilestoneInput(second.title, second.due_on, pk=second.pk),
        ],
        world.contributor,
    )
    with pytest.raises(ValidationError):
        _edit(
            commitment,
            [elaboration.MilestoneInput(first.title, datetime.date(2018, 1, 31), pk=first.pk)],
            world.contributor,
        )


def test_a_milestone_cannot_be_done_in_the_future(monitored):
    milestone = monitored.commitment.milestones.first()
    with pytest.raises(ValidationError):
        report(
            monitored.commitment,
            monitored.round,
            milestones=[
                monitoring.MilestoneReport(
                    milestone, done_on=timezone.localdate() + datetime.timedelta(days=1)
                )
            ],
        )


def test_committing_a_draft_freezes_the_dates_it_was_committed_with(
    adopted, django_capture_on_commit_callbacks
):
    world = adopted.world
    commitment = commit(adopted, world.organisation, status=CommitmentStatus.DRAFT)
    first, second = commitment.milestones.order_by("due_on")
    # Committed and a date changed in one save: the committed date is the baseline, no re-plan.
    with django_capture_on_commit_callbacks(execute=True):
        _edit(
            commitment,
            [
                elaboration.MilestoneInput(first.title, datetime.date(2017, 4, 30), pk=first.pk),
                elaboration.MilestoneInput(second.title, second.due_on, pk=second.pk),
            ],
            world.contributor,
            status=CommitmentStatus.COMMITTED,
        )
    assert _plans(first) == [(PlanKind.BASELINE, datetime.date(2017, 4, 30))]
    assert _plans(second) == [(PlanKind.BASELINE, datetime.date(2017, 9, 30))]


def test_the_slipped_milestones_come_in_the_order_of_their_baselines(monitored):
    # Read in the order of the baselines' index: the earliest baseline first, then by
    # organisation; before any baseline has passed only a re-planned milestone has slipped.
    world = monitored.world
    milestone = monitored.commitment.milestones.order_by("-due_on").first()
    report(
        monitored.commitment,
        monitored.round,
        percent=10,
        milestones=[
            monitoring.MilestoneReport(
                milestone, replanned_to=datetime.date(2017, 12, 1), reason="Later."
            )
        ],
        by=world.contributor,
    )
    late = list(slippage.slipped_milestones(world.programme, today=datetime.date(2018, 1, 1)))
    assert len(late) == MilestonePlan.objects.baselines().filter(milestone__isnull=False).count()
    keys = [(m.baseline, m.commitment.organisation.sort_name, m.pk) for m in late]
    assert keys == sorted(keys)
    early = slippage.slipped_milestones(world.programme, today=datetime.date(2015, 1, 1))
    assert [m.pk for m in early] == [milestone.pk]
