"""A small Dutch consultation, built so that the right answer is known.

Three big themes that every family raises (websites, the common portals and log-in, other
channels than digital), one theme only the water boards raise (dikes and water levels), and
a campaign letter sent with small edits by many municipalities.
"""

import random

import pytest

FAMILIES = ["gemeenten", "provincies", "waterschappen", "uitvoeringsorganisaties"]

# Per theme the words people use for it; contributions put them in varied sentences.
WORDS = {
    "websites": [
        "website",
        "websites",
        "zoekfunctie",
        "formulieren",
        "navigatie",
        "leesbaarheid",
        "toegankelijkheid",
        "begrijpelijke taal",
        "schermlezers",
        "webredactie",
    ],
    "portalen": [
        "MijnOverheid",
        "DigiD",
        "eHerkenning",
        "berichtenbox",
        "machtigingen",
        "inlogmiddel",
        "lopende zaken",
        "voorzieningen",
        "portaal",
        "Ondernemersplein",
    ],
    "kanalen": [
        "balie",
        "telefoon",
        "papieren formulieren",
        "ouderen",
        "bibliotheek",
        "persoonlijk contact",
        "loket",
        "digibeten",
        "hulp bij aanvragen",
        "post",
    ],
    "water": [
        "dijken",
        "waterkeringen",
        "peilbeheer",
        "gemalen",
        "wateroverlast",
        "hoogwater",
        "peilbesluit",
        "waterstand",
        "polders",
        "zuivering",
    ],
}

FRAMES = [
    "Wij vragen aandacht voor {a} en {b}.",
    "Bij ons gaat het mis met {a}, vooral rond {b}.",
    "Zorg dat {a} beter aansluit op {b}.",
    "De agenda zegt te weinig over {a}.",
    "Maak afspraken over {a} en over {b}.",
    "Onze ervaring met {a} is wisselend; {b} werkt beter.",
    "Investeer in {a}, dan volgt {b} vanzelf.",
    "Het is onduidelijk wie verantwoordelijk is voor {a}.",
    "Wij willen samen met anderen werken aan {a} en {b}.",
    "Zonder {a} komt er van {b} weinig terecht.",
    "In onze regio speelt {a} sterk, net als {b}.",
    "Geef voorrang aan {a} boven {b}.",
]


def contribution(rng: random.Random, theme: str, n: int = 3) -> str:
    parts = []
    for frame in rng.sample(FRAMES, n):
        a, b = rng.sample(WORDS[theme], 2)
        parts.append(frame.format(a=a, b=b))
    return " ".join(parts)


CAMPAIGN = (
    "Wij maken ons grote zorgen over de kosten van de digitale aansluiting voor kleine "
    "gemeenten. De landelijke voorzieningen worden steeds duurder en de baten komen niet bij "
    "ons terecht. Wij vragen de regieraad om een eerlijke verdeling van de kosten en om een "
    "overgangsregeling voor gemeenten met minder dan twintigduizend inwoners."
)


def campaign_copy(rng: random.Random, name: str) -> str:
    words = CAMPAIGN.split()
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), "echt")
    text = " ".join(words)
    if rng.random() < 0.4:
        text += " Bij ons speelt dit al jaren."
    return f"Geachte regieraad,\n\n{text}\n\nMet vriendelijke groet,\n{name}"


def build_consultation(seed: int = 7):
    rng = random.Random(seed)
    rows = []  # (text, family, planted theme)
    for family in FAMILIES:
        for theme in ("websites", "portalen", "kanalen"):
            for _ in range(14):
                rows.append((contribution(rng, theme), family, theme))
    for _ in range(7):
        rows.append((contribution(rng, "water", 2), "waterschappen", "water"))
    for i in range(25):
        rows.append((campaign_copy(rng, f"Wethouder {i}"), "gemeenten", "campagne"))
    rows.append(("", "gemeenten", "leeg"))
    rng.shuffle(rows)
    return rows


@pytest.fixture(scope="session")
def consultation():
    return build_consultation()


@pytest.fixture(scope="session")
def analysed(consultation):
    from koers.text import analyse

    texts = [r[0] for r in consultation]
    groups = [r[1] for r in consultation]
    return analyse(texts, groups=groups)
