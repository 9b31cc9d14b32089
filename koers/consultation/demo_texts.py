"""The written content of the consultation demo, and the generators of varied contributions.

Everything here was written for Koers from the Digitaal 2017 case. Organisations come from the
real register; people are named only by their function ("CIO, gemeente Zwolle"), except ordinary
invented citizens, entrepreneurs and reviewers.

Sentence templates use `[a|b|c]` for alternatives and `{slot}` for values; `expand` picks one of
each with a seeded generator, so the same seed always gives the same texts.
"""

import random
import re

VERSION_TITLE = "Implementatieagenda digitale dienstverlening 2017 — inhoudelijke voorzet"

INTRODUCTION = """\
In het regeerakkoord is afgesproken dat burgers en bedrijven in 2017 al hun zaken met de overheid \
digitaal kunnen afhandelen. In de Regieraad Dienstverlening hebben alle overheidslagen afgesproken \
daarvoor samen één implementatieagenda te schrijven. Dit is de inhoudelijke voorzet van het \
programma Digitaal 2017: een eerste tekst om op te reageren, geen vastgesteld beleid.

We bespreken de voorzet deze zomer aan ronde tafels met elke familie van organisaties: gemeenten, \
provincies, waterschappen, beleidsdepartementen en kleine en grote uitvoeringsorganisaties. \
Lezers van onze nieuwsbrief kunnen zich aanmelden als **meelezer** en per paragraaf reageren. Alle \
inbreng verwerken we tot een conceptagenda, die de Regieraad Dienstverlening begin september bespreekt.
"""

