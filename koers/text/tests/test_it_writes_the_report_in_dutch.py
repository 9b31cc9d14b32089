"""The HTML report of `koers analyse` counts as Dutch writes: one reactie, 3.000 reacties."""

from koers.text import OTHER
from koers.text.report import render


def theme(id_, label, size, coverage=None):
    return {
        "id": id_,
        "label": label,
        "size": size,
        "keywords": [],
        "quotes": [],
        "coverage": coverage or {},
        "common_thread": False,
        "specific_to": None,
    }


def result(sizes, campaigns=(), groups=None):
    themes = [theme(i + 1, f"Thema {i + 1}", size) for i, size in enumerate(sizes)]
    themes.append(theme(OTHER, "Overig", 1))
    n = sum(sizes) + 1
    return {
        "items": [{"id": i, "theme": 1, "campaign": None, "group": None} for i in range(n)],
        "themes": themes,
        "campaigns": [
            {"id": i + 1, "size": s, "representative": "Tekst"} for i, s in enumerate(campaigns)
        ],
        "common_threads": [],
        "groups": groups or {},
    }


def test_it_writes_one_in_the_singular_and_thousands_with_a_dot():
    html = render(result([2_999], campaigns=[1_200]))
    assert "<li>3.000 reacties</li>" in html
    assert "1 campagne (gelijke of bijna gelijke teksten), samen 1.200 reacties" in html
    assert "1 thema; 1 reactie valt onder ‘Overig’" in html
    assert "<p>2.999 reacties (100%)" in html
    assert "<p>1 reactie (&lt;1%)" in html


def test_it_says_so_when_there_are_no_campaigns():
    html = render(result([3, 4]))
    assert "Geen campagnes" in html and "0 campagnes" not in html
    assert "2 thema's; 1 reactie valt onder ‘Overig’" in html
