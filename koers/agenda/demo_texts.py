"""The written content of the agenda demo: steps, main activities, the concept's edits and the
reasons of the response report (reactienota).

Everything here was written for Koers from the Digitaal 2017 case. Organisations are named by
their code in the register (koers/organisations/data), facilities by their slug; a code or slug
that is not in the database is skipped. Themes are named by the label the office gave them (see
NAMES in koers/synthesis/demo.py) or, for themes nobody renamed, by a keyword the analysis shows.

Step numbers in the reasons ("stap 4") follow the order of STEPS.
"""

from koers.synthesis.constants import Outcome

# ---------------------------------------------------------------------------------------------
# Who decided, and when (Europe/Amsterdam). The consultation closed on 15 August 2015; the
# Regieraad discusses the concept in early September (see the draft's "Planning tot 2017").
# ---------------------------------------------------------------------------------------------

STRUCTURE_AT = (2015, 5, 26, 10, 0)  # steps and main activities of the draft
COPIED_AT = (2015, 8, 17, 9, 0)  # the office starts the concept from the draft
DECISIONS_FROM = (2015, 8, 17)  # bulk decisions per theme, campaign and exception
DECISIONS_UNTIL = (2015, 8, 28)
CONCEPT_AT = (2015, 9, 1, 16, 30)  # sent to the Regieraad for its meeting of 10 September

# Of the visible contributions, this share (per mille) is still waiting for an answer.
OPEN_PER_MILLE = 30

CONCEPT_TITLE = "Implementatieagenda digitale dienstverlening 2017 — conceptagenda"

CONCEPT_INTRODUCTION = """\
In het regeerakkoord is afgesproken dat burgers en bedrijven in 2017 al hun zaken met de overheid \
digitaal kunnen afhandelen. In de Regieraad Dienstverlening hebben alle overheidslagen afgesproken \
daarvoor samen één implementatieagenda te schrijven. Dit is de **conceptagenda**: de inhoudelijke \
voorzet van het programma Digitaal 2017, herschreven met de inbreng van deze zomer.

Aan zeven ronde tafels spraken gemeenten, provincies, waterschappen, beleidsdepartementen en kleine \
en grote uitvoeringsorganisaties over de voorzet. Meelezers reageerden per paragraaf, en burgers, \
ondernemers en organisaties stuurden reacties per e-mail, via het webformulier en als position \
paper. In de **reactienota** staat bij elke reactie wat we ermee hebben gedaan en waarom; bij elke \
wijziging in deze agenda staat welke inbreng haar heeft veroorzaakt.

De Regieraad Dienstverlening bespreekt de conceptagenda op 10 september 2015 en stelt haar daarna vast.
"""

# ---------------------------------------------------------------------------------------------
# Government-wide steps of the draft: (key, title, Markdown description)
# ---------------------------------------------------------------------------------------------

STEPS = [
    (
        "gebruiksvriendelijk",
        "Gebruiksvriendelijke websites en formulieren",
        "Elke organisatie maakt haar eigen website, formulieren en brieven eenvoudiger: kort, in "
        "begrijpelijk Nederlands (taalniveau B1), bruikbaar op telefoon en tablet en toegankelijk "
        "volgens de webrichtlijnen. Nieuwe diensten worden getest met echte gebruikers.",
    ),
    (
        "voorzieningen",
        "Aansluiten op de generieke voorzieningen",
        "Organisaties sluiten aan op de generieke digitale infrastructuur (GDI) en gebruiken die: "
        "**DigiD** en **eHerkenning** om in te loggen, **MijnOverheid** voor berichten en lopende "
        "zaken, **Digikoppeling** en **PKIoverheid** voor veilige gegevensuitwisseling. Wie een "
        "eigen oplossing kiest, legt in de Regieraad uit waarom.",
    ),
    (
        "eenmalige-uitvraag",
        "Eenmalige uitvraag via de basisregistraties",
        "De overheid vraagt niet opnieuw wat zij al weet. Formulieren worden vooraf ingevuld met "
        "gegevens uit de basisregistraties (BRP, HR, BAG, BGT, WOZ en BRI), en wie een fout ziet, "
        "meldt die terug zodat de bron wordt verbeterd.",
    ),
    (
        "kanalen",
        "Andere kanalen blijven beschikbaar",
        "Digitaal wordt het eerste kanaal, niet het enige. Telefoon, loket en post blijven bestaan "
        "voor wie niet digitaal kan of wil, en wie daar hulp bij nodig heeft, krijgt die.",
    ),
    (
        "een-plek",
        "Berichten en lopende zaken op één plek",
        "Burgers vinden de post van alle overheden in de **Berichtenbox van MijnOverheid** en zien "
        "daar de stand van hun lopende zaken; ondernemers vinden informatie en diensten op "
        "**Ondernemersplein**.",
    ),
    (
        "sturing",
        "Samen sturen op voortgang en gebruik",
        "Elke organisatie legt haar afspraken vast met een planning en een verantwoordelijke en "
        "meldt twee keer per jaar de voortgang. De Regieraad stuurt op aansluitingen, op het "
        "gebruik van de digitale diensten en op de tevredenheid van gebruikers.",
    ),
]

# ---------------------------------------------------------------------------------------------
# Main activities of the draft, per family (2-4 each).
# ---------------------------------------------------------------------------------------------

# G4 and a few other large municipalities lead for all municipalities (trekkers).
G4 = ["gm0363", "gm0599", "gm0518", "gm0344"]

