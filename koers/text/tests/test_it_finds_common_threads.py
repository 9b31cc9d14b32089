import numpy as np

from koers.text.threads import ThreadSettings, coverage

GROUPS = ["gemeenten", "provincies", "waterschappen", "ministeries", "uitvoerders"]


def rows(per_group: dict[str, dict[int, int]]):
    theme, group = [], []
    for g, counts in per_group.items():
        for t, n in counts.items():
            theme += [t] * n
            group += [GROUPS.index(g)] * n
    return np.array(theme), np.array(group)


def test_it_normalises_by_how_much_each_group_said():
    # Municipalities say 10x as much; theme 1 is 20% of every family's input.
    theme, group = rows(
        {
            "gemeenten": {1: 200, 2: 800},
            "provincies": {1: 20, 2: 80},
            "waterschappen": {1: 20, 3: 80},
            "ministeries": {1: 20, 2: 80},
            "uitvoerders": {1: 20, 2: 70, 4: 10},
        }
    )
    cover = coverage(theme, group, GROUPS, [1, 2, 3, 4])
    assert cover[1].coverage == dict.fromkeys(GROUPS, 0.2)
    assert cover[1].common_thread
    assert cover[2].common_thread  # 4 of 5 families = 80%
    assert not cover[3].common_thread and cover[3].specific_to == "waterschappen"
    assert cover[4].specific_to == "uitvoerders"


def test_it_needs_the_configured_share_of_groups():
    theme, group = rows({g: {1: 10, 2: 90} for g in GROUPS[:3]} | {g: {2: 100} for g in GROUPS[3:]})
    assert not coverage(theme, group, GROUPS, [1])[1].common_thread
    assert coverage(theme, group, GROUPS, [1], ThreadSettings(thread_share=0.6))[1].common_thread


def test_it_ignores_a_passing_mention():
    # 1% of each family's input is below the 2% floor: not a common thread.
    theme, group = rows({g: {1: 1, 2: 99} for g in GROUPS})
    assert not coverage(theme, group, GROUPS, [1])[1].common_thread


def test_it_marks_a_theme_that_divides_the_families():
    theme, group = rows(
        {
            "gemeenten": {1: 30, 2: 70},
            "provincies": {1: 30, 2: 70},
            "waterschappen": {2: 100},
            "ministeries": {2: 100},
            "uitvoerders": {2: 100},
        }
    )
    cover = coverage(theme, group, GROUPS, [1])[1]
    assert cover.divisive and not cover.common_thread and cover.specific_to is None


def test_it_finds_the_threads_of_the_consultation(analysed):
    threads = analysed.result["common_threads"]
    themes = {t["id"]: t for t in analysed.result["themes"]}
    assert len(threads) == 3
    assert all(not themes[t]["specific_to"] for t in threads)
