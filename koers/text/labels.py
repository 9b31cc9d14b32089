"""Theme labels a person would write, and a short extractive summary per theme.

A label is a phrase taken from the theme's texts: a run of one to four content words, with
function words ("van", "voor", "de", "of", "für", "des") allowed only inside it
("digitale toegankelijkheid van formulieren"). Candidates are scored by

    coverage (share of the theme's texts that use the phrase)
    x distinctiveness (log of how much more often the theme's texts use it than the others')
    x a small bonus per extra content word (a phrase says more than a word),

and each theme, biggest first, takes its best phrase that no other theme took. A phrase never
starts or ends with a function word, and is never a bare verb or a sentence opener ("geachte",
"graag", "ik vind"): the word lists below (Dutch, English, German, French) say which words are
which, without a model. In Dutch a label also has the shape of a Dutch phrase (no finite
verb; two nouns side by side only after an adjective or in a name), told from the word forms of
simplemma's dictionary (see "the shape of a Dutch phrase" below). A label is shown in the
spelling written most often in the texts, with a capital first letter. When no phrase of two or
more words is shared by two texts, the label is the two best single words joined by "en"
("Water en dijken"): in Dutch both things, not an adjective or a verb form.

The summary is the two or three sentences of the theme nearest to its centroid (TF-IDF), each
from another text, none repeating an earlier one, without salutation or signature and without
a sentence that looks like it names a person.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np

from koers.text.language import detect
from koers.text.normalise import stem_words, stopwords, strip_letter, unaccent

# Function words allowed inside a phrase, never at its edges.
_INNER = (
    "van voor de het een en in op met te of bij aan door tot over om naar "
    "of the for and in on with to by from at "
    "der des dem den und für von zu mit im am auf bei "
    "de la le les des du et pour en à au aux sur par avec d l"
)
INNER = frozenset(unaccent(w) for w in _INNER.split())

# Function words per language besides the Dutch list shipped as stopwords_nl.txt.
_FUNCTION = {
    "en": "a an the and or but if of to in on at by for with from into about as is are was "
    "were be been being have has had do does did will would shall should can could may might "
    "must this that these those it its they them their there here we our us you your he she "
    "his her him i me my not no nor so than then too very also just more most such only own "
    "same other some any all each both few many much which who whom whose what when where why "
    "how up down out off over under again further once because while during before after above "
    "below between through against until both yes cannot can't won't don't doesn't didn't "
    "isn't aren't wasn't either neither whether although though however yet still even ever "
    "never always often within without upon via across along among around behind beyond "
    "toward towards onto per",
    "de": "der die das den dem des ein eine einer eines einem einen und oder aber wenn als "
    "wie von zu mit im in am an auf für bei aus nach vor über unter durch gegen ohne um ist "
    "sind war waren sein seine ihr ihre wir unser unsere ich mich mir mein meine du sie er es "
    "man nicht kein keine auch noch nur schon sehr mehr dass daß so dann denn doch hat haben "
    "wird werden wurde kann können soll sollte muss müssen diese dieser dieses jede jeder alle "
    "etwa sowie bzw zum zur vom beim sich da dort hier jedoch also wurden worden würde würden "
    "wäre sowohl bereits immer oft zwischen während seit bis ihm ihn ihnen seinen seiner "
    "seinem uns euch dessen deren denen welche welcher welches könnte konnte konnten darüber "
    "darin dabei dazu damit dafür daher davon häufig",
    "fr": "le la les l un une des du de d et ou mais si que qui quoi dont où ce cet cette ces "
    "il elle ils elles on nous vous je j me m se s te t lui leur leurs son sa ses mon ma mes "
    "notre nos votre vos est sont était être été a ont avoir fait faire pas ne n plus moins "
    "très aussi dans en sur sous par pour avec sans chez entre vers à au aux y comme tout tous "
    "toute toutes cela ça qu peut peuvent pouvez pourrait pourraient voulez doit doivent "
    "plusieurs certains certaines autre autres même mêmes quand alors donc ainsi car lors "
    "depuis pendant après avant selon contre entre afin près assez d'un d'une l'un l'une",
    # Old relatives of Dutch regulations, outside the stopword list so that the themes stay
    # as they are: no label opens with "Waarmede".
    "nl": "waarmede waartoe alwaar hetwelk zulks",
}

# Verb forms and sentence openers that make a poor label on their own or at a phrase's edge.
_VERBS_AND_OPENERS = {
    "nl": "lijkt lijken komt komen staat staan stelt stellen vind vindt vinden denk denkt "
    "denken zie ziet zien gaat gaan moet moeten kan kunnen wil willen wilt zou zouden mag "
    "mogen blijkt blijven blijft maakt maken krijgt krijgen geeft geven neemt nemen houdt "
    "houden zegt zeggen weet weten loopt lopen werkt werken vraagt vragen vraag hoop hopen "
    "verwacht verwachten pleit pleiten roep roept roepen verzoek verzoeken adviseer adviseert "
    "adviseren wijs wijst wijzen mis mist missen voorop ligt liggen zit zitten leidt leiden "
    "doet doen heb hebt heeft hebben ben bent is zijn was waren wordt worden werd werden "
    "graag geachte beste hallo dag groet groeten vriendelijke hoogachtend bijvoorbeeld "
    "eigenlijk echt gewoon helaas zeker vooral steeds vaak soms natuurlijk namelijk daarom "
    "daarnaast bovendien verder tevens kortom situatie manier aantal keer punt dingen ding "
    "iets niets alles veel weinig goed slecht nodig belangrijk mogelijk duidelijk graag "
    "mensen iemand allemaal wij ik jij u we onze ons mijn uw "
    "speelt spelen volgt volgen ontbreekt ontbreken verdient verdienen betekent betekenen "
    "zorgt zorg zorgen helpt helpen kost kosten geldt gelden hoort horen past passen telt "
    "wacht wachten draait draaien ontstaat ontstaan verandert veranderen verschilt bestaat "
    "bestaan biedt bieden beperkt beperken aansluit aansluiten sluit sluiten loopt valt vallen "
    "brengt brengen begint beginnen gebruikt gebruiken kiest kiezen noemt noemen toont tonen "
    "vormt vormen levert leveren regelt regelen speel investeer maak geef wees sterk weinig "
    "terecht vanzelf beter wisselend onduidelijk verantwoordelijk samen anderen tellen "
    "bekend volledig tegelijk zichtbaar stil bevatten bevat merkt merken",
    "en": "seems seem comes come stands stand think thinks see sees go goes want wants make "
    "makes get gets give gives take takes say says know knows ask asks hope feel feels need "
    "needs believe please dear regards sincerely thanks thank really just example things "
    "thing lot way people something nothing everything good bad important possible going "
    "used use uses using made found known called become becomes became include includes "
    "including allow allows provide provides",
    "de": "scheint kommt kommen steht stehen denke denkt sehe sieht gehe geht gehen will "
    "wollen macht machen gibt geben nimmt sagt sagen weiß fragen bitte sehr geehrte geehrter "
    "liebe grüße freundlichen beispiel wirklich eigentlich leute etwas nichts alles gut wichtig "
    "möglich befinden befindet halten hält genannt gilt gelten liegt liegen geworden heißt",
    "fr": "semble vient viennent pense pensons crois voit voir va vont veut veulent fait font "
    "donne dit disent sait demande espère faut madame monsieur cordialement salutations "
    "exemple vraiment chose choses gens quelque rien bien important possible prendre prend "
    "prennent permet permettent existe existent trouve trouvent",
}


@cache
def function_words() -> frozenset[str]:
    words = set(stopwords())
    for text in _FUNCTION.values():
        words.update(text.split())
    return frozenset(unaccent(w) for w in words)


@cache
def weak_words() -> frozenset[str]:
    """Verbs, openers and vague words: never a label's edge."""
    words = set(_VAGUE_WORDS.split())
    for text in _VERBS_AND_OPENERS.values():
        words.update(text.split())
    return frozenset(unaccent(w) for w in words)


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_BREAK = re.compile(r"[.!?;:,()\[\]\"“”„«»/\n]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý\"“„'])|\n+")
MAX_CONTENT = 4
MAX_TOKENS = 6