# (section title, [(topic key or None, family slugs, Markdown text)])
SECTIONS = [
    (
        "Aanleiding en ambitie",
        [
            (
                "ambitie",
                (),
                "Burgers en bedrijven verwachten dat zij hun zaken met de overheid net zo makkelijk "
                "online kunnen regelen als hun bankzaken. Het kabinet heeft dat verwachtingspatroon "
                "vertaald in een heldere belofte: **in 2017 kan iedereen die dat wil al zijn zaken "
                "met de overheid digitaal afhandelen**. Die belofte geldt voor de hele overheid, niet "
                "alleen voor het Rijk.",
            ),
            (
                "ambitie",
                (),
                "Veel organisaties zijn al ver. De meeste gemeenten bieden hun belangrijkste producten "
                "online aan, de Belastingdienst ontvangt vrijwel alle aangiften digitaal en ondernemers "
                "kunnen bij steeds meer loketten terecht met eHerkenning. Tegelijk verschilt het "
                "niveau sterk per organisatie en per dienst, en merkt de gebruiker nog te vaak dat hij "
                "met losse organisaties te maken heeft.",
            ),
            (
                "verschillen",
                (),
                "Organisaties verschillen in omvang, in het soort en het aantal klanten en in de "
                "diensten die zij leveren. Provincies en waterschappen werken vooral in het ruimtelijk "
                "domein en hebben relatief weinig directe klantcontacten; gemeenten leveren diensten in "
                "alle domeinen. Eén aanpak voor iedereen werkt daarom niet. Deze agenda benoemt "
                "gezamenlijke stappen en daarnaast per familie de hoofdactiviteiten die bij haar passen.",
            ),
            (
                "ambitie",
                (),
                "Digitaal is de kwaliteitssprong, geen doel op zich. Het gaat erom dat diensten "
                "eenvoudiger, sneller en betrouwbaarder worden, dat gegevens maar één keer worden "
                "gevraagd en dat de overheid als één overheid optreedt. Waar dat digitaal kan, doen we "
                "het digitaal; wie dat niet kan, houdt andere wegen.",
            ),
        ],
    ),
    (
        "Wat burgers en bedrijven merken",
        [
            (
                "gebruiksvriendelijk",
                (),
                "Elke organisatie maakt haar eigen website en digitale diensten gebruiksvriendelijker. "
                "Formulieren zijn kort, vragen alleen wat nog niet bekend is en zijn in begrijpelijk "
                "Nederlands geschreven (taalniveau B1). Diensten werken op telefoon en tablet en "
                "voldoen aan de webrichtlijnen voor toegankelijkheid.",
            ),
            (
                "een-plek",
                (),
                "Burgers en bedrijven vinden hun overheidsinformatie op één plek. Via MijnOverheid zien "
                "burgers hun persoonlijke gegevens, de stand van hun lopende zaken en de berichten van "
                "alle overheden in de Berichtenbox. Ondernemers vinden op Ondernemersplein de "
                "informatie en diensten van overheden voor bedrijven bij elkaar.",
            ),
            (
                "eenmalige-uitvraag",
                (),
                "De overheid vraagt gegevens die zij al heeft niet opnieuw. Formulieren worden vooraf "
                "ingevuld met gegevens uit de basisregistraties, en wie een fout ziet, kan die op één "
                "plek melden. Zo kost een aanvraag minder tijd en worden minder fouten gemaakt.",
            ),
            (
                "ondernemers",
                (),
                "Ondernemers regelen vergunningen, subsidies, aangiften en meldingen digitaal met één "
                "inlogmiddel. De kosten en de administratieve last van eHerkenning wegen voor kleine "
                "ondernemers zwaar; het programma onderzoekt met de markt hoe die drempel lager wordt.",
            ),
            (
                "gebruiksvriendelijk",
                (),
                "Organisaties meten de tevredenheid van hun gebruikers en publiceren de uitkomsten. Zij "
                "testen nieuwe diensten met echte gebruikers, ook met mensen die minder digitaal "
                "vaardig zijn, voordat die diensten live gaan.",
            ),
        ],
    ),
    (
        "Gemeenschappelijke voorzieningen",
        [
            (
                "voorzieningen",
                (),
                "De overheid bouwt niet elke voorziening opnieuw. De generieke digitale infrastructuur "
                "(GDI) — DigiD, eHerkenning, MijnOverheid met de Berichtenbox, de basisregistraties en "
                "de standaarden voor gegevensuitwisseling — is er voor alle organisaties. Aansluiten en "
                "gebruiken is het uitgangspunt; wie een eigen oplossing kiest, legt uit waarom.",
            ),
            (
                "digid",
                (),
                "**DigiD** is het inlogmiddel voor burgers bij de hele overheid. Alle organisaties die "
                "diensten aan burgers verlenen, zijn in 2017 aangesloten en bieden waar nodig een hoger "
                "betrouwbaarheidsniveau aan. Met DigiD Machtigen kan iemand een ander zijn zaken laten "
                "regelen.",
            ),
            (
                "eherkenning",
                (),
                "**eHerkenning** is het inlogmiddel voor bedrijven en andere organisaties. Overheden "
                "accepteren eHerkenning op het betrouwbaarheidsniveau dat bij de dienst past, niet "
                "hoger. Zo voorkomen we dat ondernemers een duurder middel moeten aanschaffen dan nodig.",
            ),
            (
                "mijnoverheid",
                (),
                "Overheden versturen hun berichten aan burgers ook via de **Berichtenbox van "
                "MijnOverheid** en tonen de stand van lopende zaken in MijnOverheid. Het doel voor 2017: "
                "de belangrijkste post van alle overheden, van de aanslag gemeentelijke belastingen tot "
                "de beschikking van een uitvoeringsorganisatie, staat op één plek.",
            ),
            (
                "basisregistraties",
                (),
                "De **basisregistraties** (onder meer BRP, HR, BAG, BGT en WOZ) zijn de gemeenschappelijke "
                "bron van gegevens. Organisaties gebruiken ze verplicht, melden terug wat niet klopt en "
                "wisselen gegevens uit via Digikoppeling en Digilevering. De financiering van de "
                "voorzieningen wordt in de Regieraad vastgelegd, zodat aansluiten niet stukloopt op "
                "onduidelijke tarieven.",
            ),
        ],
    ),
    (
        "Per familie",
        [
            (
                "sociaal-domein",
                ("gemeenten",),
                "Gemeenten zijn voor burgers de belangrijkste overheid: zij leveren diensten in alle "
                "domeinen. Met de decentralisaties in het sociaal domein is daar veel bijgekomen. De "
                "hoofdactiviteit voor gemeenten is dat aanvragen en lopende zaken in het sociaal domein "
                "digitaal te volgen zijn, met aandacht voor mensen die daar hulp bij nodig hebben.",
            ),
            (
                "kleine-gemeenten",
                ("gemeenten",),
                "Niet elke gemeente kan dat alleen. Kleine gemeenten werken samen in de regio of "
                "sluiten aan op gezamenlijke oplossingen die de VNG en KING ontwikkelen. Bij de "
                "voorbereiding van de **Omgevingswet** bouwen gemeenten hun digitale dienstverlening "
                "voor het omgevingsdomein vanaf het begin samen op.",
            ),
            (
                "provincies",
                ("provincies",),
                "Provincies hebben relatief weinig directe klantcontacten; hun diensten aan burgers en "
                "bedrijven liggen vooral in het ruimtelijk domein, bij **subsidies en vergunningen**. De "
                "hoofdactiviteit voor provincies is dat elke subsidie en vergunning digitaal aan te "
                "vragen en te volgen is, met eHerkenning voor bedrijven en instellingen.",
            ),
            (
                "waterschappen",
                ("waterschappen",),
                "Voor de meeste burgers is de **waterschapsbelasting** het enige directe contact met hun "
                "waterschap. De hoofdactiviteit voor waterschappen is dat de aanslag via de Berichtenbox "
                "van MijnOverheid kan worden ontvangen en dat bezwaar, kwijtschelding en betalingsregeling "
                "digitaal te regelen zijn. Ook watervergunningen en meldingen gaan digitaal.",
            ),
            (
                "regie",
                ("beleidsdepartementen",),
                "Beleidsdepartementen zijn opdrachtgever van de uitvoeringsorganisaties en maken de "
                "wetten die de uitvoering bepalen. Zij toetsen nieuwe **wetgeving** op digitale "
                "uitvoerbaarheid en nemen digitale dienstverlening op in de afspraken met hun "
                "uitvoeringsorganisaties.",
            ),
            (
                "financiering",
                ("beleidsdepartementen",),
                "De departementen zorgen samen voor een stabiele **financiering** van de gemeenschappelijke "
                "voorzieningen en voor **regie** op de samenhang tussen programma's. Waar een departement "
                "een voorziening beheert, legt het in de Regieraad verantwoording af over beschikbaarheid "
                "en doorontwikkeling.",
            ),
            (
                "kleine-uo",
                ("kleine-uitvoeringsorganisaties",),
                "Kleine uitvoeringsorganisaties hebben vaak weinig klanten en weinig mensen die verstand "
                "hebben van digitale voorzieningen. Aansluiten op DigiD of eHerkenning is voor hen een "
                "groot project. De hoofdactiviteit is dat zij met standaardoplossingen en ondersteuning "
                "van Logius en hun moederdepartement aansluiten, eventueel via een gedeelde dienstverlener.",
            ),
            (
                "grote-uo",
                ("grote-uitvoeringsorganisaties",),
                "Grote uitvoeringsorganisaties bedienen miljoenen burgers en bedrijven met **massale "
                "processen**. Hun hoofdactiviteit is dat die processen digitaal en zonder onnodig contact "
                "verlopen, en dat er ruimte blijft voor **maatwerk** waar de situatie van iemand daarom "
                "vraagt. Vernieuwing gaat stap voor stap, zodat de **continuïteit** van de uitvoering "
                "niet in gevaar komt.",
            ),
        ],
    ),
    (
        "Andere kanalen blijven nodig",
        [
            (
                "kanalen",
                (),
                "Digitaal wordt het eerste kanaal, maar niet het enige. Wie niet digitaal kan of wil, "
                "kan ook in 2017 terecht aan de telefoon, aan het loket of per post. Organisaties richten "
                "hun kanalen zo in dat wie begint aan de balie, digitaal verder kan, en andersom.",
            ),
            (
                "kanalen",
                (),
                "Ongeveer een op de tien Nederlanders heeft moeite met digitale dienstverlening. Zij "
                "krijgen hulp: bij de bibliotheek, het loket van de gemeente of iemand die zij machtigen. "
                "Organisaties werken daarvoor samen met maatschappelijke partners.",
            ),
            (
                "gebruiksvriendelijk",
                (),
                "Digitale diensten zijn toegankelijk voor mensen met een beperking. Organisaties laten "
                "hun websites en formulieren toetsen aan de webrichtlijnen en lossen de gevonden "
                "knelpunten op. Toegankelijkheid hoort bij de aanbesteding van elke nieuwe dienst.",
            ),
            (
                "privacy",
                (),
                "Meer digitaal betekent ook meer verantwoordelijkheid voor de gegevens van mensen. "
                "Organisaties laten zien welke gegevens zij gebruiken en met wie zij die delen, en "
                "beveiligen hun diensten volgens de geldende baselines. Burgers kunnen in MijnOverheid "
                "zien welke organisaties hun gegevens gebruiken.",
            ),
        ],
    ),
    (
        "Sturing en monitoring",
        [
            (
                "sturing",
                (),
                "De Regieraad Dienstverlening stuurt op de uitvoering van deze agenda. Elke familie "
                "werkt haar hoofdactiviteiten uit; elke organisatie vertaalt die in eigen afspraken, met "
                "een planning en een verantwoordelijke.",
            ),
            (
                "sturing",
                (),
                "Organisaties melden twee keer per jaar hoe ver zij zijn met hun afspraken en met de "
                "aansluiting op de gemeenschappelijke voorzieningen. Het programma maakt de voortgang "
                "per familie en per organisatie openbaar, zodat iedereen kan zien waar het goed gaat en "
                "waar hulp nodig is.",
            ),
            (
                "sturing",
                (),
                "De monitoring kijkt niet alleen naar aansluitingen, maar ook naar het gebruik en de "
                "tevredenheid van gebruikers. Een aansluiting op MijnOverheid die niemand gebruikt, telt "
                "niet als resultaat.",
            ),
            (
                "financiering",
                (),
                "Investeringen in digitale dienstverlening verdienen zich vaak terug bij een andere "
                "organisatie dan de organisatie die investeert. De Regieraad maakt afspraken over hoe "
                "kosten en baten tussen organisaties worden verdeeld.",
            ),
        ],
    ),
    (
        "Planning tot 2017",
        [
            (
                "planning",
                (),
                "Na de ronde tafels en het meelezen in de zomer van 2015 verwerkt het programma alle "
                "inbreng tot een conceptagenda. De Regieraad Dienstverlening bespreekt die begin "
                "september en stelt de agenda daarna vast.",
            ),
            (
                "planning",
                (),
                "Eind 2015 heeft elke familie haar hoofdactiviteiten uitgewerkt en heeft elke "
                "organisatie haar eigen afspraken vastgelegd. In 2016 ligt de nadruk op aansluiten en "
                "verbeteren; in 2017 op afronden en op het gebruik van de digitale diensten.",
            ),
            (
                "planning",
                (),
                "Het programma rapporteert over de voortgang via de nieuwsbrief en de website. Waar de "
                "planning van een organisatie of een voorziening niet haalbaar blijkt, bespreekt de "
                "Regieraad wat nodig is om de belofte voor 2017 alsnog waar te maken.",
            ),
        ],
    ),
]

