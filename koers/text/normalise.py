"""Dutch text normalisation: one canonical form per contribution, and its tokens.

The canonical form is what duplicate detection compares and what themes are built from:
Unicode NFKC, lowercase, web addresses and e-mail addresses removed, and the greeting and
signature of a letter cut off when there is enough text left without them (two people who
send the same template letter under their own name have sent the same letter).
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
    r"^\s*(?:(?:geachte|beste|hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond)\b|l\.\s?s\.)"
    r"[^\n.!?]{0,60}?(?:[,:!]|\n)"
    # "Geachte heer, mevrouw," and "Beste heer/mevrouw, dames en heren,": a second form of address.
    r"(?:[ \t]*(?:heer|mevrouw|meneer|dames|heren)\b[^\n.!?]{0,40}?(?:[,:!]|\n))?",
    re.IGNORECASE,
)
# A closing formula; everything after it (name, function, organisation) is the signature.
_CLOSING = re.compile(
    r"(?:^|[\n.!?]\s*)((?:met\s+)?(?:vriendelijke|hartelijke|beste|collegiale|warme)\s+groet(?:en)?|"
    r"groet(?:en|jes)?\s*,|hoogachtend|m\.?\s?v\.?\s?g\.?(?=[\s,]|$)|"
    r"namens\s+(?:de|het)\s+[^\n]{0,80}$)",
    re.IGNORECASE,
)
_CLOSING_WORDS = ("groet", "hoogachtend", "mvg", "m.v.g", "m. v. g", "namens")
# How much of a text a closing may take away: it must sit in the last part of the text.
_CLOSING_TAIL = 400


def fold(text: str) -> str:
    """NFKC, lowercase, folded punctuation and no web or e-mail addresses."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    if "@" in text or "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def strip_letter(text: str) -> str:
    """Cut a salutation at the start and a closing formula with signature at the end.

    Works on folded text and on original text alike. Each cut is kept only when words remain, so a contribution that is
    nothing but "Met vriendelijke groet" stays as it is.
    """
    body = text
    m = _GREETING.match(body)
    if m and TOKEN.search(body, m.end()):
        body = body[m.end() :]
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