@lru_cache(maxsize=500_000)
def _key(word: str) -> str:
    # Cached: a theme's texts repeat their words, and each word is keyed for every phrase.
    return unaccent(word.lower())


def _phrases(text: str, dutch: bool = False):
    """(key, surface, at_sentence_start) of every candidate phrase of a text; `dutch` adds the
    rules of a Dutch phrase's shape."""
    fw, weak = function_words(), weak_words()
    for clause_start, clause in _clauses(text):
        words = _WORD.findall(clause)
        lower = [w.lower() for w in words]
        keys = [_key(w) for w in words]
        stop = [k in weak or k.isdigit() for k in keys]
        # Whether a word may follow the one before it, and end a phrase: always, but in Dutch.
        joins = ends = [True] * len(words)
        if dutch:
            forms = [_form_nl(w) for w in lower]
            # A verb that carries the sentence ("hoeven te melden", "blijven werken") takes no
            # part in a label, as no finite verb does.
            stop = [
                s or f.verb or w in _AUXILIARY_NL or _inside_compound_preposition(keys, j)
                for j, (s, f, w) in enumerate(zip(stop, forms, lower, strict=True))
            ]
            joins = [True] + [
                _joins_nl(
                    words[j - 1],
                    keys[j - 1],
                    keys[j],
                    forms[j - 1],
                    forms[j],
                    fw,
                    clause_start and j == 1,
                    keys[j - 2] if j >= 2 else None,
                )
                for j in range(1, len(words))
            ]
            ends = [
                not (f.adjective and (w.endswith("e") or w in NL_PLAIN_ADJECTIVES))
                # (written with a capital it is part of a name: "Huis van Afgevaardigden")
                and not (f.strong_participle and w == word)
                for f, w, word in zip(forms, lower, words, strict=True)
            ]
        # A word's "van" complement belongs to it: a phrase that already holds a preposition and
        # stops just before one is cut in the middle ("waterschappen bij de inrichting", of
        # "... de inrichting van het omgevingsloket"), where a phrase of its own would start.
        before_van = [k == "van" for k in keys[1:]] + [False]
        for i, first in enumerate(keys):
            if stop[i] or not _edge_ok(first, fw, weak):
                continue
            content = 0
            for j in range(i, min(len(keys), i + MAX_TOKENS)):
                k = keys[j]
                if stop[j] or (k in fw and k not in INNER) or (j > i and not joins[j]):
                    break
                if k in fw:
                    continue
                content += 1
                if content > MAX_CONTENT:
                    break
                if not ends[j]:
                    # "kleine", "algemene" stand before their noun, "gesproken" after its
                    # adverb: neither ends a name
                    continue
                if dutch and before_van[j] and _holds_preposition(keys[i + 1 : j]):
                    continue
                yield (
                    " ".join(keys[i : j + 1]),
                    " ".join(words[i : j + 1]),
                    clause_start and i == 0,
                )


