from koers.text.normalise import normalise, stopwords, strip_letter, tokens, unaccent


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


def test_it_drops_the_sentences_that_only_open_or_close_a_letter():
    # The frame of a hundred position papers made a theme of its own ("Contact opnemen").
    text = (
        "Gemeente Kampen dankt het programma voor de gelegenheid om te reageren.\n\n"
        "## Samenvatting\n\nDe kosten van eHerkenning zijn te hoog.\n\n"
        "## Opmerkingen per onderwerp\n\n- Maak één aansluitprocedure.\n\n"
        "Voor vragen over deze reactie kunt u contact opnemen met ons secretariaat.\n\n"
        "Met vriendelijke groet,\nwethouder dienstverlening, gemeente Kampen"
    )
    assert strip_letter(text) == (
        "De kosten van eHerkenning zijn te hoog.\n\n\n- Maak één aansluitprocedure."
    )
    assert normalise(
        "Aan het programma Digitaal 2017,\n\nIk heb de voorzet in de nieuwsbrief gelezen en "
        "wil graag reageren. Het loket moet blijven. Veel succes met het vervolg!\n\nGroet"
    ) == ("het loket moet blijven.")
    assert normalise("Goedendag,  Gebruik de KvK-gegevens.  Succes met de agenda!") == (
        "gebruik de kvk-gegevens."
    )


def test_it_keeps_a_frame_sentence_that_is_all_there_is_or_says_more():
    assert strip_letter("Succes met de agenda!") == "Succes met de agenda!"
    assert strip_letter("Dank voor de gelegenheid. Wij kijken uit naar de uitwerking.") == (
        "Wij kijken uit naar de uitwerking."
    )
    long = (
        "Wij danken u voor de mogelijkheid, maar de hele agenda gaat over techniek en veel te "
        "weinig over wat mensen merken; neem daarom in elke stap een toets met gebruikers op, "
        "zodat de kwaliteit van de dienstverlening zichtbaar beter wordt. Dat is ons punt."
    )
    assert strip_letter(long) == long
    # A heading that names a subject stays, and so does a sentence that opens with "Aan de".
    assert (
        strip_letter("## Privacy\n\nKoppel geen gegevens.") == "## Privacy\n\nKoppel geen gegevens."
    )
    assert strip_letter("Aan de slag: maak het eenvoudig.") == "Aan de slag: maak het eenvoudig."
