"""The demo programme: Digitaal 2017 with its council, families, accounts and facility adoption.

Everything here is demo content written for Koers from the case (data/programme.yaml); the
organisations are the real register, the facility adoption states are illustrative and generated
with a fixed seed, for the organisations that existed when the programme was set up.
"""

import datetime
import functools
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection

from koers.accounts.models import Role
from koers.core.bulk import insert_rows
from koers.organisations.constants import AdoptionState
from koers.organisations.models import (
    Council,
    Facility,
    FacilityAdoption,
    Family,
    Organisation,
    Programme,
)

from .texts import moment, texts

FIELDS = ["name", "goal", "description", "starts_on", "deadline", "coordinating_body"]
# When the office set the programme up in Koers: families, accounts, the adoption baseline.
SET_UP_AT = moment(texts("programme")["set_up_at"])
# Planned adoptions were planned for the year and a half after this day.
PLANNED_FROM = datetime.date(2016, 1, 1)


def load_programme() -> Programme:
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
    _load_adoptions(programme.deadline)
    return programme


def demo_password() -> str:
    """The demo password as stored: every demo account has the same one. A password hash costs
    about half a second on purpose, so it is made once rather than for each account."""
    return _hashed(settings.DEMO_PASSWORD, tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hashed(password: str, hashers: tuple[str, ...]) -> str:
    return make_password(password)


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
            user.password = demo_password()
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
        admin.password = demo_password()
        admin.save()


def _load_adoptions(deadline: datetime.date):
    if FacilityAdoption.objects.exists():
        return  # adoption is the organisations' own data once loaded: never overwrite it
    by_kind = texts("programme")["facilities_by_kind"]
    rng = random.Random(2017)
    facilities = {f.slug: f for f in Facility.objects.all()}
    rows = []
    organisations = Organisation.objects.valid_on(SET_UP_AT.date()).filter(kind__in=by_kind)
    organisations = organisations.only("pk", "kind", "valid_until")
    for org in organisations.order_by("code"):
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
                days = datetime.timedelta(days=rng.randint(30, 540))
                date = min(PLANNED_FROM + days, deadline)
                recorded = SET_UP_AT
            else:
                days = datetime.timedelta(days=rng.randint(0, 1000))
                date = datetime.date(2015, 1, 1) + days
                if org.valid_until and date > org.valid_until:
                    date = org.valid_until
                # Recorded when it was reached, or at the start for what was reached before.
                reached = datetime.datetime.combine(date, datetime.time(10), SET_UP_AT.tzinfo)
                recorded = max(SET_UP_AT, reached)
            rows.append(
                {
                    "organisation_id": org.pk,
                    "facility_id": facilities[slug].pk,
                    "state": state,
                    "date": date,
                    "note": "",
                    # The row's own time of change is its history's.
                    "updated_at": recorded,
                }
            )
    # Plain rows and their history rows, each dated when it was recorded (koers/core/bulk.py):
    # thousands of rows through the ORM cost more in Python than in the database.
    table = connection.ops.quote_name(FacilityAdoption._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        before = cursor.fetchone()[0] or 0
    insert_rows(FacilityAdoption, rows)
    ids = FacilityAdoption.objects.filter(pk__gt=before).order_by("pk").values_list("pk")
    insert_rows(
        FacilityAdoption.history.model,
        [
            {
                **row,
                "id": pk,
                "history_date": row["updated_at"],
                "history_change_reason": None,
                "history_type": "+",
                "history_user_id": None,
            }
            for (pk,), row in zip(ids, rows, strict=True)
        ],
    )
