"""A family's own theme of 1 % of the input is kept; the automatic number of themes stays well
below its cap when there are only a few real themes (fast mode: the model is not the point)."""

import random
from collections import Counter

import pytest

from koers.text import OTHER, analyse
from koers.text.pipeline import Settings
from koers.text.themes import ThemeSettings, count_from

from .conftest import FAMILIES, contribution


@pytest.fixture(scope="module")
def thousand():
    rng = random.Random(1)
    rows = []
    for i in range(990):
        theme = ("websites", "portalen", "kanalen")[i % 3]
        family = (FAMILIES[0], FAMILIES[1], FAMILIES[3])[i % 3 if i % 2 else (i // 2) % 3]
        rows.append((contribution(rng, theme), family, theme))
    rows += [(contribution(rng, "water", 2), "waterschappen", "water") for _ in range(10)]
    rng.shuffle(rows)
    return rows, analyse([r[0] for r in rows], groups=[r[1] for r in rows]).result


def test_a_theme_of_one_percent_from_one_family_is_kept(thousand):
    rows, result = thousand
    found = Counter(
        item["theme"] for r, item in zip(rows, result["items"], strict=True) if r[2] == "water"
    )
    theme, count = found.most_common(1)[0]
    assert theme != OTHER and count == 10
    water = next(t for t in result["themes"] if t["id"] == theme)
    assert water["size"] <= 12 and water["specific_to"] == "waterschappen"


def test_the_automatic_count_stays_below_its_cap_with_three_real_themes(thousand):
    _rows, result = thousand
    cap = int((1000 / 2) ** 0.5)  # 22
    themes = [t for t in result["themes"] if t["id"] != OTHER]
    assert 3 <= len(themes) <= 6 < cap


def test_the_count_is_looked_for_after_the_valley_of_the_silhouettes():
    # Silhouettes of 2, 3, 4, ... themes.
    rising = [0.02, 0.03, 0.05, 0.08, 0.09, 0.10]
    falling = [0.10, 0.08, 0.05, 0.03, 0.02, 0.01]
    # High at two (one outlying group against the rest), a valley, then higher than at two.
    valley = [0.09, 0.05, 0.02, 0.00, 0.04, 0.08, 0.12, 0.16]
    assert count_from(rising, 0.5) == 5  # the first at 0.06 or more
    assert count_from(falling, 0.5) == 2  # two groups really are the best
    assert count_from(valley, 0.5) == 7  # 0.08 after the valley, not the 0.09 of two before it
    assert count_from(valley, 0.5, from_valley=False) == 2  # the rule before
    assert count_from([], 0.5) == 2


def test_silhouettes_that_hardly_differ_give_the_middle_of_the_range():
    # Silhouettes of 2..10 themes as on 200 short sentences in one language: within 0.005.
    flat = [0.024, 0.022, 0.021, 0.020, 0.021, 0.022, 0.023, 0.021, 0.020]
    assert count_from(flat, 0.5) == 2  # the rule alone: the first score is already halfway
    assert count_from(flat, 0.5, flat=0.015) == 6  # the middle of 2..10
    assert count_from(flat[:2], 0.5, flat=0.015) == 3  # of 2..3, rounded up
    rising = [0.02, 0.03, 0.05, 0.08, 0.09, 0.10]
    assert count_from(rising, 0.5, flat=0.015) == 5  # a curve with a shape keeps the rule


def test_the_analysis_takes_the_middle_when_no_count_stands_out(thousand):
    rows, result = thousand
    texts = [r[0] for r in rows]
    # Every curve counts as flat: the middle of 2..22 (the cap for 1,000 texts), not the 3 to 6
    # the silhouettes of three real themes give.
    settings = Settings(themes=ThemeSettings(flat_silhouette=1.0, refine=False))
    found = analyse(texts, settings=settings).result
    assert ThemeSettings().flat_silhouette == 0.015
    assert len([t for t in found["themes"] if t["id"] != OTHER]) >= 10
