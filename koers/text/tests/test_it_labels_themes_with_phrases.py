"""Theme labels are phrases from the texts; summaries are central sentences without names."""

from koers.text import OTHER
from koers.text.labels import (
    function_words,
    has_name,
    is_adjective_nl,
    is_infinitive_nl,
    is_verb_form_nl,
    labels_in_language,
    phrase_labels,
    poor_keyword,
    shared_phrases,
    summary,
    weak_words,
)
from koers.text.normalise import unaccent

# A theme about something else, for the tests that need a second one.
COUNTER = ["Het loket moet open blijven.", "Houd het loket open.", "Een loket is nodig."]


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


def test_a_dutch_label_is_a_phrase_and_not_a_piece_of_a_sentence():
    # Each of these read as a label before: a finite verb at its edge ("Frustreert gebruikers",
    # "Vergunning aanvragen duurt"), two nouns that a verb stood between ("Departement
    # opdrachtgever") and an article after a noun ("Provincies de subsidie").
    themes = [
        [
            "Het nieuwe portaal frustreert gebruikers van de formulieren.",
            "Dit loket frustreert gebruikers elke dag.",
            "Een trage website frustreert gebruikers en kost ons klanten.",
        ],
        [
            "Een vergunning aanvragen duurt maanden.",
            "Vergunning aanvragen duurt bij ons weken.",
            "Ook een vergunning aanvragen duurt te lang.",
        ],
        [
            "Onduidelijk is welk departement opdrachtgever is.",
            "Welk departement opdrachtgever wordt, weet nog niemand.",
            "Maak bekend welk departement opdrachtgever is.",
        ],
        [
            "Herkenbaar dat de agenda voor provincies de subsidie centraal stelt.",
            "Goed dat de agenda voor provincies de subsidie centraal stelt.",
            "Terecht dat de agenda voor provincies de subsidie noemt.",
        ],
    ]
    labels = phrase_labels(themes, language="nl")
    assert labels[1] == "Vergunning aanvragen"
    for label in labels:
        words = _words(label)
        assert not {"frustreert", "duurt", "stelt", "noemt", "is", "wordt"} & set(words), label
        assert label.lower() not in {"departement opdrachtgever", "provincies de subsidie"}, label
    assert not any(p.lower() == "departement opdrachtgever" for p, _n in shared_phrases(themes[2]))


def test_a_verb_that_carries_the_sentence_is_no_part_of_a_dutch_label():
    # "Hoeven te melden" was the label of the demo's privacy theme at the automatic count.
    themes = [
        [
            "Deel gegevens, zodat burgers niet opnieuw hetzelfde hoeven te melden.",
            "Burgers hoeven dan niet steeds hetzelfde te melden.",
            "Zorg dat mensen een verhuizing niet vaker hoeven te melden.",
        ],
        [
            "Het loket moet blijven bestaan voor wie niet digitaal kan.",
            "Het loket en de telefoon moeten blijven bestaan.",
            "Laat het loket blijven bestaan, ook na 2017.",
        ],
    ]
    labels = phrase_labels(themes, language="nl")
    for label in labels:
        assert not {"hoeven", "moet", "moeten", "blijven", "laat"} & set(_words(label)), label


def test_a_label_holds_one_of_the_themes_keywords_when_a_phrase_does():
    # "DigiD machtigen", shared by a few texts, named a theme about data leaks.
    leaks = [
        "Voor ouderen is DigiD machtigen lastig. Het risico van een datalek is groot.",
        "Voor mij is DigiD machtigen lastig.",
        "Ik vrees het risico van een datalek bij elke koppeling.",
        "Voor mantelzorgers is DigiD machtigen lastig.",
        "Na een datalek is het vertrouwen weg; het risico van een datalek blijft.",
        "Ook voor bedrijven is DigiD machtigen lastig.",
    ]
    counter = [
        "Het loket moet open blijven voor wie niet digitaal kan.",
        "Houd het loket open, ook na 2017.",
        "Een loket in de buurt is nodig.",
    ]

    def label(keywords):
        return phrase_labels([leaks, counter], language="nl", keywords=[keywords, ["loket"]])[0]

    assert label(["DigiD", "machtigen"]) == "DigiD machtigen"
    assert label(["datalek", "risico"]) == "Risico van een datalek"


