"""The written content of the council and elaboration demo: the Regieraad's meeting on the
concept, its change recommendations and minutes, and what organisations commit to per main
activity.

Written for Koers from the Digitaal 2017 case. Organisations are named by their code in the
register, facilities by their slug, people by their function (never a personal name). Sections
and paragraphs of the concept are found by their title and by the passage quoted; a quote the
concept no longer holds is skipped.

Times are Europe/Amsterdam: (year, month, day, hour, minute).
"""

# ---------------------------------------------------------------------------------------------
# The meeting
# ---------------------------------------------------------------------------------------------

MEETING_TITLE = "Regieraad Dienstverlening 10 september 2015"
MEETING_LOCATION = "Ministerie van BZK, Turfmarkt 147, Den Haag"
PLANNED_AT = (2015, 9, 2, 10, 0)  # the office sends the agenda with the concept
STARTS_AT = (2015, 9, 10, 10, 0)
ADOPTED_AT = (2015, 9, 10, 16, 15)

# Council members besides the demo's "regieraad" account (BZK), so that recommendations come
# from several voices: username, full name, family slug or organisation code they represent.
COUNCIL_MEMBERS = [
    ("regieraad-vng", "Lid Regieraad Dienstverlening (VNG)", "gemeenten", None),
    ("regieraad-ipo", "Lid Regieraad Dienstverlening (IPO)", "provincies", None),
    (
        "regieraad-uvw",
        "Lid Regieraad Dienstverlening (Unie van Waterschappen)",
        "waterschappen",
        None,
    ),
    ("regieraad-uwv", "Lid Regieraad Dienstverlening (UWV)", None, "zb000117"),
]

# General points around the sections: (title, position "voor" or "na" the sections, decision,
# minutes).
GENERAL_ITEMS = [
    (
        "Opening, mededelingen en de reactienota op de consultatie",
        "voor",
        "akkoord",
        "De voorzitter opent de vergadering. Het programma licht de reactienota toe: van de ruim "
        "drieduizend reacties uit de zomerconsultatie is vrijwel alles beantwoord; een klein deel "
        "wacht nog op een antwoord en wordt voor 1 oktober afgehandeld. De regieraad neemt kennis "
        "van de reactienota en waardeert dat bij elke wijziging in het concept staat welke inbreng "
        "haar heeft veroorzaakt.",
    ),
    (
        "Vaststelling en vervolg: de uitwerking per organisatie",
        "na",
        "akkoord",
        "De regieraad stelt de implementatieagenda vast met de besluiten van vandaag. Elke "
        "organisatie werkt de hoofdactiviteiten van haar familie uit in eigen afspraken, met "
        "mijlpalen, een eigenaar en de voorzieningen waarop zij aansluit. De coördinatoren van de "
        "families (VNG, IPO, Unie van Waterschappen, BZK voor de departementen en de "
        "uitvoeringsorganisaties) volgen de uitwerking en sturen herinneringen waar die achterblijft.",
    ),
]

# Per section of the concept (by title): decision and minutes. "aangehouden" is first deferred
# (DEFERRED_MINUTES), and decided later in the meeting with the final decision and minutes.
SECTION_DECISIONS = {
    "Aanleiding en ambitie": (
        "akkoord",
        "Akkoord. De regieraad onderschrijft dat de belofte voor 2017 voor de hele overheid geldt "
        "en dat de agenda meet op gebruik en tevredenheid, niet alleen op aansluitingen.",
    ),
    "Wat burgers en bedrijven merken": (
        "akkoord",
        "Akkoord. Het programma bevestigt dat de afspraak met de leveranciers over een betaalbaar "
        "basismiddel eHerkenning voor 1 juli 2016 in de planning van Logius is opgenomen.",
    ),
    "Gemeenschappelijke voorzieningen": (
        "akkoord",
        "Akkoord. De Unie van Waterschappen en de VNG vragen aandacht voor de rol van de "
        "leveranciers; het programma neemt de afspraken met leveranciers op in de eerste "
        "voortgangsrapportage.",
    ),
    "Per familie": (
        "akkoord",
        "Akkoord, met de aangenomen wijzigingsvoorstellen van de Unie van Waterschappen (één "
        "werkwijze voor kwijtschelding) en van UWV (tijd voor de uitvoering bij wetswijzigingen). "
        "Het voorstel van het IPO om de hoofdactiviteit voor provincies te beperken tot de "
        "subsidies en vergunningen met de meeste aanvragen is verworpen: de belofte gaat over "
        "álle zaken, en provincies mogen volgorde aanbrengen in hun eigen uitwerking.",
    ),
    "Andere kanalen blijven nodig": (
        "akkoord",
        "Akkoord. Het voorstel van de VNG om de hulp aan het gemeenteloket afhankelijk te maken van "
        "extra middelen is verworpen; de regieraad bespreekt de verdeling van kosten en baten "
        "onder het agendapunt Sturing en monitoring. Gemeenten bieden de hulp binnen de "
        "bestaande dienstverlening aan de balie.",
    ),
    "Sturing en monitoring": (
        "akkoord",
        "Na de lunchpauze opnieuw besproken. BZK en Financiën hebben een termijn afgesproken: het "
        "wijzigingsvoorstel van BZK (voorstel over kosten en baten voor 1 april 2016) is "
        "aangenomen. Het voorstel van de VNG om één keer per jaar te rapporteren is verworpen: "
        "met de tussendoelen voor eind 2016 is een halfjaarlijks beeld nodig. Het programma haalt "
        "zoveel mogelijk gegevens uit bestaande bronnen, zoals de aansluitcijfers van Logius, "
        "zodat de uitvraag beperkt blijft. Akkoord.",
    ),
    "Planning tot 2017": (
        "gewijzigd",
        "Akkoord met wijziging. Eind 2015 is voor de uitwerking per organisatie te krap: de "
        "gemeenteraden en algemene besturen moeten hun afspraken kunnen bespreken. De regieraad "
        "verschuift de datum naar 1 maart 2016 en vraagt twee voortgangsrapportages in 2016.",
    ),
}