# Closed 2015: the historical period of the Digitaal 2017 draft (dates in Europe/Amsterdam).
CONSULTATION_OPENS = (2015, 6, 1)
CONSULTATION_CLOSES = (2015, 8, 15)

# ---------------------------------------------------------------------------------------------
# Round tables
# ---------------------------------------------------------------------------------------------

AGENDA = """\
1. Opening en kennismaking
2. Toelichting op de voorzet door het programma Digitaal 2017
3. {focus}
4. Gemeenschappelijke voorzieningen: wat is nodig om aan te sluiten?
5. Andere kanalen en hulp voor wie niet digitaal kan
6. Vervolg: conceptagenda en bespreking in de Regieraad in september
7. Rondvraag en sluiting
"""

LARGE_MUNICIPALITIES = (
    "Amsterdam",
    "Rotterdam",
    "'s-Gravenhage",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Enschede",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Zaanstad",
    "Amersfoort",
    "Haarlemmermeer",
    "'s-Hertogenbosch",
    "Zoetermeer",
    "Zwolle",
    "Maastricht",
    "Leiden",
    "Dordrecht",
    "Ede",
    "Emmen",
    "Westland",
    "Delft",
    "Deventer",
    "Leeuwarden",
    "Venlo",
    "Helmond",
    "Oss",
    "Hilversum",
    "Alkmaar",
)

# family slug -> list of meetings; `preferred` are invited first, `exclude` never (by name)
ROUND_TABLES = {
    "gemeenten": [
        {
            "title": "Ronde tafel gemeenten — grote en middelgrote gemeenten",
            "start": (2015, 6, 16, 13, 30),
            "hours": 3,
            "location": "Den Haag, VNG, Nassaulaan 12",
            "focus": "Hoofdactiviteiten voor gemeenten: sociaal domein en Omgevingswet",
            "invite": 24,
            "preferred": LARGE_MUNICIPALITIES,
            "points": [
                "Gemeenten steunen de ambitie, maar vragen om realisme over het sociaal domein: de "
                "decentralisaties van 1 januari vragen nu alle aandacht.",
                "Aansluiten op MijnOverheid Lopende zaken is pas zinvol als de zaaksystemen van "
                "leveranciers dat ondersteunen; de VNG wil daar gezamenlijk over inkopen.",
                "De Omgevingswet moet vanaf het begin digitaal worden ingericht; gemeenten willen "
                "niet twee keer investeren.",
                "Het loket blijft nodig, vooral in het sociaal domein.",
            ],
        },
        {
            "title": "Ronde tafel gemeenten — kleine gemeenten",
            "start": (2015, 6, 25, 14, 0),
            "hours": 3,
            "location": "Zwolle, provinciehuis Overijssel, Luttenbergstraat 2",
            "focus": "Wat kunnen kleine gemeenten alleen, en wat samen?",
            "invite": 22,
            "exclude": LARGE_MUNICIPALITIES,
            "points": [
                "Kleine gemeenten hebben niet de capaciteit om alle voorzieningen zelf aan te sluiten; "
                "zij vragen om standaardoplossingen en ondersteuning via de VNG.",
                "Regionale samenwerking werkt, maar de verantwoordelijkheid per gemeente moet helder "
                "blijven in de monitoring.",
                "De kosten van aansluiting en beheer zijn voor kleine gemeenten relatief hoog.",
                "Inwoners van kleine gemeenten komen vaak nog aan de balie; dat contact willen de "
                "gemeenten niet kwijt.",
            ],
        },
    ],
    "provincies": [
        {
            "title": "Ronde tafel provincies",
            "start": (2015, 6, 18, 10, 0),
            "hours": 3,
            "location": "Den Haag, Huis van de provincie, Zuid-Hollandlaan 7",
            "focus": "Digitale subsidies en vergunningen in het ruimtelijk domein",
            "invite": 12,
            "points": [
                "Provincies hebben weinig directe klantcontacten; de agenda moet niet doen alsof zij "
                "een gemeentelijk loket hebben.",
                "Subsidies en vergunningen zijn grotendeels al digitaal; eHerkenning is het "
                "belangrijkste aandachtspunt voor aanvragers.",
                "Het omgevingsloket voor de Omgevingswet raakt provincies net zo goed als gemeenten.",
            ],
        }
    ],
    "waterschappen": [
        {
            "title": "Ronde tafel waterschappen",
            "start": (2015, 6, 23, 13, 0),
            "hours": 3,
            "location": "Den Haag, Unie van Waterschappen, Koningskade 40",
            "focus": "Waterschapsbelasting via MijnOverheid en digitale vergunningen",
            "invite": 20,
            "points": [
                "De aanslag waterschapsbelasting is het grootste contactmoment; de waterschappen en "
                "hun belastingsamenwerkingen willen die via de Berichtenbox versturen.",
                "Veel waterschappen heffen samen met gemeenten via een gezamenlijk belastingkantoor; "
                "afspraken over MijnOverheid moeten daarom gezamenlijk worden gemaakt.",
                "Watervergunningen gaan straks op in het omgevingsloket; de waterschappen willen aan "
                "tafel bij de inrichting daarvan.",
            ],
        }
    ],
    "beleidsdepartementen": [
        {
            "title": "Ronde tafel beleidsdepartementen",
            "start": (2015, 6, 30, 9, 30),
            "hours": 2,
            "location": "Den Haag, ministerie van BZK, Schedeldoekshaven 200",
            "focus": "Regie, financiering en wetgeving voor digitale dienstverlening",
            "invite": 11,
            "points": [
                "De departementen vragen om een heldere verdeling tussen beleid en uitvoering: de "
                "agenda moet zeggen wie opdrachtgever is van welke voorziening.",
                "De structurele financiering van de GDI is nog niet geregeld; zonder afspraken blijft "
                "aansluiten een risico voor uitvoerders.",
                "Nieuwe wetgeving wordt vaker getoetst op uitvoerbaarheid; digitale uitvoerbaarheid "
                "moet daar expliciet deel van uitmaken.",
            ],
        }
    ],
    "kleine-uitvoeringsorganisaties": [
        {
            "title": "Ronde tafel kleine uitvoeringsorganisaties (online)",
            "start": (2015, 7, 2, 10, 0),
            "hours": 2,
            "online_url": "https://digitaal2017.example.org/ronde-tafels/kleine-uitvoeringsorganisaties",
            "focus": "Aansluiten zonder eigen ICT-afdeling: standaardoplossingen en ondersteuning",
            "invite": 24,
            "preferred": [
                "CBG",
                "CAK",
                "CIBG",
                "CIZ",
                "Logius",
                "Justis",
                "Kiesraad",
                "KNMI",
                "Koninklijke Bibliotheek",
                "NA",
                "Huurcommissie",
                "Dienst van de Huurcommissie",
                "ACM",
                "Kansspelautoriteit",
                "Landelijk Bureau Inning Onderhoudsbijdragen",
                "DTenV",
                "College voor Toetsen en Examens",
                "Commissariaat voor de Media",
                "Commissie schadefonds geweldsmisdrijven",
                "Bureau Financieel Toezicht",
                "Centraal Bureau Rijvaardigheidsbewijzen",
                "Mondriaan Fonds",
                "College voor de Rechten van de Mens",
                "Bureau Architectenregister",
            ],
            "points": [
                "Voor organisaties met enkele duizenden klanten per jaar is een eigen aansluiting op "
                "DigiD en eHerkenning onevenredig duur.",
                "Er is behoefte aan een gedeelde dienstverlener of een standaardformulierendienst "
                "waar kleine organisaties op kunnen aansluiten.",
                "Moederdepartementen moeten de aansluiting meenemen in de jaarplannen en budgetten.",
            ],
        }
    ],
    "grote-uitvoeringsorganisaties": [
        {
            "title": "Ronde tafel grote uitvoeringsorganisaties",
            "start": (2015, 7, 7, 13, 30),
            "hours": 3,
            "location": "Amersfoort, Eemhuis, Eemplein 75",
            "focus": "Massale processen, maatwerk en continuïteit",
            "invite": 16,
            "exclude": ["Toeslagen", "Rijksvastgoedbedrijf"],
            "points": [
                "De grote uitvoerders zijn digitaal al ver; de winst zit in eenmalige uitvraag en in "
                "het hergebruik van gegevens tussen organisaties.",
                "Massale processen vragen om stabiele voorzieningen: een storing bij DigiD raakt "
                "miljoenen mensen tegelijk.",
                "Maatwerk voor mensen in een kwetsbare positie moet uitdrukkelijk in de agenda staan.",
                "Vernieuwing van oude systemen kost jaren; de planning tot 2017 moet daar rekening mee "
                "houden.",
            ],
        }
    ],
}