def test_a_dutch_label_is_no_adverbial_compound_preposition_or_subject_before_its_verb():
    # Each was a label of the demo's themes: a noun in a prepositional phrase before the verb
    # ("per jaar rapporteren"), "te" with an infinitive, a compound preposition ("in plaats
    # van"), a separable verb's particle ("vul ... in met") and a subject ("beheer wegen").
    themes = [
        [
            "Twee keer per jaar rapporteren kost te veel tijd.",
            "Vier keer per jaar rapporteren is te vaak.",
            "Eens per jaar rapporteren is genoeg.",
        ],
        [
            "Verwijs naar MijnOverheid in plaats van een eigen omgeving te bouwen.",
            "Link naar de persoonlijke pagina in plaats van een eigen omgeving te bouwen.",
            "Gebruik MijnOverheid in plaats van een eigen omgeving te bouwen.",
        ],
        [
            "Vul aanvragen vooraf in met bekende gegevens.",
            "Vul formulieren vooraf in met bekende gegevens.",
            "Vul alles vooraf in met bekende gegevens, zodat de gebruiker alleen controleert.",
        ],
        [
            "De kosten van aansluiten en beheer wegen voor ons zwaarder.",
            "De kosten van aansluiten en beheer wegen zwaar voor kleine gemeenten.",
            "Aansluiten en beheer wegen voor ons zwaarder dan voor de G4.",
        ],
    ]
    labels = phrase_labels(themes, language="nl")
    for label in labels:
        words = _words(label)
        assert "te" not in words and "plaats van" not in label.lower(), label
        assert label.lower() not in {
            "jaar rapporteren",
            "vooraf in met bekende gegevens",
            "beheer wegen",
        }, label
    assert labels[0] != "" and labels[2] == "Bekende gegevens"


def test_a_label_that_opened_a_sentence_keeps_the_capitals_of_its_names():
    themes = [
        [
            "Inwoners van Nederland betalen hier minder belasting.",
            "Inwoners van Nederland krijgen het verschil terug.",
            "Ook inwoners van Nederland betalen dividendbelasting.",
            "Dit geldt voor inwoners met een woning.",
        ],
        ["Het loket blijft open.", "Het loket moet open."],
    ]
    assert phrase_labels(themes, language="nl")[0] == "Inwoners van Nederland"


def test_two_words_joined_by_en_are_things_in_dutch():
    themes = [
        [
            "De dijken zijn te laag, het water stijgt.",
            "Dijken: laag. Water: hoog.",
            "Laag liggen de dijken bij het water.",
        ],
        [
            "Het loket sluit, zei de balie.",
            "De balie en het loket eindigden.",
            "Loket dicht, balie eindigde.",
        ],
    ]
    labels = phrase_labels(themes, language="nl")
    assert labels[0] == "Dijken en water", labels
    assert not {"laag", "eindigde", "eindigden", "sluit"} & set(_words(" ".join(labels))), labels


def test_a_dutch_label_does_not_stop_before_the_van_of_its_last_word():
    # "Waterschappen bij de inrichting" named the demo's theme of the water boards: six words of
    # "... de waterschappen bij de inrichting van het omgevingsloket", cut before the "van".
    water = [
        "Betrek de waterschappen bij de inrichting van het omgevingsloket.",
        "Neem de waterschappen bij de inrichting van het omgevingsloket mee.",
        "Zet de waterschappen bij de inrichting van het omgevingsloket voorop.",
        "Vergeet de waterschappen bij de inrichting van het omgevingsloket niet.",
        "Het contact met het waterschap loopt via de aanslag.",
        "Voor veel mensen is de aanslag het enige contact met het waterschap.",
        "Ons contact met het waterschap gaat over belasting.",
    ]
    labels = phrase_labels([water, COUNTER], language="nl", keywords=[["waterschappen"], []])
    assert labels[0] == "Contact met het waterschap", labels


def test_a_dutch_label_ends_in_no_participle_that_says_how():
    themes = [
        [
            "De trein komt normaal gesproken op tijd.",
            "De bus rijdt normaal gesproken elk kwartier.",
            "Het is er normaal gesproken druk.",
            "Het gaat normaal gesproken goed.",
        ],
        [
            "Het Huis van Afgevaardigden stemde tegen.",
            "Het Huis van Afgevaardigden nam de wet aan.",
            "De voorzitter van het Huis van Afgevaardigden sprak.",
        ],
        COUNTER,
    ]
    labels = phrase_labels(themes, language="nl")
    assert "gesproken" not in labels[0].lower(), labels
    assert labels[1] == "Huis van Afgevaardigden", labels  # in a name it is a noun