DEFERRED_SECTION = "Sturing en monitoring"
DEFERRED_MINUTES = (
    "Aangehouden. De departementen willen de tekst over de verdeling van kosten en baten eerst "
    "afstemmen met het ministerie van Financiën. Het punt komt na de lunchpauze terug."
)

# The amended text of a section decided "gewijzigd": paragraphs separated by a blank line.
AMENDED_TEXTS = {
    "Planning tot 2017": (
        "**Voor 1 maart 2016** heeft elke familie haar hoofdactiviteiten uitgewerkt en heeft elke "
        "organisatie haar eigen afspraken vastgelegd, met mijlpalen en een eigenaar. In 2016 ligt "
        "de nadruk op aansluiten en verbeteren; in 2017 op afronden en op het gebruik van de "
        "digitale diensten.\n\n"
        "Het programma rapporteert over de voortgang via de nieuwsbrief en de website, en legt de "
        "Regieraad in juni en in december 2016 een voortgangsrapportage voor. Waar de planning van "
        "een organisatie of een voorziening niet haalbaar blijkt, bespreekt de Regieraad wat nodig "
        "is om de belofte voor 2017 alsnog waar te maken."
    ),
}

# Change recommendations: section title, the passage quoted from the concept, action, new text,
# motivation, proposer (username), proposed on (y, m, d, h, min), accepted?
RECOMMENDATIONS = [
    {
        "section": "Per familie",
        "passage": "**Kwijtschelding** vraagt een inwoner één keer aan, voor gemeente en waterschap "
        "samen;",
        "action": "invoegen",
        "new_text": "gemeenten en waterschappen spreken daarvoor in 2016 één werkwijze af met "
        "het Inlichtingenbureau;",
        "motivation": "Gezamenlijke kwijtschelding lukt alleen als gemeenten en waterschappen "
        "dezelfde toets en dezelfde gegevens gebruiken. Zonder afspraak over de werkwijze blijft "
        "het bij twee aanvragen met één formulier.",
        "by": "regieraad-uvw",
        "at": (2015, 9, 7, 14, 20),
        "accept": True,
    },
    {
        "section": "Per familie",
        "passage": "dat elke subsidie en vergunning digitaal aan te vragen en te volgen is",
        "action": "vervangen",
        "new_text": "dat de subsidies en vergunningen met de meeste aanvragen digitaal aan te "
        "vragen en te volgen zijn",
        "motivation": "Provincies hebben tientallen regelingen met een handvol aanvragen per jaar. "
        "Die digitaliseren kost veel en levert de aanvrager weinig op; begin bij de regelingen "
        "waar de meeste ondernemers en instellingen mee te maken hebben.",
        "by": "regieraad-ipo",
        "at": (2015, 9, 8, 9, 45),
        "accept": False,
    },
    {
        "section": "Per familie",
        "passage": "Vernieuwing gaat stap voor stap, zodat de **continuïteit** van de uitvoering "
        "niet in gevaar komt.",
        "action": "invoegen",
        "new_text": "Raakt nieuwe wetgeving de uitvoering, dan krijgt de uitvoeringsorganisatie de "
        "invoeringstermijn die haar uitvoeringstoets noemt.",
        "motivation": "Digitaliseren en tegelijk grote wetswijzigingen invoeren gaat ten koste "
        "van beide. De uitvoeringstoets is het moment om de termijn af te spreken, niet de "
        "laatste maanden voor de invoering.",
        "by": "regieraad-uwv",
        "at": (2015, 9, 8, 11, 5),
        "accept": True,
    },
    {
        "section": "Andere kanalen blijven nodig",
        "passage": "bij het loket van de gemeente en bij de bibliotheek",
        "action": "vervangen",
        "new_text": "bij de bibliotheek en, waar gemeenten daarvoor middelen krijgen, aan het "
        "loket van de gemeente",
        "motivation": "Hulp bij digitale zaken van andere overheden is een nieuwe taak voor het "
        "gemeenteloket. Gemeenten willen die taak graag oppakken, maar niet zonder afspraak over "
        "de kosten.",
        "by": "regieraad-vng",
        "at": (2015, 9, 8, 16, 30),
        "accept": False,
    },
    {
        "section": "Sturing en monitoring",
        "passage": "twee keer per jaar",
        "action": "vervangen",
        "new_text": "één keer per jaar, in het voorjaar,",
        "motivation": "Gemeenten rapporteren al over de Digitale Agenda 2020 en over de "
        "decentralisaties. Een tweede halfjaarlijkse uitvraag is voor kleine gemeenten een "
        "zware last.",
        "by": "regieraad-vng",
        "at": (2015, 9, 8, 16, 40),
        "accept": False,
    },
    {
        "section": "Sturing en monitoring",
        "passage": "De Regieraad maakt afspraken over hoe kosten en baten tussen organisaties "
        "worden verdeeld.",
        "action": "vervangen",
        "new_text": "De Regieraad legt vóór 1 april 2016 vast hoe kosten en baten tussen "
        "organisaties worden verdeeld; het ministerie van BZK brengt daarvoor samen met het "
        "ministerie van Financiën een voorstel in.",
        "motivation": "Zonder datum blijft de verdeling van kosten en baten een voorbehoud bij "
        "elke aansluiting. Een termijn en een trekker maken de afspraak uitvoerbaar.",
        "by": "regieraad",
        "at": (2015, 9, 9, 8, 50),
        "accept": True,
    },
]

