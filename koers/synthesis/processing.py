"""Reading the processing (verwerking): per family and per theme how much input has a disposition,
with which outcome, and how much is still open.

Three queries whatever the number of contributions, families or themes: the counts come from
the programme's tally (koers.synthesis.tally). A contribution without a disposition counts as
open.
"""

from dataclasses import dataclass, field

from django.db.models import Sum

from koers.organisations.models import Family, Programme

from . import tally
from .constants import Outcome
from .models import Theme

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


def processing_overview(programme: Programme, families: list[Family] | None = None) -> Processing:
    """The processing of a programme's visible input; with `families`, of their input only
    (a coordinator's view: no row for other families or for input without a family).

    Three queries whatever the size: the families (unless given), the active themes, and the
    programme's tally (koers.synthesis.tally), which holds the counts per cell ready.
    """
    all_families = list(programme.families.all()) if families is None else list(families)
    themes = {t.pk: t for t in Theme.objects.active().filter(programme=programme)}
    per_family: dict[int, Counts] = {}
    per_theme: dict[int, Counts] = {}
    total = Counts()
    cells = tally.read(programme.pk).filter(hidden=False)
    if families is not None:
        cells = cells.filter(family_key__in=[f.pk for f in all_families])
    for theme_id, family_id, outcome, n in cells.values_list(
        "theme_key", "family_key", "outcome", "n"
    ):
        outcome = outcome or None
        per_family.setdefault(family_id, Counts()).add(outcome, n)
        total.add(outcome, n)
        if theme_id in themes:
            per_theme.setdefault(theme_id, Counts()).add(outcome, n)
    # Visible input in no (active) theme: all of it less what the themes hold.
    loose = Counts(dict(total.by_outcome), total.open)
    for counts in per_theme.values():
        for outcome, n in counts.by_outcome.items():
            loose.add(outcome, -n)
        loose.add(None, -counts.open)
    family_rows = [Row(f, per_family.get(f.pk, Counts())) for f in all_families]
    if families is None and per_family.get(0, Counts()).total:
        family_rows.append(Row(None, per_family[0]))
    theme_rows = [Row(t, per_theme.get(t.pk, Counts())) for t in themes.values()]
    # Most open work first; "Overig" and input without a theme last.
    theme_rows.sort(
        key=lambda r: (r.subject.is_other, -r.counts.open, -r.counts.total, r.subject.label)
    )
    if loose.total:
        theme_rows.append(Row(None, loose))
    return Processing(family_rows, theme_rows, total)


def open_count(programme: Programme, families=None, family=None, theme=None) -> int:
    """How many visible contributions nobody decided on yet: of `families` (a coordinator's
    scope) when given, of one `family`, and in one `theme` (0 for those in none); from the
    tally, whatever the size."""
    cells = tally.read(programme.pk).filter(hidden=False, outcome="")
    if families is not None:
        cells = cells.filter(family_key__in=[f.pk for f in families])
    if family is not None:
        cells = cells.filter(family_key=family.pk)
    if theme is not None:
        cells = cells.filter(theme_key=theme)
    return cells.aggregate(n=Sum("n"))["n"] or 0


def family_processing(family: Family) -> Processing:
    """The processing of one family's input, per theme."""
    return processing_overview(family.programme, [family])
