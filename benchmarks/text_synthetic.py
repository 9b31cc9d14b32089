"""Synthetic Dutch contributions with planted campaigns, for the text-engine benchmarks.

`generate(n, seed)` returns rows (text, group, campaign, theme) where campaign is the planted
campaign's number or None and theme the planted theme. Contributions are about 300 characters, written from sentence
frames and per-theme vocabulary; each family leans towards its own themes. Campaign letters
are sent with the edits real campaigns show: a salutation and a signature with the sender's
name, a word swapped or dropped, a personal sentence added. Some campaigns share their opening
sentence with another campaign on the same theme, the case that must not be chained.
`fillers=True` puts one or two small words in varying places of each sentence, so that
unrelated originals are rarely near-duplicates by chance (see FILLERS).
"""

import random

GROUPS = [
    "gemeenten",
    "provincies",
    "waterschappen",
    "beleidsdepartementen",
    "kleine uitvoeringsorganisaties",
    "grote uitvoeringsorganisaties",
]

THEMES = {
    "websites": [
        "website",
        "websites",
        "zoekfunctie",
        "formulieren",
        "toegankelijkheid",
        "leesbaarheid",
        "taalniveau",
        "navigatie",
        "gebruiksgemak",
        "schermlezers",
    ],
    "portalen": [
        "MijnOverheid",
        "berichtenbox",
        "portaal",
        "overheid.nl",
        "lopende zaken",
        "aansluiting",
        "notificaties",
        "één loket",
        "Ondernemersplein",
        "inbox",
    ],
    "identiteit": [
        "DigiD",
        "eHerkenning",
        "inlogmiddel",
        "machtigingen",
        "betrouwbaarheidsniveau",
        "eIDAS",
        "tweestapsverificatie",
        "sms-code",
        "app",
        "identificatie",
    ],
    "kanalen": [
        "telefoon",
        "balie",
        "loket",
        "brief",
        "papieren formulier",
        "ouderen",
        "digibeten",
        "hulp",
        "bibliotheek",
        "informatiepunt",
    ],
    "ruimte": [
        "omgevingsvergunning",
        "bestemmingsplan",
        "Omgevingsloket",
        "ruimtelijke ordening",
        "kaarten",
        "geodata",
        "Omgevingswet",
        "vergunningverlening",
        "participatie",
        "plannen",
    ],
    "water": [
        "dijken",
        "waterkering",
        "peilbeheer",
        "zuivering",
        "waterschapsbelasting",
        "polders",
        "gemalen",
        "grondwater",
        "afvalwater",
        "calamiteiten",
    ],
    "privacy": [
        "persoonsgegevens",
        "AVG",
        "beveiliging",
        "datalekken",
        "informatiebeveiliging",
        "BIO",
        "privacy",
        "inzage",
        "verwerkingsregister",
        "encryptie",
    ],
    "bedrijven": [
        "ondernemers",
        "bedrijven",
        "KvK",
        "subsidies",
        "e-facturatie",
        "aanbesteding",
        "vergunningen",
        "administratieve lasten",
        "SBR",
        "btw",
    ],
    "financien": [
        "budget",
        "kosten",
        "financiering",
        "begroting",
        "investeringen",
        "besparingen",
        "business case",
        "structurele middelen",
        "inkoop",
        "licenties",
    ],
    "standaarden": [
        "open standaarden",
        "StUF",
        "API's",
        "Common Ground",
        "architectuur",
        "NORA",
        "koppelingen",
        "basisregistraties",
        "interoperabiliteit",
        "ketens",
    ],
    "personeel": [
        "medewerkers",
        "opleiding",
        "vaardigheden",
        "cultuur",
        "digitale kennis",
        "frontoffice",
        "werkprocessen",
        "verandermanagement",
        "capaciteit",
        "inhuur",
    ],
    "belasting": [
        "aanslag",
        "bezwaar",
        "WOZ-waarde",
        "kwijtschelding",
        "betalingsregeling",
        "toeslagen",
        "aangifte",
        "terugbetaling",
        "invordering",
        "heffingen",
    ],
}

# Each family talks most about its own themes (weights on top of a uniform base).
LEANING = {
    "gemeenten": {"kanalen": 3, "belasting": 2, "websites": 2},
    "provincies": {"ruimte": 4, "standaarden": 1},
    "waterschappen": {"water": 6, "belasting": 1},
    "beleidsdepartementen": {"standaarden": 2, "financien": 2, "privacy": 1},
    "kleine uitvoeringsorganisaties": {"financien": 3, "personeel": 2},
    "grote uitvoeringsorganisaties": {"identiteit": 3, "portalen": 2, "privacy": 2},
}