MINUTES = """\
**Aanwezig:** {attended} van de {invited} uitgenodigde organisaties, het programma Digitaal 2017 \
en {host}.

## Toelichting

Het programma lichtte de voorzet toe: de ambitie voor 2017, de gemeenschappelijke voorzieningen en \
de paragraaf voor deze familie. Daarna is per onderwerp gesproken.

## Belangrijkste punten

{points}

## Afspraken

- Het programma verwerkt de inbreng van deze tafel in de conceptagenda.
- De deelnemers kunnen tot 15 augustus nog schriftelijk reageren.
- {host_cap} bespreekt het concept met de achterban voordat de Regieraad het in september behandelt.
"""

HOSTS = {
    "gemeenten": "de VNG",
    "provincies": "het IPO",
    "waterschappen": "de Unie van Waterschappen",
    "beleidsdepartementen": "het ministerie van BZK",
    "kleine-uitvoeringsorganisaties": "Logius",
    "grote-uitvoeringsorganisaties": "het Uitvoeringsoverleg",
}

# Functions of people who speak for an organisation; never names of real officials.
ROLES = {
    "gemeenten": [
        "CIO",
        "wethouder dienstverlening",
        "teamleider klantcontactcentrum",
        "adviseur informatiebeleid",
        "manager publiekszaken",
        "gemeentesecretaris",
        "beleidsadviseur sociaal domein",
    ],
    "provincies": [
        "CIO",
        "informatiemanager",
        "programmamanager e-provincie",
        "teamleider subsidies",
        "gedeputeerde",
    ],
    "waterschappen": [
        "CIO",
        "hoofd belastingen",
        "informatiemanager",
        "teamleider vergunningverlening",
        "secretaris-directeur",
    ],
    "beleidsdepartementen": [
        "CIO",
        "directeur informatievoorziening",
        "beleidsmedewerker uitvoering",
        "coördinator wetgeving",
    ],
    "kleine-uitvoeringsorganisaties": [
        "directeur",
        "hoofd bedrijfsvoering",
        "informatiemanager",
        "functioneel beheerder",
    ],
    "grote-uitvoeringsorganisaties": [
        "CIO",
        "directeur klantcontact",
        "ketenregisseur",
        "manager digitale dienstverlening",
        "architect",
    ],
}

# ---------------------------------------------------------------------------------------------
# Reviewers
# ---------------------------------------------------------------------------------------------

CONSENT_TEXT = (
    "Ik meld mij aan als meelezer van de implementatieagenda Digitaal 2017. Het programma gebruikt "
    "mijn naam, e-mailadres en eventuele organisatie alleen om mijn reacties te verwerken en mij "
    "over de consultatie te berichten. Per reactie kies ik of die openbaar mag, met of zonder naam. "
    "Mijn gegevens worden verwijderd of geanonimiseerd uiterlijk een jaar na het sluiten van de "
    "consultatie; ik kan ze eerder inzien en verwijderen."
)

# Added by a reviewer after the office approved the reaction: the change waits for moderation.
REACTION_ADDITION = (
    "Aanvulling na een tweede lezing: graag ook aandacht voor mensen die hulp nodig hebben bij "
    "het digitaal regelen van hun zaken."
)

FIRST_NAMES = [
    "Anne",
    "Bas",
    "Carla",
    "Daan",
    "Esther",
    "Fatima",
    "Gert",
    "Hanneke",
    "Ivo",
    "Jeroen",
    "Karin",
    "Lotte",
    "Marco",
    "Nadia",
    "Olga",
    "Pieter",
    "Ria",
    "Sander",
    "Tamara",
    "Umut",
    "Vera",
    "Wim",
    "Yvonne",
    "Zeynep",
    "Bram",
    "Ingrid",
    "Jan",
    "Marieke",
    "Mohamed",
    "Noor",
    "Ruud",
    "Saskia",
    "Thijs",
    "Wilma",
    "Annemiek",
    "Hans",
    "Kees",
    "Lisa",
    "Ahmed",
    "Els",
    "Frank",
    "Joke",
    "Koen",
    "Mirjam",
    "Ronald",
    "Sevda",
    "Tom",
    "Willemijn",
]
SURNAMES = [
    "Jansen",
    "de Vries",
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
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Berg",
    "Schouten",
    "Willems",
    "van Dam",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Prins",
    "Kuipers",
    "Postma",
    "Huisman",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Nguyen",
    "Pinas",
    "Boukhari",
    "Wijaya",
    "Zwart",
]

# ---------------------------------------------------------------------------------------------
# Topics: sentences per stance. `paragraph` names the topic key of the agenda paragraph it is
# about (see SECTIONS); `families` limits who raises it (empty: everyone, citizens included).
# ---------------------------------------------------------------------------------------------

