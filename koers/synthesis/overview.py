"""Reading the synthesis: per theme its size and its share of each family's input, and from
that the common threads, family-specific and divisive themes (koers.text.threads judges).

Everything comes from three queries whatever the number of themes, families or contributions:
the families, the themes, and the programme's tally (koers.synthesis.tally), which holds the
counts per theme and family ready.
"""

from dataclasses import dataclass, field

from koers.organisations.models import Family, Programme
from koers.text.threads import ThreadSettings, coverage_from_counts

from . import tally
from .models import SynthesisSettings, Theme


@dataclass
class Cell:
    family: Family
    count: int
    share: float  # of that family's input


@dataclass
class ThemeRow:
    theme: Theme
    size: int
    by_people: int
    cells: list[Cell]
    proposed_thread: bool
    specific_to: Family | None
    divisive: bool

    @property
    def common_thread(self) -> bool:
        return self.theme.is_common_thread(self.proposed_thread)


@dataclass
class Overview:
    families: list[Family]
    rows: list[ThemeRow]
    total: int = 0
    unassigned: int = 0
    family_totals: dict[int, int] = field(default_factory=dict)
    thread_share: int = 80

    @property
    def common_threads(self) -> list[ThemeRow]:
        return [r for r in self.rows if r.common_thread]

    @property
    def specific(self) -> list[ThemeRow]:
        return [r for r in self.rows if r.specific_to is not None and not r.common_thread]

    @property
    def divisive(self) -> list[ThemeRow]:
        return [r for r in self.rows if r.divisive and not r.common_thread]

    def row(self, theme: Theme) -> ThemeRow | None:
        return next((r for r in self.rows if r.theme.pk == theme.pk), None)


def theme_overview(programme: Programme, themes=None) -> Overview:
    """The overview of all active themes (or of `themes`, a queryset of them)."""
    share = SynthesisSettings.of(programme).common_thread_share
    families = list(programme.families.all())
    if themes is None:
        themes = Theme.objects.active().filter(programme=programme)
    themes = list(themes.select_related("label_by", "common_thread_by"))
    counts: dict[tuple[int, int], int] = {}
    people: dict[int, int] = {}
    visible = 0
    for theme_id, family_id, by_person, n in (
        tally.read(programme.pk)
        .filter(hidden=False)
        .values_list("theme_key", "family_key", "by_person", "n")
    ):
        visible += n
        if theme_id:
            counts[theme_id, family_id] = counts.get((theme_id, family_id), 0) + n
            people[theme_id] = people.get(theme_id, 0) + n * by_person
    # Shares are of all assigned input, every theme counted, not only the ones shown.
    family_totals = {f.pk: 0 for f in families}
    theme_totals: dict[int, int] = {}
    for (theme_id, family_id), n in counts.items():
        theme_totals[theme_id] = theme_totals.get(theme_id, 0) + n
        if family_id in family_totals:
            family_totals[family_id] += n
    total = sum(theme_totals.values())
    ids = [t.pk for t in themes]
    matrix = [[counts.get((t, f.pk), 0) for f in families] for t in ids]
    judged = coverage_from_counts(
        matrix,
        [theme_totals.get(t, 0) for t in ids],
        [family_totals[f.pk] for f in families],
        total,
        [str(f.pk) for f in families],
        ids,
        ThreadSettings(thread_share=share / 100),
    )
    by_pk = {str(f.pk): f for f in families}
    rows = []
    for theme, line in zip(themes, matrix, strict=True):
        cov = judged[theme.pk]
        rows.append(
            ThemeRow(
                theme=theme,
                size=theme_totals.get(theme.pk, 0),
                by_people=people.get(theme.pk, 0),
                cells=[
                    Cell(f, n, cov.coverage[str(f.pk)]) for f, n in zip(families, line, strict=True)
                ],
                proposed_thread=cov.common_thread and not theme.is_other,
                specific_to=by_pk.get(cov.specific_to) if not theme.is_other else None,
                divisive=cov.divisive and not theme.is_other,
            )
        )
    rows.sort(key=lambda r: (r.theme.is_other, -r.size, r.theme.label))
    # Visible input without a theme: all visible input less the assigned visible input.
    unassigned = visible - total
    return Overview(families, rows, total, unassigned, family_totals, share)
