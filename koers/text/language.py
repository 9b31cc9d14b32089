"""The language a contribution is written in, from its most common short words.

A stated simple approach, without a model or a package: every language has a few dozen
function words (articles, pronouns, prepositions, conjunctions) that make up a large part of
any text and that the other languages here do not use (or use rarely). A text's language is the
one whose words it uses most, when that is clear: at least MIN_HITS of them, and more than
MARGIN times the runner-up's; otherwise "" (unknown: too short, mixed, or another language).
A word in the lists of several languages ("de", "der", "in") counts for each of them as one
divided by how many they are.
Ten languages of the EU, by their ISO 639-1 code. Fast (a few microseconds a text) and good
enough to show and to count; it is not used to group texts (the embeddings are multilingual).
"""

import re
from collections.abc import Iterable

LANGUAGES: dict[str, str] = {
    "nl": "de het een en van in is dat op te zijn voor met niet aan er ook als bij of door "
    "maar om dan nog wel wordt worden naar uit deze dit moet meer geen hun onze wij ik mijn "
    "heeft hebben zij",
    "en": "the and of to is that for with on are this be by not or as from at which have it "
    "an was were their our we will should would can more than there been has my no you",
    "de": "der die das und ist nicht ein eine zu den mit von sich auf für im dem des auch "
    "es wird werden sind bei oder aus nach wie noch wir unsere durch nur kann ich mein "
    "meine meiner kein keine unser mehr hat",
    "fr": "le la les et des est une un du pour que qui dans pas sur au aux ce cette avec "
    "sont par plus ou ne se nous il elle leur être été mais je mon ma mes ils",
    "es": "el los las y es una por que con para del se no su al lo como más pero sus este "
    "esta son ha fue muy también sobre entre nuestro",
    "it": "il lo gli della di che è per una non con del sono alla nel nella anche più come "
    "questo questa ma dei delle degli essere stato",
    "pt": "o os as e do da dos das em um uma para com não que por mais como mas foi ao à "
    "pelo pela são também este esta nosso é",
    "pl": "i w na z się że nie do jest to jak o po przez dla ale są lub od przy być który "
    "która które oraz także tym",
    "da": "og i at det en til er som på de med af for ikke der var den har jeg vi skal kan "
    "om efter også eller være",
    "sv": "och i att det som en på är av för med till den inte har de om ett vi kan ska "
    "eller också efter från sina",
}
_SHARE: dict[str, list[tuple[str, float]]] = {}
for _language, _words in LANGUAGES.items():
    for _word in set(_words.split()):
        _SHARE.setdefault(_word, []).append((_language, 0.0))
_SHARE = {w: [(lang, 1 / len(langs)) for lang, _ in langs] for w, langs in _SHARE.items()}
_TOKEN = re.compile(r"[^\W\d_]+")
MIN_HITS = 1.5
MARGIN = 1.5
MAX_CHARS = 2_000  # the start of a text tells its language


def detect(text: str) -> str:
    """The text's language code ("nl", "en", ...) or "" when it is not clear."""
    counts = dict.fromkeys(LANGUAGES, 0.0)
    for token in _TOKEN.findall((text or "")[:MAX_CHARS].lower()):
        for language, weight in _SHARE.get(token, ()):
            counts[language] += weight
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, hits), (_second, runner_up) = ranked[0], ranked[1]
    if hits < MIN_HITS or hits <= MARGIN * runner_up:
        return ""
    return best


def detect_all(texts: Iterable[str]) -> list[str]:
    return [detect(t) for t in texts]