FRAMES = [
    "Wij vinden dat {a} beter moet aansluiten op {b}.",
    "Het is belangrijk dat {a} voor iedereen werkt, ook bij {b}.",
    "Onze ervaring is dat {a} vaak problemen geeft rond {b}.",
    "Zorg dat {a} en {b} samen worden opgepakt.",
    "Er is meer aandacht nodig voor {a}, want {b} blijft achter.",
    "De agenda zegt te weinig over {a} en {b}.",
    "Graag zien wij concrete afspraken over {a} in relatie tot {b}.",
    "Bij ons loopt {a} goed, maar {b} kost nog veel moeite.",
    "Wie is verantwoordelijk voor {a} als {b} verandert?",
    "Maak {a} eenvoudiger, dan wordt ook {b} beter gebruikt.",
    "Voor {a} hebben wij landelijke ondersteuning nodig, net als voor {b}.",
    "Het voorstel over {a} steunen wij, mits {b} geregeld is.",
    "Kunnen {a} en {b} niet landelijk worden geregeld?",
    "Wij missen in de tekst een paragraaf over {a}; {b} komt wel aan bod.",
    "Zonder {a} heeft {b} weinig zin.",
    "Op dit moment ontbreekt het ons aan kennis van {a} en {b}.",
    "Leg de prioriteit bij {a} en pas daarna bij {b}.",
    "Burgers merken weinig van {a} zolang {b} niet op orde is.",
    "Met {a} kunnen wij snel stappen zetten, {b} vraagt meer tijd.",
    "Wij stellen voor om {a} te koppelen aan {b}.",
]

# Small words that people put in different places ("wij vinden ook dat ...", "dat werkt nu
# vaak ..."). Without them the 20 frames leave little room: among 700,000 originals about 1,700
# pairs of unrelated texts share half their word 3-grams (up to three quarters) by chance,
# near-duplicates by the engine's own definition, which the strict purity counts against the
# engine. They are stopwords, but they still change the themes benchmark (a frame can then
# come out as a theme of its own), so they are off unless asked for.
FILLERS = [
    "ook",
    "nu",
    "wel",
    "toch",
    "vooral",
    "eigenlijk",
    "gewoon",
    "dus",
    "al",
    "nog",
    "juist",
    "vaak",
    "soms",
    "zelfs",
    "dan",
]

PERSONAL = [
    "Ik werk zelf al twintig jaar bij de gemeente en zie dit dagelijks.",
    "Mijn moeder van tachtig lukt het niet om zonder hulp in te loggen.",
    "Als ondernemer verlies ik hier elke maand uren aan.",
    "Dit speelt in onze regio al sinds de fusie.",
    "Ik hoop dat jullie hier echt iets mee doen.",
    "Vorige week stond ik nog een uur in de wacht.",
    "Onze raad heeft hier vorig jaar al een motie over aangenomen.",
    "Bij de buren gaat het precies zo mis.",
]

FIRST_NAMES = [
    "Anne",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanneke",
    "Ibrahim",
    "Joost",
    "Karin",
    "Lars",
    "Mohamed",
    "Noor",
    "Olga",
    "Pieter",
    "Rachid",
    "Sanne",
    "Tom",
    "Vera",
    "Wim",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Yilmaz",
    "El Amrani",
]

GREETINGS = ["Geachte heer, mevrouw,", "Beste programmateam,", "Geachte dames en heren,", "Hallo,"]
CLOSINGS = ["Met vriendelijke groet,", "Vriendelijke groet,", "Hoogachtend,", "Groeten,"]


# Compound nouns and places give the texts a realistic spread of rarer words.
_HEADS = [
    "informatie",
    "dienst",
    "klant",
    "burger",
    "zaak",
    "data",
    "proces",
    "keten",
    "project",
    "beleid",
    "toezicht",
    "regio",
    "wijk",
    "school",
    "zorg",
    "vervoer",
    "energie",
    "afval",
    "woning",
    "werk",
    "jeugd",
    "sport",
    "cultuur",
    "natuur",
    "veiligheid",
    "archief",
]
_TAILS = [
    "plan",
    "team",
    "systeem",
    "loket",
    "overleg",
    "register",
    "beheer",
    "portaal",
    "kosten",
    "aanpak",
    "partner",
    "budget",
    "dossier",
    "norm",
    "monitor",
    "pilot",
    "strategie",
    "visie",
    "agenda",
    "netwerk",
    "regeling",
    "applicatie",
]
_PLACES = [
    "Utrecht",
    "Zwolle",
    "Groningen",
    "Tilburg",
    "Delft",
    "Almere",
    "Venlo",
    "Emmen",
    "Leeuwarden",
    "Middelburg",
    "Den Helder",
    "Assen",
    "Breda",
    "Arnhem",
    "Heerlen",
]
_EXTRA = [
    "In {p} werken we hiervoor samen met het {c}.",
    "Het {c} in {p} laat zien dat dit kan.",
    "Ons {c} loopt tot eind {y}.",
    "Sinds {y} gebruiken wij daarvoor een eigen {c}.",
]


