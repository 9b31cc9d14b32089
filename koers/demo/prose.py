"""The generators of the demo's varied input, from the vocabulary in data/contributions.yaml.

Sentence templates use `[a|b|c]` for alternatives and `{slot}` for values; `expand` picks one of
each with a seeded generator, so the same seed always gives the same texts.
"""

import random
import re

from .texts import texts

TEXTS = texts("contributions")
COMMON_TOPICS = TEXTS["common_topics"]
FAMILY_TOPICS = TEXTS["family_topics"]

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_PARSED: dict[str, list] = {}


def _parse(template: str) -> list:
    """Literal text and tuples of alternatives, parsed once per template."""
    parts, start = [], 0
    for match in _CHOICE.finditer(template):
        parts.append(template[start : match.start()])
        parts.append(tuple(match.group(1).split("|")))
        start = match.end()
    parts.append(template[start:])
    return [p for p in parts if p != ""]


def expand(rng: random.Random, template: str, **values) -> str:
    """Pick one alternative of every [a|b] group, fill {slots} and tidy the spaces."""
    parts = _PARSED.get(template)
    if parts is None:
        parts = _PARSED[template] = _parse(template)
    text = "".join(rng.choice(p) if isinstance(p, tuple) else p for p in parts)
    if values:
        text = text.format(**values)
    if "  " in text or " ;" in text or " ," in text or " ." in text:
        # An empty alternative leaves a double space or a space before punctuation.
        text = re.sub(r" {2,}", " ", text).replace(" ;", ";").replace(" ,", ",")
        text = text.replace(" .", ".")
    return text


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(TEXTS['first_names'])} {rng.choice(TEXTS['surnames'])}"


def find_topic(key: str) -> dict:
    key = TEXTS["paragraph_topic"].get(key, key)
    if key in COMMON_TOPICS:
        return COMMON_TOPICS[key]
    for topics in FAMILY_TOPICS.values():
        if key in topics:
            return topics[key]
    raise KeyError(key)


def topic_text(rng: random.Random, topic: dict, stance: str, sentences: int) -> str:
    pool = topic.get(stance) or topic["zorg"]
    chosen = rng.sample(pool, min(sentences, len(pool)))
    return " ".join(expand(rng, s) for s in chosen)


def contribution_text(
    rng: random.Random,
    *,
    family_slug: str | None,
    org_name: str | None,
    stance: str,
    style: str,
    author: str = "",
    topic_key: str | None = None,
) -> tuple[str, str]:
    """One contribution in the voice of `style` (speech, letter, form, paper): (text, topic key).

    Organisations raise their family's own concerns about half the time; everyone raises the
    common threads. Letters get an opener and a closer; spoken and form input stays bare.
    """
    own = FAMILY_TOPICS.get(family_slug or "", {})
    # Citizens do not speak for an organisation's size; organisations not as entrepreneurs.
    unfit = "verschillen" if org_name is None else "ondernemers"
    common = [k for k in COMMON_TOPICS if k != unfit]
    if topic_key:
        key, topic = topic_key, find_topic(topic_key)
    elif own and rng.random() < 0.55:
        key = rng.choice(list(own))
        topic = own[key]
    else:
        key = rng.choice(common)
        topic = COMMON_TOPICS[key]
    others = [k for k in [*common, *own] if k != key]
    stance_key = "suggestie" if stance == "algemeen" else stance
    parts = []
    if style in ("letter", "paper"):
        opener = rng.choice(TEXTS["org_openers"] if org_name else TEXTS["citizen_openers"])
        parts.append(expand(rng, opener, org=org_name or ""))
    if style == "paper":
        parts.append("## Samenvatting")
        parts.append(topic_text(rng, topic, stance_key, rng.choice((2, 3))))
        parts.append("## Opmerkingen per onderwerp")
        remarks = []
        for other in rng.sample(others, rng.choice((2, 3, 4))):
            stance_other = rng.choice(("zorg", "suggestie", "eens"))
            remark = topic_text(rng, find_topic(other), stance_other, 1)
            remarks.append("- " + _capitalised(remark))
        parts.append("\n".join(remarks))
        parts.append(rng.choice(TEXTS["paper_closers"]))
    else:
        main = topic_text(rng, topic, stance_key, rng.choice((1, 1, 2, 2, 3)))
        if rng.random() < 0.3:
            stance_other = rng.choice(("zorg", "suggestie", "eens"))
            main += " " + topic_text(rng, find_topic(rng.choice(others)), stance_other, 1)
        parts.append(main)
    if style == "letter":
        closer = expand(rng, rng.choice(TEXTS["closers"]), name=author or "").strip(", \n")
        if closer:
            parts.append(closer)
    parts = [_capitalised(p) for p in parts]
    return ("\n\n".join(parts) if style in ("letter", "paper") else " ".join(parts)), key


def _capitalised(text: str) -> str:
    if text[1:2].isupper():
        return text  # a name such as eHerkenning keeps its own spelling
    return text[:1].upper() + text[1:]


def campaign_text(rng: random.Random, campaign: dict, name: str) -> str:
    """The campaign letter with a greeting, a small edit, maybe a personal line, a signature."""
    letter = expand(rng, campaign["letter"])
    if rng.random() < 0.15:
        # Some senders shorten the letter by dropping its last sentence.
        letter = letter.rsplit(". ", 1)[0] + "."
    personal = rng.choice(campaign["personal"])
    parts = [rng.choice(TEXTS["campaign_greetings"]), letter, personal]
    parts.append(
        rng.choice(["Met vriendelijke groet,", "Hoogachtend,", "Groet,", ""]) + f"\n{name}"
    )
    return "\n\n".join(p.strip() for p in parts if p.strip())
