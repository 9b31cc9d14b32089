"""The forecast: will the milestones be done by the deadline?

Per main activity, per family and for the programme:

- the burn-up per month: how many milestones the baseline planned by then, how many the plan
  of that moment (after re-plans) planned, and how many were done;
- the pace: milestones done per month over the last PACE_MONTHS months before the reference
  date (including the months in which none were done);
- a Monte Carlo over that pace: RUNS futures, each month drawing one of the observed months, until
  the remaining milestones are done. The median month is the expected completion, the 10th and
  90th percentiles its range, and the share of futures done by the deadline the probability,
  said in words (PROBABILITY_WORDS);
- earned schedule as a check: the moment the baseline planned as many milestones as are done,
  against the time that has passed (SPI(t)); the planned duration divided by it gives a second
  expected completion.

The reference date (`on`, today by default) lets one read the forecast as it stood then: only
what was done and re-planned by that day counts. The random generator has a fixed seed, so a
page shows the same forecast each time it is read.
"""

import calendar
import datetime
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Case, Count, F, Min, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import MainActivity

from .models import MilestonePlan
from .stored import stored

PACE_MONTHS = 6
RUNS = 2000
HORIZON_MONTHS = 120
SEED = 2017
# (lowest probability, words), the first that fits.
PROBABILITY_WORDS = [
    (0.9, _("vrijwel zeker")),
    (0.7, _("waarschijnlijk")),
    (0.4, _("onzeker")),
    (0.1, _("onwaarschijnlijk")),
    (0.0, _("vrijwel uitgesloten")),
]


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def month_end(index: int) -> datetime.date:
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


@dataclass
class Item:
    """One milestone as it stood on the reference date."""

    baseline: datetime.date
    planned: datetime.date
    done_on: datetime.date | None
    family_id: int | None
    anchor: object
    frozen_on: datetime.date | None = None  # when the baseline was recorded: the plan's start
    count: int = 1  # milestones alike in all of the above (read_items groups them)