MEETING_MINUTES = """\
**Aanwezig:** de voorzitter (directeur-generaal Overheidsorganisatie, BZK), leden namens EZ, \
Financiën, SZW, VenJ, VNG, IPO, Unie van Waterschappen, Belastingdienst, UWV, SVB, DUO, RDW, KvK \
en Logius; de programmadirecteur en de secretaris van het programma Digitaal 2017.

**Afwezig met bericht:** het lid namens OCW (vervangen door DUO).

De regieraad bespreekt de conceptagenda van 1 september 2015 hoofdstuk voor hoofdstuk, met de \
zes wijzigingsvoorstellen die de leden vooraf hebben ingediend. Drie voorstellen zijn \
aangenomen, drie verworpen; de motivering staat bij het agendapunt. Het hoofdstuk Sturing en \
monitoring is in de ochtend aangehouden en na de lunchpauze, na afstemming met Financiën, \
alsnog vastgesteld. Het hoofdstuk Planning tot 2017 is met wijziging vastgesteld.

**Besluit:** de regieraad stelt de implementatieagenda digitale dienstverlening 2017 vast. \
Het programma publiceert de vastgestelde agenda en de reactienota en opent de uitwerking per \
organisatie.

**Actiepunten**

- BZK en Financiën: voorstel over de verdeling van kosten en baten, voor 1 april 2016.
- Programma: eerste voortgangsrapportage in de vergadering van juni 2016.
- Coördinatoren van de families: de uitwerking per organisatie volgen, voor 1 maart 2016.

Volgende vergadering: december 2015.
"""

# The adopted version's own title and introduction.
ADOPTED_TITLE = "Implementatieagenda digitale dienstverlening 2017 — vastgesteld"

# ---------------------------------------------------------------------------------------------
# The elaboration: what organisations commit to per main activity
# ---------------------------------------------------------------------------------------------

# Share of the members of a family that elaborate every main activity, and that elaborate some
# of them; the rest has not started yet (so the overview and reminders show work).
SHARE_FULL = {
    "gemeenten": 0.52,
    "provincies": 0.67,
    "waterschappen": 0.62,
    "beleidsdepartementen": 0.6,
    "kleine-uitvoeringsorganisaties": 0.42,
    "grote-uitvoeringsorganisaties": 0.71,
}
SHARE_PARTIAL = 0.22

