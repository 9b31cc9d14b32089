"""Common threads, family-specific themes and divisive themes.

A family of 400 municipalities says more than a family of 12 provinces, so a theme is judged
per group on its *share of that group's own input*. A group raises a theme when that share
reaches both an absolute floor (`min_share`) and half the theme's share of all input (so a
small theme can still be raised, and a big one is not raised by a passing mention). Then:

- common thread: raised by at least `thread_share` of the groups (default 80%);
- specific to a group: that group's share is at least `specific_lift` times the next highest
  group's, and the theme is not a common thread;
- divisive: raised by two or more groups but not by enough for a thread, while at least one
  other group hardly mentions it (below a quarter of the theme's overall share).
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ThreadSettings:
    thread_share: float = 0.8
    min_share: float = 0.02
    relative_share: float = 0.5
    specific_lift: float = 2.0
    silent_share: float = 0.25


@dataclass
class ThemeCoverage:
    coverage: dict[str, float]  # group -> share of that group's input in this theme
    raised_by: list[str]
    common_thread: bool
    specific_to: str | None
    divisive: bool


def coverage(
    theme_of_row: np.ndarray,
    group_of_row: np.ndarray,
    group_names: list[str],
    themes: list[int],
    settings: ThreadSettings | None = None,
) -> dict[int, ThemeCoverage]:
    """Per theme id its coverage; rows with group -1 count for the overall share only."""
    n_groups = len(group_names)
    known = group_of_row >= 0
    counts = np.zeros((len(themes), n_groups))
    totals = np.zeros(len(themes))
    for i, theme in enumerate(themes):
        in_theme = theme_of_row == theme
        totals[i] = in_theme.sum()
        counts[i] = np.bincount(group_of_row[in_theme & known], minlength=n_groups)
    said = np.bincount(group_of_row[known], minlength=n_groups)
    return coverage_from_counts(
        counts, totals, said, len(theme_of_row), group_names, themes, settings
    )


def coverage_from_counts(
    counts,
    theme_totals,
    group_totals,
    total: int,
    group_names: list[str],
    themes: list[int],
    settings: ThreadSettings | None = None,
) -> dict[int, ThemeCoverage]:
    """The same judgement from counts alone (what a database can give in one query):
    `counts[i, g]` rows of theme i from group g, `theme_totals[i]` all rows of theme i (with or
    without group), `group_totals[g]` all rows of group g, `total` all rows."""
    settings = settings or ThreadSettings()
    n_groups = len(group_names)
    counts = np.asarray(counts, dtype=float).reshape(len(themes), n_groups)
    said = np.asarray(group_totals, dtype=float)
    out: dict[int, ThemeCoverage] = {}
    for i, theme in enumerate(themes):
        overall = theme_totals[i] / total if total else 0.0
        share = np.divide(counts[i], said, out=np.zeros(n_groups), where=said > 0)
        floor = max(settings.min_share, settings.relative_share * overall)
        spoke = said > 0
        raised = spoke & (share >= floor)
        n_spoke = int(spoke.sum())
        common = n_spoke >= 2 and raised.sum() >= settings.thread_share * n_spoke
        specific = None
        if n_spoke >= 2 and not common:
            order = np.argsort(-share, kind="stable")
            top, second = share[order[0]], share[order[1]]
            if raised[order[0]] and top >= settings.specific_lift * second:
                specific = group_names[order[0]]
        silent = spoke & (share < settings.silent_share * overall)
        divisive = bool(not common and specific is None and raised.sum() >= 2 and silent.any())
        out[theme] = ThemeCoverage(
            coverage={group_names[g]: round(float(share[g]), 4) for g in range(n_groups)},
            raised_by=[group_names[g] for g in np.flatnonzero(raised)],
            common_thread=bool(common),
            specific_to=specific,
            divisive=divisive,
        )
    return out
