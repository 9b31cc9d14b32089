import random

import numpy as np

from koers.text.campaigns import find_campaigns
from koers.text.corpus import build_corpus

LETTER_A = (
    "Wij maken ons grote zorgen over de kosten van de digitale aansluiting voor kleine "
    "gemeenten. De landelijke voorzieningen worden steeds duurder en de baten komen niet bij "
    "ons terecht. Wij vragen de regieraad om een eerlijke verdeling van de kosten."
)
# Same opening sentence, different letter: must never end up in A's campaign.
LETTER_B = (
    "Wij maken ons grote zorgen over de kosten van de digitale aansluiting voor kleine "
    "gemeenten. Daarom willen wij dat het Rijk de eerste drie jaar alle licenties betaalt en "
    "dat provincies de ondersteuning van dorpskernen op zich nemen."
)


def copies(letter: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = letter.split()
        if rng.random() < 0.5:
            del words[rng.randrange(len(words))]
        text = " ".join(words)
        if rng.random() < 0.5:
            text += " Dit speelt bij ons al jaren, zeker sinds de fusie."
        out.append(f"Beste regieraad,\n\n{text}\n\nMet vriendelijke groet,\nInwoner {i}")
    return out


def campaigns_of(texts):
    corpus = build_corpus(texts)
    found = find_campaigns(corpus)
    return corpus, found, found.group_of[corpus.unique_of]


def test_it_folds_exact_duplicates():
    corpus, found, of_row = campaigns_of(["Eens met het plan.", "eens met het plan", "Oneens."])
    assert corpus.n_unique == 2
    assert of_row[0] == of_row[1] >= 0 and of_row[2] == -1
    assert found.sizes.tolist() == [2]


def test_it_groups_edited_copies_and_keeps_different_campaigns_apart():
    a, b = copies(LETTER_A, 30, seed=1), copies(LETTER_B, 20, seed=2)
    others = [
        f"Onze gemeente wil meer aandacht voor {w} in de agenda."
        for w in ("privacy", "water", "kosten")
    ]
    corpus, found, of_row = campaigns_of(a + b + others)
    assert len(set(of_row[:30])) == 1 and of_row[0] >= 0
    assert len(set(of_row[30:50])) == 1 and of_row[30] >= 0
    assert of_row[0] != of_row[30]
    assert (of_row[50:] == -1).all()
    assert sorted(found.sizes.tolist()) == [20, 30]


def test_it_never_chains_through_a_text_between_two_campaigns():
    # A bridge text shares half with A and half with B; a chain A-bridge-B must not form.
    half_a = LETTER_A.split(". ")
    half_b = LETTER_B.split(". ")
    bridge = ". ".join(half_a[1:] + half_b[1:])
    texts = copies(LETTER_A, 10, 3) + copies(LETTER_B, 10, 4) + [bridge]
    _, _, of_row = campaigns_of(texts)
    assert of_row[0] != of_row[10]
    assert set(of_row[:10]) == {of_row[0]} and set(of_row[10:20]) == {of_row[10]}


def test_it_keeps_a_campaign_whole_when_copies_add_a_sentence_common_elsewhere():
    # Many senders, of this letter and of others, add one of the same stock paragraphs. Those
    # paragraphs are shared by more texts than the letter itself, so a copy with one of them
    # looks more "central" than the verbatim letter. Led by such a copy, the copies with the
    # other paragraph would not pass and the campaign would split in two.
    stock_1 = (
        "Ik woon zelf in een kleine kern en zie elke dag hoe moeilijk het voor ouderen is om "
        "zonder hulp van familie of buren hun zaken met de overheid digitaal te regelen."
    )
    stock_2 = (
        "Als vrijwilliger bij de bibliotheek help ik iedere week mensen die vastlopen op een "
        "formulier, en het worden er elk jaar meer, ook onder jongeren en ondernemers."
    )
    others = [
        "Wij vragen het programma om de regels voor open standaarden strenger te handhaven, "
        "zodat gemeenten niet langer vastzitten aan de systemen van een enkele leverancier.",
        "De provincie moet meer doen aan de bereikbaarheid van het platteland, want de bus "
        "rijdt steeds minder vaak en de afstand tot het gemeentehuis wordt groter.",
    ]
    texts = [LETTER_A] * 20 + [f"{LETTER_A} {stock_1}"] * 8 + [f"{LETTER_A} {stock_2}"] * 8
    for other in others:
        texts += [f"{other} {stock_1}"] * 30
    _, _, of_row = campaigns_of(texts)
    assert set(of_row[:36]) == {of_row[0]} and of_row[0] >= 0
    assert of_row[0] not in set(of_row[36:])


def test_it_shows_a_campaign_by_its_most_common_version():
    texts = [LETTER_A] * 5 + copies(LETTER_A, 6, seed=5)
    corpus, found, _ = campaigns_of(texts)
    assert found.sizes.tolist() == [11]
    assert corpus.texts[corpus.first_row[found.representatives[0]]] == LETTER_A


def test_it_is_the_same_for_the_same_seed():
    texts = copies(LETTER_A, 15, 6) + copies(LETTER_B, 15, 7)
    assert np.array_equal(campaigns_of(texts)[2], campaigns_of(texts)[2])


def test_it_sums_the_shingle_weights_of_a_small_batch_as_the_full_table_does():
    from koers.text.campaigns import _add_per_bucket

    rng = np.random.default_rng(3)
    size = 1 << 12
    for n in (10, size // 16 - 1, size // 16, size * 3):  # both ways, either side of the switch
        buckets = rng.integers(0, size, n).astype(np.uint32)
        weights = rng.random(n) * 10
        start = rng.random(size)
        table = start.copy()
        _add_per_bucket(table, buckets, weights)
        assert np.array_equal(table, start + np.bincount(buckets, weights, minlength=size)), n


def test_it_scores_a_small_corpus_as_the_table_of_all_buckets_does(monkeypatch):
    from koers.text import campaigns

    rng = np.random.default_rng(5)
    sizes = rng.integers(0, 40, 300)
    ids = np.concatenate([np.sort(rng.choice(1 << 20, n, replace=False)) for n in sizes])
    shingles = campaigns.Shingles(
        ids.astype(np.uint32), np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    )
    texts = np.flatnonzero(sizes > 0)
    weights = rng.integers(1, 50, len(texts))
    few = campaigns.centrality(shingles, texts, weights)
    # The same corpus through the table of all buckets, in batches of 64 texts.
    monkeypatch.setattr(campaigns, "FEW_SHINGLES", 0)
    monkeypatch.setattr(campaigns, "BATCH", 64)
    table = campaigns.centrality(shingles, texts, weights)
    assert np.array_equal(few, table)