# Organisations elaborate in the months after the adoption, until the deadline of 1 March 2016.
ELABORATED_FROM = (2015, 9, 21)
ELABORATED_UNTIL = (2016, 2, 29)

OWNERS = {
    "gemeenten": [
        "Afdelingshoofd Publiekszaken",
        "Manager Klantcontactcentrum",
        "Programmamanager Digitale Dienstverlening",
        "Teamleider Informatievoorziening",
        "Concerncontroller",
        "Chief Information Officer",
    ],
    "provincies": [
        "Programmamanager Digitale Provincie",
        "Afdelingshoofd Vergunningverlening",
        "Hoofd Subsidies",
        "Chief Information Officer",
    ],
    "waterschappen": [
        "Hoofd Belastingen",
        "Teamleider Vergunningverlening",
        "Manager Informatievoorziening",
        "Directeur Belastingsamenwerking",
    ],
    "beleidsdepartementen": [
        "Directeur Informatiebeleid",
        "Chief Information Officer",
        "Directeur Financieel-Economische Zaken",
        "Directeur Wetgeving en Juridische Zaken",
    ],
    "kleine-uitvoeringsorganisaties": [
        "Manager Bedrijfsvoering",
        "Hoofd Informatievoorziening",
        "Teamleider Klantcontact",
        "Directeur Uitvoering",
    ],
    "grote-uitvoeringsorganisaties": [
        "Chief Information Officer",
        "Directeur Klantinteractie en Services",
        "Directeur Uitvoering",
        "Programmadirecteur Digitalisering",
    ],
}

