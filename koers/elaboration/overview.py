"""The elaboration overview: which member organisations of a family elaborated which main
activities of the adopted version, read in a constant number of queries.

A family of 342 municipalities with ten main activities is 3,420 cells, one of all French
communes 340,000: the figures above the table are counted by the database, and only the rows
of the page shown are built, from two flat queries (members, their commitments as tuples).
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper
from django.utils import timezone

from koers.agenda.models import MainActivity
from koers.organisations.models import Family, Organisation

from .constants import CommitmentStatus
from .models import Commitment

# When an organisation has two commitments for one main activity (a merger brought one along),
# its cell shows the furthest.
STATUS_ORDER = {CommitmentStatus.DRAFT: 1, CommitmentStatus.COMMITTED: 2, CommitmentStatus.DONE: 3}


@dataclass
class Cell:
    status: str | None  # a CommitmentStatus value, or None when missing
    commitment_id: int | None

    @property
    def label(self) -> str:
        return CommitmentStatus(self.status).label if self.status else ""


@dataclass
class Row:
    organisation_id: int
    code: str
    name: str
    cells: list[Cell]

    @property
    def done(self) -> int:
        return sum(1 for cell in self.cells if cell.status)

    @property
    def complete(self) -> bool:
        return all(cell.status for cell in self.cells)


@dataclass
class ActivityColumn:
    pk: int
    anchor: object
    title: str
    step_title: str
    deadline: datetime.date
    elaborated: int = 0  # members with a commitment for it


class Rows:
    """Member rows of an overview, built only for the slice that is read (a page), so that a
    family of 34,000 municipalities costs two small queries per page. Paginator counts it with
    `count()`."""

    def __init__(self, members, activities: list[ActivityColumn], programme_id: int, total: int):
        self.members = members.order_by("sort_name", "code", "pk")
        self.activities = activities
        self.programme_id = programme_id
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        members = list(self.members[index].values_list("pk", "code", "official_name"))
        commitments = _commitments(
            self.programme_id,
            [a.anchor for a in self.activities],
            organisations=[pk for pk, _code, _name in members],
        )
        return [
            Row(pk, code, name, [_cell(commitments.get((pk, a.anchor))) for a in self.activities])
            for pk, code, name in members
        ]

    def __iter__(self):
        return iter(self[:])


def _cell(held: tuple[str, int] | None) -> Cell:
    return Cell(None, None) if held is None else Cell(held[0], held[1])


@dataclass
class FamilyOverview:
    family: Family
    activities: list[ActivityColumn]
    rows: Rows
    members: int
    started: int
    complete: int
    incomplete: Rows

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.members) if self.members else 0

    def missing(self) -> Rows:
        return self.incomplete


def _activities(version, families) -> dict[int, list[ActivityColumn]]:
    found: dict[int, list[ActivityColumn]] = {}
    rows = (
        MainActivity.objects.filter(version=version, family__in=families)
        .order_by("family_id", "step__position", "step_id", "position", "pk")
        .values_list("family_id", "pk", "anchor", "title", "step__title", "deadline")
    )
    for family_id, pk, anchor, title, step_title, deadline in rows:
        found.setdefault(family_id, []).append(
            ActivityColumn(pk, anchor, title, step_title, deadline)
        )
    return found


def _commitments(
    programme, anchors, organisations=None
) -> dict[tuple[int, object], tuple[str, int]]:
    """(organisation id, anchor) -> (furthest status, its commitment id), of `organisations`
    (ids) when given."""
    best: dict[tuple[int, object], tuple[str, int]] = {}
    rows = Commitment.objects.filter(programme=programme, main_activity_anchor__in=anchors)
    if organisations is not None:
        rows = rows.filter(organisation_id__in=organisations)
    rows = rows.values_list("organisation_id", "main_activity_anchor", "status", "pk")
    for organisation_id, anchor, status, pk in rows:
        key = (organisation_id, anchor)
        held = best.get(key)
        if held is None or STATUS_ORDER.get(status, 0) > STATUS_ORDER.get(held[0], 0):
            best[key] = (status, pk)
    return best


# Organisation ids checked for membership per query: far below the databases' limits on
# parameters (SQLite 32,766, PostgreSQL 65,535).
MEMBER_CHECK = 5_000


def family_overview(family: Family, version, on: datetime.date | None = None) -> FamilyOverview:
    """Member organisations (valid on `on`, today by default) x the family's main activities of
    `version`. The figures come from the members' count and the commitments' (organisation,
    anchor) pairs, whatever the family's size; the rows are read a page at a time (`Rows`)."""
    on = on or timezone.localdate()
    activities = _activities(version, [family]).get(family.pk, [])
    anchors = {a.anchor for a in activities}
    members = family.members(on)
    total = members.count()
    done: dict[int, set] = {}
    for organisation_id, anchor in (
        Commitment.objects.filter(programme=version.programme_id, main_activity_anchor__in=anchors)
        .values_list("organisation_id", "main_activity_anchor")
        .distinct()
    ):
        done.setdefault(organisation_id, set()).add(anchor)
    # Only members count: an organisation may have left the family, or ended, since it committed.
    # Checking the few that committed is cheaper than listing every member.
    found = list(done)
    member_ids = set()
    for start in range(0, len(found), MEMBER_CHECK):
        chunk = found[start : start + MEMBER_CHECK]
        member_ids.update(members.filter(pk__in=chunk).values_list("pk", flat=True))
    done = {pk: held for pk, held in done.items() if pk in member_ids}
    for column in activities:
        column.elaborated = sum(column.anchor in held for held in done.values())
    complete_ids = [pk for pk, held in done.items() if held == anchors]
    if not anchors:  # nothing to elaborate: every member is complete
        complete, incomplete = total, members.none()
    else:
        complete = len(complete_ids)
        incomplete = _incomplete(members, complete_ids, version.programme_id, anchors)
    programme_id = version.programme_id
    return FamilyOverview(
        family,
        activities,
        Rows(members, activities, programme_id, total),
        total,
        len(done),
        complete,
        Rows(incomplete, activities, programme_id, total - complete),
    )