def test_a_phrase_far_below_the_themes_own_word_and_without_it_does_not_name_the_theme():
    # "Burgers en bedrijven" (in five texts of 26) named a demo theme about the ambition, a word
    # most of its texts use, in no phrase they share.
    ambition = [
        "Maak de ambitie meetbaar: welke diensten moeten digitaal?",
        "Ik steun de ambitie van harte.",
        "De ambitie gaat vooral over techniek.",
        "Een mooie ambitie, maar welke diensten horen erbij?",
        "De ambitie vraagt geld voor diensten.",
        "Goed voor burgers en bedrijven, deze ambitie.",
        "Burgers en bedrijven merken nog weinig.",
        "Een ambitie voor de diensten aan burgers en bedrijven.",
    ]
    keywords = [["ambitie", "diensten"], ["loket"]]
    labels = phrase_labels([ambition, COUNTER], language="nl", keywords=keywords)
    assert labels[0] == "Ambitie en diensten", labels


def test_two_words_are_joined_in_the_language_of_their_texts_and_are_no_verbs_there():
    # "Children en travellers", "Befinden sich", "Da en Straßen" and "Wasser und fahren" named
    # SIB-200 topics: a German noun has a capital.
    english = [
        [
            "Children cannot travel alone.",
            "Travellers with children cannot wait.",
            "Many travellers cannot find a seat for children.",
        ],
        ["The election was in May.", "An election in June.", "The election in July."],
    ]
    german = [
        [
            "Die Straßen befinden sich im Norden, wo viele fahren.",
            "Da befinden sich die Straßen, auf denen alle fahren.",
            "Im Norden befinden sich viele Straßen zum Fahren; wir fahren.",
        ],
        ["Die Wahl war gestern.", "Die Wahl ist morgen.", "Eine Wahl im Mai."],
    ]
    labels = phrase_labels(english, language="en") + phrase_labels(german, language="de")
    assert labels[0] in {"Children and travellers", "Travellers and children"}, labels
    assert labels[2] in {"Straßen und Norden", "Norden und Straßen"}, labels
    for label in labels[0], labels[2]:
        assert not {"en", "cannot", "befinden", "sich", "da", "fahren"} & set(_words(label)), labels


def test_a_dutch_label_drops_the_ending_an_adjective_took_after_het():
    # "Hogere betrouwbaarheidsniveau van DigiD" named a demo theme, from "het hogere ...".
    themes = [
        [
            "Het hogere betrouwbaarheidsniveau van DigiD is lastig voor ouderen.",
            "Voor ouderen is het hogere betrouwbaarheidsniveau van DigiD een drempel.",
            "Dat hogere betrouwbaarheidsniveau van DigiD vraagt een sms.",
        ],
        [
            "De hogere tarieven van eHerkenning vallen zwaar.",
            "Wij vrezen de hogere tarieven van eHerkenning.",
            "Hogere tarieven van eHerkenning zijn niet te dragen.",
        ],
        COUNTER,
    ]
    labels = phrase_labels(themes, language="nl")
    assert labels[0] == "Hoger betrouwbaarheidsniveau van DigiD", labels
    assert labels[1] == "Hogere tarieven van eHerkenning", labels  # after "de": a plural


def test_two_words_joined_by_en_are_two_words_not_one_twice():
    themes = [
        [
            "Reizigers reizen graag met de trein.",
            "Veel reizigers reizen ver; de trein is vol.",
            "Reizen met de trein: reizigers klagen.",
        ],
        COUNTER,
    ]
    labels = phrase_labels(themes, language="nl")
    assert labels[0] in {"Reizigers en trein", "Reizen en trein"}, labels