# A noun between two prepositions is part of a compound one ("in plaats van", "op basis van",
# "met behulp van", "naar aanleiding van"), not the head of a phrase.
_COMPOUND_OPENS = frozenset({"in", "op", "met", "naar", "ten", "ter", "aan", "uit"})
_COMPOUND_CLOSES = frozenset({"van", "met", "tot"})


def _inside_compound_preposition(keys: list[str], i: int) -> bool:
    return (
        0 < i < len(keys) - 1 and keys[i - 1] in _COMPOUND_OPENS and keys[i + 1] in _COMPOUND_CLOSES
    )


def _holds_preposition(keys: list[str]) -> bool:
    return any(k in NL_PREPOSITIONS for k in keys)


def _edge_ok(key: str, fw: frozenset[str], weak: frozenset[str]) -> bool:
    return len(key) > 1 and key not in fw and key not in weak and not key[0].isdigit()


def poor_keyword(word: str, language: str = "") -> bool:
    """A function word, or in Dutch any form of a verb but its infinitive ("zie", "ergert",
    "gebruikt"): a keyword a reader learns nothing from. (The weak words of the labels stay:
    "kosten" and "zorg" are poor edges of a phrase but fair keywords.)"""
    key = _key(word)
    if key in function_words() or key in _VAGUE:
        return True
    if language != "nl":
        return False
    lower = word.lower()
    return (
        _inflected_verb_nl(lower)
        or _inflected_adjective_nl(lower)
        or _comparative_nl(lower)
        or lower in _AUXILIARY_NL
    )


# Adverbs and numerals that say how often, how much or how, not what about: no keyword.
_VAGUE_WORDS = (
    "meest meeste ver telkens steeds vaak soms altijd nooit echt gewoon helemaal meteen "
    "eerder uitdrukkelijk keer twee drie vier vijf zes zeven acht negen tien honderd duizend "
    "anderhalf anderhalve "
    "most always often never really meisten immer oft plupart toujours souvent jamais "
    "two three four times zwei drei mal deux trois quatre fois"
)
_VAGUE = frozenset(_VAGUE_WORDS.split())
# Verbs that carry a sentence, not its subject ("blijven", "hoeven"): no keyword even as an
# infinitive, unlike "machtigen" or "aanvragen".
_AUXILIARY_WORDS_NL = (
    "blijven hoeven moeten kunnen willen mogen zullen gaan komen worden zijn hebben laten doen"
)
_AUXILIARY_NL = frozenset(_AUXILIARY_WORDS_NL.split())


# --- the shape of a Dutch phrase ---------------------------------------------------------------
# Dutch writes a compound as one word, so two content words side by side make a phrase only
# when the first is an adjective ("digitale dienstverlening", "sociaal domein") or the second an
# infinitive ("paspoort verlengen"): "departement opdrachtgever" and "basisregistraties fouten"
# are pieces of a sentence whose verb stood elsewhere. An article inside a phrase follows a
# preposition ("bericht in de Berichtenbox"), never a noun ("provincies de subsidie"). A finite
# verb or a participle ("frustreert", "duurt", "vastgesteld") is no part of a label, as the
# listed verbs are not. Which form a word is comes from simplemma's Dutch dictionary (in the
# wheel, MIT), loaded with the first Dutch text.

