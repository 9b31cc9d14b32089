"""Time the register at EU scale: 100,000 organisations in 30 countries.

Usage, one command per database:

    # SQLite (a database in a temporary folder)
    .venv/bin/python benchmarks/bench_eu_register.py --runs 20

    # PostgreSQL (createdb -h 127.0.0.1 -U postgres koers_eu first; it is migrated and loaded)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_eu \\
        .venv/bin/python benchmarks/bench_eu_register.py --runs 20

    # only the timings, on a database an earlier run loaded (KOERS_VAR_DIR or DATABASE_URL)
    KOERS_VAR_DIR=/tmp/eu .venv/bin/python benchmarks/bench_eu_register.py --no-load --runs 20

It migrates, loads the real Dutch register and the demo, then generates (seeded) the
organisations of the 29 other EU/EEA countries up to --organisations in all: municipalities in
the proportions of each country's local administrative units (Eurostat LAU: France many
communes, Cyprus few), regions, ministries, agencies, independent bodies and joint bodies, each
with a national identifier. They go through the real import (`import_register`, timed, then a
second time to show that an unchanged import is idempotent). The demo programme gets families by
rule (the municipalities of each country, the regions, ministries and agencies of the EU), each
with main activities in the adopted version, and a fifth of every family's members a commitment.

Each URL is asked once to warm caches, then --runs times through Django's test client as the
demo's programme office (the application's own time, no network or server), then once more to
count the SQL queries. It prints median, p95 and query count as Markdown for docs/benchmarks.md,
with the machine, the database, the date and the load average. The budget is 300 ms.
"""

import argparse
import datetime
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ["DEBUG"] = "0"
# Production refuses the public development key; a benchmark makes a throwaway one.
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks.timing import time_page
from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity
from koers.elaboration.constants import CommitmentStatus
from koers.elaboration.models import Commitment
from koers.organisations.constants import Kind
from koers.organisations.countries import country_name, organisation_code
from koers.organisations.models import Family, Organisation, Programme
from koers.organisations.services import import_register

SLUG = "digitaal-2017"
GOAL_MS = 300
SEED = 2026

# Local administrative units per country (Eurostat LAU 2021, rounded) and regions (NUTS 3).
# They set the proportions; the municipalities are scaled to reach --organisations.
LAU = {
    "AT": (2093, 35),
    "BE": (581, 44),
    "BG": (265, 28),
    "CY": (615, 1),
    "CZ": (6258, 14),
    "DE": (10786, 401),
    "DK": (99, 11),
    "EE": (79, 5),
    "ES": (8131, 59),
    "FI": (309, 19),
    "FR": (34945, 101),
    "GR": (1037, 52),
    "HR": (556, 21),
    "HU": (3155, 20),
    "IE": (3440, 8),
    "IS": (64, 2),
    "IT": (7904, 107),
    "LI": (11, 1),
    "LT": (60, 10),
    "LU": (102, 1),
    "LV": (43, 6),
    "MT": (68, 2),
    "NO": (356, 11),
    "PL": (2477, 73),
    "PT": (3092, 25),
    "RO": (3181, 42),
    "SE": (290, 21),
    "SI": (212, 12),
    "SK": (2927, 8),
}
WORDS = ["Noord", "Zuid", "Oost", "West", "Sint", "Groot", "Klein", "Nieuw", "Oud", "Hoog"]
STEMS = ["berg", "dal", "veld", "burg", "dorp", "haven", "brug", "meer", "bos", "stad", "kerk"]
STATUSES = [CommitmentStatus.DRAFT, CommitmentStatus.COMMITTED, CommitmentStatus.DONE]