def _sentence(rng: random.Random, theme: str, fillers: bool) -> str:
    words = THEMES[theme]
    a, b = rng.sample(words, 2)
    frame = rng.choice(FRAMES)
    if fillers:
        # Into the frame, not into a theme term: "papieren formulier" stays one phrase.
        parts = frame.split(" ")
        for _ in range(1 + (rng.random() < 0.5)):
            parts.insert(rng.randrange(1, len(parts)), rng.choice(FILLERS))
        frame = " ".join(parts)
    text = frame.format(a=a, b=b)
    if rng.random() < 0.35:
        compound = rng.choice(_HEADS) + rng.choice(_TAILS)
        extra = rng.choice(_EXTRA).format(
            c=compound, p=rng.choice(_PLACES), y=rng.randint(2010, 2020)
        )
        text = f"{text} {extra}"
    return text


def _organic(rng: random.Random, theme: str, fillers: bool, length: int = 260) -> str:
    """An original contribution: sentences on one theme, now and then one on another."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        t = theme if rng.random() < 0.8 else rng.choice(list(THEMES))
        parts.append(_sentence(rng, t, fillers))
    return " ".join(parts)


def _pick_theme(rng: random.Random, group: str) -> str:
    names = list(THEMES)
    weights = [1 + LEANING[group].get(t, 0) for t in names]
    return rng.choices(names, weights)[0]


def _edit(rng: random.Random, template: str) -> str:
    words = template.split()
    if rng.random() < 0.4:
        i = rng.randrange(len(words))
        words[i] = rng.choice(["echt", "zeker", "heel", "vooral", "ook"]) + " " + words[i]
    if rng.random() < 0.3 and len(words) > 10:
        del words[rng.randrange(len(words))]
    text = " ".join(words)
    if rng.random() < 0.3:
        text = f"{text} {rng.choice(PERSONAL)}"
    if rng.random() < 0.5:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        text = f"{rng.choice(GREETINGS)}\n\n{text}\n\n{rng.choice(CLOSINGS)}\n{name}"
    return text


def generate(
    n: int,
    seed: int = 0,
    campaign_share: float = 0.3,
    n_campaigns: int | None = None,
    fillers: bool = False,
) -> list[tuple[str, str, int | None, str]]:
    """n contributions; about `campaign_share` of them belong to planted campaigns."""
    rng = random.Random(seed)
    n_campaigns = n_campaigns or max(2, min(400, n // 250))
    # Campaign sizes follow a long tail: a few very large, many small (at least 2).
    raw = [1 / (i + 1) ** 0.8 for i in range(n_campaigns)]
    scale = campaign_share * n / sum(raw)
    sizes = [max(2, round(r * scale)) for r in raw]
    templates = []
    for c in range(n_campaigns):
        group = rng.choice(GROUPS)
        theme = _pick_theme(rng, group)
        text = _organic(rng, theme, fillers, 260)
        if c % 5 == 4:
            # Same opening sentence as the previous campaign, the rest its own.
            opening = templates[-1][0].split(". ")[0]
            text = opening + ". " + _organic(rng, theme, fillers, 200)
        templates.append((text, group, theme))
    rows: list[tuple[str, str, int | None, str]] = []
    for c, size in enumerate(sizes):
        text, group, theme = templates[c]
        for _ in range(size):
            sender = group if rng.random() < 0.7 else rng.choice(GROUPS)
            rows.append((_edit(rng, text), sender, c, theme))
    while len(rows) < n:
        group = rng.choices(GROUPS, [5, 2, 2, 2, 1, 1])[0]
        theme = _pick_theme(rng, group)
        rows.append((_organic(rng, theme, fillers), group, None, theme))
    rows = rows[:n]
    rng.shuffle(rows)
    return rows