# Per main activity (by its title in the agenda): a title and variants of what and how, the
# milestones ((title, (y, m, d)); later than the activity's deadline is moved to it) and the
# dependencies ((organisation code, note)) a share of organisations names.
ACTIVITIES = {
    "Digitale dienstverlening in het omgevingsdomein samen met de Omgevingswet": {
        "title": "Omgevingsvergunning en meldingen digitaal, op weg naar de Omgevingswet",
        "what": [
            "Alle aanvragen voor een omgevingsvergunning en alle meldingen komen digitaal binnen "
            "via het Omgevingsloket online en worden digitaal afgehandeld. Ondernemers loggen in "
            "met eHerkenning.",
            "Wij maken de vergunningverlening zaakgericht: de aanvrager volgt de aanvraag online "
            "en ontvangt het besluit digitaal. Nieuwe investeringen stemmen we af op de planning "
            "van het Digitaal Stelsel Omgevingswet.",
        ],
        "how": [
            "Met ons zaaksysteem en de koppeling met het Omgevingsloket online; samen met de "
            "gemeenten in onze regio en de omgevingsdienst.",
            "In het programma Omgevingswet van onze gemeente, met de handreikingen van VNG en KING.",
        ],
        "milestones": [
            ("Plan van aanpak omgevingsdomein vastgesteld", (2016, 3, 31)),
            ("Alle aanvragen en meldingen digitaal afgehandeld", (2016, 12, 31)),
            ("Aansluiting op het Digitaal Stelsel Omgevingswet voorbereid", (2017, 11, 30)),
        ],
        "depends": [
            ("oorg10117", "Het Omgevingsloket online en eHerkenning, beheerd door Logius."),
        ],
    },
    "Alle gemeentelijke diensten met DigiD en eHerkenning, post in de Berichtenbox": {
        "title": "Alle producten online met DigiD en eHerkenning, post in de Berichtenbox",
        "what": [
            "Alle producten uit onze productencatalogus zijn online aan te vragen met DigiD of "
            "eHerkenning. De aanslag gemeentelijke belastingen en de beschikkingen in het sociaal "
            "domein sturen wij ook via de Berichtenbox van MijnOverheid.",
            "Wij sluiten de laatste producten aan op DigiD en eHerkenning en versturen vanaf 2016 "
            "onze post aan inwoners ook via de Berichtenbox, te beginnen met de belastingaanslag.",
        ],
        "how": [
            "Via de e-formulieren van onze leverancier en de standaardkoppeling met de Berichtenbox; "
            "de belastingsamenwerking doet de aanslag.",
            "Met een projectteam van Publiekszaken en Informatievoorziening, in twee releases.",
        ],
        "milestones": [
            ("Productencatalogus doorgelicht op online aanvragen", (2015, 12, 15)),
            ("Aanslag gemeentelijke belastingen in de Berichtenbox", (2016, 3, 1)),
            ("Alle producten online met DigiD of eHerkenning", (2016, 12, 31)),
        ],
        "depends": [
            (
                "oorg10117",
                "De aansluiting op de Berichtenbox van MijnOverheid verloopt via Logius.",
            ),
            (
                "zb000184",
                "eHerkenning op het juiste niveau vraagt een actueel Handelsregister (KvK).",
            ),
        ],
    },
    "Formulieren vooraf invullen met gegevens uit de BRP en de BAG": {
        "title": "Formulieren vooraf ingevuld uit de BRP en de BAG",
        "what": [
            "Onze formulieren vragen niet meer naar gegevens die in de BRP en de BAG staan: naam, "
            "adres en gezinssamenstelling zijn vooraf ingevuld. Wie een fout ziet, meldt die op "
            "één plek.",
            "Wij vullen de tien meest gebruikte formulieren vooraf in met gegevens uit de "
            "basisregistraties en melden fouten terug aan de bronhouder.",
        ],
        "how": [
            "Via Digikoppeling en Digilevering met de BRP-bevraging; de terugmelding via Digimelding.",
            "Met de gegevensmakelaar van onze regio en de standaarden van KING (StUF).",
        ],
        "milestones": [
            ("Meest gebruikte formulieren geselecteerd", (2016, 2, 1)),
            ("Eerste vijf formulieren vooraf ingevuld", (2016, 9, 30)),
            ("Alle geselecteerde formulieren vooraf ingevuld", (2017, 6, 30)),
        ],
        "depends": [
            ("oorg10103", "De bevraging van de BRP via de landelijke voorziening van RvIG."),
        ],
    },
    "Aanvragen in het sociaal domein stap voor stap digitaal te volgen": {
        "title": "Aanvragen Wmo, jeugdhulp en Participatiewet digitaal te volgen",
        "what": [
            "Inwoners volgen hun aanvraag voor Wmo-ondersteuning en jeugdhulp in MijnOverheid Lopende "
            "zaken; vanaf 2017 ook de aanvragen in de Participatiewet. Het keukentafelgesprek blijft "
            "de kern.",
            "Wij tonen de stand van aanvragen in het sociaal domein in MijnOverheid en maken "
            "machtigen mogelijk, zodat een mantelzorger kan meekijken.",
        ],
        "how": [
            "Samen met de wijkteams; de koppeling met Lopende zaken via ons zaaksysteem.",
            "In de regionale samenwerking sociaal domein, met één leverancier voor de regio.",
        ],
        "milestones": [
            ("Wmo-aanvragen zichtbaar in Lopende zaken", (2016, 6, 30)),
            ("Jeugdhulp zichtbaar in Lopende zaken en machtigen mogelijk", (2016, 12, 31)),
            ("Aanvragen Participatiewet zichtbaar in Lopende zaken", (2017, 9, 30)),
        ],
        "depends": [
            (
                "oorg10117",
                "MijnOverheid Lopende zaken en DigiD Machtigen worden door Logius beheerd.",
            ),
        ],
    },
    "Elke subsidie en vergunning digitaal aan te vragen en te volgen": {
        "title": "Subsidies en vergunningen digitaal aanvragen en volgen",
        "what": [
            "Alle provinciale subsidies en vergunningen zijn digitaal aan te vragen met eHerkenning "
            "of DigiD; aanvragers volgen hun aanvraag online.",
        ],
        "how": [
            "Met het provinciale subsidieportaal en het zaaksysteem, samen met de andere provincies "
            "via het IPO.",
        ],
        "milestones": [
            ("Subsidieregelingen met de meeste aanvragen digitaal", (2016, 4, 1)),
            ("Alle subsidies en vergunningen digitaal, met volgen", (2016, 12, 31)),
        ],
        "depends": [("oorg10117", "eHerkenning en Lopende zaken via Logius.")],
    },
    "Vergunningen in het ruimtelijk domein via het Digitaal Stelsel Omgevingswet": {
        "title": "Ruimtelijke vergunningen via het Digitaal Stelsel Omgevingswet",
        "what": [
            "Provinciale vergunningen in het ruimtelijk domein lopen via het Omgevingsloket online "
            "en straks het Digitaal Stelsel Omgevingswet; wij investeren niet in een eigen loket.",
        ],
        "how": ["In het provinciale programma Omgevingswet, met de omgevingsdiensten."],
        "milestones": [
            ("Vergunningen via het Omgevingsloket online", (2016, 6, 30)),
            ("Aansluiting op het Digitaal Stelsel Omgevingswet gepland", (2017, 12, 1)),
        ],
        "depends": [],
    },
    "Basisregistraties gebruiken in het ruimtelijk domein": {
        "title": "BAG, BGT en BRK als bron in het ruimtelijk domein",
        "what": [
            "Wij gebruiken de BAG, de BGT en de BRK als enige bron voor adressen, topografie en "
            "eigendom in onze ruimtelijke processen, en melden fouten terug.",
        ],
        "how": ["Via Digikoppeling en de PDOK-diensten van het Kadaster."],
        "milestones": [
            ("Eigen kopieën van basisgegevens in kaart gebracht", (2016, 3, 31)),
            ("Ruimtelijke processen gebruiken de basisregistraties", (2017, 6, 30)),
        ],
        "depends": [("zb000195", "Levering van BRK en BGT via het Kadaster.")],
    },
    "Provinciale informatie voor ondernemers op Ondernemersplein": {
        "title": "Provinciale informatie en diensten op Ondernemersplein",
        "what": [
            "De informatie over provinciale subsidies en vergunningen voor ondernemers staat op "
            "Ondernemersplein, met een link naar de digitale aanvraag.",
        ],
        "how": ["Samen met de KvK, die Ondernemersplein beheert."],
        "milestones": [("Subsidies en vergunningen op Ondernemersplein", (2016, 9, 30))],
        "depends": [("zb000184", "Ondernemersplein wordt beheerd door de KvK.")],
    },
    "Bezwaar, betalingsregeling en gezamenlijke kwijtschelding digitaal": {
        "title": "Bezwaar, betalingsregeling en kwijtschelding digitaal",
        "what": [
            "Inwoners dienen bezwaar in, vragen een betalingsregeling aan en vragen kwijtschelding "
            "aan voor gemeente en waterschap samen, digitaal met DigiD. Het recht op "
            "kwijtschelding toetsen we waar het kan automatisch.",
        ],
        "how": [
            "Via ons belastingsamenwerkingsverband, met de toets via het Inlichtingenbureau.",
            "Samen met de gemeenten in ons gebied en de belastingsamenwerking.",
        ],
        "milestones": [
            ("Bezwaar en betalingsregeling digitaal met DigiD", (2016, 3, 31)),
            ("Gezamenlijke kwijtschelding met de gemeenten", (2016, 12, 31)),
            ("Automatische toets op kwijtschelding", (2017, 6, 30)),
        ],
        "depends": [
            ("oorg10103", "De gegevens uit de BRP via RvIG voor de toets op kwijtschelding.")
        ],
    },
    "Watervergunningen en meldingen digitaal, met eHerkenning": {
        "title": "Watervergunningen en meldingen digitaal",
        "what": [
            "Watervergunningen en meldingen zijn digitaal aan te vragen en te doen, voor bedrijven "
            "met eHerkenning.",
        ],
        "how": ["Via het Omgevingsloket online en ons zaaksysteem, met Het Waterschapshuis."],
        "milestones": [
            ("Meldingen digitaal via het Omgevingsloket online", (2016, 6, 30)),
            ("Watervergunningen digitaal afgehandeld", (2017, 6, 30)),
        ],
        "depends": [("oorg10117", "eHerkenning en het Omgevingsloket online via Logius.")],
    },
    "De aanslag waterschapsbelasting in de Berichtenbox": {
        "title": "Aanslag waterschapsbelasting in de Berichtenbox",
        "what": [
            "De aanslag waterschapsbelasting staat in de Berichtenbox van MijnOverheid; wie dat "
            "wil, blijft de aanslag op papier ontvangen.",
        ],
        "how": ["Via het belastingsamenwerkingsverband, dat de aanslag voor ons verstuurt."],
        "milestones": [
            ("Proef met de aanslag in de Berichtenbox", (2016, 2, 29)),
            ("Alle aanslagen ook in de Berichtenbox", (2016, 12, 31)),
        ],
        "depends": [("oorg10117", "De Berichtenbox van MijnOverheid via Logius.")],
    },
    "Stabiele financiering van de generieke voorzieningen": {
        "title": "Bijdrage aan de stabiele financiering van de GDI",
        "what": [
            "Wij dragen bij aan een financieringsmodel voor de generieke digitale infrastructuur "
            "en nemen onze bijdrage op in de begroting vanaf 2016.",
        ],
        "how": ["Via het opdrachtgeversberaad GDI en de begrotingsvoorbereiding."],
        "milestones": [
            ("Inbreng in het financieringsmodel GDI", (2015, 12, 1)),
            ("Bijdrage opgenomen in de begroting", (2016, 3, 31)),
        ],
        "depends": [],
    },
    "Nieuwe wetgeving toetsen op digitale uitvoerbaarheid": {
        "title": "Wetsvoorstellen getoetst op digitale uitvoerbaarheid",
        "what": [
            "Elk wetsvoorstel van ons departement bevat een toets op digitale uitvoerbaarheid, "
            "afgestemd met de uitvoeringsorganisaties die het uitvoeren.",
        ],
        "how": ["In het wetgevingsproces, met de directie Wetgeving en de uitvoeringstoetsen."],
        "milestones": [
            ("Toets opgenomen in de werkwijze wetgeving", (2016, 3, 1)),
            ("Eerste wetsvoorstellen getoetst", (2016, 6, 30)),
        ],
        "depends": [],
    },
    "Digitale dienstverlening in de afspraken met uitvoeringsorganisaties": {
        "title": "Digitale dienstverlening in de jaarafspraken met onze uitvoerders",
        "what": [
            "De jaarplannen en de afspraken met onze uitvoeringsorganisaties bevatten doelen voor "
            "digitale dienstverlening, gebruik en tevredenheid.",
        ],
        "how": ["In de opdrachtgever-opdrachtnemer-gesprekken en de jaarplancyclus."],
        "milestones": [
            ("Doelen in de jaarplannen 2016", (2016, 1, 31)),
            ("Eerste rapportage op de doelen", (2016, 9, 30)),
        ],
        "depends": [],
    },
    "Formulieren en brieven in begrijpelijke taal": {
        "title": "Formulieren en brieven op taalniveau B1",
        "what": [
            "Onze formulieren en standaardbrieven zijn op taalniveau B1 geschreven en getest met "
            "gebruikers.",
        ],
        "how": ["Met een schrijfteam en de gebruikerstoetsen van het programma."],
        "milestones": [
            ("Standaardbrieven herschreven", (2016, 6, 30)),
            ("Formulieren herschreven en getest", (2017, 6, 30)),
        ],
        "depends": [],
    },
    "Aansluiten met standaardoplossingen of via een gedeelde dienstverlener": {
        "title": "Aansluiten op DigiD en eHerkenning via een gedeelde dienstverlener",
        "what": [
            "Wij sluiten aan op DigiD en eHerkenning met de standaardoplossing van Logius of via "
            "de gedeelde dienstverlener van ons moederdepartement.",
        ],
        "how": ["Met ondersteuning van Logius en het moederdepartement."],
        "milestones": [
            ("Keuze voor aansluitroute gemaakt", (2016, 3, 31)),
            ("Aangesloten op DigiD en eHerkenning", (2017, 6, 30)),
        ],
        "depends": [("oorg10117", "Aansluiting en standaardoplossing van Logius.")],
    },
    "Massale processen digitaal, met ruimte voor maatwerk": {
        "title": "Massale processen digitaal, met maatwerk waar nodig",
        "what": [
            "Onze grote processen verlopen digitaal en zonder onnodig contact; wie maatwerk nodig "
            "heeft, krijgt een vast contactpunt.",
        ],
        "how": ["Stap voor stap in onze vernieuwingsagenda, zodat de continuïteit geborgd blijft."],
        "milestones": [
            ("Klantreizen van de grootste processen in kaart", (2016, 3, 31)),
            ("Eerste processen volledig digitaal", (2016, 12, 31)),
            ("Alle massale processen digitaal", (2017, 12, 1)),
        ],
        "depends": [],
    },
    "eHerkenning, eIDAS en Digipoort voor bedrijven": {
        "title": "Bedrijven loggen in met eHerkenning en eIDAS",
        "what": [
            "Bedrijven gebruiken eHerkenning voor al onze diensten; Europese ondernemers loggen in "
            "via de eIDAS-koppeling. Berichtenverkeer met bedrijven loopt via Digipoort.",
        ],
        "how": ["Met Logius en de KvK, in onze releasekalender."],
        "milestones": [
            ("eHerkenning voor alle diensten aan bedrijven", (2016, 12, 31)),
            ("eIDAS-koppeling in gebruik", (2017, 9, 30)),
        ],
        "depends": [
            ("oorg10117", "eHerkenning, eIDAS-koppeling en Digipoort via Logius."),
            ("zb000184", "Bedrijfsgegevens uit het Handelsregister van de KvK."),
        ],
    },
    "Vooraf ingevulde aangiften en aanvragen": {
        "title": "Aangiften en aanvragen vooraf ingevuld",
        "what": [
            "Aangiften en aanvragen zijn vooraf ingevuld met gegevens uit de basisregistraties; de "
            "burger of ondernemer controleert en vult aan.",
        ],
        "how": ["Via Digikoppeling met BRP, HR en BRI."],
        "milestones": [
            ("Gegevens uit BRP en HR in de aanvraag", (2016, 9, 30)),
            ("Vooraf ingevulde aanvragen voor alle grote regelingen", (2017, 12, 1)),
        ],
        "depends": [
            ("oorg10103", "BRP-gegevens via RvIG."),
            ("zb000184", "Gegevens uit het Handelsregister van de KvK."),
        ],
    },
    "Beschikkingen en berichten in de Berichtenbox": {
        "title": "Beschikkingen en berichten in de Berichtenbox",
        "what": [
            "Wij versturen onze beschikkingen en berichten aan burgers ook via de Berichtenbox en "
            "tonen de stand van aanvragen in Lopende zaken.",
        ],
        "how": ["Met Logius, in de releasekalender van onze systemen."],
        "milestones": [
            ("Eerste beschikkingen in de Berichtenbox", (2016, 6, 30)),
            ("Alle beschikkingen in de Berichtenbox", (2017, 6, 30)),
        ],
        "depends": [("oorg10117", "De Berichtenbox en Lopende zaken via Logius.")],
    },
}

