"""The roll-up of progress: commitment → main activity per family → step → programme, per
reporting round, in a constant number of queries whatever the number of rounds and organisations.

The rule, stated on the pages (ROLL_UP_RULE):

- The unit is one organisation under one main activity. Each organisation counts once per main
  activity: its value is the mean percentage of its commitments under it (more than one only
  after a merger), and its status the gravest of theirs.
- The organisations of a main activity are the members of its family on the last day of the
  period, and any other organisation that reported on it (a commitment taken over in a merger).
- An organisation without a report in the round is unknown, never 0: the percentage of a main
  activity, a step, a family or the programme is the mean over the units with a report, and
  beside it stands how many are unknown (of which how many have not even elaborated it).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import MainActivity
from koers.elaboration.models import Commitment
from koers.organisations.models import Family, Organisation, Programme

from . import periods
from .constants import GRAVITY, ReportStatus
from .models import ProgressReport, ReportingRound
from .stored import newest

ROLL_UP_RULE = _(
    "Zo wordt geteld: elke organisatie telt één keer per hoofdactiviteit, met het gemiddelde "
    "percentage van haar uitwerkingen daaronder en de ernstigste status daarvan. Het "
    "percentage van een hoofdactiviteit, familie, stap of het programma is het gemiddelde over "
    "de organisaties die rapporteerden. Een organisatie die niet rapporteerde is onbekend en "
    "telt nooit als 0; hoeveel onbekend is, staat ernaast."
)


@dataclass
class Tally:
    """Organisation x main activity units: how many, how many reported, and what."""

    total: int = 0
    known: int = 0
    percent_sum: float = 0.0
    not_elaborated: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def count(self, value: tuple[str, float] | None, elaborated: bool) -> None:
        self.total += 1
        if value is None:
            if not elaborated:
                self.not_elaborated += 1
            return
        status, percent = value
        self.known += 1
        self.percent_sum += percent
        self.by_status[status] = self.by_status.get(status, 0) + 1

    def add(self, other: "Tally") -> None:
        self.total += other.total
        self.known += other.known
        self.percent_sum += other.percent_sum
        self.not_elaborated += other.not_elaborated
        for status, n in other.by_status.items():
            self.by_status[status] = self.by_status.get(status, 0) + n

    @property
    def unknown(self) -> int:
        return self.total - self.known

    @property
    def percent(self) -> int | None:
        """The mean over the units with a report; None when none reported (unknown, not 0)."""
        return round(self.percent_sum / self.known) if self.known else None

    @property
    def coverage(self) -> int | None:
        return round(100 * self.known / self.total) if self.total else None

    def statuses(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every status, in the order of the choices."""
        return [(s.value, s.label, self.by_status.get(s.value, 0)) for s in ReportStatus]


@dataclass
class Activity:
    pk: int
    anchor: object
    title: str
    family_id: int
    family_name: str
    deadline: datetime.date
    step_id: int
    step_title: str = ""


@dataclass
class ActivityRow:
    activity: Activity
    tally: Tally


@dataclass
class StepRow:
    step_id: int
    title: str
    tally: Tally
    activities: list[ActivityRow]


@dataclass
class RoundRollup:
    round: ReportingRound
    programme: Tally
    steps: list[StepRow]
    families: list[tuple[Family, Tally]]


@dataclass
class Structure:
    """What every round of a programme is rolled up over, read once."""

    activities: list[Activity]
    steps: list[tuple[int, str]]
    families: list[Family]
    # organisation id -> (valid from, valid until, ids of the families it is a member of)
    members: dict[int, tuple[datetime.date | None, datetime.date | None, set[int]]]
    # (organisation id, anchor) -> the day its first commitment under it was made
    elaborated: dict[tuple[int, object], datetime.date]


def read_activities(version) -> list[Activity]:
    """The version's main activities in the order of their steps: one query."""
    rows = (
        MainActivity.objects.filter(version=version)
        .order_by("step__position", "step_id", "family__position", "position", "pk")
        .values_list(
            "pk",
            "anchor",
            "title",
            "family_id",
            "family__name",
            "deadline",
            "step_id",
            "step__title",
        )
    )
    return [
        Activity(pk, anchor, title, family_id, family_name, deadline, step_id, step_title)
        for pk, anchor, title, family_id, family_name, deadline, step_id, step_title in rows
    ]


def read_structure(programme, version) -> Structure:
    """The adopted version's steps and main activities, the families with their members (with
    validity), and who elaborated what: four queries."""
    activities = read_activities(version)
    steps = {}
    for activity in activities:
        steps.setdefault(activity.step_id, activity.step_title)
    families = list(Family.objects.filter(programme=programme).order_by("position", "name"))
    members: dict = {}
    if families:
        flags = {f"family_{f.pk}": Count("pk", filter=f.membership_q()) for f in families}
        anyone = Q()
        for family in families:
            anyone |= family.membership_q()
        for row in (
            Organisation.objects.filter(anyone)
            .values("pk", "valid_from", "valid_until")
            .annotate(**flags)
        ):
            members[row["pk"]] = (
                row["valid_from"],
                row["valid_until"],
                {f.pk for f in families if row[f"family_{f.pk}"]},
            )
    elaborated: dict = {}
    for organisation_id, anchor, created_at in Commitment.objects.filter(
        programme=programme, main_activity_anchor__in=[a.anchor for a in activities]
    ).values_list("organisation_id", "main_activity_anchor", "created_at"):
        key = (organisation_id, anchor)
        day = created_at.date()
        if key not in elaborated or day < elaborated[key]:
            elaborated[key] = day
    return Structure(activities, list(steps.items()), families, members, elaborated)