def _incomplete(members, complete_ids: list[int], programme_id: int, anchors: set):
    """`members` less those that elaborated everything (`complete_ids`): by their ids while
    these fit in one query's parameters, else by the database's own grouping."""
    if len(complete_ids) < MEMBER_CHECK:
        return members.exclude(pk__in=complete_ids)
    complete = (
        Commitment.objects.filter(programme=programme_id, main_activity_anchor__in=anchors)
        .values("organisation_id")
        .annotate(n=Count("main_activity_anchor", distinct=True))
        .filter(n=len(anchors))
        .values("organisation_id")
    )
    return members.exclude(pk__in=complete)


@dataclass
class FamilySummary:
    """A family's line on the elaboration home: its members and how many of them started or
    completed the elaboration of its main activities."""

    family: Family
    activities: list[ActivityColumn]
    members: int
    started: int
    complete: int

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.members) if self.members else 0


def programme_overview(programme, version, on: datetime.date | None = None) -> list[FamilySummary]:
    """Every family with main activities in `version`, counted without reading its members:
    the members with the register's aggregate, and started and complete from the organisations
    with a commitment (each with a membership flag per family). Five queries whatever the number
    of families or organisations."""
    on = on or timezone.localdate()
    families = list(Family.objects.filter(programme=programme).order_by("position", "name"))
    activities = _activities(version, families)
    families = [family for family in families if family.pk in activities]
    if not families:
        return []
    anchors = {f.pk: {a.anchor for a in activities[f.pk]} for f in families}
    all_anchors = [a for per in anchors.values() for a in per]
    commitments = _commitments(programme.pk, all_anchors)
    done: dict[int, set] = {}
    for organisation_id, anchor in commitments:
        done.setdefault(organisation_id, set()).add(anchor)
    members = Organisation.objects.valid_on(on).count_per_family(families)
    started, complete = dict.fromkeys(members, 0), dict.fromkeys(members, 0)
    if done:
        flags = {
            f"in_family_{f.pk}": ExpressionWrapper(f.membership_q(), output_field=BooleanField())
            for f in families
        }
        rows = (
            Organisation.objects.valid_on(on)
            .filter(
                pk__in=Commitment.objects.filter(
                    programme=programme, main_activity_anchor__in=all_anchors
                ).values("organisation_id")
            )
            .order_by()
            .annotate(**flags)
            .values_list("pk", *flags)
        )
        for organisation_id, *member_of in rows:
            for family, is_member in zip(families, member_of, strict=True):
                held = done[organisation_id] & anchors[family.pk] if is_member else None
                if held:
                    started[family.pk] += 1
                    complete[family.pk] += held == anchors[family.pk]
    return [
        FamilySummary(
            family,
            activities[family.pk],
            members[family.pk],
            started[family.pk],
            complete[family.pk],
        )
        for family in families
    ]


def own_commitment_counts(programme) -> dict[int, int]:
    """Per organisation, how many commitments of its own (no main activity) it has."""
    return dict(
        Commitment.objects.filter(programme=programme, main_activity_anchor__isnull=True)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )


def organisation_names(ids) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "official_name"))