def test_it_knows_a_dutch_verb_adjective_and_infinitive_from_a_noun():
    verbs = ["frustreert", "duurt", "werkt", "wordt", "gebruikt", "vastgesteld"]
    nouns = ["dienst", "fout", "wet", "markt", "recht", "besluit", "tijd", "gebied", "bericht"]
    assert all(is_verb_form_nl(w) for w in verbs)
    assert not any(is_verb_form_nl(w) for w in nouns)
    adjectives = [
        "digitale",
        "kleine",
        "sociaal",
        "nieuw",
        "gekoppelde",
        "hogere",
        "eigen",
        "groter",
    ]
    assert all(is_adjective_nl(w) for w in adjectives)
    assert not any(
        is_adjective_nl(w) for w in ["departement", "provincies", "vergunning", "gemeente"]
    )
    assert all(is_infinitive_nl(w) for w in ["verlengen", "aanpassen", "aanvragen", "bijsturen"])
    assert not any(is_infinitive_nl(w) for w in ["fouten", "zaken", "gemeenten", "diensten"])


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


def test_a_summary_says_what_the_texts_say_before_what_they_ask():
    # "Mijn DigiD werkt niet, wie kan mij helpen?" opened the summary of the demo's DigiD theme.
    texts = [
        "Mijn DigiD werkt niet, wie kan mij helpen met DigiD?",
        "DigiD Machtigen is belangrijk voor mantelzorgers.",
        "Veel ouderen verliezen hun DigiD-wachtwoord.",
        "Waar vraag ik DigiD aan?",
    ]
    chosen = summary(texts, lambda ss: [1.0 + ss[i].count("DigiD") for i in range(len(ss))])
    assert chosen == [
        "DigiD Machtigen is belangrijk voor mantelzorgers.",
        "Veel ouderen verliezen hun DigiD-wachtwoord.",
        "Mijn DigiD werkt niet, wie kan mij helpen met DigiD?",
    ]


def test_every_theme_gets_a_summary_in_the_json(analysed):
    themes = [t for t in analysed.result["themes"] if t["id"] != OTHER]
    assert all(t["summary"] and all(s[-1] in ".!?" for s in t["summary"]) for t in themes)
    assert not any("Wethouder" in s for t in themes for s in t["summary"])


def test_a_keyword_is_no_verb_form_in_dutch():
    from koers.text import analyse

    places = ["Assen", "Breda", "Delft", "Emmen", "Gouda", "Hoorn", "Leek", "Oss", "Sneek", "Weert"]
    texts = [f"Ik zie dat het loket in {p} sluit en dat ergert ouderen." for p in places] + [
        f"De dijken bij {p} zijn te laag voor het hoogwater van de rivier." for p in places
    ]
    result = analyse(texts).result
    keywords = {w.lower() for t in result["themes"] for w in t["keywords"]}
    assert {"loket", "dijken"} <= keywords
    assert not {"zie", "sluit", "ergert"} & keywords, keywords
    assert poor_keyword("ergert", "nl") and not poor_keyword("ergert", "en")
    assert not any(poor_keyword(w, "nl") for w in ["kosten", "zorg", "machtigen", "loket"])
    assert poor_keyword("telkens", "nl") and poor_keyword("ver", "nl")
    # A comparative or a verb that carries the sentence says nothing of what it is about.
    assert all(poor_keyword(w, "nl") for w in ["groter", "zwaarder", "blijven", "hoeven"])
    assert not any(poor_keyword(w, "nl") for w in ["computer", "burgers", "register", "water"])
    # An adjective before its noun is half a phrase; alone it may stand ("gratis", "digitaal").
    assert all(poor_keyword(w, "nl") for w in ["echte", "kleine", "kwetsbare", "digitale", "twee"])
    assert not any(poor_keyword(w, "nl") for w in ["gratis", "digitaal", "bijlage", "ziekte"])


def test_a_theme_with_nothing_shared_in_the_programmes_language_is_named_all_the_same():
    themes = [
        [
            "De gemeente opent een nieuw loket voor ondernemers.",
            "Het loket voor ondernemers is te laat open.",
            "Ondernemers willen een loket dat op zaterdag open is.",
        ],
        [
            "San Francisco heeft een grote haven.",
            "De telescopen staan hoog in de bergen.",
            "San Francisco has many hotels and restaurants.",
            "San Francisco hat viele Hotels und Restaurants.",
        ],
    ]
    labels = labels_in_language(themes, "nl")
    assert labels[0] == "Loket voor ondernemers"
    assert labels[1] and "Francisco" in labels[1], labels  # from all its texts, not "Thema 2"