@dataclass
class Forecast:
    title: str
    deadline: datetime.date
    on: datetime.date
    total: int = 0
    done: int = 0
    done_on_time: int = 0  # on or before the baseline
    pace: list[int] = field(default_factory=list)  # done per month, oldest first
    expected: datetime.date | None = None
    earliest: datetime.date | None = None  # 10th percentile
    latest: datetime.date | None = None  # 90th percentile
    beyond_horizon: bool = False
    probability: float | None = None
    earned_schedule: datetime.date | None = None

    @property
    def remaining(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> int | None:
        return round(100 * self.probability) if self.probability is not None else None

    @property
    def words(self) -> str:
        if self.probability is None:
            return ""
        return next(str(words) for lowest, words in PROBABILITY_WORDS if self.probability >= lowest)

    @property
    def predictable(self) -> bool:
        return self.remaining == 0 or any(self.pace)


def read_items(programme, on: datetime.date) -> list[Item]:
    """Every milestone of the programme with a baseline frozen by `on`, with the plan it had on
    that day and its completion when that was by then: one aggregate query. Milestones alike
    (the same baseline, plan, completion, family and main activity) come as one Item with their
    count, so a programme of 200,000 milestones reads a few thousand rows."""
    end = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    # The plan of that day: the last re-plan recorded by then, else the baseline.
    replan = (
        MilestonePlan.objects.replans()
        .filter(milestone=OuterRef("milestone_id"), recorded_at__lte=end)
        .order_by("-recorded_at", "-pk")
        .values("due_on")[:1]
    )
    rows = (
        MilestonePlan.objects.baselines()
        .filter(milestone__commitment__programme=programme, recorded_at__lte=end)
        .annotate(
            planned=Coalesce(Subquery(replan), F("due_on")),
            done=Case(When(milestone__done_on__lte=on, then=F("milestone__done_on"))),
            family_id=F("milestone__commitment__main_activity__family_id"),
            anchor=F("milestone__commitment__main_activity_anchor"),
        )
        .order_by()
        .values_list("due_on", "planned", "done", "family_id", "anchor")
        .annotate(frozen_at=Min("recorded_at"), count=Count("pk"))
    )
    # The zone read once: looking it up for each of thousands of rows costs more than the query.
    zone = timezone.get_current_timezone()
    return [
        Item(
            baseline,
            planned,
            done_on,
            family_id,
            anchor,
            timezone.localtime(frozen_at, zone).date() if frozen_at else None,
            count,
        )
        for baseline, planned, done_on, family_id, anchor, frozen_at, count in rows
    ]


def _pace(items: list[Item], on: datetime.date) -> list[int]:
    """Milestones done in each of the last PACE_MONTHS whole months before `on` (fewer when the
    work began later: the first baseline or the first milestone done)."""
    last = month_index(on) - 1
    began = min(
        [month_index(i.baseline) for i in items]
        + [month_index(i.done_on) for i in items if i.done_on],
        default=last,
    )
    first = max(last - PACE_MONTHS + 1, min(began, last))
    counts = dict.fromkeys(range(first, last + 1), 0)
    for item in items:
        if item.done_on is not None and month_index(item.done_on) in counts:
            counts[month_index(item.done_on)] += item.count
    return [counts[m] for m in sorted(counts)]


def _earned_schedule(
    items: list[Item], on: datetime.date, began: datetime.date | None
) -> datetime.date | None:
    """Earned schedule, from the start of the plan (`began`, or the day the first baseline was
    frozen; never after the first baseline): ES is when the baseline planned as many milestones
    as are done, SPI(t) = ES / the time passed, and the planned duration over SPI(t) gives the
    expected end. None before anything was done."""
    if not items:
        return None
    start = min(
        [began or min(i.frozen_on or i.baseline for i in items), *(i.baseline for i in items)]
    )
    baselines = sorted((i.baseline, i.count) for i in items)
    done = sum(i.count for i in items if i.done_on)
    planned_duration = (baselines[-1][0] - start).days
    elapsed = (on - start).days
    if done == 0 or elapsed <= 0 or planned_duration <= 0:
        return None
    # The baseline date of the done-th milestone in the order of the baselines.
    counted, reached = 0, baselines[-1][0]
    for day, count in baselines:
        counted += count
        if counted >= done:
            reached = day
            break
    earned = (reached - start).days
    if earned <= 0:
        return None
    return start + datetime.timedelta(days=round(planned_duration * elapsed / earned))


def forecast(
    title, items: list[Item], deadline: datetime.date, on: datetime.date, began=None
) -> Forecast:
    """The forecast of `items` against `deadline` as it read on `on`; `began` is the start of the
    plan for earned schedule (the programme's start)."""
    found = Forecast(str(title), deadline, on, total=sum(i.count for i in items))
    found.done = sum(i.count for i in items if i.done_on)
    found.done_on_time = sum(i.count for i in items if i.done_on and i.done_on <= i.baseline)
    found.pace = _pace(items, on)
    found.earned_schedule = _earned_schedule(items, on, began)
    if found.total == 0:
        return found  # nothing planned: nothing to forecast, and no probability either
    if found.remaining == 0:
        last = max((i.done_on for i in items if i.done_on), default=None)
        found.expected = found.earliest = found.latest = last
        found.probability = 1.0 if last is None or last <= deadline else 0.0
        return found
    if not any(found.pace):
        return found
    rng = np.random.default_rng(SEED)
    draws = rng.choice(np.array(found.pace), size=(RUNS, HORIZON_MONTHS))
    done_by = draws.cumsum(axis=1) >= found.remaining
    finished = done_by.any(axis=1)
    months = np.where(finished, done_by.argmax(axis=1), HORIZON_MONTHS)
    this_month = month_index(on)
    deadline_month = month_index(deadline)
    # Month k of a future is the k-th month after the reference date's.
    found.probability = float(np.mean(this_month + months + 1 <= deadline_month))
    low, mid, high = (int(np.percentile(months, q)) for q in (10, 50, 90))
    found.beyond_horizon = high >= HORIZON_MONTHS
    found.earliest = month_end(this_month + low + 1)
    found.expected = month_end(this_month + mid + 1)
    found.latest = month_end(this_month + min(high, HORIZON_MONTHS) + 1)
    return found


@dataclass
class BurnUp:
    labels: list[str]  # the months as data ("2016-01"); `months` for people
    baseline: list[int]
    planned: list[int]
    done: list[int | None]
    months: list[datetime.date] = field(default_factory=list)  # each month's last day


def burn_up(items: list[Item], on: datetime.date, deadline: datetime.date) -> BurnUp:
    """Cumulative milestones per month, from the first baseline to the deadline (or to the
    last plan when that lies later): planned by the baseline, by the plan of `on`, and done (up
    to `on`; later months are unknown)."""
    if not items:
        return BurnUp([], [], [], [])
    first = min(month_index(i.baseline) for i in items)
    last = max([month_index(deadline), *(month_index(i.planned) for i in items), month_index(on)])
    last = min(last, first + HORIZON_MONTHS)
    # Count each milestone once in the month it falls in, then add up: linear in the number
    # of milestones (100,000 commitments have 200,000), not months x milestones.
    months = range(first, last + 1)
    per_month = {name: dict.fromkeys(months, 0) for name in ("baseline", "planned", "done")}
    for item in items:
        for name, day in (
            ("baseline", item.baseline),
            ("planned", item.planned),
            ("done", item.done_on),
        ):
            if day is None:
                continue
            index = max(month_index(day), first)
            if index <= last:
                per_month[name][index] += item.count
    this_month = month_index(on)
    labels, baseline, planned, done, ends = [], [], [], [], []
    totals = dict.fromkeys(per_month, 0)
    for index in months:
        ends.append(month_end(index))
        labels.append(ends[-1].strftime("%Y-%m"))
        for name in totals:
            totals[name] += per_month[name][index]
        baseline.append(totals["baseline"])
        planned.append(totals["planned"])
        done.append(totals["done"] if index <= this_month else None)
    return BurnUp(labels, baseline, planned, done, ends)


@dataclass
class ProgrammeForecast:
    programme: Forecast
    families: list[tuple[object, Forecast]]
    activities: list[tuple[object, Forecast]]  # sorted: the least likely first
    items: list[Item]


def programme_forecast(programme, version, families, on: datetime.date) -> ProgrammeForecast:
    """The forecast for the programme, each family, and each main activity of `version`."""
    items = read_items(programme, on)
    began = programme.starts_on
    overall = forecast(programme.name, items, programme.deadline, on, began)
    per_family = [
        (
            f,
            forecast(
                f.name, [i for i in items if i.family_id == f.pk], programme.deadline, on, began
            ),
        )
        for f in families
    ]
    activities = []
    if version is not None:
        for activity in MainActivity.objects.filter(version=version).select_related("family"):
            mine = [i for i in items if i.anchor == activity.anchor]
            if mine:
                activities.append((activity, forecast(activity.title, mine, activity.deadline, on)))
    activities.sort(
        key=lambda pair: (
            pair[1].probability if pair[1].probability is not None else -1,
            pair[0].deadline,
        )
    )
    return ProgrammeForecast(overall, per_family, activities, items)


def stored_forecast(programme, version, families, on: datetime.date) -> ProgrammeForecast:
    """`programme_forecast`, read stored when no milestone, plan, commitment or family changed
    since it was computed for the same day (stored.stored)."""
    return stored(
        "forecast",
        programme,
        (version.pk if version else None, on, *(f.pk for f in families)),
        lambda: programme_forecast(programme, version, families, on),
    )