MAIN_ACTIVITIES = [
    # -- gemeenten --------------------------------------------------------------------------
    {
        "key": "gm-sociaal-domein",
        "family": "gemeenten",
        "step": "een-plek",
        "title": "Aanvragen en lopende zaken in het sociaal domein digitaal te volgen",
        "description": (
            "Inwoners vragen ondersteuning uit de Wmo, jeugdhulp en de Participatiewet digitaal "
            "aan en zien de stand van hun aanvraag in MijnOverheid Lopende zaken. Gemeenten "
            "gebruiken daarvoor de koppelingen die hun leveranciers van zaaksystemen aanbieden."
        ),
        "outcome": "Elke gemeente toont de aanvragen in het sociaal domein in MijnOverheid Lopende zaken.",
        "deadline": (2017, 12, 31),
        "responsible": G4,
        "facilities": ["mijnoverheid-lopende-zaken", "digid", "digid-machtigen"],
    },
    {
        "key": "gm-aansluiten",
        "family": "gemeenten",
        "step": "voorzieningen",
        "title": "Alle gemeentelijke diensten met DigiD en eHerkenning, post in de Berichtenbox",
        "description": (
            "Gemeenten bieden hun diensten aan burgers aan met DigiD en aan ondernemers met "
            "eHerkenning, en versturen de aanslag gemeentelijke belastingen en andere post ook via "
            "de Berichtenbox van MijnOverheid."
        ),
        "outcome": "Alle gemeenten zijn aangesloten op DigiD, eHerkenning en de Berichtenbox.",
        "deadline": (2016, 12, 31),
        "responsible": ["gm0193", "gm0014", "gm0772"],
        "facilities": ["digid", "eherkenning", "mijnoverheid-berichtenbox", "pkioverheid"],
    },
    {
        "key": "gm-basisregistraties",
        "family": "gemeenten",
        "step": "eenmalige-uitvraag",
        "title": "Formulieren vooraf invullen met gegevens uit de BRP en de BAG",
        "description": (
            "Gemeenten vullen hun formulieren vooraf in met gegevens uit de BRP en de BAG, die zij "
            "zelf bijhouden, en ontvangen wijzigingen via Digilevering in plaats van ze opnieuw te "
            "vragen."
        ),
        "outcome": "De tien meest gebruikte gemeentelijke formulieren zijn vooraf ingevuld.",
        "deadline": (2017, 6, 30),
        "responsible": ["gm0855", "gm0344"],
        "facilities": ["brp", "bag", "woz", "digilevering", "digikoppeling"],
    },
    # -- provincies -------------------------------------------------------------------------
    {
        "key": "pv-subsidies",
        "family": "provincies",
        "step": "gebruiksvriendelijk",
        "title": "Elke subsidie en vergunning digitaal aan te vragen en te volgen",
        "description": (
            "Provincies bieden al hun subsidies en vergunningen digitaal aan, met eHerkenning voor "
            "bedrijven en instellingen en DigiD voor burgers, en laten aanvragers zien hoe ver hun "
            "aanvraag is."
        ),
        "outcome": "Alle provinciale subsidies en vergunningen zijn digitaal aan te vragen.",
        "deadline": (2016, 12, 31),
        "responsible": ["pv27", "pv25", "pv30"],
        "facilities": ["eherkenning", "digid", "mijnoverheid-lopende-zaken"],
    },
    {
        "key": "pv-ondernemersplein",
        "family": "provincies",
        "step": "een-plek",
        "title": "Provinciale informatie voor ondernemers op Ondernemersplein",
        "description": (
            "Provincies publiceren hun regelingen en vergunningen voor ondernemers ook op "
            "Ondernemersplein, zodat een ondernemer niet hoeft te weten welke overheid waarover gaat."
        ),
        "outcome": "Alle provinciale regelingen voor ondernemers staan op Ondernemersplein.",
        "deadline": (2017, 6, 30),
        "responsible": ["pv28", "pv23"],
        "facilities": ["ondernemersplein"],
    },
    {
        "key": "pv-ruimtelijk",
        "family": "provincies",
        "step": "eenmalige-uitvraag",
        "title": "Basisregistraties gebruiken in het ruimtelijk domein",
        "description": (
            "Provincies gebruiken de BGT, de BAG en de BRK bij vergunningverlening en toezicht, en "
            "melden fouten terug aan de bronhouders."
        ),
        "outcome": "Provincies gebruiken BGT, BAG en BRK en melden fouten terug.",
        "deadline": (2017, 12, 31),
        "responsible": ["pv26", "pv31"],
        "facilities": ["bgt", "bag", "brk", "digikoppeling"],
    },
    # -- waterschappen ----------------------------------------------------------------------
    {
        "key": "ws-berichtenbox",
        "family": "waterschappen",
        "step": "een-plek",
        "title": "De aanslag waterschapsbelasting in de Berichtenbox",
        "description": (
            "Waterschappen en hun belastingsamenwerkingen versturen de aanslag "
            "waterschapsbelasting ook via de Berichtenbox van MijnOverheid. Het Waterschapshuis "
            "regelt de aansluiting voor alle waterschappen samen."
        ),
        "outcome": "Elke burger kan de aanslag waterschapsbelasting in de Berichtenbox ontvangen.",
        "deadline": (2016, 12, 31),
        "responsible": ["so0652", "so0715", "so1022"],
        "facilities": ["mijnoverheid-berichtenbox", "digid"],
    },
    {
        "key": "ws-kwijtschelding",
        "family": "waterschappen",
        "step": "gebruiksvriendelijk",
        "title": "Bezwaar, kwijtschelding en betalingsregeling digitaal regelen",
        "description": (
            "Bezwaar maken tegen de aanslag, kwijtschelding aanvragen en een betalingsregeling "
            "treffen kan online, met DigiD."
        ),
        "outcome": "Bezwaar, kwijtschelding en betalingsregeling zijn bij alle waterschappen online.",
        "deadline": (2017, 6, 30),
        "responsible": ["so0652"],
        "facilities": ["digid", "digid-machtigen"],
    },
    {
        "key": "ws-vergunningen",
        "family": "waterschappen",
        "step": "voorzieningen",
        "title": "Watervergunningen en meldingen digitaal, met eHerkenning",
        "description": (
            "Bedrijven en agrariërs vragen watervergunningen aan en doen meldingen digitaal, met "
            "eHerkenning; de waterschappen gebruiken daarvoor één gezamenlijk loket."
        ),
        "outcome": "Watervergunningen en meldingen lopen via één digitaal loket.",
        "deadline": (2017, 12, 31),
        "responsible": ["so0652", "ws0372", "ws0616"],
        "facilities": ["eherkenning", "digikoppeling", "bgt"],
    },
    # -- beleidsdepartementen ---------------------------------------------------------------
    {
        "key": "dep-wetgeving",
        "family": "beleidsdepartementen",
        "step": "sturing",
        "title": "Nieuwe wetgeving toetsen op digitale uitvoerbaarheid",
        "description": (
            "Elk wetsvoorstel met gevolgen voor de dienstverlening krijgt een toets op digitale "
            "uitvoerbaarheid, met de uitvoeringsorganisaties en gemeenten die het moeten uitvoeren."
        ),
        "outcome": "Een toets op digitale uitvoerbaarheid is vast onderdeel van het wetgevingsproces.",
        "deadline": (2016, 6, 30),
        "responsible": ["mnre1034", "min-venj"],
        "facilities": [],
    },
    {
        "key": "dep-financiering",
        "family": "beleidsdepartementen",
        "step": "voorzieningen",
        "title": "Stabiele financiering van de generieke voorzieningen",
        "description": (
            "De departementen leggen de financiering van DigiD, eHerkenning, MijnOverheid en de "
            "standaarden voor gegevensuitwisseling voor meerdere jaren vast, met tarieven waarop "
            "organisaties kunnen begroten."
        ),
        "outcome": "Een meerjarig financieringsmodel voor de GDI, vastgesteld in de Regieraad.",
        "deadline": (2016, 3, 31),
        "responsible": ["mnre1034", "min-ez-2010", "min-fin"],
        "facilities": ["digid", "eherkenning", "mijnoverheid-berichtenbox", "digikoppeling"],
    },
    {
        "key": "dep-opdrachtgever",
        "family": "beleidsdepartementen",
        "step": "sturing",
        "title": "Digitale dienstverlening in de afspraken met uitvoeringsorganisaties",
        "description": (
            "De departementen nemen digitale dienstverlening en aansluiting op de voorzieningen "
            "op in de jaarplannen en sturingsafspraken met hun uitvoeringsorganisaties."
        ),
        "outcome": "Alle sturingsafspraken met uitvoeringsorganisaties noemen digitale dienstverlening.",
        "deadline": (2016, 12, 31),
        "responsible": ["mnre1034", "min-szw", "mnre1109", "min-fin"],
        "facilities": [],
    },
    # -- kleine uitvoeringsorganisaties -----------------------------------------------------
    {
        "key": "kuo-aansluiten",
        "family": "kleine-uitvoeringsorganisaties",
        "step": "voorzieningen",
        "title": "Aansluiten met standaardoplossingen of via een gedeelde dienstverlener",
        "description": (
            "Kleine uitvoeringsorganisaties sluiten aan op DigiD en eHerkenning met "
            "standaardoplossingen, of via een dienstverlener die dat voor meer organisaties doet."
        ),
        "outcome": "Alle kleine uitvoeringsorganisaties met burgers of bedrijven als klant zijn aangesloten.",
        "deadline": (2017, 6, 30),
        "responsible": ["oorg10117"],
        "facilities": ["digid", "eherkenning", "pkioverheid"],
    },
    {
        "key": "kuo-formulieren",
        "family": "kleine-uitvoeringsorganisaties",
        "step": "gebruiksvriendelijk",
        "title": "Formulieren en brieven in begrijpelijke taal",
        "description": (
            "Kleine uitvoeringsorganisaties herschrijven hun formulieren en standaardbrieven op "
            "taalniveau B1 en maken hun websites toegankelijk."
        ),
        "outcome": "Formulieren en standaardbrieven voldoen aan taalniveau B1 en de webrichtlijnen.",
        "deadline": (2017, 12, 31),
        "responsible": ["zb000211", "oorg10216", "oorg10104"],
        "facilities": [],
    },
    # -- grote uitvoeringsorganisaties ------------------------------------------------------
    {
        "key": "guo-berichtenbox",
        "family": "grote-uitvoeringsorganisaties",
        "step": "een-plek",
        "title": "Beschikkingen en berichten in de Berichtenbox",
        "description": (
            "De grote uitvoeringsorganisaties versturen hun beschikkingen en brieven ook via de "
            "Berichtenbox van MijnOverheid en tonen de stand van aanvragen in Lopende zaken."
        ),
        "outcome": "Beschikkingen van Belastingdienst, UWV, SVB en DUO staan in de Berichtenbox.",
        "deadline": (2017, 6, 30),
        "responsible": ["oorg12368", "zb000117", "zb000143", "oorg10148"],
        "facilities": ["mijnoverheid-berichtenbox", "mijnoverheid-lopende-zaken", "digid"],
    },
    {
        "key": "guo-vooraf-ingevuld",
        "family": "grote-uitvoeringsorganisaties",
        "step": "eenmalige-uitvraag",
        "title": "Vooraf ingevulde aangiften en aanvragen",
        "description": (
            "Aangiften en aanvragen worden vooraf ingevuld met gegevens uit de basisregistraties, "
            "zoals de vooraf ingevulde aangifte inkomstenbelasting dat al doet."
        ),
        "outcome": "De grootste aanvraagprocessen zijn vooraf ingevuld.",
        "deadline": (2017, 12, 31),
        "responsible": ["oorg12368", "oorg12369", "zb000117", "oorg10148"],
        "facilities": ["brp", "bri", "hr", "digikoppeling"],
    },
    {
        "key": "guo-massaal",
        "family": "grote-uitvoeringsorganisaties",
        "step": "gebruiksvriendelijk",
        "title": "Massale processen digitaal en zonder onnodig contact",
        "description": (
            "De massale processen van de grote uitvoeringsorganisaties verlopen digitaal, zodat "
            "burgers en bedrijven niet hoeven te bellen of te schrijven om iets te regelen."
        ),
        "outcome": "Minder telefonische vragen over de stand van zaken bij de grote uitvoerders.",
        "deadline": (2017, 12, 31),
        "responsible": ["zb000117", "zb000143", "zb000149", "oorg10222"],
        "facilities": ["digid", "mijnoverheid-lopende-zaken"],
    },
    {
        "key": "guo-bedrijven",
        "family": "grote-uitvoeringsorganisaties",
        "step": "voorzieningen",
        "title": "eHerkenning, eIDAS en Digipoort voor bedrijven",
        "description": (
            "Bedrijven loggen bij de grote uitvoeringsorganisaties in met eHerkenning, Europese "
            "burgers en bedrijven via de eIDAS-koppeling; berichtenverkeer met bedrijven loopt "
            "via Digipoort."
        ),
        "outcome": "eHerkenning en eIDAS worden geaccepteerd bij alle diensten voor bedrijven.",
        "deadline": (2017, 12, 31),
        "responsible": ["zb000149", "zb000184", "oorg10005", "oorg12368"],
        "facilities": ["eherkenning", "eidas", "digipoort", "hr"],
    },
]