COMMON_TOPICS = {
    "ambitie": {
        "eens": [
            "[Wij steunen|Ik steun] de ambitie [van harte|volledig]: [burgers en bedrijven|mensen] mogen verwachten dat zij hun zaken [online|digitaal] kunnen regelen.",
            "[Mooi|Goed] dat alle overheidslagen [samen|gezamenlijk] aan één agenda werken; zo merkt de burger [één overheid|dat de overheid samenwerkt].",
        ],
        "zorg": [
            "'Alles digitaal in 2017' is een mooie belofte, maar de praktijk bij [veel|de meeste] organisaties is [weerbarstiger|anders].",
            "De ambitie gaat [vooral|te veel] over techniek en [te weinig|nauwelijks] over [wat mensen merken|de kwaliteit van de dienstverlening].",
        ],
        "suggestie": [
            "Maak de ambitie [concreter|meetbaar]: welke diensten moeten in 2017 [digitaal kunnen|digitaal beschikbaar zijn], en [voor wie|met welke kwaliteit]?",
        ],
    },
    "gebruiksvriendelijk": {
        "eens": [
            "[Goed|Terecht|Prima] dat de agenda [begint bij de gebruiker en niet bij|uitgaat van de gebruiker en niet van] de organisatie.",
            "Eenvoudige formulieren in begrijpelijke taal zijn [het belangrijkste|de kern]: daar merken [mensen|burgers|gebruikers] het verschil.",
            "Een korte, duidelijke website is [meer waard|belangrijker] dan [elke nieuwe voorziening|een nieuw portaal].",
        ],
        "zorg": [
            "Veel [websites|formulieren] van de overheid zijn [nog steeds|nog altijd] [onbegrijpelijk|te ingewikkeld|te lang] voor gewone mensen.",
            "[Ik zie|Wij zien] dat formulieren vragen naar gegevens die de overheid al heeft; dat [ergert|frustreert] [mensen|gebruikers] [enorm|het meest].",
            "De webrichtlijnen worden [nauwelijks|te weinig] nageleefd; [voor mensen met een beperking|voor slechtzienden] zijn veel diensten [onbruikbaar|niet te gebruiken].",
            "De website van [mijn gemeente|de overheid] is [onoverzichtelijk|rommelig]: je moet zoeken naar [wat je nodig hebt|het juiste formulier].",
        ],
        "suggestie": [
            "Test elke nieuwe dienst met echte gebruikers, [ook met ouderen|ook met mensen die minder digitaal vaardig zijn], voordat hij live gaat.",
            "Maak taalniveau B1 [verplicht|de norm] voor alle [formulieren|brieven en formulieren].",
            "[Publiceer|Laat zien] per organisatie hoe tevreden gebruikers zijn, zodat organisaties van elkaar kunnen leren.",
            "Zorg dat alle [diensten|formulieren] goed werken op een telefoon; daar begint [een groot deel|de helft] van de bezoekers.",
        ],
    },
    "een-plek": {
        "eens": [
            "Alle overheidsinformatie op één plek is [precies|echt] wat [burgers|mensen] willen.",
            "[Ik ben|Wij zijn] blij dat MijnOverheid [de centrale plek|het centrale punt] wordt voor [berichten|post] van de overheid.",
        ],
        "zorg": [
            "Nu moet je bij [elke organisatie|iedere instantie] opnieuw [inloggen|zoeken]; [niemand snapt|niemand weet] welke overheid waarvoor is.",
            "Als niet alle overheden meedoen, [is|blijft] MijnOverheid [een halve oplossing|onvolledig] en [kijken mensen er niet meer in|haken mensen af].",
            "Ik mis berichten omdat ze in de Berichtenbox staan en ik [geen|niet altijd een] [melding|e-mail] krijg.",
        ],
        "suggestie": [
            "Stuur [standaard|altijd] een [e-mail|melding] [zodra|als] er een nieuw bericht in de Berichtenbox staat.",
            "Maak één overzicht van alle lopende zaken bij alle overheden in MijnOverheid.",
            "[Verwijs|Link] vanaf elke [overheidswebsite|website] naar [MijnOverheid|de persoonlijke pagina] in plaats van een eigen omgeving te bouwen.",
        ],
    },
    "voorzieningen": {
        "eens": [
            "Aansluiten op de gemeenschappelijke voorzieningen moet het uitgangspunt [zijn|blijven]; zelf bouwen is [duurder|onverstandig].",
            "[Wij sluiten|Onze organisatie sluit] [graag|van harte] aan op DigiD, eHerkenning en MijnOverheid; het wiel hoeft niet opnieuw uitgevonden te worden.",
        ],
        "zorg": [
            "De [tarieven|kosten] van de voorzieningen [wisselen|veranderen] [ieder jaar|steeds]; daar kunnen [wij|organisaties] niet op [begroten|plannen].",
            "Aansluiten kost [meer tijd|veel meer tijd] dan de agenda [suggereert|doet voorkomen]: leveranciers moeten eerst hun pakketten aanpassen.",
            "De voorzieningen zijn [niet altijd|lang niet altijd] [beschikbaar|stabiel]; bij een storing [staat onze dienstverlening stil|ligt onze dienstverlening plat].",
        ],
        "suggestie": [
            "Leg de financiering van de voorzieningen [voor meerdere jaren|structureel] vast, dan [durven|kunnen] organisaties [investeren|aansluiten].",
            "Maak één aansluitprocedure voor alle voorzieningen [samen|tegelijk], met één [aanspreekpunt|contactpersoon] bij Logius.",
            "Spreek met de [leveranciers|softwareleveranciers] af dat hun pakketten [standaard|direct] op de voorzieningen aansluiten.",
        ],
    },
    "digid": {
        "eens": [
            "DigiD werkt [goed|prima] en [iedereen|bijna iedereen] kent het.",
            "DigiD Machtigen is [belangrijk|onmisbaar] voor [mantelzorgers|kinderen van oudere ouders].",
        ],
        "zorg": [
            "Veel [ouderen|mensen] [vergeten|verliezen] hun DigiD-wachtwoord en [komen dan niet meer binnen|raken dan de weg kwijt].",
            "Het hogere betrouwbaarheidsniveau van DigiD [met sms-controle|met een extra stap] is [lastig|een drempel] voor [wie geen mobiele telefoon heeft|mensen zonder mobiel].",
            "Machtigen via DigiD is [te ingewikkeld|omslachtig]; [ik help mijn moeder|wij helpen een buurman] en dat lukt [nauwelijks|alleen met veel moeite].",
        ],
        "suggestie": [
            "Maak het [herstellen|aanvragen] van een DigiD-wachtwoord [makkelijker|eenvoudiger], [bijvoorbeeld|ook] aan de balie van de gemeente.",
            "Maak een [DigiD-app|app om mee in te loggen] zodat je geen sms meer nodig hebt.",
        ],
    },
    "eherkenning": {
        "eens": [
            "eHerkenning als [één|enig] inlogmiddel voor bedrijven is [een goede stap|verstandig].",
        ],
        "zorg": [
            "eHerkenning kost [geld|jaarlijks geld] en [die kosten zijn|dat is] voor [kleine ondernemers|zzp'ers] [een drempel|niet uit te leggen].",
            "Overheden vragen [vaak|te vaak] een [hoger|zwaarder] niveau van eHerkenning dan nodig, waardoor ondernemers [een duurder middel|meer] moeten kopen.",
        ],
        "suggestie": [
            "Accepteer eHerkenning [op het laagste niveau dat past|op het passende niveau] en maak [het eerste middel|een basismiddel] gratis voor ondernemers.",
        ],
    },
    "eenmalige-uitvraag": {
        "eens": [
            "[Eenmalige uitvraag|Gegevens maar één keer vragen] scheelt [iedereen|burgers en bedrijven] [tijd|veel tijd] en fouten.",
        ],
        "zorg": [
            "Als de basisregistraties [niet kloppen|fouten bevatten], wordt een fout [overal overgenomen|op veel plekken tegelijk zichtbaar].",
            "[Terugmelden|Een fout melden] in een basisregistratie [is|blijft] [omslachtig|lastig] en [niemand|geen organisatie] [voelt zich|is] verantwoordelijk.",
        ],
        "suggestie": [
            "Vul [formulieren|aanvragen] vooraf in met [gegevens uit de basisregistraties|bekende gegevens] en laat de gebruiker alleen controleren.",
            "Maak één plek waar burgers een fout in hun gegevens kunnen melden, [voor alle registraties|ongeacht de registratie].",
        ],
    },
    "kanalen": {
        "eens": [
            "[Goed|Fijn] dat het loket en de telefoon [blijven|niet verdwijnen]; niet iedereen [kan|wil] digitaal.",
            "Digitaal als [eerste kanaal|kwaliteitssprong], met andere kanalen [erachter|ernaast]: [dat is|zo is het] [evenwichtig|een goede balans].",
        ],
        "zorg": [
            "[Ik vrees|Wij vrezen] dat 'digitaal eerst' in de praktijk 'alleen digitaal' wordt en dat [balies|loketten] [sluiten|verdwijnen].",
            "Ongeveer [een op de tien|1 op de 10] mensen kan niet goed met een computer omgaan; [zij|die mensen] mogen niet [buiten de boot vallen|worden vergeten].",
            "Als mensen [vastlopen|niet verder komen] op de website, is de telefoon [vaak onbereikbaar|lang in gesprek].",
        ],
        "suggestie": [
            "Richt [in elke gemeente|bij de bibliotheek] een [punt|plek] in waar mensen hulp krijgen bij digitale overheidszaken.",
            "[Zorg|Regel] dat wie aan de balie begint, digitaal verder kan, en [omgekeerd|andersom], zonder [opnieuw te beginnen|alles opnieuw te vertellen].",
            "Blijf brieven per post [versturen|sturen] aan wie daar [om vraagt|voor kiest].",
        ],
    },
    "verschillen": {
        "eens": [
            "[Terecht|Goed] dat de agenda [erkent|benoemt] dat organisaties verschillen; één aanpak voor iedereen [werkt niet|past niet].",
        ],
        "zorg": [
            "De agenda lijkt [geschreven|opgesteld] vanuit de [grote organisaties|Rijksorganisaties]; de situatie van kleine organisaties komt er [nauwelijks|te weinig] in voor.",
        ],
        "suggestie": [
            "Maak per familie [duidelijk|concreet] welke stappen in 2017 klaar moeten zijn en welke [later kunnen|een latere stap zijn].",
        ],
    },
    "privacy": {
        "eens": [
            "[Goed|Belangrijk] dat burgers [kunnen zien|inzicht krijgen in] welke organisaties hun gegevens gebruiken.",
        ],
        "zorg": [
            "Hoe meer gegevens [gedeeld|gekoppeld] worden, hoe groter [het risico|de gevolgen] van [een datalek|een lek of een fout].",
            "[Ik wil niet dat mijn|Wij willen niet dat onze] gegevens [zonder toestemming|ongevraagd] [tussen organisaties worden gedeeld|worden gekoppeld].",
        ],
        "suggestie": [
            "Laat in MijnOverheid zien [wie|welke organisatie] [mijn|je] gegevens [heeft opgevraagd|heeft bekeken], en [waarom|met welk doel].",
        ],
    },
    "sturing": {
        "eens": [
            "Openbare voortgang per organisatie [helpt|werkt]: [niemand wil|geen organisatie wil] [achteraan staan|onderaan de lijst staan].",
        ],
        "zorg": [
            "[Twee keer per jaar rapporteren|De monitoring] [kost|vraagt] [veel|te veel] [administratie|tijd] als de vragen [elke keer anders zijn|niet aansluiten].",
            "[Alleen|Puur] aansluitingen tellen zegt weinig over [de kwaliteit van de dienstverlening|hoe goed de dienstverlening is].",
        ],
        "suggestie": [
            "Meet [ook|vooral] het gebruik en de [tevredenheid|waardering] van [gebruikers|klanten], niet alleen [of iets aangesloten is|aansluitingen].",
            "Gebruik [voor de monitoring|bij het rapporteren] [gegevens die er al zijn|bestaande gegevens], zoals de aansluitcijfers van Logius.",
        ],
    },
    "planning": {
        "eens": [
            "De planning is [ambitieus|stevig] maar [haalbaar|te doen] als de financiering [rond is|geregeld is].",
        ],
        "zorg": [
            "2017 is [dichtbij|al over anderhalf jaar]; [de planning|deze planning] is [voor veel organisaties|voor ons] [niet haalbaar|te krap].",
            "De zomer is een [ongelukkig|lastig] moment voor een consultatie; veel [collega's|bestuurders] [konden niet reageren|waren met vakantie].",
        ],
        "suggestie": [
            "Spreek [tussendoelen|mijlpalen] af voor eind 2016, zodat [bijsturen op tijd kan|bijsturing nog mogelijk is].",
        ],
    },
    "ondernemers": {
        "eens": [
            "Voor ondernemers is Ondernemersplein als [één ingang|vaste ingang] een [grote|echte] verbetering.",
        ],
        "zorg": [
            "Als ondernemer [moet ik|moet je] [dezelfde gegevens|mijn bedrijfsgegevens] [steeds opnieuw|telkens weer] invullen bij [elke|iedere] overheid.",
            "Een vergunning aanvragen [duurt|kost] [te lang|maanden] en je kunt [nergens volgen|niet zien] hoe ver de aanvraag is.",
        ],
        "suggestie": [
            "Gebruik [de gegevens uit het Handelsregister|de KvK-gegevens] [om formulieren vooraf in te vullen|bij elke aanvraag].",
        ],
    },
}