# Commitments of an organisation's own, beside the main activities: code, title, what, how,
# owner, milestones, facilities, dependencies.
OWN_COMMITMENTS = [
    {
        "organisation": "gm0344",
        "title": "Wijkbureaus helpen bij digitale zaken van alle overheden",
        "what": "Inwoners krijgen in de wijkbureaus hulp bij hun digitale zaken met de gemeente "
        "en met andere overheden, samen met de bibliotheek.",
        "how": "Met vrijwilligers van de bibliotheek en de medewerkers Publiekszaken.",
        "owner": "Afdelingshoofd Publiekszaken",
        "milestones": [("Hulp in alle wijkbureaus", (2016, 9, 1))],
        "facilities": [],
        "depends": [],
    },
    {
        "organisation": "gm0363",
        "title": "Eén digitaal loket voor ondernemers in de stad",
        "what": "Ondernemers regelen vergunningen, ontheffingen en meldingen van de gemeente op "
        "één plek, met eHerkenning.",
        "how": "In het programma Ondernemersdienstverlening, met de KvK.",
        "owner": "Directeur Dienstverlening",
        "milestones": [("Ondernemersloket online", (2016, 12, 31))],
        "facilities": ["eherkenning", "ondernemersplein"],
        "depends": [("zb000184", "Samenwerking met de KvK over Ondernemersplein.")],
    },
    {
        "organisation": "oorg12368",
        "title": "Digitale ondersteuning voor mensen die het niet alleen kunnen",
        "what": "Wie de aangifte niet digitaal kan doen, krijgt hulp via de BelastingTelefoon, de "
        "balies en partners als de bibliotheek.",
        "how": "Met de partners in het netwerk digitale inclusie.",
        "owner": "Directeur Klantinteractie en Services",
        "milestones": [("Afspraken met partners gemaakt", (2016, 3, 31))],
        "facilities": [],
        "depends": [],
    },
    {
        "organisation": "pv27",
        "title": "Open data over vergunningen en subsidies",
        "what": "Wij publiceren verleende vergunningen en subsidies als open data.",
        "how": "Via het dataportaal van de provincie.",
        "owner": "Chief Information Officer",
        "milestones": [("Eerste datasets gepubliceerd", (2016, 6, 30))],
        "facilities": [],
        "depends": [],
    },
]

