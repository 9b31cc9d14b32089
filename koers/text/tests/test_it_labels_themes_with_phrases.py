"""Theme labels are phrases from the texts; summaries are central sentences without names."""

from koers.text import OTHER
from koers.text.labels import function_words, has_name, phrase_labels, summary, weak_words
from koers.text.normalise import unaccent


def _words(label):
    return [unaccent(w.lower()) for w in label.split()]


def test_labels_are_phrases_without_function_words_at_the_edges(analysed):
    labels = [t["label"] for t in analysed.result["themes"] if t["id"] != OTHER]
    assert len(set(labels)) == len(labels)  # distinct
    for label in labels:
        words = _words(label)
        assert 1 <= len(words) <= 6, label
        assert words[0] not in function_words() and words[-1] not in function_words(), label
        assert words[0] not in weak_words() and words[-1] not in weak_words(), label
    campaign = next(t for t in analysed.result["themes"] if t["size"] == 25)
    assert len(campaign["label"].split()) >= 2  # "Digitale aansluiting voor kleine gemeenten"


def test_a_label_is_never_a_bare_verb_an_opener_or_a_taken_phrase():
    themes = [
        [
            "Geachte heer, graag wijs ik op de digitale toegankelijkheid van formulieren.",
            "Ik vind de digitale toegankelijkheid van formulieren slecht.",
            "Wij vinden dat de digitale toegankelijkheid van formulieren beter moet.",
            "Geef voorrang aan formulieren.",
        ],
        [
            "De digitale toegankelijkheid van formulieren is ook hier een punt.",
            "Het peilbeheer in polders komt onder druk.",
            "Het peilbeheer in polders vraagt geld.",
            "Vinden wij peilbeheer in polders belangrijk? Ja.",
        ],
        ["Wij vinden dit goed.", "Wij vinden dit slecht.", "Ik vind het lijkt goed te komen."],
    ]
    labels = phrase_labels(themes)
    assert labels[0] == "Digitale toegankelijkheid van formulieren"
    assert labels[1] == "Peilbeheer in polders"
    assert labels[2] not in labels[:2]
    for label in labels[2:]:
        assert not set(_words(label)) & {"wij", "vinden", "vind", "ik", "lijkt", "komen"}


def test_a_summary_names_nobody_and_repeats_nothing():
    texts = [
        "Geachte heer Jansen,\n\nDe dijken moeten hoger worden in onze regio. Het peilbeheer is verouderd.\n\n"
        "Met vriendelijke groet,\nPiet de Vries",
        "De dijken moeten hoger worden in onze regio. Wij vragen geld voor de gemalen.",
        "Volgens Anna Smit van ons waterschap zijn de dijken te laag.",
        "Bel mij op 06 12345678 over de dijken in de polder.",
    ]
    chosen = summary(texts, lambda ss: [1.0 + ("dijken" in s) for s in ss])
    assert chosen and len(chosen) <= 3
    assert not any(has_name(s) for s in chosen)
    assert not any("Jansen" in s or "Vries" in s or "Smit" in s or "0612" in s for s in chosen)
    assert len(set(chosen)) == len(chosen)
    assert chosen.count("De dijken moeten hoger worden in onze regio.") == 1


def test_every_theme_gets_a_summary_in_the_json(analysed):
    themes = [t for t in analysed.result["themes"] if t["id"] != OTHER]
    assert all(t["summary"] and all(s[-1] in ".!?" for s in t["summary"]) for t in themes)
    assert not any("Wethouder" in s for t in themes for s in t["summary"])
