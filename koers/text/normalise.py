"""Dutch text normalisation: one canonical form per contribution, and its tokens.

The canonical form is what duplicate detection compares and what themes are built from:
Unicode NFKC, lowercase, web addresses and e-mail addresses removed, and the frame of a letter
cut off when there is enough text left without it: the greeting and signature (two people who
send the same template letter under their own name have sent the same letter), the sentences
that only open or close it ("X dankt het programma voor de gelegenheid om te reageren", "Voor
vragen kunt u contact opnemen met ons secretariaat") and headings that name no subject ("##
Samenvatting"). Left in, the frame of a hundred position papers made a theme of its own.
"""

import re
import unicodedata
from functools import cache
from importlib import resources

# Typographic quotes and dashes fold onto their plain forms, so that "d’r" and "d'r" match.
_FOLD = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'", "–": "-", "—": "-"})

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
TOKEN = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?")

# An opening salutation: "Geachte heer Jansen,", "Beste programmateam!", "L.S.,", "Hallo allemaal".
_GREETING = re.compile(
    r"^\s*(?:(?:geachte?|beste|hallo|hoi|dag|goedendag|goeiedag|goedemorgen|goedemiddag|goedenavond)\b"
    r"|aan\s+(?:het|de)\s+(?:programma|programmabureau|programmateam|college|minister|regieraad)\w*\b"
    r"|l\.\s?s\.)"
    r"[^\n.!?]{0,60}?(?:[,:!]|\n)"
    # "Geachte heer, mevrouw," and "Beste heer/mevrouw, dames en heren,": a second form of address.
    r"(?:[ \t]*(?:heer|mevrouw|meneer|dames|heren)\b[^\n.!?]{0,40}?(?:[,:!]|\n))?",
    re.IGNORECASE,
)
# A closing formula; everything after it (name, function, organisation) is the signature.
_CLOSING = re.compile(
    r"(?:^|[\n.!?]\s*)((?:met\s+)?(?:vriendelijke|hartelijke|beste|collegiale|warme)\s+groet(?:en)?|"
    r"groet(?:en|jes)?\s*(?:,|$)|hoogachtend|m\.?\s?v\.?\s?g\.?(?=[\s,]|$)|"
    r"namens\s+(?:de|het)\s+[^\n]{0,80}$)",
    re.IGNORECASE,
)
_CLOSING_WORDS = ("groet", "hoogachtend", "mvg", "m.v.g", "m. v. g", "namens")

# A sentence that only opens a letter: thanks for the chance to respond, "hereby our response",
# "we read the draft with interest". Dutch and English, as position papers are written.
_OPENING_SENTENCE = re.compile(
    r"\b(?:dank\w*|bedank\w*|thank\w*)\b.{0,80}\b(?:gelegenheid|mogelijkheid|opportunity)\b"
    r"|^(?:hierbij|bijgaand|please\s+find)\b.{0,120}\b(?:reactie|zienswijze|response|comments)\b"
    r"|\b(?:namens|vanuit|on\s+behalf\s+of)\b.{0,120}\b(?:reageren|reageert|geven|sturen|respond)"
    r"\w*\s+(?:wij|ik|we|i)?\s*graag\b"
    r"|\b(?:met|in)\s+(?:belangstelling|interesse|aandacht|plezier)\s+gelezen\b"
    r"|\bwith\s+(?:interest|great\s+interest)\b"
    r"|^ik\s+heb\s+de\s+\w*\s*(?:voorzet|agenda|implementatieagenda|conceptagenda)\b.{0,40}\bgelezen\b",
    re.IGNORECASE,
)
# A sentence that only closes a letter: where to put questions, an offer to explain, good wishes.
_CLOSING_SENTENCE = re.compile(
    r"^voor\s+(?:vragen|meer\s+informatie|nadere\s+informatie)\b.{0,100}"
    r"\b(?:contact|bereikbaar|mailen|bellen|benaderen)\b"
    r"|\b(?:lichten|licht)\b.{0,40}\btoe\b.{0,40}\b(?:gesprek|overleg)\b"
    r"|^(?:veel\s+)?(?:succes|sterkte)\s+(?:met|bij)\b"
    r"|\b(?:zien|kijken)\s+(?:\w+\s+){0,2}uit\s+naar\b"
    r"|\b(?:we|i)\s+look\s+forward\b"
    r"|^(?:if\s+you\s+have\s+any\s+questions|for\s+(?:any\s+)?questions)\b",
    re.IGNORECASE,
)
# A frame sentence is short: a long one that happens to thank or to look ahead says more.
_FRAME_SENTENCE_CHARS = 200
# A heading that names no subject, on a line of its own (Markdown or plain).
_EMPTY_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:samenvatting|opmerkingen(?:[ \t]+per[ \t]+onderwerp)?|inleiding|"
    r"toelichting|conclusies?|onze\s+reactie|reactie|summary|introduction|comments)[ \t]*:?[ \t]*$\n?",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*")
