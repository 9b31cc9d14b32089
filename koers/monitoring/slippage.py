"""Slippage: every milestone against its baseline, and against each re-plan after it.

The state of a milestone is always judged against its baseline, never against its latest
re-plan (a project re-planned every quarter would otherwise always look on schedule). Its end is
the day it was done, or, while open, its planned date, and at least today once that has passed.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.elaboration.models import Milestone

from .constants import PlanKind
from .models import MilestonePlan
from .stored import stored

ON_TIME = "op-tijd"
DONE_LATE = "te-laat-gereed"
OVERDUE = "over-basisdatum"
MOVED = "verschoven"
AS_PLANNED = "volgens-basis"
REMOVED = "verwijderd"
STATES = {
    ON_TIME: _("op of vóór de basisdatum gereed"),
    DONE_LATE: _("na de basisdatum gereed"),
    OVERDUE: _("open en de basisdatum is voorbij"),
    MOVED: _("open en later gepland dan de basisdatum"),
    AS_PLANNED: _("open en gepland op de basisdatum of eerder"),
    REMOVED: _("verwijderd nadat de basisdatum was vastgelegd"),
}
# The states that count as slipped against the baseline.
SLIPPED = (DONE_LATE, OVERDUE, MOVED)


@dataclass
class Plan:
    due_on: datetime.date
    reason: str
    recorded_at: datetime.datetime
    slip_days: int = 0  # this plan's date against the baseline


@dataclass
class MilestoneSlip:
    milestone: Milestone | None
    title: str
    baseline: datetime.date
    replans: list[Plan] = field(default_factory=list)
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def done_on(self) -> datetime.date | None:
        return self.milestone.done_on if self.milestone else None

    @property
    def planned(self) -> datetime.date:
        return self.milestone.due_on if self.milestone else self.baseline

    @property
    def end(self) -> datetime.date:
        if self.done_on:
            return self.done_on
        return max(self.planned, self.today)

    @property
    def slip_days(self) -> int:
        """Days the end lies after the baseline (negative: earlier)."""
        return (self.end - self.baseline).days

    @property
    def slip_against_last_plan(self) -> int:
        last = self.replans[-1].due_on if self.replans else self.baseline
        return (self.end - last).days

    @property
    def state(self) -> str:
        return state_of(self.baseline, self.planned, self.done_on, self.today, self.milestone)

    @property
    def state_label(self) -> str:
        return STATES[self.state]


def state_of(baseline, planned, done_on, today, milestone=True) -> str:
    if not milestone:
        return REMOVED
    if done_on:
        return ON_TIME if done_on <= baseline else DONE_LATE
    if baseline < today:
        return OVERDUE
    return MOVED if planned > baseline else AS_PLANNED


def _with_baseline(milestones):
    """`milestones` joined to their baseline (at most one each: a unique constraint), with its
    date as `baseline`; those without one left out. An inner join, so that the database may
    read the milestones in the order of the baselines' index (plan_kind_due_on) and stop after
    a page."""
    return milestones.filter(plans__kind=PlanKind.BASELINE).annotate(baseline=F("plans__due_on"))


def slipped_milestones(programme, *, today: datetime.date | None = None):
    """Milestones of the programme whose end differs from their baseline: re-planned, done
    late, or open past it; with `baseline` annotated, in the order of their baselines."""
    today = today or timezone.localdate()
    # The re-planned milestones as one list the database makes once, not a subquery per row:
    # when few milestones have slipped, every baseline is read to find them.
    replanned = MilestonePlan.objects.replans().values("milestone_id")
    return (
        _with_baseline(Milestone.objects.filter(commitment__programme=programme))
        .filter(
            Q(pk__in=replanned)
            | Q(done_on__gt=F("baseline"))
            | Q(done_on__isnull=True, baseline__lt=today)
        )
        .select_related("commitment__organisation", "commitment__main_activity")
        .order_by("baseline", "commitment__organisation__sort_name", "pk")
    )


def with_plans(milestones, today: datetime.date | None = None) -> list[MilestoneSlip]:
    """The milestones (each annotated with `baseline`) with their re-plans: one query."""
    today = today or timezone.localdate()
    milestones = list(milestones)
    replans: dict[int, list[Plan]] = {}
    for milestone_id, due_on, reason, recorded_at in (
        MilestonePlan.objects.replans()
        .filter(milestone__in=[m.pk for m in milestones])
        .order_by("recorded_at", "pk")
        .values_list("milestone_id", "due_on", "reason", "recorded_at")
    ):
        replans.setdefault(milestone_id, []).append(Plan(due_on, reason, recorded_at))
    found = []
    for milestone in milestones:
        plans = replans.get(milestone.pk, [])
        for plan in plans:
            plan.slip_days = (plan.due_on - milestone.baseline).days
        found.append(MilestoneSlip(milestone, milestone.title, milestone.baseline, plans, today))
    return found


def removed_milestones(programme, limit: int = 50) -> list[MilestonePlan]:
    """Baselines of milestones removed from their commitment since, newest first."""
    return list(
        MilestonePlan.objects.baselines()
        .filter(commitment__programme=programme, milestone__isnull=True)
        .select_related("commitment__organisation")
        .order_by("-recorded_at", "-pk")[:limit]
    )


@dataclass
class SlipSummary:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def slipped(self) -> int:
        return sum(self.counts[s] for s in SLIPPED)

    def rows(self) -> list[tuple[str, str, int]]:
        return [(key, label, self.counts[key]) for key, label in STATES.items()]


def summary(programme, today: datetime.date | None = None) -> tuple[SlipSummary, dict]:
    """How many milestones with a baseline are in each state, for the programme and per family
    (of the main activity; own commitments under None): two queries."""
    today = today or timezone.localdate()
    overall, per_family = SlipSummary(), {}
    # Milestones alike in their dates and family counted together: a few thousand rows for
    # 200,000 milestones.
    rows = (
        _with_baseline(Milestone.objects.filter(commitment__programme=programme))
        .order_by()
        .values_list("baseline", "due_on", "done_on", "commitment__main_activity__family_id")
        .annotate(count=Count("pk"))
    )
    for baseline, due_on, done_on, family_id, count in rows:
        state = state_of(baseline, due_on, done_on, today)
        overall.counts[state] += count
        per_family.setdefault(family_id, SlipSummary()).counts[state] += count
    removed = (
        MilestonePlan.objects.baselines()
        .filter(commitment__programme=programme, milestone__isnull=True)
        .values_list("commitment__main_activity__family_id", flat=True)
    )
    for family_id in removed:
        overall.counts[REMOVED] += 1
        per_family.setdefault(family_id, SlipSummary()).counts[REMOVED] += 1
    return overall, per_family


def stored_summary(programme, today: datetime.date | None = None) -> tuple[SlipSummary, dict]:
    """`summary`, read stored when no milestone, plan or commitment changed since it was
    computed for the same day (stored.stored)."""
    today = today or timezone.localdate()
    return stored("slippage", programme, (today,), lambda: summary(programme, today))