FAMILY_TOPICS = {
    "gemeenten": {
        "sociaal-domein": {
            "zorg": [
                "Sinds de decentralisaties [vraagt|kost] het sociaal domein [alle|veel] [aandacht|capaciteit]; digitale dienstverlening [staat daar nog in de kinderschoenen|is daar nog niet ver].",
                "In het sociaal domein gaat het om kwetsbare [inwoners|mensen]; [een digitaal formulier|alleen digitaal] [past daar niet altijd|is daar niet genoeg].",
                "[Jeugdzorg en Wmo|De Wmo en jeugdzorg] [werken|draaien] met [veel|tientallen] [aanbieders|zorgaanbieders]; de [berichtenstandaarden|iWmo- en iJw-berichten] zijn [nog niet op orde|nog niet stabiel].",
            ],
            "suggestie": [
                "Begin in het sociaal domein met [de status van een aanvraag|lopende zaken] digitaal tonen; dat [scheelt|voorkomt] [veel|de meeste] telefoontjes.",
                "[Ontwikkel|Maak] [samen met de VNG|gezamenlijk] [standaardformulieren|één set formulieren] voor de Wmo en [de bijstand|de Participatiewet].",
            ],
            "eens": [
                "[Terecht|Goed] dat het sociaal domein een eigen plek [krijgt|heeft] in de agenda.",
            ],
        },
        "omgevingswet": {
            "zorg": [
                "De Omgevingswet [komt eraan|vraagt veel] en [gemeenten|wij] [kunnen|willen] niet [twee keer|dubbel] investeren in digitale dienstverlening voor [vergunningen|het omgevingsdomein].",
                "[Onduidelijk is|Het is nog onduidelijk] hoe het digitale stelsel van de Omgevingswet [aansluit op|zich verhoudt tot] [deze agenda|MijnOverheid].",
            ],
            "suggestie": [
                "Stem de planning van deze agenda af op die van de Omgevingswet, zodat [gemeenten|wij] [maar één keer|niet twee keer] hoeven te investeren.",
            ],
            "eens": [
                "[Verstandig|Goed] om de digitale dienstverlening voor de Omgevingswet [vanaf het begin|direct] [mee te nemen|samen op te bouwen].",
            ],
        },
        "kleine-gemeenten": {
            "zorg": [
                "Een kleine gemeente als de onze heeft [één|anderhalve] [informatieadviseur|ICT-medewerker]; al die aansluitingen zelf regelen [lukt niet|is onmogelijk].",
                "De kosten van aansluiten en beheer [wegen|drukken] [voor kleine gemeenten|voor ons] [veel zwaarder|zwaarder] dan voor [grote steden|de G4].",
            ],
            "suggestie": [
                "[Bied|Ontwikkel] [via de VNG|met KING] [standaardoplossingen|een standaardpakket] waar kleine gemeenten [eenvoudig|zonder eigen project] op kunnen aansluiten.",
                "[Laat|Sta toe dat] gemeenten [regionaal|in de regio] samen aansluiten, met één [aanspreekpunt|contract] voor de hele regio.",
            ],
            "eens": [
                "[Fijn|Goed] dat de agenda [rekening houdt met|aandacht heeft voor] kleine gemeenten.",
            ],
        },
    },
    "provincies": {
        "provincies": {
            "zorg": [
                "Provincies hebben [weinig|relatief weinig] directe klantcontacten; de [agenda|voorzet] moet niet doen alsof [wij|provincies] een loket voor burgers hebben.",
                "Aanvragers van subsidies zijn vaak [kleine instellingen|verenigingen en stichtingen] die [opzien tegen|niet willen betalen voor] eHerkenning.",
                "[Vergunningen|Provinciale vergunningen] in het ruimtelijk domein [gaan|verhuizen] naar het omgevingsloket; [onduidelijk is|het is niet duidelijk] wie [daarvoor|voor de dienstverlening] verantwoordelijk is.",
            ],
            "suggestie": [
                "[Maak|Houd] voor provincies [subsidies en vergunningen|de subsidie- en vergunningverlening] [het zwaartepunt|de kern] van de hoofdactiviteiten.",
                "Trek [als provincies|met de twaalf provincies] [samen|gezamenlijk] op in één subsidieloket, [via het IPO|met het IPO].",
            ],
            "eens": [
                "[Herkenbaar|Terecht] dat de agenda [subsidies en vergunningen|het ruimtelijk domein] [als kern noemt|centraal stelt] voor provincies.",
            ],
        },
    },
    "waterschappen": {
        "waterschappen": {
            "zorg": [
                "[De aanslag|Het aanslagbiljet] waterschapsbelasting [is|vormt] [voor de meeste inwoners|voor bijna iedereen] het enige contact met [het|hun] waterschap.",
                "[Veel waterschappen heffen|Wij heffen] [samen met gemeenten|via een belastingsamenwerking]; [aansluiten op|versturen via] MijnOverheid [moet|kan alleen] [samen|gezamenlijk] [gebeuren|worden geregeld].",
                "[Kwijtschelding|Een kwijtscheldingsverzoek] [vraagt|kost] [nog steeds|nu nog] [papieren bewijsstukken|een papieren formulier], [terwijl|hoewel] de gegevens bij de overheid bekend zijn.",
            ],
            "suggestie": [
                "Verstuur de aanslagen waterschapsbelasting [via de Berichtenbox|in MijnOverheid] met een [directe|] link naar bezwaar en betalingsregeling.",
                "Maak [geautomatiseerde|automatische] kwijtschelding op basis van gegevens van het Inlichtingenbureau de norm [voor alle waterschappen|bij alle waterschappen].",
                "Betrek de waterschappen bij de inrichting van het omgevingsloket voor watervergunningen.",
            ],
            "eens": [
                "[Goed|Terecht] dat de agenda de waterschapsbelasting [noemt|als hoofdactiviteit noemt]; daar [zit|ligt] [de winst|het meeste voordeel] voor inwoners.",
            ],
        },
    },
    "beleidsdepartementen": {
        "regie": {
            "zorg": [
                "[Onduidelijk|Niet duidelijk] is [wie de regie voert|welk departement opdrachtgever is] over [de gemeenschappelijke voorzieningen|de GDI].",
                "[Nieuwe wetgeving|Wetgeving] wordt [nog te vaak|vaak] [geschreven|gemaakt] zonder na te gaan of [de uitvoering|ze] digitaal uitvoerbaar is.",
            ],
            "suggestie": [
                "Maak een [toets|uitvoeringstoets] op digitale uitvoerbaarheid een [verplicht|vast] onderdeel van [het wetgevingsproces|elk wetsvoorstel].",
                "Leg [de regie|het opdrachtgeverschap] per voorziening [bij één departement|eenduidig] vast [in een Wet GDI|in wetgeving].",
            ],
            "eens": [
                "[Terecht|Goed] dat de agenda de departementen [aanspreekt|wijst] op hun rol als opdrachtgever van de uitvoering.",
            ],
        },
        "financiering": {
            "zorg": [
                "De [structurele|meerjarige] financiering van de GDI is [niet geregeld|nog open]; zonder [afspraken|geld] [blijft de agenda een wensenlijst|is de agenda niet uitvoerbaar].",
                "[De baten|De besparingen] komen [vaak|meestal] terecht bij [een andere organisatie|een ander] dan [bij wie investeert|de organisatie die investeert].",
            ],
            "suggestie": [
                "Maak [een verdeelsleutel|afspraken] voor de kosten van de voorzieningen [tussen Rijk, gemeenten, provincies en waterschappen|tussen de overheidslagen].",
            ],
            "eens": [
                "[Goed|Verstandig] dat de Regieraad [over kosten en baten|over de financiering] [afspraken maakt|besluit].",
            ],
        },
    },
    "kleine-uitvoeringsorganisaties": {
        "kleine-uo": {
            "zorg": [
                "[Wij hebben|Onze organisatie heeft] geen budget en [geen|te weinig] kennis voor een eigen aansluiting op DigiD of eHerkenning.",
                "Met [enkele duizenden|een paar duizend] klanten per jaar is een eigen aansluiting [onevenredig duur|niet te verantwoorden].",
                "[Wij zijn|Onze organisatie is] voor ICT [afhankelijk van|aangewezen op] [ons moederdepartement|een shared service centre], en dat heeft andere prioriteiten.",
            ],
            "suggestie": [
                "[Bied|Maak] [via Logius|centraal] een [gedeelde|gezamenlijke] dienstverlener of formulierendienst waar kleine organisaties [op kunnen aansluiten|gebruik van kunnen maken].",
                "Laat [moederdepartementen|de departementen] de aansluiting [opnemen in|meenemen in] [de jaarplannen en budgetten|de begroting] van hun [zbo's|kleine organisaties].",
            ],
            "eens": [
                "[Fijn|Goed] dat de agenda [ziet|erkent] dat kleine organisaties [het niet alleen kunnen|ondersteuning nodig hebben].",
            ],
        },
    },
    "grote-uitvoeringsorganisaties": {
        "grote-uo": {
            "zorg": [
                "[Wij verwerken|Onze organisatie verwerkt] [jaarlijks|] miljoenen [aanvragen|berichten]; [een storing|uitval] van een gemeenschappelijke voorziening [raakt|treft] [direct|meteen] [grote aantallen|heel veel] mensen.",
                "Massale processen werken [goed|efficiënt] voor de meeste mensen, maar [mensen in een kwetsbare positie lopen|wie afwijkt van de standaard, loopt] [vast|klem].",
                "[Vernieuwing van oude systemen|Het vervangen van oude systemen] [kost|duurt] [jaren|meerdere jaren]; [de continuïteit|continuïteit van de uitvoering] gaat voor.",
            ],
            "suggestie": [
                "Neem [maatwerk|ruimte voor maatwerk] [uitdrukkelijk|expliciet] op in de agenda, [naast|bij] [de digitale standaard|het digitale kanaal].",
                "[Maak afspraken over|Stel eisen aan] [de beschikbaarheid|de stabiliteit] van DigiD en MijnOverheid [die passen bij|passend bij] massale processen.",
                "[Deel|Hergebruik] gegevens tussen [uitvoeringsorganisaties|de grote uitvoerders], zodat burgers [niet twee keer|niet opnieuw] hetzelfde [hoeven door te geven|hoeven te melden].",
            ],
            "eens": [
                "[Herkenbaar|Terecht] dat de agenda [continuïteit|de continuïteit van de uitvoering] [voorop|centraal] stelt.",
            ],
        },
    },
}