# How much of a text a closing may take away: it must sit in the last part of the text.
_CLOSING_TAIL = 400


def fold(text: str) -> str:
    """NFKC, lowercase, folded punctuation and no web or e-mail addresses."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    if "@" in text or "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def strip_letter(text: str) -> str:
    """Cut the frame of a letter: a salutation and the sentences that only open it at the start,
    a closing formula with signature and the sentences that only close it at the end, and
    headings that name no subject.

    Works on folded text and on original text alike. Each cut is kept only when words remain, so a contribution that is
    nothing but "Met vriendelijke groet" stays as it is.
    """
    body = text
    m = _GREETING.match(body)
    if m and TOKEN.search(body, m.end()):
        body = body[m.end() :]
    return _strip_frame(_strip_closing(body))


def _strip_closing(body: str) -> str:
    start = max(0, len(body) - _CLOSING_TAIL)
    tail = body[start:].lower()
    if not any(word in tail for word in _CLOSING_WORDS):
        return body
    closing = None
    for closing in _CLOSING.finditer(body, start):  # noqa: B007 - the last one is wanted
        pass
    if closing is not None:
        cut = closing.start(1)
        if TOKEN.search(body, 0, cut):
            body = body[:cut]
    return body


def _strip_frame(body: str) -> str:
    """Without empty headings, and without the opening and closing sentences at either end."""
    if "\n" in body:
        headless = _EMPTY_HEADING.sub("", body)
        if TOKEN.search(headless):
            body = headless
    body = body.strip()
    while (cut := _without_frame_sentence(body, _OPENING_SENTENCE, first=True)) is not None:
        body = cut
    while (cut := _without_frame_sentence(body, _CLOSING_SENTENCE, first=False)) is not None:
        body = cut
    return body


def _without_frame_sentence(body: str, pattern: re.Pattern, first: bool) -> str | None:
    """`body` without its first (or last) sentence when that sentence only frames the letter:
    short, matching `pattern`, and words remain without it. None when it does not."""
    if first:
        end = _SENTENCE_END.search(body)
    else:
        end = None
        for end in _SENTENCE_END.finditer(body):  # noqa: B007 - the last one is wanted
            pass
    if end is None:
        return None
    sentence, rest = (
        (body[: end.start()], body[end.end() :])
        if first
        else (body[end.end() :], body[: end.start()])
    )
    if len(sentence) <= _FRAME_SENTENCE_CHARS and pattern.search(sentence) and TOKEN.search(rest):
        return rest.strip()
    return None


def normalise(text: str) -> str:
    """The canonical form of one contribution."""
    return strip_letter(fold(text or "")).strip()


def tokens(normalised: str) -> list[str]:
    """Word tokens of a normalised text (letters and digits; "d'r" stays one word)."""
    return TOKEN.findall(normalised)


@cache
def stopwords() -> frozenset[str]:
    """The shipped Dutch stopword list (koers/text/stopwords_nl.txt)."""
    raw = resources.files("koers.text").joinpath("stopwords_nl.txt").read_text("utf-8")
    words = (line.strip() for line in raw.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def is_content_word(token: str, stop: frozenset[str]) -> bool:
    """A token that may carry a theme: not a stopword, at least two letters, not a number."""
    return len(token) > 1 and token not in stop and not token.isdigit() and not token[0].isdigit()


def unaccent(word: str) -> str:
    """Without accents, for matching only: "één", "eén" and "een" meet, as do "financiën" and
    "financien"; what is shown keeps the accents."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("dutch")


def stem_words(words: list[str]) -> list[str]:
    """Snowball Dutch stems. Stems are for matching only, never for showing (gemeenten → meen)."""
    return _stemmer().stemWords(words)