# ---------------------------------------------------------------------------------------------
# The concept: what the office changed, why, and the themes it answers. `find` is the start of
# the draft's text of the paragraph; themes are labels (NAMES) or keywords of unnamed themes.
# ---------------------------------------------------------------------------------------------

CHANGED_PARAGRAPHS = [
    {
        "find": "Digitaal is de kwaliteitssprong",
        "text": (
            "Digitaal is de kwaliteitssprong, geen doel op zich. Het gaat erom dat diensten "
            "eenvoudiger, sneller en betrouwbaarder worden, dat gegevens maar één keer worden "
            "gevraagd en dat de overheid als één overheid optreedt. De agenda maakt dat **meetbaar**: "
            "per familie noemt zij de hoofdactiviteiten met een resultaat en een datum, en de "
            "monitoring kijkt naar het gebruik en de tevredenheid, niet alleen naar aansluitingen. "
            "Waar dat digitaal kan, doen we het digitaal; wie dat niet kan, houdt andere wegen."
        ),
        "summary": (
            "Veel reacties steunen de ambitie, maar vragen haar concreter en meetbaar te maken. De "
            "alinea verwijst nu naar de resultaten en data van de hoofdactiviteiten en naar de "
            "monitoring op gebruik."
        ),
        "themes": ["Steun voor de ambitie, met kanttekeningen", "concreter"],
    },
    {
        "find": "Elke organisatie maakt haar eigen website",
        "text": (
            "Elke organisatie maakt haar eigen website en digitale diensten gebruiksvriendelijker. "
            "Formulieren zijn kort, vragen alleen wat nog niet bekend is en zijn in begrijpelijk "
            "Nederlands geschreven (**taalniveau B1**); dat geldt ook voor de brieven die erbij "
            "horen. Diensten werken eerst op de telefoon en voldoen aan de webrichtlijnen voor "
            "toegankelijkheid; dat wordt onafhankelijk getoetst en de uitkomst is openbaar."
        ),
        "summary": (
            "Overgenomen uit de reacties over gebruiksvriendelijkheid en toegankelijkheid: B1 geldt "
            "ook voor brieven, diensten werken eerst op de telefoon en de toets op de "
            "webrichtlijnen is onafhankelijk en openbaar."
        ),
        "themes": ["Gebruiksvriendelijke websites en formulieren"],
    },
    {
        "find": "Burgers en bedrijven vinden hun overheidsinformatie",
        "text": (
            "Burgers en bedrijven vinden hun overheidsinformatie op één plek. Via MijnOverheid zien "
            "burgers hun persoonlijke gegevens, de stand van hun lopende zaken en de berichten van "
            "alle overheden in de Berichtenbox. Wie een nieuw bericht krijgt, ontvangt **altijd een "
            "e-mail**, zodat niemand een aanslag of beschikking mist. Ondernemers vinden op "
            "Ondernemersplein de informatie en diensten van overheden voor bedrijven bij elkaar."
        ),
        "summary": (
            "Meerdere reacties melden gemiste berichten in de Berichtenbox. De alinea belooft nu "
            "een e-mail bij elk nieuw bericht."
        ),
        "themes": ["Berichtenbox", "melding", "mis", "MijnOverheid"],
    },
    {
        "find": "Ondernemers regelen vergunningen",
        "text": (
            "Ondernemers regelen vergunningen, subsidies, aangiften en meldingen digitaal met één "
            "inlogmiddel. Overheden vragen eHerkenning **niet op een hoger niveau dan de dienst "
            "nodig heeft**, zodat een ondernemer geen duurder middel hoeft te kopen dan nodig. De "
            "kosten wegen voor kleine ondernemers zwaar; het programma spreekt met de leveranciers "
            "af dat er voor 1 juli 2016 een betaalbaar basismiddel is."
        ),
        "summary": (
            "Antwoord op de vele reacties over de kosten van eHerkenning (ook als campagne): het "
            "passende betrouwbaarheidsniveau wordt de regel en er komt een betaalbaar basismiddel. "
            "Gratis eHerkenning kan de agenda niet toezeggen."
        ),
        "themes": ["Kosten en betrouwbaarheidsniveau van eHerkenning"],
    },
    {
        "find": "**DigiD** is het inlogmiddel",
        "text": (
            "**DigiD** is het inlogmiddel voor burgers bij de hele overheid. Alle organisaties die "
            "diensten aan burgers verlenen, zijn in 2017 aangesloten en bieden waar nodig een hoger "
            "betrouwbaarheidsniveau aan. Er komt een DigiD-app, zodat inloggen zonder sms kan. "
            "Een nieuw wachtwoord of een DigiD aanvragen kan ook aan de balie van de gemeente. Met "
            "DigiD Machtigen kan iemand een ander, zoals een mantelzorger, zijn zaken laten regelen; "
            "machtigen wordt eenvoudiger."
        ),
        "summary": (
            "Overgenomen uit de reacties over DigiD: een app zonder sms, hulp aan de balie bij "
            "wachtwoord en aanvraag, en eenvoudiger machtigen voor mantelzorgers."
        ),
        "themes": ["DigiD, machtigen en inloggen"],
    },
    {
        "find": "Gemeenten zijn voor burgers de belangrijkste overheid",
        "text": (
            "Gemeenten zijn voor burgers de belangrijkste overheid: zij leveren diensten in alle "
            "domeinen. Met de decentralisaties in het sociaal domein is daar veel bijgekomen, en "
            "die vragen in 2015 en 2016 nog alle aandacht. De hoofdactiviteit voor gemeenten is "
            "daarom stapsgewijs: eerst de Wmo en jeugdhulp, daarna de Participatiewet. Het "
            "**persoonlijke gesprek** blijft de kern; digitaal volgen is een aanvulling, en wie "
            "daar hulp bij nodig heeft, krijgt die aan het loket of van de wijkteams."
        ),
        "summary": (
            "Gemeenten vroegen aan beide ronde tafels om realisme over het sociaal domein. De "
            "hoofdactiviteit is nu stapsgewijs en het persoonlijke gesprek blijft de kern."
        ),
        "themes": ["Sociaal domein en kwetsbare inwoners"],
    },
    {
        "find": "Niet elke gemeente kan dat alleen",
        "text": (
            "Niet elke gemeente kan dat alleen. Kleine gemeenten werken samen in de regio of "
            "sluiten aan op gezamenlijke oplossingen die de VNG en KING ontwikkelen. De digitale "
            "dienstverlening voor het omgevingsdomein volgt de **planning van de Omgevingswet**: "
            "gemeenten investeren niet eerst in een eigen omgevingsloket en daarna opnieuw in het "
            "landelijke Digitaal Stelsel Omgevingswet."
        ),
        "summary": (
            "Op verzoek van gemeenten en provincies volgt het omgevingsdomein nu de planning van "
            "de Omgevingswet, zodat niemand twee keer investeert."
        ),
        "themes": ["De Omgevingswet en het digitale omgevingsdomein"],
    },
    {
        "find": "Voor de meeste burgers is de **waterschapsbelasting**",
        "text": (
            "Voor de meeste burgers is de **waterschapsbelasting** het enige directe contact met hun "
            "waterschap. De hoofdactiviteit voor waterschappen is dat de aanslag via de Berichtenbox "
            "van MijnOverheid kan worden ontvangen en dat bezwaar en betalingsregeling digitaal te "
            "regelen zijn. **Kwijtschelding** vraagt een inwoner één keer aan, voor gemeente en "
            "waterschap samen; waar het kan, wordt het recht op kwijtschelding automatisch getoetst "
            "via het Inlichtingenbureau. Ook watervergunningen en meldingen gaan digitaal."
        ),
        "summary": (
            "De waterschappen en hun belastingsamenwerkingen vroegen om kwijtschelding samen met de "
            "gemeenten te regelen en automatisch te toetsen; dat is overgenomen."
        ),
        "themes": ["Waterschapsbelasting en kwijtschelding"],
    },
    {
        "find": "Digitaal wordt het eerste kanaal, maar niet het enige",
        "text": (
            "Digitaal wordt het eerste kanaal, maar niet het enige. Wie niet digitaal kan of wil, "
            "kan **ook na 2017** terecht aan de telefoon, aan het loket of per post. Wie dat vraagt, "
            "blijft brieven op papier ontvangen. Hulp bij digitale zaken is gratis en dichtbij: bij "
            "het loket van de gemeente en bij de bibliotheek. Organisaties richten hun kanalen zo in "
            "dat wie begint aan de balie, digitaal verder kan, en andersom."
        ),
        "summary": (
            "De grootste groep reacties (ook als campagne) vroeg om papier en loket te behouden. "
            "De alinea zegt nu dat de andere kanalen ook na 2017 blijven, dat de papieren brief op "
            "verzoek blijft en dat hulp gratis en dichtbij is."
        ),
        "themes": ["Papier, loket en telefoon blijven nodig"],
    },
    {
        "find": "Meer digitaal betekent ook meer verantwoordelijkheid",
        "text": (
            "Meer digitaal betekent ook meer verantwoordelijkheid voor de gegevens van mensen. "
            "Organisaties wisselen alleen gegevens uit waarvoor een wettelijke grondslag is, laten "
            "zien welke gegevens zij gebruiken en met wie zij die delen, en beveiligen hun diensten "
            "volgens de geldende baselines. Burgers zien in MijnOverheid **welke organisatie hun "
            "gegevens heeft gebruikt en waarom**. Een datalek wordt gemeld bij de toezichthouder en "
            "bij de mensen om wie het gaat."
        ),
        "summary": (
            "Deels overgenomen uit de reacties over privacy: inzage in wie gegevens gebruikte en "
            "waarom, en het melden van datalekken. Toestemming per koppeling is niet overgenomen."
        ),
        "themes": ["Privacy en het risico van datalekken"],
    },
]