# Openers and closers per way of writing; {org} is the organisation's name.
ORG_OPENERS = [
    "Namens {org} [reageren wij graag op|geven wij graag een reactie op] de voorzet.",
    "{org} [dankt|bedankt] het programma voor de gelegenheid om te reageren.",
    "[Wij hebben|Vanuit {org} hebben wij] de voorzet [met belangstelling|met interesse] gelezen.",
    "Hierbij [de reactie|een reactie] van {org} op de implementatieagenda.",
]
CITIZEN_OPENERS = [
    "Geachte heer/mevrouw,",
    "Beste mensen van Digitaal 2017,",
    "Hallo,",
    "Goedendag,",
    "Ik heb de voorzet [gelezen|in de nieuwsbrief gelezen] en [wil graag reageren|heb een paar "
    "opmerkingen].",
]
CLOSERS = [
    "Met vriendelijke groet,\n{name}",
    "Vriendelijke groet,\n{name}",
    "Groet, {name}",
    "Met vriendelijke groeten,\n{name}",
    "[Succes met de agenda|Veel succes met het vervolg]!",
    "",
]

# ---------------------------------------------------------------------------------------------
# Campaigns: one letter, many senders; small edits, greetings, signatures, personal sentences.
# ---------------------------------------------------------------------------------------------

