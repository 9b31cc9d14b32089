"""The demo programme: the Digitaal 2017 case, loaded idempotently by `koers demo`.

Everything here is demo content written for Koers from the case; the organisations are the real
register, the facility adoption states are illustrative and generated with a fixed seed.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from koers.accounts.models import Role, RoleKind
from koers.agenda.demo import load_agenda_demo
from koers.agenda.demo_council import load_council_demo
from koers.consultation.demo import DEFAULT_CONTRIBUTIONS, load_consultation_demo
from koers.organisations.constants import LARGE_AGENCY_STAFF, AdoptionState, Kind
from koers.organisations.models import (
    Council,
    Facility,
    FacilityAdoption,
    Family,
    Organisation,
    Programme,
)
from koers.synthesis.demo import load_synthesis_demo

SLUG = "digitaal-2017"

FAMILIES = [
    (
        "gemeenten",
        "Gemeenten",
        [Kind.MUNICIPALITY],
        None,
        None,
        "Gemeenten bieden diensten in alle domeinen: van paspoort en bijstand tot omgevingsvergunning. "
        "De VNG organiseert de ronde tafels samen met het programma.",
    ),
    (
        "provincies",
        "Provincies",
        [Kind.PROVINCE],
        None,
        None,
        "Provincies werken vooral in het ruimtelijk domein en hebben relatief weinig directe klantcontacten.",
    ),
    (
        "waterschappen",
        "Waterschappen",
        [Kind.WATER_BOARD],
        None,
        None,
        "Waterschappen werken in het ruimtelijk domein; hun belangrijkste digitale contact is de "
        "waterschapsbelasting en de vergunning.",
    ),
    (
        "beleidsdepartementen",
        "Beleidsdepartementen",
        [Kind.MINISTRY],
        None,
        None,
        "De ministeries: zij maken beleid en zijn opdrachtgever van de uitvoeringsorganisaties.",
    ),
    (
        "kleine-uitvoeringsorganisaties",
        "Kleine uitvoeringsorganisaties",
        [Kind.AGENCY, Kind.ZBO],
        None,
        LARGE_AGENCY_STAFF - 1,
        "Uitvoeringsorganisaties en zelfstandige bestuursorganen met minder dan 1.000 medewerkers, "
        "of waarvan de omvang niet bekend is.",
    ),
    (
        "grote-uitvoeringsorganisaties",
        "Grote uitvoeringsorganisaties",
        [Kind.AGENCY, Kind.ZBO],
        LARGE_AGENCY_STAFF,
        None,
        "Uitvoeringsorganisaties met 1.000 medewerkers of meer en veel klantcontacten, zoals "
        "Belastingdienst, UWV, SVB, DUO en RDW.",
    ),
]

ACCOUNTS = [
    # username, full name, role kind, family slug, organisation code
    ("bureau", "Programmabureau Digitaal 2017", RoleKind.OFFICE, None, None),
    ("coordinator", "Coördinator gemeenten (VNG)", RoleKind.COORDINATOR, "gemeenten", None),
    ("bijdrager", "Bijdrager gemeente Utrecht", RoleKind.CONTRIBUTOR, None, "gm0344"),
    ("regieraad", "Lid Regieraad Dienstverlening (BZK)", RoleKind.COUNCIL_MEMBER, None, "mnre1034"),
    ("meelezer", "Meelezer", RoleKind.REVIEWER, None, None),
]

# Which facilities each kind of organisation typically connects to in the demo.
FACILITIES_BY_KIND = {
    Kind.MUNICIPALITY: [
        "digid",
        "digid-machtigen",
        "eherkenning",
        "mijnoverheid-berichtenbox",
        "mijnoverheid-lopende-zaken",
        "digikoppeling",
        "digilevering",
        "brp",
        "bag",
        "bgt",
        "woz",
        "pkioverheid",
    ],
    Kind.PROVINCE: [
        "digid",
        "eherkenning",
        "ondernemersplein",
        "digikoppeling",
        "bgt",
        "pkioverheid",
    ],
    Kind.WATER_BOARD: [
        "digid",
        "eherkenning",
        "mijnoverheid-berichtenbox",
        "digikoppeling",
        "bgt",
        "brp",
        "woz",
    ],
    Kind.AGENCY: [
        "digid",
        "eherkenning",
        "eidas",
        "mijnoverheid-berichtenbox",
        "digipoort",
        "digikoppeling",
        "pkioverheid",
        "brp",
        "hr",
    ],
    Kind.ZBO: ["digid", "eherkenning", "digikoppeling", "pkioverheid", "hr"],
}


@transaction.atomic
def load_demo(
    today: datetime.date | None = None, contributions: int = DEFAULT_CONTRIBUTIONS
) -> Programme:
    programme, _ = Programme.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Digitaal 2017",
            "goal": (
                "In 2017 kunnen burgers en bedrijven al hun zaken met de overheid digitaal afhandelen, "
                "zoals het regeerakkoord belooft. Alle overheidslagen schrijven daarvoor samen één "
                "implementatieagenda voor de digitale dienstverlening."
            ),
            "description": (
                "Het programma Digitaal 2017 van de ministeries van BZK en EZ en de minister voor Wonen "
                "en Rijksdienst coördineert de agenda. Het schrijft een inhoudelijke voorzet, bespreekt "
                "die aan ronde tafels met elke familie van organisaties, laat meelezers reageren, "
                "verwerkt alle inbreng tot een concept en legt dat in september voor aan de Regieraad "
                "Dienstverlening."
            ),
            "starts_on": datetime.date(2015, 1, 1),
            "deadline": datetime.date(2017, 12, 31),
            "coordinating_body": "Programma Digitaal 2017 (BZK, EZ en de minister voor Wonen en Rijksdienst)",
            "is_public": True,
        },
    )
    Council.objects.update_or_create(
        programme=programme,
        defaults={
            "name": "Regieraad Dienstverlening",
            "description": (
                "De regieraad waarin alle overheidslagen samen sturen op de digitale dienstverlening. "
                "Hij bespreekt de conceptagenda en stelt haar vast."
            ),
        },
    )
    families = {}
    for position, (slug, name, kinds, min_staff, max_staff, description) in enumerate(FAMILIES):
        families[slug], _ = Family.objects.update_or_create(
            programme=programme,
            slug=slug,
            defaults={
                "name": name,
                "kinds": list(kinds),
                "min_staff": min_staff,
                "max_staff": max_staff,
                "description": description,
                "position": position,
            },
        )
    _load_accounts(programme, families)
    _load_adoptions(today or datetime.date.today())
    # The consultation needs the families and the office account made above.
    load_consultation_demo(programme, contributions=contributions)
    load_synthesis_demo(programme)
    load_agenda_demo(programme)
    load_council_demo(programme)
    return programme


def _load_accounts(programme, families):
    User = get_user_model()
    orgs = {
        o.code: o for o in Organisation.objects.filter(code__in=[a[4] for a in ACCOUNTS if a[4]])
    }
    for username, full_name, kind, family, organisation in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": full_name, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        Role.objects.get_or_create(
            user=user,
            programme=programme,
            kind=kind,
            family=families.get(family),
            organisation=orgs.get(organisation),
        )
    admin, created = User.objects.get_or_create(
        username="beheer",
        defaults={
            "first_name": "Functioneel beheer",
            "email": "beheer@example.org",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(settings.DEMO_PASSWORD)
        admin.save()


def _load_adoptions(today: datetime.date):
    if FacilityAdoption.objects.exists():
        return  # adoption is the organisations' own data once loaded: never overwrite it
    rng = random.Random(2017)
    facilities = {f.slug: f for f in Facility.objects.all()}
    rows = []
    for org in Organisation.objects.current().filter(kind__in=FACILITIES_BY_KIND).order_by("code"):
        for slug in FACILITIES_BY_KIND[org.kind]:
            if slug not in facilities or rng.random() < 0.15:
                continue
            roll = rng.random()
            state = (
                AdoptionState.CONNECTED
                if roll < 0.6
                else AdoptionState.IN_PROGRESS
                if roll < 0.85
                else AdoptionState.PLANNED
            )
            if state == AdoptionState.PLANNED:
                date = today + datetime.timedelta(days=rng.randint(30, 540))
            else:
                date = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 1000))
            rows.append(
                FacilityAdoption(
                    organisation=org, facility=facilities[slug], state=state, date=date
                )
            )
    bulk_create_with_history(rows, FacilityAdoption, batch_size=1000)