ADDED_PARAGRAPHS = [
    {
        "section": "Gemeenschappelijke voorzieningen",
        "text": (
            "Aansluiten loopt vaak vast bij de leverancier: een gemeente of waterschap kan pas "
            "aansluiten als het pakket dat ondersteunt. Het programma maakt daarom samen met de VNG, "
            "het Waterschapshuis en Logius afspraken met de **leveranciers** over standaard "
            "koppelingen, en er komt één aansluitprocedure voor alle voorzieningen samen."
        ),
        "summary": (
            "Nieuw naar aanleiding van reacties van gemeenten, waterschappen en kleine "
            "uitvoeringsorganisaties: aansluiten hangt af van leveranciers en van losse procedures."
        ),
        "themes": ["leveranciers", "pakketten", "standaardoplossingen"],
    },
    {
        "section": "Sturing en monitoring",
        "text": (
            "Om op tijd te kunnen bijsturen, spreken de families **tussendoelen voor eind 2016** "
            "af. De Regieraad bespreekt die voortgang in december 2016 en besluit dan waar extra "
            "ondersteuning of een andere aanpak nodig is om de belofte voor 2017 waar te maken."
        ),
        "summary": (
            "Nieuw: veel reacties noemen de planning krap en vragen om tussendoelen voor eind 2016, "
            "zodat bijsturen nog kan."
        ),
        "themes": ["bijsturing", "tussendoelen", "haalbaar"],
    },
]

