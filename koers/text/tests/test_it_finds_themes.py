from collections import Counter

from koers.text import OTHER, Settings, ThemeSettings, analyse


def themes_of(consultation, result):
    """planted theme -> Counter of found theme ids"""
    found: dict[str, Counter] = {}
    for (_, _, planted), item in zip(consultation, result["items"], strict=True):
        found.setdefault(planted, Counter())[item["theme"]] += 1
    return found


def test_it_gives_every_row_one_theme(consultation, analysed):
    items = analysed.result["items"]
    assert len(items) == len(consultation)
    ids = {t["id"] for t in analysed.result["themes"]}
    assert all(item["theme"] in ids for item in items)
    assert sum(t["size"] for t in analysed.result["themes"]) == len(items)


def test_it_puts_an_empty_text_in_other(consultation, analysed):
    row = next(i for i, r in enumerate(consultation) if r[2] == "leeg")
    assert analysed.result["items"][row]["theme"] == OTHER
    other = next(t for t in analysed.result["themes"] if t["id"] == OTHER)
    assert other["label"] == "Overig"


def test_it_finds_the_planted_themes(consultation, analysed):
    found = themes_of(consultation, analysed.result)
    for planted in ("websites", "portalen", "kanalen"):
        theme, count = found[planted].most_common(1)[0]
        assert theme != OTHER and count >= 0.9 * sum(found[planted].values())
    assert len({found[p].most_common(1)[0][0] for p in ("websites", "portalen", "kanalen")}) == 3


def test_it_keeps_a_small_family_theme(consultation, analysed):
    found = themes_of(consultation, analysed.result)
    water, count = found["water"].most_common(1)[0]
    assert count == 7 and water != OTHER
    theme = next(t for t in analysed.result["themes"] if t["id"] == water)
    assert theme["size"] <= 9
    assert theme["specific_to"] == "waterschappen"


def test_it_labels_with_written_words_not_stems(analysed):
    labels = " ".join(t["label"] for t in analysed.result["themes"])
    keywords = {w for t in analysed.result["themes"] for w in t["keywords"]}
    assert "MijnOverheid" in keywords or "DigiD" in keywords  # spelling as people write it
    assert "gemeenten" in keywords  # Snowball's stem would be "meen"
    assert "meen" not in keywords and "websit" not in keywords
    assert labels and ", " not in labels  # a phrase, not a list of words


def test_it_quotes_without_signatures(analysed):
    quotes = [q for t in analysed.result["themes"] for q in t["quotes"]]
    themes = [t for t in analysed.result["themes"] if t["id"] != OTHER]
    assert quotes and all(1 <= len(t["quotes"]) <= 3 for t in themes)
    assert not any("Wethouder" in q or "groet" in q for q in quotes)


def test_it_gives_campaign_members_the_theme_of_their_representative(consultation, analysed):
    rows = [i for i, r in enumerate(consultation) if r[2] == "campagne"]
    items = [analysed.result["items"][i] for i in rows]
    assert len({i["campaign"] for i in items}) == 1 and items[0]["campaign"] is not None
    assert len({i["theme"] for i in items}) == 1
    campaign = analysed.result["campaigns"][items[0]["campaign"] - 1]
    assert campaign["size"] == 25


def test_it_is_deterministic_for_a_seed(consultation, analysed):
    again = analyse([r[0] for r in consultation], groups=[r[1] for r in consultation])
    assert again.result == analysed.result


def test_it_takes_a_fixed_number_of_themes(consultation):
    result = analyse(
        [r[0] for r in consultation], settings=Settings(themes=ThemeSettings(n_themes=3))
    ).result
    assert len([t for t in result["themes"] if t["id"] != OTHER]) <= 3


def test_it_handles_tiny_and_empty_inputs():
    for texts in ([], ["Hallo"], ["", ""], ["a b c d e f g h"] * 3, ["De website is traag."] * 3):
        analysis = analyse(texts)
        assert len(analysis.result["items"]) == len(texts)
        assert sum(t["size"] for t in analysis.result["themes"]) == len(texts)
        assert len(analysis.model.assign(["website"])) == 1


def test_it_does_not_name_a_theme_after_a_word_that_opens_sentences():
    from koers.text.themes import display_forms, label_words

    texts = ["Vul het formulier in.", "Vul alles in.", "Wij gebruiken DigiD voor het formulier."]
    forms, openers = display_forms(["Vul", "formulier", "digid"], texts)

    assert forms == {"Vul": "vul", "formulier": "formulier", "digid": "DigiD"}
    assert openers == {"Vul"}
    # An item of a list opens a sentence too.
    listed = ["Onze punten:\n- Mooi dat het loket blijft.\n- Mooi werk.", "Het is mooi zo."]
    assert display_forms(["mooi"], listed)[0] == {"mooi": "mooi"}
    surface = ["Vul", "formulier", "digid"]
    assert label_words([0, 1, 2], surface, n=2, skip=openers) == ["formulier", "digid"]