NL_ARTICLES = frozenset({"de", "het", "een"})
_NL_DETERMINERS = "mijn je jouw uw zijn haar ons onze hun jullie deze die dit dat elke ieder iedere"
NL_DETERMINERS = NL_ARTICLES | frozenset(_NL_DETERMINERS.split())
_NL_PREPOSITIONS = (
    "van voor in op met bij aan door tot over om naar uit zonder tussen onder binnen na per "
    "tegen rond langs via"
)
NL_PREPOSITIONS = frozenset(_NL_PREPOSITIONS.split())
# Adjectives that take no -e before a noun.
NL_PLAIN_ADJECTIVES = frozenset(["eigen", "open", "gratis", "extra", "gemiddeld"])
_VOWELS = "aeiou"


@lru_cache(maxsize=200_000)
def lemma_nl(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="nl").lower()


def is_verb_form_nl(word: str) -> bool:
    """A finite verb or a participle: "werkt", "frustreert", "wordt", "vastgesteld" (a form
    ending in t or d whose dictionary form is a verb)."""
    return len(word) >= 3 and word[-1] in "td" and _inflected_verb_nl(word)


def _inflected_verb_nl(word: str) -> bool:
    """A form of a verb other than its infinitive ("zie", "werkt", "gaat"): the dictionary
    form differs and is a verb's (ends in n: "zien", "werken", "gaan")."""
    lemma = lemma_nl(word)
    return lemma != word and lemma.endswith("n")


def _undoubled(word: str) -> str:
    """ "digitaal" -> "digital": the long vowel written once before an ending (digitale)."""
    if len(word) > 3 and word[-1] not in _VOWELS and word[-2] == word[-3] and word[-2] in _VOWELS:
        return word[:-2] + word[-1]
    return word


def _doubled(stem: str) -> str:
    """ "aanvrag" -> "aanvraag": the long vowel of an open syllable written twice at the end."""
    if len(stem) > 2 and stem[-1] not in _VOWELS and stem[-2] in "aeou" and stem[-3] not in _VOWELS:
        return stem[:-1] + stem[-2] + stem[-1]
    return stem


def _inflected_adjective_nl(word: str) -> bool:
    """ "echte", "kleine", "digitale": an adjective with the ending it takes before a noun (the
    dictionary form lacks the -e and is no infinitive, unlike that of "werkte")."""
    if not word.endswith("e"):
        return False
    lemma = lemma_nl(word)
    return lemma != word and not lemma.endswith("en")


def _comparative_nl(word: str) -> bool:
    """ "groter", "sneller", "beter": ends in -er, and the dictionary form does not (as that of
    "computer", "burgers" or "nummer" does)."""
    return word.endswith("er") and not lemma_nl(word).endswith(("en", "er"))


def is_adjective_nl(word: str) -> bool:
    """An adjective before a noun: inflected ("digitale", "kleine", "gekoppelde"), a
    comparative ("groter") or one whose inflected form is in the dictionary ("sociaal",
    "nieuw", "snel")."""
    if word in NL_PLAIN_ADJECTIVES:
        return True
    if _comparative_nl(word):
        return True
    if word.endswith("e"):
        lemma = lemma_nl(word)
        past = word.endswith(("de", "te")) and not word.endswith("ende")  # "werkte", a verb
        if lemma != word and not (past and lemma.endswith("en")):
            return True
        return word[-2:] in ("de", "te") and is_verb_form_nl(word[:-1])
    stem = _undoubled(word)
    voiced = stem[:-1] + {"f": "v", "s": "z"}.get(stem[-1:], stem[-1:])  # negatief -> negatieve
    inflected = {word + "e", stem + "e", voiced + "e"}
    if len(word) > 2 and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        inflected.add(word + word[-1] + "e")  # a short vowel: snel -> snelle
    return any(lemma_nl(form) == word for form in inflected)