REMOVED_PARAGRAPHS = [
    {
        "find": "Na de ronde tafels en het meelezen",
        "summary": (
            "Verwijderd: de alinea beschreef hoe de voorzet tot een concept zou worden verwerkt. "
            "Dat is gebeurd; de inleiding van de conceptagenda zegt nu hoe de inbreng is verwerkt."
        ),
        "themes": [],
    },
]

CHANGED_STEPS = [
    {
        "step": "kanalen",
        "title": "Andere kanalen blijven beschikbaar, ook na 2017",
        "description": (
            "Digitaal wordt het eerste kanaal, niet het enige. Telefoon, loket en post blijven "
            "**ook na 2017** bestaan voor wie niet digitaal kan of wil; wie dat vraagt, krijgt "
            "brieven op papier. Hulp bij digitale zaken is gratis en dichtbij, bij de gemeente en "
            "de bibliotheek, en wie iemand machtigt, kan zijn zaken door een ander laten regelen."
        ),
        "summary": (
            "De stap noemt nu uitdrukkelijk dat de andere kanalen ook na 2017 blijven, dat de "
            "papieren brief op verzoek blijft en waar mensen hulp krijgen."
        ),
        "themes": ["Papier, loket en telefoon blijven nodig"],
    },
    {
        "step": "sturing",
        "title": "Samen sturen op voortgang en gebruik",
        "description": (
            "Elke organisatie legt haar afspraken vast met een planning en een verantwoordelijke en "
            "meldt twee keer per jaar de voortgang. Elke familie spreekt **tussendoelen voor eind "
            "2016** af, zodat de Regieraad op tijd kan bijsturen. De Regieraad stuurt op "
            "aansluitingen, op het gebruik van de digitale diensten en op de tevredenheid van "
            "gebruikers."
        ),
        "summary": "Tussendoelen voor eind 2016 toegevoegd, zodat bijsturen op tijd kan.",
        "themes": ["bijsturing", "tussendoelen", "Steun voor de ambitie, met kanttekeningen"],
    },
]

CHANGED_ACTIVITIES = [
    {
        "key": "gm-sociaal-domein",
        "title": "Aanvragen in het sociaal domein stap voor stap digitaal te volgen",
        "description": (
            "Inwoners vragen ondersteuning uit de Wmo en jeugdhulp digitaal aan en zien de stand "
            "van hun aanvraag in MijnOverheid Lopende zaken; de Participatiewet volgt in 2017. Het "
            "keukentafelgesprek blijft de kern, en wie hulp nodig heeft bij het digitaal volgen, "
            "krijgt die van het wijkteam of aan het loket."
        ),
        "outcome": (
            "Wmo en jeugdhulp in MijnOverheid Lopende zaken eind 2016; de Participatiewet eind 2017."
        ),
        "summary": (
            "Stapsgewijs gemaakt op verzoek van de gemeenten: eerst Wmo en jeugdhulp, daarna de "
            "Participatiewet, met hulp voor kwetsbare inwoners."
        ),
        "themes": ["Sociaal domein en kwetsbare inwoners"],
    },
    {
        "key": "ws-kwijtschelding",
        "title": "Bezwaar, betalingsregeling en gezamenlijke kwijtschelding digitaal",
        "description": (
            "Bezwaar maken en een betalingsregeling treffen kan online, met DigiD of via een "
            "machtiging. Kwijtschelding vraagt een inwoner één keer aan voor gemeente en waterschap "
            "samen, en het recht erop wordt waar het kan automatisch getoetst via het "
            "Inlichtingenbureau."
        ),
        "outcome": (
            "Eén aanvraag kwijtschelding voor gemeente en waterschap, automatisch getoetst waar het kan."
        ),
        "responsible": ["so0652", "so0715", "so1022"],
        "facilities": ["digid", "digid-machtigen", "brp", "bri"],
        "summary": (
            "Kwijtschelding samen met de gemeenten en automatisch getoetst, zoals de waterschappen "
            "en belastingsamenwerkingen voorstelden; de belastingsamenwerkingen zijn mede "
            "verantwoordelijk."
        ),
        "themes": ["Waterschapsbelasting en kwijtschelding"],
    },
    {
        "key": "guo-massaal",
        "title": "Massale processen digitaal, met ruimte voor maatwerk",
        "description": (
            "De massale processen van de grote uitvoeringsorganisaties verlopen digitaal en zonder "
            "onnodig contact. Waar de situatie van iemand daarom vraagt, is er **maatwerk** met een "
            "medewerker. Systemen worden stap voor stap vernieuwd, zodat de **continuïteit** van "
            "uitkeringen, toeslagen en belastingen niet in gevaar komt."
        ),
        "outcome": (
            "Minder telefonische vragen over de stand van zaken, zonder verstoring van de uitvoering."
        ),
        "summary": (
            "Op verzoek van de grote uitvoeringsorganisaties: maatwerk en continuïteit staan nu "
            "uitdrukkelijk in de hoofdactiviteit."
        ),
        "themes": ["maatwerk", "continuïteit", "systemen"],
    },
    {
        "key": "kuo-aansluiten",
        "description": (
            "Kleine uitvoeringsorganisaties sluiten aan op DigiD en eHerkenning met "
            "standaardoplossingen, of via een dienstverlener die dat voor meer organisaties doet. "
            "Logius biedt een vast aanspreekpunt en een standaardcontract; het moederdepartement "
            "neemt de aansluiting op in de jaarafspraken."
        ),
        "summary": (
            "Kleine uitvoeringsorganisaties vroegen om ondersteuning en één aanspreekpunt; Logius en "
            "de moederdepartementen zijn nu met naam genoemd."
        ),
        "responsible": ["oorg10117", "mnre1034"],
        "themes": ["ondersteuning", "standaardoplossingen", "dienstverlener"],
    },
]