def generate(total: int, dutch: int, path: Path) -> dict[str, int]:
    """Write a register file of `total - dutch` organisations outside the Netherlands."""
    rng = random.Random(SEED)
    records, per_country = [], {}
    others = []
    for country, (_lau, regions) in LAU.items():
        others.append((country, Kind.PROVINCE, regions))
        others.append((country, Kind.MINISTRY, rng.randint(10, 25)))
        others.append((country, Kind.AGENCY, rng.randint(15, 120)))
        others.append((country, Kind.ZBO, rng.randint(5, 60)))
        others.append((country, Kind.OTHER, rng.randint(5, 40)))
    fixed = sum(n for _c, _k, n in others)
    room = total - dutch - fixed
    lau_total = sum(lau for lau, _r in LAU.values())
    municipalities = {c: max(1, round(lau * room / lau_total)) for c, (lau, _r) in LAU.items()}
    municipalities["FR"] += room - sum(municipalities.values())  # rounding
    plan = [(c, Kind.MUNICIPALITY, n) for c, n in municipalities.items()] + others
    for country, kind, n in plan:
        for i in range(n):
            national = f"{rng.randrange(10**8, 10**9)}{i:05d}"
            name = f"{rng.choice(WORDS)}{rng.choice(STEMS)} {i + 1}"
            label = Kind(kind).label
            records.append(
                {
                    "code": organisation_code(country, national),
                    "country": country,
                    "national_identifier": national,
                    "kind": kind,
                    "official_name": f"{label.capitalize()} {name} ({country})",
                    "short_name": name,
                    "valid_from": "2010-01-01",
                    "valid_until": "2015-12-31" if rng.random() < 0.03 else None,
                    "staff": rng.randint(5, 20000) if kind != Kind.MUNICIPALITY else None,
                    "inhabitants": rng.randint(200, 900_000) if kind == Kind.MUNICIPALITY else None,
                    "source": "generated for benchmarks/bench_eu_register.py",
                }
            )
            per_country[country] = per_country.get(country, 0) + 1
    path.write_text(json.dumps({"organisations": records}), encoding="utf-8")
    return per_country


def adopt(programme: Programme) -> AgendaVersion:
    version = AgendaVersion.objects.get(programme=programme, number=2)
    AgendaVersion.objects.filter(pk=version.pk).update(
        state=VersionState.ADOPTED, adopted_at=timezone.now()
    )
    version.refresh_from_db()
    return version


def make_families(programme: Programme, version: AgendaVersion) -> list[Family]:
    """Families by rule: the municipalities of each country, and EU-wide regions, ministries and
    agencies; three main activities each, and commitments from a fifth of the members."""
    specs = [
        (f"gemeenten-{c.lower()}", f"Gemeenten in {country_name(c)}", [Kind.MUNICIPALITY], [c])
        for c in LAU
    ]
    specs += [
        ("regios-eu", "Regio's in de EU", [Kind.PROVINCE], []),
        ("ministeries-eu", "Ministeries in de EU", [Kind.MINISTRY], []),
        ("uitvoering-eu", "Uitvoeringsorganisaties in de EU", [Kind.AGENCY, Kind.ZBO], []),
    ]
    families = [
        Family.objects.create(
            programme=programme,
            slug=slug,
            name=name,
            kinds=kinds,
            countries=countries,
            position=100 + i,
        )
        for i, (slug, name, kinds, countries) in enumerate(specs)
    ]
    step = version.steps.order_by("position").first()
    deadline = datetime.date.today() + datetime.timedelta(days=365)
    activities = MainActivity.objects.bulk_create(
        MainActivity(
            version=version,
            step=step,
            family=family,
            position=j,
            title=f"Hoofdactiviteit {j + 1} voor {family.name}",
            deadline=deadline,
        )
        for family in families
        for j in range(3)
    )
    commitments = []
    today = datetime.date.today()
    for family in families:
        members = list(family.members(today).order_by("sort_name", "code").values_list("pk"))
        for i, (pk,) in enumerate(members[::5]):
            for activity in [a for a in activities if a.family_id == family.pk]:
                commitments.append(
                    Commitment(
                        organisation_id=pk,
                        programme=programme,
                        main_activity=activity,
                        main_activity_anchor=activity.anchor,
                        title=f"{activity.title} in de praktijk",
                        what="Wij sluiten alle diensten aan.",
                        owner="Afdeling Dienstverlening",
                        status=STATUSES[i % 3],
                    )
                )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    return families


