"""Time the elaboration overview of the municipalities: 342 organisations x their main activities.

Usage: .venv/bin/python benchmarks/bench_elaboration.py [--runs N] [--extra-activities N]

It builds a fresh SQLite database in a temporary folder (migrate, the real register, the demo),
adopts the demo's concept (version 2) directly in the database, as the demo itself sets its
states (moving it with move_version would mail every contributor), and gives half of the
municipalities a commitment, with two milestones, for every main activity of their family.
The demo gives the municipalities four main activities; `--extra-activities` adds more to the
adopted version (inserted in bulk, past the freeze that guards edits) to try a wider table.
Then:

- the read model koers.agenda.elaboration_overview.family_overview, `--runs` times: median,
  95th percentile and the number of queries (the budget is 300 ms);
- the pages as the office: the elaboration home, the family overview (page 1 and with the
  "nog niet uitgewerkt" filter), one municipality's commitments, and the API.

It prints Markdown for docs/benchmarks.md.
"""

import argparse
import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["KOERS_VAR_DIR"] = tempfile.mkdtemp(prefix="koers-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ["DEBUG"] = "0"
# Production refuses the public development key; a benchmark makes a throwaway one.
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks.timing import percentiles, time_page
from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity
from koers.elaboration.constants import CommitmentStatus
from koers.elaboration.models import Commitment, Milestone
from koers.elaboration.overview import family_overview
from koers.organisations.models import Family, Programme

SLUG = "digitaal-2017"
FAMILY = "gemeenten"
STATUSES = [CommitmentStatus.DRAFT, CommitmentStatus.COMMITTED, CommitmentStatus.DONE]


def adopt(programme: Programme) -> AgendaVersion:
    version = AgendaVersion.objects.get(programme=programme, number=2)
    AgendaVersion.objects.filter(pk=version.pk).update(
        state=VersionState.ADOPTED, adopted_at=timezone.now()
    )
    version.refresh_from_db()
    return version


def add_activities(version: AgendaVersion, family: Family, n: int) -> None:
    step = version.steps.order_by("position").first()
    deadline = MainActivity.objects.filter(version=version).first().deadline
    MainActivity.objects.bulk_create(
        MainActivity(
            version=version,
            step=step,
            family=family,
            position=100 + i,
            title=f"Extra hoofdactiviteit {i + 1}",
            deadline=deadline,
        )
        for i in range(n)
    )


def add_commitments(programme: Programme, family: Family, version: AgendaVersion) -> int:
    """Half of the members (every other one by name) elaborate every main activity."""
    activities = list(MainActivity.objects.filter(version=version, family=family))
    members = list(family.members(datetime.date.today()).order_by("sort_name", "code"))[::2]
    commitments = [
        Commitment(
            organisation=organisation,
            programme=programme,
            main_activity=activity,
            main_activity_anchor=activity.anchor,
            title=f"{activity.title} in de praktijk",
            what="Wij sluiten alle diensten aan.",
            owner="Afdeling Dienstverlening",
            status=STATUSES[(i + j) % 3],
        )
        for i, organisation in enumerate(members)
        for j, activity in enumerate(activities)
    ]
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    saved = Commitment.objects.filter(programme=programme).values_list("pk", "main_activity_id")
    deadlines = {a.pk: a.deadline for a in activities}
    Milestone.objects.bulk_create(
        (
            Milestone(
                commitment_id=pk,
                title=title,
                due_on=deadlines[activity_id] - datetime.timedelta(days=days),
            )
            for pk, activity_id in saved
            for title, days in (("Plan", 180), ("Oplevering", 0))
        ),
        batch_size=4000,
    )
    return len(commitments)


def time_pages(office, runs: int) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    family_url = reverse("elaboration:elaboration-family", args=[SLUG, FAMILY])
    urls = [
        ("elaboration home", reverse("elaboration:elaboration-home", args=[SLUG])),
        ("municipalities overview, page 1", family_url),
        ("municipalities overview, page 4", family_url + "?pagina=4"),
        ("municipalities, not yet elaborated", family_url + "?filter=open"),
        (
            "commitments of gemeente Utrecht",
            reverse("elaboration:organisation-commitments", args=[SLUG, "gm0344"]),
        ),
        (
            "API commitments of the municipalities",
            f"/api/v1/programmes/{SLUG}/commitments?family={FAMILY}",
        ),
    ]
    print("| page | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for name, url in urls:
        t = time_page(client, url, runs)
        if t.status != 200:
            print(f"| {name} (`{url}`) | status {t.status} | | |")
            continue
        print(f"| {name} (`{url}`) | {t.median:.1f} | {t.p95:.1f} | {t.queries} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--extra-activities", type=int, default=0)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    programme = Programme.objects.get(slug=SLUG)
    family = Family.objects.get(programme=programme, slug=FAMILY)
    version = adopt(programme)
    add_activities(version, family, args.extra_activities)
    made = add_commitments(programme, family, version)
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f}; database: {connection.vendor}")
    overview = family_overview(family, version)
    print(
        f"{overview.members} municipalities x {len(overview.activities)} main activities "
        f"= {overview.members * len(overview.activities):,} cells; {made:,} commitments\n"
    )

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        family_overview(family, version)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        family_overview(family, version)
    median, p95 = percentiles(timings)
    print("| read model | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    print(f"| family_overview(gemeenten) | {median:.1f} | {p95:.1f} | {len(queries)} |\n")
    time_pages(office, args.runs)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
