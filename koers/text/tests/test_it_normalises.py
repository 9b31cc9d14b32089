from koers.text.normalise import normalise, stopwords, tokens, unaccent


def test_it_drops_salutation_and_signature():
    text = "Geachte heer Jansen,\n\nDe website is traag.\n\nMet vriendelijke groet,\nAnne Bakker"
    assert normalise(text) == "de website is traag."


def test_it_keeps_a_closing_that_is_all_there_is():
    assert normalise("Met vriendelijke groet") == "met vriendelijke groet"


def test_it_does_not_take_a_word_for_a_greeting():
    assert normalise("Dagelijks gebruik ik DigiD.") == "dagelijks gebruik ik digid."


def test_it_folds_unicode_and_removes_addresses():
    text = "Zie https://example.nl en mail info@example.nl – d’r is ﬁnanciering"
    assert tokens(normalise(text)) == ["zie", "en", "mail", "d'r", "is", "financiering"]


def test_it_ships_a_dutch_stopword_list():
    stop = stopwords()
    assert {"de", "het", "een", "en", "niet", "worden", "hoogachtend"} <= stop
    assert not {"gemeente", "digitaal", "burger", "website"} & stop


def test_it_matches_accents_only_for_matching():
    assert unaccent("één") == unaccent("eén") == "een"


def test_it_drops_a_salutation_with_two_forms_of_address():
    assert (
        normalise("Geachte heer, mevrouw,\n\nDe kosten zijn te hoog.") == "de kosten zijn te hoog."
    )
    assert normalise("Geachte heer, de kosten zijn te hoog.") == "de kosten zijn te hoog."