def time_urls(client: Client, urls, runs: int) -> list[str]:
    lines = ["| page | median ms | p95 ms | queries | within 300 ms |", "|---|---:|---:|---:|---|"]
    for name, url in urls:
        t = time_page(client, url, runs)
        if t.status != 200:
            lines.append(f"| {name} (`{url}`) | status {t.status} | | | no |")
            continue
        ok = "yes" if t.p95 <= GOAL_MS else "**no**"
        lines.append(f"| {name} (`{url}`) | {t.median:.1f} | {t.p95:.1f} | {t.queries} | {ok} |")
        print(lines[-1], flush=True)
    return lines


def load(organisations: int) -> Programme:
    """Migrate, load the real register and the demo, generate and import the rest of the EU
    register (timed, twice), and give the demo programme its EU families."""
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    dutch = Organisation.objects.count()
    path = Path(tempfile.mkdtemp(prefix="koers-eu-")) / "register.json"
    per_country = generate(organisations, dutch, path)
    start = time.perf_counter()
    result = import_register(path)
    first_import = time.perf_counter() - start
    start = time.perf_counter()
    again = import_register(path)
    second_import = time.perf_counter() - start
    print(
        f"import of {sum(per_country.values()):,} generated records ({dutch:,} Dutch from the "
        f"real register before): {first_import:.1f} s ({result.created:,} created); again, "
        f"unchanged: {second_import:.1f} s ({again.unchanged:,} unchanged)\n"
    )
    programme = Programme.objects.get(slug=SLUG)
    make_families(programme, adopt(programme))
    return programme


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument(
        "--no-load", action="store_true", help="time a database an earlier run loaded"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    programme = load(args.organisations) if not args.no_load else None
    programme = programme or Programme.objects.get(slug=SLUG)
    families = list(programme.families.all())
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user
    big = max(families, key=lambda f: f.members(datetime.date.today()).count())
    small = next(f for f in families if f.slug == "gemeenten-lu")
    eu = next(f for f in families if f.slug == "uitvoering-eu")
    commitments = Commitment.objects.filter(programme=programme).count()

    print(f"date: {datetime.date.today()}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"database: {connection.vendor}; load average at the start: {os.getloadavg()[0]:.1f}")
    print(
        f"register: {Organisation.objects.count():,} organisations in "
        f"{Organisation.objects.values('country').distinct().count()} countries "
        f"({Organisation.objects.filter(country='NL').count():,} Dutch); "
        f"{programme.families.count()} families, {commitments:,} commitments; "
        f"largest family {big.name} ({big.members(datetime.date.today()).count():,})"
    )

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    register = reverse("organisations:organisation-list")
    last_page = Organisation.objects.count() // 50
    urls = [
        ("register, page 1", register),
        ("register, a deep page", f"{register}?pagina={last_page // 2}"),
        ("register, municipalities in FR", f"{register}?land=FR&soort=gemeente"),
        ("register, search", f"{register}?zoek=noordberg"),
        (f"family page ({big.name})", f"{register}?familie={big.pk}"),
        (f"family page ({eu.name})", f"{register}?familie={eu.pk}"),
        ("programme with its families", reverse("organisations:programme-detail", args=[SLUG])),
        ("API organisations", "/api/v1/organisations"),
        ("API organisations, page 500", "/api/v1/organisations?page=500"),
        ("API organisations in DE", "/api/v1/organisations?country=DE"),
        ("API family", f"/api/v1/organisations?programme={SLUG}&family={big.slug}"),
        ("coverage of the programme", reverse("consultation:coverage-programme", args=[SLUG])),
        (
            f"coverage of {big.name}",
            reverse("consultation:coverage-family", args=[SLUG, big.slug]),
        ),
        (
            f"coverage of {small.name}",
            reverse("consultation:coverage-family", args=[SLUG, small.slug]),
        ),
        ("elaboration home", reverse("elaboration:elaboration-home", args=[SLUG])),
        (
            f"elaboration overview of {big.name}",
            reverse("elaboration:elaboration-family", args=[SLUG, big.slug]),
        ),
        (
            f"elaboration overview of {eu.name}",
            reverse("elaboration:elaboration-family", args=[SLUG, eu.slug]),
        ),
    ]
    time_urls(client, urls, args.runs)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    print(f"whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