PAPER_CLOSERS = [
    "Wij lichten onze reactie graag toe in een gesprek.",
    "Voor vragen over deze reactie kunt u contact opnemen met ons secretariaat.",
    "Wij zien uit naar de conceptagenda en denken graag mee over de uitwerking.",
]

CAMPAIGNS = {
    "papier-en-loket": {
        "channel_mix": {"e-mail": 0.8, "import": 0.2},
        "paragraph": "kanalen",
        "stance": "zorg",
        "letter": (
            "Ik maak mij zorgen over de plannen om alle zaken met de overheid digitaal te laten "
            "verlopen. Veel ouderen hebben geen computer of kunnen er niet goed mee omgaan. Zij "
            "[moeten|moeten ook na 2017] hun zaken op papier en aan het loket kunnen blijven regelen, "
            "zonder dat zij afhankelijk worden van hun kinderen of buren. Ik vraag u daarom in de "
            "agenda op te nemen dat [de papieren brief|de brief op papier] en het loket blijven "
            "bestaan voor iedereen die dat wil, en dat hulp gratis en dichtbij is."
        ),
        "personal": [
            "Mijn moeder is 84 en weet niet wat een DigiD is.",
            "Ik ben zelf 78 en heb nooit met een computer gewerkt.",
            "Mijn vader kreeg een boete omdat hij een bericht in de Berichtenbox niet had gezien.",
            "In ons dorp is het gemeenteloket al gesloten.",
            "Ik help wekelijks buren met hun post van de overheid.",
            "Bij de bibliotheek kon men mij niet helpen met mijn toeslag.",
            "",
            "",
            "",
        ],
    },
    "kosten-eherkenning": {
        "channel_mix": {"import": 0.6, "e-mail": 0.4},
        "paragraph": "eherkenning",
        "stance": "zorg",
        "letter": (
            "Als [ondernemer|zelfstandig ondernemer] moet ik steeds vaker eHerkenning gebruiken om "
            "zaken met de overheid te regelen. Ik betaal daar elk jaar voor, terwijl ik als burger "
            "gratis met DigiD kan inloggen. Voor kleine ondernemers zijn deze kosten een drempel. Ik "
            "vraag het programma ervoor te zorgen dat eHerkenning voor ondernemers gratis wordt, of "
            "dat overheden ook een gratis alternatief accepteren."
        ),
        "personal": [
            "Ik heb een kapsalon met twee medewerkers.",
            "Voor één melding per jaar moest ik een heel abonnement afsluiten.",
            "Ik ben zzp'er in de bouw en heb drie verschillende niveaus nodig gehad.",
            "Mijn boekhouder regelt het nu voor mij, maar dat kost ook geld.",
            "",
            "",
        ],
    },
    "toegankelijk": {
        "channel_mix": {"e-mail": 0.5, "import": 0.5},
        "paragraph": "gebruiksvriendelijk",
        "stance": "suggestie",
        "letter": (
            "Ik ben [slechtziend|blind] en gebruik een schermlezer. Veel websites en formulieren van "
            "de overheid kan ik niet zelfstandig gebruiken, omdat ze niet voldoen aan de "
            "webrichtlijnen. Digitaal moet voor iedereen werken. Neem in de agenda op dat elke "
            "digitale dienst van de overheid toegankelijk is, dat dit onafhankelijk wordt getoetst en "
            "dat de uitkomsten openbaar zijn."
        ),
        "personal": [
            "Het aanvragen van een parkeervergunning lukte mij niet zonder hulp.",
            "De CAPTCHA op veel formulieren kan ik niet oplossen.",
            "PDF-formulieren zijn voor mij onleesbaar.",
            "",
            "",
        ],
    },
    "privacy": {
        "channel_mix": {"e-mail": 0.7, "import": 0.3},
        "paragraph": "privacy",
        "stance": "zorg",
        "letter": (
            "Ik maak bezwaar tegen het koppelen van mijn gegevens tussen overheidsorganisaties "
            "zonder dat ik daar toestemming voor geef. Digitaal werken mag niet betekenen dat de "
            "overheid alles over mij weet. Ik wil kunnen zien welke organisatie mijn gegevens heeft "
            "gebruikt en waarom, en ik wil dat de agenda dat recht uitdrukkelijk opneemt."
        ),
        "personal": [
            "Na het datalek bij mijn gemeente vertrouw ik dit niet meer.",
            "",
            "",
        ],
    },
}
CAMPAIGN_GREETINGS = [
    "Geachte heer/mevrouw,",
    "Geacht programmateam,",
    "Beste mensen,",
    "Aan het programma Digitaal 2017,",
    "",
]

# Short, off-topic and misdirected messages: real input is never all on topic.
NOISE = [
    "Eens.",
    "Goed plan!",
    "Helemaal mee eens met deze agenda.",
    "Onzin, de overheid kan niet eens een website maken.",
    "Mijn DigiD werkt niet, wie kan mij helpen?",
    "Waar kan ik mijn paspoort verlengen?",
    "Hoe vraag ik huurtoeslag aan?",
    "Ik heb een parkeerboete gekregen die niet klopt. Bij wie moet ik zijn?",
    "Wanneer wordt het afval weer opgehaald in onze straat?",
    "Graag afmelden voor de nieuwsbrief.",
    "test",
    "Zie bijlage.",
    "Geen opmerkingen.",
    "Waarom moet alles altijd digitaal? Ik wil gewoon een mens spreken.",
    "Kunt u mij de stukken op papier toesturen?",
]

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
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


# Agenda paragraphs whose subject another topic already covers.
PARAGRAPH_TOPIC = {"mijnoverheid": "een-plek", "basisregistraties": "eenmalige-uitvraag"}
# Topics that have no paragraph of their own, and the paragraph that speaks of them.
TOPIC_PARAGRAPH = {"omgevingswet": "kleine-gemeenten"}


def find_topic(key: str) -> dict:
    key = PARAGRAPH_TOPIC.get(key, key)
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
        opener = rng.choice(ORG_OPENERS if org_name else CITIZEN_OPENERS)
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
        parts.append(rng.choice(PAPER_CLOSERS))
    else:
        main = topic_text(rng, topic, stance_key, rng.choice((1, 1, 2, 2, 3)))
        if rng.random() < 0.3:
            stance_other = rng.choice(("zorg", "suggestie", "eens"))
            main += " " + topic_text(rng, find_topic(rng.choice(others)), stance_other, 1)
        parts.append(main)
    if style == "letter":
        closer = expand(rng, rng.choice(CLOSERS), name=author or "").strip(", \n")
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
    parts = [rng.choice(CAMPAIGN_GREETINGS), letter, personal]
    parts.append(
        rng.choice(["Met vriendelijke groet,", "Hoogachtend,", "Groet,", ""]) + f"\n{name}"
    )
    return "\n\n".join(p.strip() for p in parts if p.strip())