ADDED_ACTIVITIES = [
    {
        "key": "gm-omgevingswet",
        "family": "gemeenten",
        "step": "gebruiksvriendelijk",
        "title": "Digitale dienstverlening in het omgevingsdomein samen met de Omgevingswet",
        "description": (
            "Gemeenten bouwen hun digitale dienstverlening voor vergunningen en meldingen in het "
            "omgevingsdomein op volgens de planning van de Omgevingswet en het Digitaal Stelsel "
            "Omgevingswet, samen met provincies, waterschappen en omgevingsdiensten."
        ),
        "outcome": "Geen eigen investeringen in het omgevingsdomein die het landelijke stelsel overdoet.",
        "deadline": (2017, 12, 31),
        "responsible": ["gm0344", "gm0193"],
        "facilities": ["eherkenning", "digid", "bgt", "bag"],
        "summary": (
            "Nieuw: gemeenten vroegen de planning af te stemmen op de Omgevingswet, zodat zij niet "
            "twee keer investeren."
        ),
        "themes": ["De Omgevingswet en het digitale omgevingsdomein"],
    },
    {
        "key": "pv-omgevingswet",
        "family": "provincies",
        "step": "voorzieningen",
        "title": "Vergunningen in het ruimtelijk domein via het Digitaal Stelsel Omgevingswet",
        "description": (
            "Provincies sluiten hun vergunningverlening in het ruimtelijk domein aan op het "
            "Digitaal Stelsel Omgevingswet, in plaats van eigen loketten te vernieuwen."
        ),
        "outcome": "Provinciale omgevingsvergunningen lopen via het landelijke stelsel.",
        "deadline": (2017, 12, 31),
        "responsible": ["pv28", "pv25"],
        "facilities": ["eherkenning", "bgt", "brk"],
        "summary": (
            "Nieuw: de ronde tafel provincies vroeg om vergunningen niet los van de Omgevingswet te "
            "vernieuwen."
        ),
        "themes": ["De Omgevingswet en het digitale omgevingsdomein", "provincies"],
    },
]

# ---------------------------------------------------------------------------------------------
# The response report: what was done with the input, and why.
# ---------------------------------------------------------------------------------------------

# Bulk decisions for the themes the office named (label -> outcome, reason).
THEME_DISPOSITIONS = {
    "Papier, loket en telefoon blijven nodig": (
        Outcome.ADOPTED,
        "Overgenomen. Stap 4 van de conceptagenda zegt nu uitdrukkelijk dat telefoon, loket en "
        "post ook na 2017 blijven voor wie niet digitaal kan of wil, en dat wie dat vraagt "
        "brieven op papier blijft ontvangen. Hulp is gratis en dichtbij, bij het loket van de "
        "gemeente en bij de bibliotheek (hoofdstuk 'Andere kanalen blijven nodig').",
    ),
    "Kosten en betrouwbaarheidsniveau van eHerkenning": (
        Outcome.PARTLY,
        "Deels overgenomen. Overheden vragen eHerkenning voortaan niet op een hoger niveau dan de "
        "dienst nodig heeft, en het programma spreekt met de leveranciers een betaalbaar "
        "basismiddel af voor 1 juli 2016. Gratis eHerkenning voor alle ondernemers kan de agenda "
        "niet toezeggen: de middelen worden door marktpartijen geleverd en de kosten zijn geen "
        "onderdeel van deze agenda.",
    ),
    "DigiD, machtigen en inloggen": (
        Outcome.ADOPTED,
        "Overgenomen. De conceptagenda noemt een DigiD-app waarmee inloggen zonder sms kan, hulp "
        "aan de balie van de gemeente bij het aanvragen en herstellen van DigiD, en eenvoudiger "
        "machtigen, onder meer voor mantelzorgers.",
    ),
    "Steun voor de ambitie, met kanttekeningen": (
        Outcome.PARTLY,
        "Deels overgenomen. Dank voor de steun. De ambitie blijft, maar is meetbaar gemaakt: elke "
        "hoofdactiviteit heeft een resultaat en een datum, en de monitoring kijkt naar gebruik en "
        "tevredenheid. De ambitie zelf staat in het regeerakkoord en verandert de agenda niet.",
    ),
    "Waterschapsbelasting en kwijtschelding": (
        Outcome.ADOPTED,
        "Overgenomen. De hoofdactiviteit voor waterschappen regelt nu kwijtschelding in één "
        "aanvraag voor gemeente en waterschap samen, automatisch getoetst via het "
        "Inlichtingenbureau waar dat kan; de belastingsamenwerkingen zijn mede verantwoordelijk.",
    ),
    "De Omgevingswet en het digitale omgevingsdomein": (
        Outcome.ADOPTED,
        "Overgenomen. De digitale dienstverlening in het omgevingsdomein volgt nu de planning van "
        "de Omgevingswet; gemeenten en provincies hebben daarvoor elk een nieuwe hoofdactiviteit, "
        "zodat niemand twee keer investeert.",
    ),
    "Gegevens één keer uitvragen: de basisregistraties": (
        Outcome.COVERED,
        "Staat al in de agenda. Stap 3 'Eenmalige uitvraag via de basisregistraties' en de "
        "hoofdactiviteiten voor vooraf ingevulde formulieren regelen dit; terugmelden hoort bij "
        "het gebruik van elke basisregistratie.",
    ),
    "Privacy en het risico van datalekken": (
        Outcome.PARTLY,
        "Deels overgenomen. Burgers zien in MijnOverheid welke organisatie hun gegevens heeft "
        "gebruikt en waarom, gegevens worden alleen met een wettelijke grondslag uitgewisseld en "
        "datalekken worden gemeld. Toestemming vragen voor elke koppeling nemen we niet over: de "
        "uitwisseling berust op de wet, en de Autoriteit Persoonsgegevens ziet erop toe.",
    ),
    "Sociaal domein en kwetsbare inwoners": (
        Outcome.ADOPTED,
        "Overgenomen. De hoofdactiviteit voor gemeenten in het sociaal domein is stapsgewijs "
        "gemaakt (eerst Wmo en jeugdhulp, daarna de Participatiewet); het persoonlijke gesprek "
        "blijft de kern en kwetsbare inwoners krijgen hulp van het wijkteam of aan het loket.",
    ),
    "Gebruiksvriendelijke websites en formulieren": (
        Outcome.ADOPTED,
        "Overgenomen. Stap 1 en hoofdstuk 2 van de conceptagenda vragen nu taalniveau B1 ook voor "
        "brieven, diensten die eerst op de telefoon werken en een onafhankelijke, openbare toets "
        "op de webrichtlijnen.",
    ),
}

