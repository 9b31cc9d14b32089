"""Time every office page and API list on a database loaded with `koers demo --contributions N`.

Usage, one command per database (the demo is loaded first unless --no-load is given):

    # SQLite (a database in a temporary folder unless KOERS_VAR_DIR names one)
    .venv/bin/python benchmarks/bench_million.py --contributions 1000000 --runs 20

    # PostgreSQL (createdb -h 127.0.0.1 -U postgres koers_bench first)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_bench \
        .venv/bin/python benchmarks/bench_million.py --contributions 1000000 --runs 20

    # only the timings, on a database that already holds the demo
    ... benchmarks/bench_million.py --no-load --runs 20

Each URL is asked once to warm caches, then --runs times through Django's test client as the
demo's programme office (the application's own time, no network or server), then once more to
count the SQL queries. It prints median, p95, the query count and the goal (200 ms for a page,
100 ms for an API list) as a Markdown table for docs/benchmarks.md, with the machine, the
database, the date and the load average.
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
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from benchmarks.timing import time_page
from koers.accounts.models import Role, RoleKind
from koers.consultation.models import Contribution
from koers.organisations.models import Programme

SLUG = "digitaal-2017"
PAGE_GOAL_MS = 200
API_GOAL_MS = 100


def urls(programme: Programme) -> list[tuple[str, str, int]]:
    """(name, url, goal in ms) for each page of the issue."""
    from koers.synthesis.models import Theme

    contributions = reverse("consultation:contribution-list", args=[SLUG])
    family = programme.families.get(slug="gemeenten")
    themes = (
        Theme.objects.filter(programme=programme)
        .annotate(size=Count("assignments"))
        .order_by("-size")
    )
    biggest = themes.first()
    version = programme.versions.order_by("-number").first()
    api = f"/api/v1/programmes/{SLUG}"
    rows = [
        ("contribution list, first page", contributions, PAGE_GOAL_MS),
        ("contribution list, page 1,000", f"{contributions}?pagina=1000", PAGE_GOAL_MS),
        ("search 'toegankelijkheid'", f"{contributions}?zoek=toegankelijkheid", PAGE_GOAL_MS),
        (
            "filtered: family + channel",
            f"{contributions}?familie={family.pk}&kanaal=e-mail",
            PAGE_GOAL_MS,
        ),
        ("filtered: organisation gm0344", f"{contributions}?organisatie=gm0344", PAGE_GOAL_MS),
        # The demo's input arrives from June to mid-August 2015: one month within it, and one
        # after it, where nothing is found (the database may read every match to learn that).
        (
            "filtered: date range + search",
            f"{contributions}?van=2015-07-01&tot=2015-07-31&zoek=balie",
            PAGE_GOAL_MS,
        ),
        (
            "filtered: date range + search, nothing found",
            f"{contributions}?van=2016-05-01&tot=2016-05-31&zoek=balie",
            PAGE_GOAL_MS,
        ),
        (
            "moderation queue",
            reverse("consultation:contribution-moderation", args=[SLUG]),
            PAGE_GOAL_MS,
        ),
        ("coverage, programme", reverse("consultation:coverage-programme", args=[SLUG]), 200),
        (
            "coverage, family gemeenten",
            reverse("consultation:coverage-family", args=[SLUG, "gemeenten"]),
            PAGE_GOAL_MS,
        ),
        ("themes", reverse("synthesis:theme-list", args=[SLUG]), PAGE_GOAL_MS),
    ]
    if biggest is not None:
        rows.append(
            (
                f"theme of {biggest.size:,}",
                reverse("synthesis:theme-detail", args=[SLUG, biggest.pk]),
                PAGE_GOAL_MS,
            )
        )
    rows += [
        ("processing overview", reverse("synthesis:processing-overview", args=[SLUG]), 200),
        ("processing, open input", reverse("synthesis:processing-open", args=[SLUG]), 200),
    ]
    if version is not None:
        rows.append(
            (
                "response report (HTML)",
                reverse("documents:response-report", args=[SLUG, version.number]),
                PAGE_GOAL_MS,
            )
        )
    rows += [
        ("API contributions", f"{api}/contributions", API_GOAL_MS),
        ("API contributions, page 1,000", f"{api}/contributions?page=1000", API_GOAL_MS),
        ("API themes", f"{api}/themes", API_GOAL_MS),
        ("API campaigns", f"{api}/campaigns", API_GOAL_MS),
        ("API dispositions", f"{api}/dispositions", API_GOAL_MS),
    ]
    if biggest is not None:
        rows.append(("API theme of the biggest", f"{api}/themes/{biggest.pk}", API_GOAL_MS))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-load", action="store_true", help="time an existing demo database")
    args = parser.parse_args()
    vendor = connection.vendor
    if not args.no_load:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as devnull:
            call_command("import_organisations", stdout=devnull)
            call_command("demo", contributions=args.contributions, stdout=devnull)
        if vendor == "postgresql":
            # What autovacuum does soon after a load this size, done now: the visibility map
            # that lets an index be read without its table (the demo made the statistics).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        print(
            f"migrate, register and `demo --contributions {args.contributions}` on {vendor}: "
            f"{time.perf_counter() - started:.0f} s"
        )
    programme = Programme.objects.get(slug=SLUG)
    total = Contribution.objects.filter(programme=programme).count()
    print(
        f"{datetime.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {vendor} {connection.Database.__name__}; "
        f"{total:,} contributions; load average {os.getloadavg()[0]:.1f} at the start"
    )
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    print("\n| page | median ms | p95 ms | queries | goal |")
    print("|---|---:|---:|---:|---|")
    for name, url, goal in urls(programme):
        t = time_page(client, url, args.runs)
        if t.status != 200:
            print(f"| {name} (`{url}`) | | | | answered {t.status} |")
            continue
        verdict = f"≤ {goal} ms: " + ("met" if t.p95 <= goal else "**not met**")
        print(f"| {name} (`{url}`) | {t.median:.1f} | {t.p95:.1f} | {t.queries} | {verdict} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
