"""Derived figures of a programme's milestones, stored: the forecast and the slippage summary
(and, under the register's stamp, the organisations' profiles that explain differences).

Both read every milestone of the programme (200,000 at the issue's size), which takes seconds;
the pages, the API and the progress report read them stored instead, the way they read the
stored roll-up (rollup.stored_roll_up): in the cache, under a key made of everything they are
computed from, so a stored figure is never read stale. The key holds the reference date (both
depend on the day: what is overdue, the pace's months, earned schedule) and the stamp below;
when any of it moves, the next reader computes the figures again (once; then they are stored).
The task queue computes them after each report (tasks.store_roll_up), so that a reader seldom
pays for it.

The stamp: the newest change to any milestone, plan, commitment, main activity and to the
programme's families (the newest row of their histories, with its moment, so that two test
databases rolled back to the same ids differ), the highest milestone and commitment id (bulk
writes leave no history), and the programme's own name, start and deadline.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Subquery

from koers.agenda.models import MainActivity
from koers.elaboration.models import Commitment, Milestone
from koers.organisations.models import Family, Organisation, Programme

from .models import MilestonePlan


def newest(queryset, name: str = "history_id", *, by: str | None = None) -> Subquery:
    """The `name` of the newest row of `queryset` (the highest `by`, else `name`), as a
    subquery: a part of a stamp."""
    return Subquery(queryset.order_by(f"-{by or name}").values(name)[:1])


def milestone_stamp(programme) -> str:
    """What a stored figure of the programme's milestones must match: one query."""
    parts = {}
    for prefix, queryset in (
        ("milestone", Milestone.history.all()),
        ("commitment", Commitment.history.all()),
        ("activity", MainActivity.history.all()),
        ("family", Family.history.filter(programme_id=programme.pk)),
    ):
        parts[f"{prefix}_id"] = newest(queryset)
        parts[f"{prefix}_date"] = newest(queryset, "history_date", by="history_id")
    plans = MilestonePlan.objects.all()
    parts["plan_pk"] = newest(plans, "pk")
    parts["plan_recorded_at"] = newest(plans, "recorded_at", by="pk")
    parts["milestone_last"] = newest(Milestone.objects.all(), "pk")
    parts["commitment_last"] = newest(Commitment.objects.all(), "pk")
    row = Programme.objects.filter(pk=programme.pk).annotate(**parts).values(*parts).first()
    own = (programme.pk, programme.name, programme.starts_on, programme.deadline)
    return ":".join(str(v) for v in (*own, *row.values()))


def register_stamp(programme) -> str:
    """What a stored figure of the register must match (the organisations' characteristics
    and the programme's families): one query. The highest organisation id as well, since a
    bulk import may write organisations without history."""
    parts = {}
    for prefix, queryset in (
        ("organisation", Organisation.history.all()),
        ("family", Family.history.filter(programme_id=programme.pk)),
    ):
        parts[f"{prefix}_id"] = newest(queryset)
        parts[f"{prefix}_date"] = newest(queryset, "history_date", by="history_id")
    parts["organisation_last"] = newest(Organisation.objects.all(), "pk")
    row = Programme.objects.filter(pk=programme.pk).annotate(**parts).values(*parts).first()
    return ":".join(str(v) for v in (programme.pk, *row.values()))


def stored(name: str, programme, key: tuple, compute, stamp=milestone_stamp):
    """`compute()`, read from the cache when nothing it is computed from changed since it was
    stored under `name` and `key` (with the programme's `stamp`: by default its milestones');
    otherwise computed and stored."""
    made_of = ":".join(str(k) for k in (*key, stamp(programme)))
    # Hashed: the stamp holds the programme's name, and cache keys are limited in length.
    full = f"monitoring:{name}:1:{hashlib.sha256(made_of.encode()).hexdigest()}"
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, timeout=None)
    return found