# Bulk decisions for themes nobody renamed, by the draft paragraph most of their input is about
# (the topic keys of koers/consultation/demo_texts.py SECTIONS).
TOPIC_DISPOSITIONS = {
    "ambitie": THEME_DISPOSITIONS["Steun voor de ambitie, met kanttekeningen"],
    "verschillen": (
        Outcome.COVERED,
        "Staat al in de agenda. De agenda benoemt gezamenlijke stappen en daarnaast per familie "
        "de hoofdactiviteiten die bij haar passen, juist omdat organisaties zo verschillen.",
    ),
    "gebruiksvriendelijk": THEME_DISPOSITIONS["Gebruiksvriendelijke websites en formulieren"],
    "een-plek": (
        Outcome.ADOPTED,
        "Overgenomen. Wie een nieuw bericht in de Berichtenbox krijgt, ontvangt voortaan altijd "
        "een e-mail; stap 5 'Berichten en lopende zaken op één plek' geldt voor alle families.",
    ),
    "mijnoverheid": (
        Outcome.ADOPTED,
        "Overgenomen. Wie een nieuw bericht in de Berichtenbox krijgt, ontvangt voortaan altijd "
        "een e-mail; stap 5 'Berichten en lopende zaken op één plek' geldt voor alle families.",
    ),
    "eenmalige-uitvraag": THEME_DISPOSITIONS["Gegevens één keer uitvragen: de basisregistraties"],
    "basisregistraties": THEME_DISPOSITIONS["Gegevens één keer uitvragen: de basisregistraties"],
    "ondernemers": THEME_DISPOSITIONS["Kosten en betrouwbaarheidsniveau van eHerkenning"],
    "eherkenning": THEME_DISPOSITIONS["Kosten en betrouwbaarheidsniveau van eHerkenning"],
    "digid": THEME_DISPOSITIONS["DigiD, machtigen en inloggen"],
    "voorzieningen": (
        Outcome.PARTLY,
        "Deels overgenomen. Het programma maakt met de VNG, het Waterschapshuis en Logius "
        "afspraken met leveranciers over standaard koppelingen en er komt één aansluitprocedure "
        "(nieuwe alinea in hoofdstuk 3). De meerjarige financiering van de voorzieningen is een "
        "hoofdactiviteit van de beleidsdepartementen; de tarieven zelf legt de Regieraad vast.",
    ),
    "sociaal-domein": THEME_DISPOSITIONS["Sociaal domein en kwetsbare inwoners"],
    "kleine-gemeenten": (
        Outcome.PARTLY,
        "Deels overgenomen. Kleine gemeenten sluiten aan op gezamenlijke oplossingen van de VNG "
        "en KING, en het omgevingsdomein volgt de planning van de Omgevingswet. Een aparte, "
        "lichtere planning voor kleine gemeenten nemen we niet op: de belofte voor 2017 geldt voor "
        "iedereen, en de tussendoelen van eind 2016 laten zien waar hulp nodig is.",
    ),
    "provincies": (
        Outcome.ADOPTED,
        "Overgenomen. De hoofdactiviteiten voor provincies gaan over subsidies en vergunningen in "
        "het ruimtelijk domein, niet over een loket; vergunningen lopen via het Digitaal Stelsel "
        "Omgevingswet (nieuwe hoofdactiviteit).",
    ),
    "waterschappen": THEME_DISPOSITIONS["Waterschapsbelasting en kwijtschelding"],
    "regie": (
        Outcome.COVERED,
        "Staat al in de agenda. De toets op digitale uitvoerbaarheid van nieuwe wetgeving en de "
        "afspraken met uitvoeringsorganisaties zijn hoofdactiviteiten van de "
        "beleidsdepartementen.",
    ),
    "financiering": (
        Outcome.PARTLY,
        "Deels overgenomen. De beleidsdepartementen leggen voor 1 april 2016 een meerjarig "
        "financieringsmodel voor de generieke voorzieningen vast in de Regieraad. Een verdeling "
        "van kosten en baten per organisatie werkt de Regieraad daarna uit; die staat niet in "
        "deze agenda.",
    ),
    "kleine-uo": (
        Outcome.ADOPTED,
        "Overgenomen. Logius biedt kleine uitvoeringsorganisaties een vast aanspreekpunt en een "
        "standaardcontract, en het moederdepartement neemt de aansluiting op in de jaarafspraken "
        "(hoofdactiviteit 'Aansluiten met standaardoplossingen').",
    ),
    "grote-uo": (
        Outcome.ADOPTED,
        "Overgenomen. De hoofdactiviteit van de grote uitvoeringsorganisaties noemt nu "
        "uitdrukkelijk maatwerk waar de situatie daarom vraagt, en vernieuwing stap voor stap "
        "zodat de continuïteit van de uitvoering niet in gevaar komt.",
    ),
    "kanalen": THEME_DISPOSITIONS["Papier, loket en telefoon blijven nodig"],
    "privacy": THEME_DISPOSITIONS["Privacy en het risico van datalekken"],
    "sturing": (
        Outcome.ADOPTED,
        "Overgenomen. Elke familie spreekt tussendoelen voor eind 2016 af, zodat de Regieraad in "
        "december 2016 kan bijsturen (stap 6 en een nieuwe alinea in 'Sturing en monitoring').",
    ),
    "planning": (
        Outcome.NOT_ADOPTED,
        "Niet overgenomen. De einddatum van 2017 staat in het regeerakkoord en schuift niet op. "
        "Wel hebben de hoofdactiviteiten nu eigen, haalbare data, en spreken de families "
        "tussendoelen voor eind 2016 af, zodat de Regieraad op tijd kan bijsturen.",
    ),
}

# A keyword of a theme nobody renamed -> the topic it is answered for, before the paragraphs
# its input is about (input asking for milestones is mostly given on the planning).
KEYWORD_TOPICS = {
    "bijsturing": "sturing",
    "tussendoelen": "sturing",
    "mijlpalen": "sturing",
    "haalbaar": "planning",
    "maatwerk": "grote-uo",
    "continuïteit": "grote-uo",
    "leveranciers": "voorzieningen",
    "berichtenbox": "een-plek",
    "ondernemersplein": "een-plek",
    "vooraf": "eenmalige-uitvraag",
    "bedrijfsgegevens": "eenmalige-uitvraag",
}

