"""The demo programme: Digitaal 2017 with its council, families, accounts and facility adoption.

Everything here is demo content written for Koers from the case (data/programme.yaml); the
organisations are the real register, the facility adoption states are illustrative and generated
with a fixed seed.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history

from koers.accounts.models import Role
from koers.organisations.constants import AdoptionState
from koers.organisations.models import (
    Council,
    Facility,
    FacilityAdoption,
    Family,
    Organisation,
    Programme,
)

from .texts import texts

FIELDS = ["name", "goal", "description", "starts_on", "deadline", "coordinating_body"]


def load_programme(today: datetime.date) -> Programme:
    """The programme, its council and families, the demo accounts and the adoption states."""
    data = texts("programme")
    programme, _ = Programme.objects.update_or_create(
        slug=data["slug"],
        defaults={**{field: data[field] for field in FIELDS}, "is_public": True},
    )
    Council.objects.update_or_create(programme=programme, defaults=dict(data["council"]))
    families = {}
    for position, family in enumerate(data["families"]):
        families[family["slug"]], _ = Family.objects.update_or_create(
            programme=programme,
            slug=family["slug"],
            defaults={
                "name": family["name"],
                "kinds": list(family["kinds"]),
                "min_staff": family.get("min_staff"),
                "max_staff": family.get("max_staff"),
                "description": family["description"],
                "position": position,
            },
        )
    _load_accounts(programme, families)
    _load_adoptions(today)
    return programme


def _load_accounts(programme, families):
    User = get_user_model()
    accounts = texts("programme")["accounts"]
    codes = [a["organisation"] for a in accounts if "organisation" in a]
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    for account in accounts:
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={"first_name": account["name"], "email": f"{account['username']}@example.org"},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        Role.objects.get_or_create(
            user=user,
            programme=programme,
            kind=account["role"],
            family=families.get(account.get("family")),
            organisation=orgs.get(account.get("organisation")),
        )
    administrator = texts("programme")["administrator"]
    admin, created = User.objects.get_or_create(
        username=administrator["username"],
        defaults={
            "first_name": administrator["name"],
            "email": f"{administrator['username']}@example.org",
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
    by_kind = texts("programme")["facilities_by_kind"]
    rng = random.Random(2017)
    facilities = {f.slug: f for f in Facility.objects.all()}
    rows = []
    for org in Organisation.objects.current().filter(kind__in=by_kind).order_by("code"):
        for slug in by_kind[org.kind]:
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