def _valid(validity, day: datetime.date) -> bool:
    valid_from, valid_until = validity
    return (valid_from is None or valid_from <= day) and (valid_until is None or valid_until >= day)


def current_values(
    rounds, anchors, organisation_ids=None
) -> dict[int, dict[tuple[object, int], tuple[str, float]]]:
    """Per round: (anchor, organisation id) -> (gravest status, mean percentage) of the
    organisation's current reports on its commitments under that main activity (of the
    organisations `organisation_ids`, or all); one query."""
    grouped: dict[int, dict[tuple[object, int], list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = (
        ProgressReport.objects.current()
        .filter(round__in=rounds, commitment__main_activity_anchor__in=anchors)
        .filter(**({} if organisation_ids is None else {"organisation_id__in": organisation_ids}))
        .order_by()
        .values_list(
            "round_id", "commitment__main_activity_anchor", "organisation_id", "status", "percent"
        )
    )
    for round_id, anchor, organisation_id, status, percent in rows:
        grouped[round_id][anchor, organisation_id].append((status, percent))
    return {
        round_id: {
            key: (
                max((s for s, _p in values), key=lambda s: GRAVITY.get(s, 0)),
                sum(p for _s, p in values) / len(values),
            )
            for key, values in units.items()
        }
        for round_id, units in grouped.items()
    }


def _roll_up_round(round_, structure: Structure, values) -> RoundRollup:
    day = round_.period_ends_on
    members_of: dict[int, list[int]] = defaultdict(list)
    for organisation_id, (valid_from, valid_until, family_ids) in structure.members.items():
        if _valid((valid_from, valid_until), day):
            for family_id in family_ids:
                members_of[family_id].append(organisation_id)
    reporters: dict[object, set[int]] = defaultdict(set)
    for anchor, organisation_id in values:
        reporters[anchor].add(organisation_id)
    programme = Tally()
    per_family = {f.pk: Tally() for f in structure.families}
    per_step = {step_id: StepRow(step_id, title, Tally(), []) for step_id, title in structure.steps}
    for activity in structure.activities:
        tally = Tally()
        units = set(members_of.get(activity.family_id, ())) | reporters.get(activity.anchor, set())
        for organisation_id in units:
            made = structure.elaborated.get((organisation_id, activity.anchor))
            tally.count(
                values.get((activity.anchor, organisation_id)),
                made is not None and made <= round_.deadline,
            )
        row = per_step[activity.step_id]
        row.activities.append(ActivityRow(activity, tally))
        row.tally.add(tally)
        programme.add(tally)
        if activity.family_id in per_family:
            per_family[activity.family_id].add(tally)
    return RoundRollup(
        round_,
        programme,
        list(per_step.values()),
        [(f, per_family[f.pk]) for f in structure.families],
    )


def roll_up(programme, version, rounds: list[ReportingRound]) -> list[RoundRollup]:
    """The roll-up of each of `rounds` over the main activities of `version`: five queries
    however many rounds, families and organisations."""
    if version is None or not rounds:
        return []
    structure = read_structure(programme, version)
    values = current_values(rounds, [a.anchor for a in structure.activities])
    return [_roll_up_round(r, structure, values.get(r.pk, {})) for r in rounds]


def expected_commitments(round_: ReportingRound):
    """The commitments a round asks about: those of its programme made by its deadline."""
    return Commitment.objects.filter(
        programme_id=round_.programme_id, created_at__lt=periods.end_of(round_.deadline)
    )


def unreported(round_: ReportingRound, organisation_ids=None) -> dict[int, int]:
    """Per organisation, how many of its commitments have no report in the round (one
    aggregate query)."""
    commitments = expected_commitments(round_).exclude(
        Exists(ProgressReport.objects.filter(round=round_, commitment=OuterRef("pk")))
    )
    if organisation_ids is not None:
        commitments = commitments.filter(organisation_id__in=organisation_ids)
    return dict(
        commitments.order_by()
        .values("organisation_id")
        .annotate(missing=Count("pk"))
        .values_list("organisation_id", "missing")
    )


# --- the stored roll-up ------------------------------------------------------------------------
#
# A round's roll-up reads every current report of the round (85,000 at the size), which
# takes seconds; the pages read it stored instead. It is stored in the cache (the database's or
# Redis) under a key made of everything it is computed from, so it can never be read stale:
# the round, the adopted version, the round's newest report (reports are append-only, so a new
# report is a new highest id), the newest change to any commitment (the history's highest id
# and the highest commitment id: bulk writes skip neither) and to the register's organisations
# and the families (their histories). When any of those moves, the key changes and the next
# reader computes it again (once; then it is stored). A closed round receives no reports, so
# its roll-up stays stored until the register or the commitments change; closing a round
# stores it (services.close_round).

ROLLUP_CACHE = "monitoring:rollup:1"


def _stamp(programme, rounds) -> dict[int, str]:
    """Per round, what its stored roll-up must match: two queries."""
    globals_ = (
        Programme.objects.filter(pk=programme.pk)
        .annotate(
            stamp_families=newest(Family.history.filter(programme_id=programme.pk)),
            stamp_commitments=newest(Commitment.history.all()),
            stamp_commitment=newest(Commitment.objects.all(), "pk"),
            stamp_organisations=newest(Organisation.history.all()),
        )
        .values("stamp_families", "stamp_commitments", "stamp_commitment", "stamp_organisations")
        .first()
    )
    shared = ":".join(str(v) for v in globals_.values())
    # Per round its newest report, one index seek each (report_round_newest), where a MAX per
    # group reads every report of the rounds.
    last = dict(
        ReportingRound.objects.filter(pk__in=[r.pk for r in rounds])
        .annotate(last=newest(ProgressReport.objects.filter(round=OuterRef("pk")), "pk"))
        .values_list("pk", "last")
    )
    # The moment the round was opened tells apart two rounds that got the same id (a test
    # database rolled back, a restored backup).
    return {
        r.pk: f"{r.pk}:{r.opened_at.timestamp()}:{r.deadline}:{last.get(r.pk)}:{shared}"
        for r in rounds
    }


def stored_roll_up(programme, version, rounds: list[ReportingRound]) -> list[RoundRollup]:
    """`roll_up`, read from the cache when nothing it is computed from changed since; what is
    missing is computed (together) and stored."""
    if version is None or not rounds:
        return []
    stamps = _stamp(programme, rounds)
    keys = {r.pk: f"{ROLLUP_CACHE}:{version.pk}:{stamps[r.pk]}" for r in rounds}
    found = cache.get_many(list(keys.values()))
    missing = [r for r in rounds if keys[r.pk] not in found]
    if missing:
        computed = roll_up(programme, version, missing)
        cache.set_many({keys[c.round.pk]: c for c in computed}, timeout=None)
        found.update({keys[c.round.pk]: c for c in computed})
    rollups = []
    for round_ in rounds:
        rollup = found[keys[round_.pk]]
        rollup.round = round_  # the round as read now (closed or not), not as stored
        rollups.append(rollup)
    return rollups


def family_units(round_, family, version):
    """The units of one family in one round: its main activities, the organisations in their
    order (pk, code, name) — the members on the period's last day and any organisation that
    reported under one of the family's main activities — and per organisation how many of its
    commitments have no report. Four queries, each reading what a page of rows needs in SQL;
    family_cells fills in one page of them."""
    activities = [a for a in read_activities(version) if a.family_id == family.pk]
    reporters = (
        ProgressReport.objects.current()
        .filter(round=round_, commitment__main_activity_anchor__in=[a.anchor for a in activities])
        .order_by()
        .values("organisation_id")
    )
    units = Organisation.objects.filter(
        Q(pk__in=family.members(round_.period_ends_on).order_by().values("pk"))
        | Q(pk__in=reporters)
    )
    organisations = list(
        units.order_by("sort_name", "code").values_list("pk", "code", "official_name")
    )
    missing = unreported(round_, units.order_by().values("pk"))
    return activities, organisations, missing


def family_cells(round_, activities, organisations, missing) -> list[dict]:
    """Rows for `organisations` (pk, code, name; one page): per main activity of the family the
    organisation's gravest status and mean percentage (or None: unknown), and how many of its
    commitments have no report. Two queries, for the page's organisations only."""
    ids = [pk for pk, _code, _name in organisations]
    anchors = [a.anchor for a in activities]
    values = current_values([round_], anchors, organisation_ids=ids).get(round_.pk, {})
    elaborated = {
        (organisation_id, anchor): timezone.localdate(first)
        for organisation_id, anchor, first in Commitment.objects.filter(
            programme_id=round_.programme_id,
            organisation_id__in=ids,
            main_activity_anchor__in=anchors,
        )
        .order_by()
        .values_list("organisation_id", "main_activity_anchor")
        .annotate(first=Min("created_at"))
    }
    rows = []
    for pk, code, name in organisations:
        cells = []
        for activity in activities:
            value = values.get((activity.anchor, pk))
            made = elaborated.get((pk, activity.anchor))
            cells.append(
                {
                    "status": value[0] if value else None,
                    "label": ReportStatus(value[0]).label if value else "",
                    "percent": round(value[1]) if value else None,
                    "elaborated": made is not None and made <= round_.deadline,
                }
            )
        rows.append(
            {"pk": pk, "code": code, "name": name, "cells": cells, "missing": missing.get(pk, 0)}
        )
    return rows