def is_infinitive_nl(word: str) -> bool:
    """An infinitive ("verlengen", "aanpassen", "aanvragen"), not a plural ("fouten",
    "zaken"): a form of the verb's present (verlengt, aanvraagt) leads back to it."""
    if not word.endswith("en") or len(word) < 5:
        return False
    if lemma_nl(word) == word:
        return True
    stem = word[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stem = stem[:-1]  # stellen -> stel
    forms = {stem + "t", _doubled(stem) + "t", stem}
    return any(lemma_nl(form) == word for form in forms if form != word)


def _no_thing_nl(word: str) -> bool:
    return poor_keyword(word, "nl") or _form_nl(word).adjective


def is_strong_participle_nl(word: str) -> bool:
    """A participle ending in -en ("gesproken", "afgesproken", "verloren"): its dictionary
    form is another word, an infinitive. Unlike "geregeld" it may be a noun too ("gevallen"),
    so it only may not end a phrase, where it says how ("normaal gesproken"), not what."""
    lemma = lemma_nl(word)
    return word.endswith("en") and lemma != word and lemma.endswith("en")


class _FormNL(NamedTuple):
    verb: bool
    adjective: bool
    infinitive: bool
    strong_participle: bool


@lru_cache(maxsize=200_000)
def _form_nl(word: str) -> _FormNL:
    """What a Dutch word (in lower case) can be, looked up once per word."""
    return _FormNL(
        is_verb_form_nl(word),
        is_adjective_nl(word),
        is_infinitive_nl(word),
        is_strong_participle_nl(word),
    )


def _joins_nl(
    before: str,
    before_key: str,
    key: str,
    before_form: _FormNL,
    form: _FormNL,
    fw: frozenset[str],
    opens_sentence: bool,
    prior: str | None = None,
) -> bool:
    """Whether a word may follow `before` inside a Dutch phrase (keys unaccented, forms from
    `_form_nl`). A capital inside a sentence starts a name or title, which takes nouns as they
    come ("Wet luchtvaart", "Besluit algemene rechtspositie politie"); a capital that opens a
    sentence says nothing."""
    if key in NL_ARTICLES:
        return before_key in NL_PREPOSITIONS
    # "Te" with an infinitive ("eigen omgeving te bouwen") and two prepositions in a row, the
    # second a verb's particle ("vooraf in met bekende gegevens"), are pieces of a sentence.
    if "te" in (key, before_key) or (key in NL_PREPOSITIONS and before_key in NL_PREPOSITIONS):
        return False
    if key in fw or before_key in fw:
        return True
    if before[:1].isupper() and not opens_sentence:
        return True
    # A noun before an infinitive is its object ("een vergunning aanvragen", "mijn paspoort
    # verlengen") when an article or a possessive stands before it or it opens the clause
    # (`prior` None); after anything else it is the verb's subject ("alle overheden meedoen"),
    # sits in a prepositional phrase ("per jaar rapporteren") or is a noun of its own ("kosten
    # en beheer wegen zwaarder").
    if form.infinitive:
        if prior is None or prior in NL_DETERMINERS:
            return True
        if prior in NL_PREPOSITIONS:
            return False
    return before_form.adjective


def _clauses(text: str):
    """Pieces of a text between punctuation, with whether each opens a sentence."""
    pos = 0
    sentence_start = True
    for m in _BREAK.finditer(text):
        yield sentence_start, text[pos : m.start()]
        sentence_start = bool(re.search(r"[.!?\n]", m.group(0)))
        pos = m.end()
    yield sentence_start, text[pos:]


def main_language(texts: list[str], languages: list[str] | None = None) -> str:
    """The language most texts are written in (a sample of them), "" when none is clear;
    `languages`, when given, are those of the texts, detected already."""
    step = max(1, len(texts) // 500)
    found = Counter(languages[::step] if languages is not None else map(detect, texts[::step]))
    found.pop("", None)
    return found.most_common(1)[0][0] if found else ""


@dataclass
class _Candidates:
    df: Counter  # key -> texts of the theme that use it
    surface: dict  # key -> Counter of forms (not at a sentence start)
    n: int


def openers(texts: list[str]) -> frozenset[str]:
    """Words written more often at the start of a sentence than elsewhere: in Dutch mostly
    imperatives and openers ("Geef", "Vul", "Zorg"), poor first words of a label."""
    start: Counter = Counter()
    inside: Counter = Counter()
    for text in texts:
        for sentence_start, clause in _clauses(text):
            for i, word in enumerate(_WORD.findall(clause)):
                (start if sentence_start and i == 0 else inside)[_key(word)] += 1
    return frozenset(w for w, n in start.items() if n > inside[w])


def _collect(
    texts: list[str], skip: frozenset[str], language: str, languages: list[str]
) -> _Candidates:
    """The candidate phrases of a theme's texts (`languages`: each text's). A text is read as
    Dutch when it is detected as Dutch, or when its language is unclear (a short text) and
    `language` is Dutch."""
    df: Counter = Counter()
    surface: dict = defaultdict(Counter)
    for text, own in zip(texts, languages, strict=True):
        seen = set()
        for key, form, at_start in _phrases(text, (own or language) == "nl"):
            if key.split(" ", 1)[0] in skip:
                continue
            seen.add(key)
            surface[key][_unopened(form) if at_start else form] += 1
        df.update(seen)
    return _Candidates(df, surface, len(texts))


def _unopened(form: str) -> str:
    """A phrase that opened a sentence, without the capital the sentence gave it: its first
    word in lower case unless spelled with a capital inside ("DigiD"), the rest as written
    ("aanspraken van inwoners van Nederland")."""
    first, _space, rest = form.partition(" ")
    if any(ch.isupper() for ch in first[1:]):
        return form
    return first.lower() + _space + rest


def phrase_labels(
    theme_texts: list[list[str]],
    reserved: frozenset[str] = frozenset(),
    language: str = "",
    languages: list[list[str]] | None = None,
    keywords: list[list[str]] | None = None,
) -> list:
    """A label per theme (themes in order of priority, biggest first): a phrase from its texts,
    distinct from every other theme's label. `reserved` are labels that may not be used;
    `language` is that of the programme, for texts too short to tell; `languages`, when
    given, those of each theme's texts, detected already; `keywords`, when given, each theme's
    keywords, best first, of which a label should hold one (else its own best words)."""
    if languages is None:
        languages = [[detect(t) for t in texts] for texts in theme_texts]
    every = [t for texts in theme_texts for t in texts]
    skip = openers(every)
    language = language or main_language(every, [x for own in languages for x in own])
    cands = [
        _collect(texts, skip, language, own)
        for texts, own in zip(theme_texts, languages, strict=True)
    ]
    dutch = language == "nl"
    total: Counter = Counter()
    for c in cands:
        total.update(c.df)
    n_all = sum(c.n for c in cands)
    used = {_key(r) for r in reserved}
    labels = []
    for index, c in enumerate(cands):
        ranked = _ranked(c, total, n_all)
        own = [_key(w) for w in keywords[index]] if keywords else None
        multi = _anchored([k for k in ranked if " " in k and k not in used], ranked, dutch, own)
        if multi and not _outweighed(multi[0], ranked, own):
            key = multi[0]
            shown = _shown(c, key)
            labels.append(_without_article_nl(shown, theme_texts[index]) if dutch else shown)
            used.add(key)
            continue
        # Two words joined by "en" name a theme when both are things: in Dutch not an
        # adjective or a verb form ("Dijken en laag"); in German a noun, which has a capital
        # ("Wasser und fahren").
        own_language = main_language(theme_texts[index], languages[index]) or language
        singles = [
            k
            for k in ranked
            if " " not in k
            and not (dutch and _no_thing_nl(k))
            and not (own_language == "de" and _form(c, k)[:1].islower())
        ]
        # The second word says something of its own: not "reizigers en reizen".
        other = next((k for k in singles[1:] if not _same_word(singles[0], k)), None)
        if other:
            key = f"{singles[0]} en {other}"
            if key not in used:
                used.add(key)
                joined = _AND.get(own_language, "en")
                labels.append(_cap(f"{_form(c, singles[0])} {joined} {_form(c, other)}"))
                continue
        fresh = [k for k in singles if k not in used]
        if fresh:
            used.add(fresh[0])
            labels.append(_shown(c, fresh[0]))
        else:
            labels.append("")
    return labels


# How many of a theme's most telling single words a phrase label should hold one of, and how
# much of the best phrase's score a phrase that holds one must reach to be preferred.
ANCHORS = 2
ANCHORED_SHARE = 0.5


def _anchors(keywords: list[str]) -> frozenset[str]:
    """The stems of the first ANCHORS keywords: by stem, "waterschap" in a phrase holds the
    keyword "waterschappen"."""
    return frozenset(stem_words(list(keywords[:ANCHORS])))


def _holds_anchor(phrase: str, anchors: frozenset[str]) -> bool:
    return not anchors.isdisjoint(stem_words(phrase.split()))


def _anchored(
    multi: list[str], ranked: dict[str, float], dutch: bool, keywords: list[str] | None
) -> list[str]:
    """The phrases of `multi` (best first) with one that holds one of the theme's first few
    keywords (else of its best single words) moved to the front, when it scores at least half
    as well as the best: a phrase that shares rarer words with a few texts ("DigiD machtigen"
    in a theme about data leaks) names the theme less well than one with its own word
    ("gevolgen van een datalek")."""
    if keywords is None:
        keywords = [k for k in ranked if " " not in k and not (dutch and _no_thing_nl(k))]
    anchors = _anchors(keywords)
    if not multi or not anchors:
        return multi
    held = next((k for k in multi if _holds_anchor(k, anchors)), None)
    if held is None or ranked[held] < ANCHORED_SHARE * ranked[multi[0]]:
        return multi
    return [held] + [k for k in multi if k != held]


# "And" in the language of a theme's texts, for a label of two of its words.
_AND = {"nl": "en", "en": "and", "de": "und", "fr": "et"}


_NEUTER_DETERMINERS = r"(?:het|dit|dat)"


def _without_article_nl(label: str, texts: list[str]) -> str:
    """The label as Dutch writes it without the article the texts had: an adjective before a
    het-word in the singular takes no -e then ("het hogere betrouwbaarheidsniveau" is named
    "Hoger betrouwbaarheidsniveau", not "Hogere ..."). A het-word is told by the texts: the
    phrase follows "het", "dit" or "dat" in most of its occurrences."""
    first, space, rest = label.partition(" ")
    word = first.lower()
    if not rest or not _inflected_adjective_nl(word):
        return label
    phrase = re.escape(label.lower())
    joined = "\n".join(texts).lower()
    seen = len(re.findall(rf"(?<!\w){phrase}(?!\w)", joined))
    neuter = len(re.findall(rf"(?<!\w){_NEUTER_DETERMINERS}\s+{phrase}(?!\w)", joined))
    if not seen or 2 * neuter <= seen:
        return label
    return _cap(_uninflected_nl(word)) + space + rest


def _uninflected_nl(word: str) -> str:
    """ "grote" -> "groot", "simpele" -> "simpel" (the dictionary's form); a comparative keeps
    its degree: "hogere" -> "hoger" (the dictionary gives "hoog")."""
    return word[:-1] if _comparative_nl(word[:-1]) else lemma_nl(word)


def _same_word(a: str, b: str) -> bool:
    """Whether one word is a form or a compound of the other ("reizen", "reizigers";
    "stad", "hoofdstad"; "waterschappen", "waterschapsbelasting"), by their stems."""
    short, long = sorted(stem_words([a, b]), key=len)
    return long.startswith(short[: max(3, len(short) - 1)]) or long.endswith(short)


# How well the best phrase must score, against the theme's first keyword on its own, to name
# the theme: below that it names a side of the theme, and two of its words name it better.
PHRASE_SHARE = 1 / 3


def _outweighed(phrase: str, ranked: dict[str, float], keywords: list[str] | None) -> bool:
    """Whether `phrase`, holding none of the theme's first keywords, scores so far below the
    first of them on its own that it names only a side of the theme: "burgers en bedrijven"
    (five texts of 26) in a theme about the ambition ("ambitie" scores five times higher)."""
    first = next((k for k in keywords or () if k in ranked), None)
    if first is None or ranked[phrase] >= PHRASE_SHARE * ranked[first]:
        return False
    return not _holds_anchor(phrase, _anchors(keywords))


def labels_in_language(
    theme_texts: list[list[str]], language: str, keywords: list[list[str]] | None = None
) -> list[str]:
    """A label per theme from its texts in `language` (from all of them for a theme with none
    in it). A theme whose texts in that language share no phrase is named from all of its
    texts, in whatever language they share one, rather than left without a name. `keywords`:
    see `phrase_labels`."""
    languages = [[detect(t) for t in texts] for texts in theme_texts]
    own_texts, own_languages = [], []
    for texts, langs in zip(theme_texts, languages, strict=True):
        kept = [i for i, x in enumerate(langs) if x == language] if language else []
        kept = kept or list(range(len(texts)))
        own_texts.append([texts[i] for i in kept])
        own_languages.append([langs[i] for i in kept])
    labels = phrase_labels(own_texts, language=language, languages=own_languages, keywords=keywords)
    if not all(labels):
        reserved = frozenset(filter(None, labels))
        anyhow = phrase_labels(
            theme_texts, reserved=reserved, languages=languages, keywords=keywords
        )
        labels = [label or other for label, other in zip(labels, anyhow, strict=True)]
    return labels


def _ranked(c: _Candidates, total: Counter, n_all: int) -> dict[str, float]:
    """The theme's candidate phrases and words, best first, with their scores."""
    n_rest = max(n_all - c.n, 1)
    min_df = 2 if c.n >= 2 else 1
    scored = []
    for key, df in c.df.items():
        if df < min_df:
            continue
        if key.rsplit(" ", 1)[-1].endswith(_PREDICATE_ENDINGS) and " " in key:
            continue
        rest = total[key] - df
        coverage = df / c.n
        lift = np.log((df + 0.5) / c.n) - np.log((rest + 0.5) / n_rest)
        if lift <= 0:
            continue
        content = sum(1 for w in key.split() if w not in function_words())
        scored.append((coverage * lift * (1.0 + 0.35 * (content - 1)), key))
    scored.sort(key=lambda s: (-s[0], s[1]))
    # A longer phrase that says the same as a shorter one (same texts) wins over its parts.
    return {key: score for score, key in scored}


def _form(c: _Candidates, key: str) -> str:
    forms = c.surface.get(key)
    return forms.most_common(1)[0][0] if forms else key


def _shown(c: _Candidates, key: str) -> str:
    return _cap(_form(c, key))


def _cap(label: str) -> str:
    """First letter capitalised, unless the first word is spelled with a capital inside
    ("eHerkenning", "iPhone")."""
    first = label.split(" ", 1)[0]
    if not label or any(ch.isupper() for ch in first[1:]):
        return label
    return label[:1].upper() + label[1:]


# Dutch adjective endings: a phrase ending in one is a statement ("ambitie volledig"), not a name.
_PREDICATE_ENDINGS = ("ig", "baar", "lijk", "isch", "loos", "zaam")


# --- summaries -------------------------------------------------------------------------------

_NAME_HINT = re.compile(
    r"\b(?:heer|mevrouw|meneer|dhr|mw|mr|mrs|ms|dr|ir|drs|prof|herr|frau|monsieur|madame)\b\.?"
    r"|\bnamens\b|\bmijn naam\b|\bmy name\b|\bik ben [A-Z]|@|\+?\d[\d\s-]{7,}\d",
    re.IGNORECASE,
)
# Two capitalised words in a row, possibly joined by a particle: "Jan de Vries", "Anna Smit".
_FULL_NAME = re.compile(
    r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zà-ÿ]+\s+(?:(?:van|de|der|den|ter|ten|von|le|la|du)\s+)*"
    r"[A-Z][a-zà-ÿ]+\b"
)


def has_name(sentence: str) -> bool:
    """True when a sentence may name a person: a form of address, "mijn naam", an e-mail
    address or phone number, or two capitalised words in a row inside the sentence."""
    if _NAME_HINT.search(sentence):
        return True
    return bool(_FULL_NAME.search(sentence[1:]))


def sentences(text: str) -> list[str]:
    body = strip_letter(unicodedata.normalize("NFKC", text or ""))
    parts = (re.sub(r"\s+", " ", s).strip() for s in _SENTENCE.split(body))
    # Markdown headings and list items ("## Opmerkingen", "- punt") are no sentences of a summary.
    return [
        s
        for s in parts
        if 30 <= len(s) <= 300 and s[-1:] in ".!?" and "#" not in s and " - " not in s
    ]


def summary(
    ranked_texts: list[str], score, n: int = 3, language: str = "", limit: int = 40
) -> list[str]:
    """Up to n sentences of the theme's texts (best first) that `score` rates highest, one
    per text, none a near repeat of another, none with a name; in `language` when the theme
    has sentences in it. Statements come before questions: a summary says what the texts say,
    and a question ("Mijn DigiD werkt niet, wie kan mij helpen?") is asked of the programme."""
    pool = []
    for t, text in enumerate(ranked_texts[:limit]):
        for s in sentences(text):
            if has_name(s):
                continue
            pool.append((t, s))
    if language:
        own = [(t, s) for t, s in pool if detect(s) in (language, "")]
        pool = own or pool
    if not pool:
        return []
    scores = score([s for _t, s in pool])
    chosen: list[str] = []
    texts_used: set[int] = set()
    words_used: list[set[str]] = []
    asks = [s.rstrip().endswith("?") for _t, s in pool]
    for i in np.lexsort((-np.asarray(scores), asks)):
        t, s = pool[i]
        if scores[i] <= 0 or t in texts_used:
            continue
        words = {_key(w) for w in _WORD.findall(s)}
        if any(len(words & w) > 0.6 * min(len(words), len(w)) for w in words_used):
            continue
        chosen.append(s)
        texts_used.add(t)
        words_used.append(words)
        if len(chosen) == n:
            break
    return chosen


def shared_phrases(texts: list[str], n: int = 8) -> list[tuple[str, int]]:
    """The phrases most of a theme's texts share, with how many texts use each: why these texts
    are together. Longer phrases first among equals; a phrase inside a chosen one with no more
    texts of its own is left out."""
    languages = [detect(t) for t in texts]
    c = _collect(texts, openers(texts), main_language(texts, languages), languages)
    scored = sorted(
        ((df * (1.0 + 0.35 * (_content(key) - 1)), key) for key, df in c.df.items() if df >= 2),
        key=lambda s: (-s[0], s[1]),
    )
    chosen: list[tuple[str, int]] = []
    for _score, key in scored:
        if any(f" {key} " in f" {k} " and c.df[key] <= c.df[k] for k, _ in chosen):
            continue
        chosen.append((key, c.df[key]))
        if len(chosen) == n:
            break
    return [(_form(c, key), df) for key, df in chosen]


def _content(key: str) -> int:
    return sum(1 for w in key.split() if w not in function_words())