# A theme whose input is about no paragraph in particular.
GENERAL_DISPOSITION = (
    Outcome.COVERED,
    "Staat al in de agenda. Uw reactie sluit aan bij wat de conceptagenda al regelt; zij vraagt "
    "geen aparte wijziging.",
)

# The theme "Overig": input that fits no theme.
OTHER_DISPOSITION = (
    Outcome.OUT_OF_SCOPE,
    "Valt buiten de agenda. Deze reactie gaat niet over de implementatieagenda; waar het een vraag "
    "over een eigen zaak was, hebben we de afzender doorverwezen naar de organisatie die erover gaat.",
)

# Campaign letters: (a phrase of the letter, outcome, reason).
CAMPAIGN_DISPOSITIONS = [
    (
        "alle zaken met de overheid digitaal te laten verlopen",
        Outcome.ADOPTED,
        "Overgenomen. Wij hebben uw brief, die velen met ons meestuurden, gelezen en besproken. "
        "De conceptagenda zegt nu in stap 4 uitdrukkelijk dat papier, loket en telefoon ook na 2017 "
        "blijven, dat wie dat vraagt brieven op papier blijft ontvangen en dat hulp gratis en "
        "dichtbij is, bij de gemeente en de bibliotheek.",
    ),
    (
        "eHerkenning gebruiken om zaken met de overheid",
        Outcome.PARTLY,
        "Deels overgenomen. Wij hebben uw brief, die veel ondernemers met ons meestuurden, gelezen "
        "en besproken. Overheden vragen voortaan niet een hoger niveau van eHerkenning dan nodig, "
        "en er komt voor 1 juli 2016 een betaalbaar basismiddel. Gratis eHerkenning kan de agenda "
        "niet toezeggen, omdat marktpartijen de middelen leveren.",
    ),
    (
        "schermlezer",
        Outcome.ADOPTED,
        "Overgenomen. Wij hebben uw brief gelezen en besproken. De conceptagenda vraagt nu een "
        "onafhankelijke toets van elke digitale dienst op de webrichtlijnen, waarvan de uitkomst "
        "openbaar is (stap 1 en hoofdstuk 2).",
    ),
    (
        "koppelen van mijn gegevens",
        Outcome.PARTLY,
        "Deels overgenomen. Wij hebben uw brief gelezen en besproken. U kunt straks in MijnOverheid "
        "zien welke organisatie uw gegevens heeft gebruikt en waarom. Toestemming voor elke "
        "koppeling nemen we niet over: gegevens worden alleen uitgewisseld als de wet dat regelt, "
        "en de Autoriteit Persoonsgegevens houdt daar toezicht op.",
    ),
]
CAMPAIGN_MIN_SIZE = 10  # smaller groups of near-duplicates are not letters of a campaign

# Individual exceptions: short or misdirected messages (text -> outcome, reason).
NOISE_DISPOSITIONS = {
    "Mijn DigiD werkt niet, wie kan mij helpen?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda: dit is een vraag over uw eigen DigiD. We hebben u doorverwezen "
        "naar de DigiD-helpdesk.",
    ),
    "Waar kan ik mijn paspoort verlengen?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. Een paspoort vraagt u aan bij uw gemeente; we hebben u de link "
        "naar de website van uw gemeente gestuurd.",
    ),
    "Hoe vraag ik huurtoeslag aan?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. Huurtoeslag vraagt u aan bij de Belastingdienst/Toeslagen; we "
        "hebben u daarnaar doorverwezen.",
    ),
    "Ik heb een parkeerboete gekregen die niet klopt. Bij wie moet ik zijn?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. Bezwaar tegen een parkeerboete maakt u bij de gemeente die haar "
        "oplegde, of bij het CJIB; we hebben u doorverwezen.",
    ),
    "Wanneer wordt het afval weer opgehaald in onze straat?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. Vragen over afvalinzameling beantwoordt uw gemeente.",
    ),
    "Graag afmelden voor de nieuwsbrief.": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. U bent afgemeld voor de nieuwsbrief van Digitaal 2017.",
    ),
    "Waarom moet alles altijd digitaal? Ik wil gewoon een mens spreken.": (
        Outcome.ADOPTED,
        "Overgenomen. Telefoon en loket blijven ook na 2017 bestaan; stap 4 van de conceptagenda "
        "zegt dat nu uitdrukkelijk.",
    ),
    "Kunt u mij de stukken op papier toesturen?": (
        Outcome.OUT_OF_SCOPE,
        "Valt buiten de agenda. We hebben u de conceptagenda op papier toegestuurd.",
    ),
    "Onzin, de overheid kan niet eens een website maken.": (
        Outcome.COVERED,
        "Staat al in de agenda. Betere websites en formulieren zijn stap 1 van de agenda.",
    ),
}
NOISE_DEFAULT = (
    Outcome.COVERED,
    "Dank voor uw reactie. Zij bevat geen voorstel om de agenda te wijzigen.",
)
NOISE_MAX_LENGTH = 80  # longer texts are real input, whatever theme they are in

# Position papers get their own answer, per family of the sender.
POSITION_PAPER_DISPOSITIONS = {
    "gemeenten": (
        Outcome.PARTLY,
        "Deels overgenomen. Uw position paper is besproken met de VNG. De hoofdactiviteit voor "
        "het sociaal domein is stapsgewijs gemaakt, het omgevingsdomein volgt de Omgevingswet en "
        "er komen afspraken met leveranciers. Een lichtere planning voor een deel van de "
        "gemeenten is niet overgenomen.",
    ),
    "provincies": (
        Outcome.ADOPTED,
        "Overgenomen. Uw position paper is besproken met het IPO. De hoofdactiviteiten voor "
        "provincies gaan over subsidies en vergunningen, die via het Digitaal Stelsel "
        "Omgevingswet gaan lopen.",
    ),
    "waterschappen": (
        Outcome.ADOPTED,
        "Overgenomen. Uw position paper is besproken met de Unie van Waterschappen en het "
        "Waterschapshuis; de hoofdactiviteit over kwijtschelding volgt uw voorstel.",
    ),
    "beleidsdepartementen": (
        Outcome.PARTLY,
        "Deels overgenomen. De toets op digitale uitvoerbaarheid en de meerjarige financiering "
        "staan in de agenda. De verdeling van kosten en baten tussen departementen werkt de "
        "Regieraad apart uit.",
    ),
    "kleine-uitvoeringsorganisaties": (
        Outcome.ADOPTED,
        "Overgenomen. Logius en de moederdepartementen ondersteunen kleine "
        "uitvoeringsorganisaties bij het aansluiten, met een vast aanspreekpunt en een "
        "standaardcontract.",
    ),
    "grote-uitvoeringsorganisaties": (
        Outcome.PARTLY,
        "Deels overgenomen. Maatwerk en continuïteit staan nu in uw hoofdactiviteit. Een latere "
        "einddatum dan 2017 voor de vernieuwing van uw systemen nemen we niet op; de tussendoelen "
        "van eind 2016 laten zien waar de Regieraad moet bijsturen.",
    ),
}
