"""Reading the processing (verwerking): per family and per theme how much input has a disposition,
with which outcome, and how much is still open.

A fixed number of queries whatever the number of contributions, families or themes (see
processing_overview). A contribution without a disposition counts as open.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from koers.consultation.models import Contribution
from koers.organisations.models import Family, Programme

from .constants import Outcome
from .models import Disposition, Theme, ThemeAssignment

OUTCOMES = list(Outcome)


@dataclass
class Counts:
    """How many contributions per outcome, and how many are open."""

    by_outcome: dict[str, int] = field(default_factory=dict)
    open: int = 0

    def add(self, outcome: str | None, n: int) -> None:
        if outcome is None:
            self.open += n
        else:
            left = self.by_outcome.get(outcome, 0) + n
            if left:
                self.by_outcome[outcome] = left
            else:
                self.by_outcome.pop(outcome, None)

    @property
    def disposed(self) -> int:
        return sum(self.by_outcome.values())

    @property
    def total(self) -> int:
        return self.disposed + self.open

    @property
    def percent(self) -> float:
        """Share processed, in percent (100 when there is nothing to process)."""
        return round(100 * self.disposed / self.total, 1) if self.total else 100.0

    @property
    def cells(self) -> list[int]:
        """Counts in the order of Outcome, for tables."""
        return [self.by_outcome.get(o.value, 0) for o in OUTCOMES]


@dataclass
class Row:
    """A family or a theme (None: without a family, or not in any theme) with its counts."""

    subject: Family | Theme | None
    counts: Counts


@dataclass
class Processing:
    families: list[Row]
    themes: list[Row]
    total: Counts
    outcomes: list = field(default_factory=lambda: OUTCOMES)


def _per_outcome(column: str) -> dict:
    """Aggregates: the number of rows, and per outcome the number whose contribution (in
    `column`) has that outcome.

    One IN list per outcome rather than a join: the database reads each list once from the
    (outcome, contribution) index and probes it in memory, where a join looks every
    contribution up in the disposition table. On SQLite with 100,000 contributions that takes
    about a third of the time (see docs/benchmarks.md)."""
    aggregates = {"n": Count("pk")}
    for number, outcome in enumerate(OUTCOMES):
        chosen = Disposition.objects.filter(outcome=outcome).values("contribution_id")
        aggregates[f"o{number}"] = Count("pk", filter=Q(**{f"{column}__in": chosen}))
    return aggregates


def _counts(row: dict) -> Counts:
    by_outcome = {o.value: row[f"o{i}"] for i, o in enumerate(OUTCOMES) if row[f"o{i}"]}
    return Counts(by_outcome, row["n"] - sum(by_outcome.values()))


def processing_overview(programme: Programme, families: list[Family] | None = None) -> Processing:
    """The processing of a programme's visible input; with `families`, of their input only
    (a coordinator's view: no row for other families or for input without a family).

    Five queries: the families (unless given), the active themes, the counts per family, the
    counts per theme, and the few hidden contributions, which are taken off again (reading
    `is_hidden` of every contribution would cost more than all the rest).
    """
    all_families = list(programme.families.all()) if families is None else list(families)
    themes = {t.pk: t for t in Theme.objects.active().filter(programme=programme)}
    contributions = Contribution.objects.filter(programme=programme)
    if families is not None:
        contributions = contributions.filter(family__in=[f.pk for f in all_families])
    per_family: dict[int | None, Counts] = {
        row["family_id"]: _counts(row)
        for row in contributions.values("family_id").annotate(**_per_outcome("pk")).order_by()
    }
    assignments = ThemeAssignment.objects.filter(theme_id__in=list(themes))
    if families is not None:
        assignments = assignments.filter(contribution_id__in=contributions.values("pk"))
    per_theme: dict[int, Counts] = {
        row["theme_id"]: _counts(row)
        for row in assignments.values("theme_id")
        .annotate(**_per_outcome("contribution_id"))
        .order_by()
    }
    hidden = contributions.filter(
        pk__in=Contribution.objects.filter(is_hidden=True, programme=programme).values("pk")
    )
    for family_id, theme_id, outcome, n in (
        hidden.values_list("family_id", "theme_assignment__theme_id", "disposition__outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_family[family_id].add(outcome, -n)
        if theme_id in per_theme:
            per_theme[theme_id].add(outcome, -n)
    total = Counts()
    for counts in per_family.values():
        for outcome, n in counts.by_outcome.items():
            total.add(outcome, n)
        total.add(None, counts.open)
    # Visible input in no (active) theme: all of it less what the themes hold.
    loose = Counts(dict(total.by_outcome), total.open)
    for counts in per_theme.values():
        for outcome, n in counts.by_outcome.items():
            loose.add(outcome, -n)
        loose.add(None, -counts.open)
    family_rows = [Row(f, per_family.get(f.pk, Counts())) for f in all_families]
    if families is None and per_family.get(None, Counts()).total:
        family_rows.append(Row(None, per_family[None]))
    theme_rows = [Row(t, per_theme.get(t.pk, Counts())) for t in themes.values()]
    # Most open work first; "Overig" and input without a theme last.
    theme_rows.sort(
        key=lambda r: (r.subject.is_other, -r.counts.open, -r.counts.total, r.subject.label)
    )
    if loose.total:
        theme_rows.append(Row(None, loose))
    return Processing(family_rows, theme_rows, total)


def family_processing(family: Family) -> Processing:
    """The processing of one family's input, per theme."""
    return processing_overview(family.programme, [family])