# A merger in the register after the adoption: the three municipalities that became Meierijstad
# on 1 January 2017. They prepared the merger together and divided the elaboration.
MERGER = {
    "successor": "gm1948",
    "date": (2017, 1, 1),
    "predecessors": {
        # code: the main activities it elaborates (by title), or "eigen" for its own commitment
        "gm0860": [
            "Alle gemeentelijke diensten met DigiD en eHerkenning, post in de Berichtenbox",
            "Formulieren vooraf invullen met gegevens uit de BRP en de BAG",
            "Aanvragen in het sociaal domein stap voor stap digitaal te volgen",
        ],
        "gm0844": ["Digitale dienstverlening in het omgevingsdomein samen met de Omgevingswet"],
        "gm0846": ["eigen"],
    },
    "own": {
        "title": "Eén digitale dienstverlening voor Meierijstad per 1 januari 2017",
        "what": "De drie gemeenten brengen hun websites, e-formulieren en zaaksystemen samen, "
        "zodat de nieuwe gemeente Meierijstad op de eerste dag al haar producten online aanbiedt.",
        "how": "In het herindelingsprogramma van Schijndel, Sint-Oedenrode en Veghel.",
        "owner": "Programmamanager Herindeling",
        "milestones": [
            ("Keuze voor één zaaksysteem", (2016, 3, 31)),
            ("Nieuwe website en e-formulieren live", (2016, 12, 15)),
        ],
        "facilities": ["digid", "eherkenning"],
        "depends": [
            ("oorg10117", "Overzetten van de DigiD- en eHerkenning-aansluitingen via Logius.")
        ],
    },
}
