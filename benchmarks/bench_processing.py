"""Time the processing (verwerking) of 100,000 contributions: bulk dispositions and the overview.

Usage: .venv/bin/python benchmarks/bench_processing.py [--rows N] [--big N] [--runs N]

It builds a fresh SQLite database in a temporary folder (migrate, register, the demo with its
3,000 contributions and their synthesis), adds N contributions spread over the families and
puts them in themes directly: one theme of `--big` contributions and 24 sharing the rest. The
processing overview only reads themes and assignments, so how they were made (the text engine
or this shortcut, which saves minutes) does not change what is timed. Then, as the programme
office:

- bulk disposition of the big theme (every contribution new), and of the same theme again
  (every disposition replaced), each with its history rows;
- bulk disposition of all other themes but three, and 500 decisions one by one, so most
  input is disposed in bulk per theme;
- the processing overview in the read model, `--runs` times: median, 95th percentile and the
  number of queries (the budget is 200 ms);
- the processing pages, the download of every disposition and the API.

It prints Markdown for docs/benchmarks.md.
"""

import argparse
import os
import platform
import statistics
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
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.core.bulk import insert_rows
from koers.organisations.models import Programme
from koers.synthesis.constants import Outcome
from koers.synthesis.dispositions import dispose, dispose_theme
from koers.synthesis.models import Disposition, Theme, ThemeAssignment
from koers.synthesis.processing import processing_overview

SLUG = "digitaal-2017"
THEMES = 25
LEFT_OPEN = 3


def add_input(programme: Programme, n: int, big: int) -> list[Theme]:
    """n contributions in THEMES new themes, the first of which holds `big` of them."""
    families = list(programme.families.all())
    now = timezone.now()
    publications = [Publication.NONE, Publication.ANONYMOUS, Publication.NAMED]
    Contribution.objects.bulk_create(
        (
            Contribution(
                programme=programme,
                channel=Channel.IMPORT,
                family=families[i % len(families)],
                text=f"Bijdrage {i} over de digitale agenda.",
                submitted_at=now,
                publication=publications[i % 3],
                source_id=f"bench-{i}",
            )
            for i in range(n)
        ),
        batch_size=5000,
    )
    ids = list(
        Contribution.objects.filter(programme=programme, source_id__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    themes = [
        Theme.objects.create(programme=programme, label=f"Benchmarkthema {t + 1}")
        for t in range(THEMES)
    ]
    rest = THEMES - 1
    rows = []
    for i, pk in enumerate(ids):
        theme = themes[0] if i < big else themes[1 + i % rest]
        rows.append(
            {
                "contribution_id": pk,
                "theme_id": theme.pk,
                "campaign_id": None,
                "assigned_by_id": None,
                "run_id": None,
                "similarity": None,
                "assigned_at": now,
            }
        )
    insert_rows(ThemeAssignment, rows)
    return themes


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def time_pages(programme: Programme, office, big: Theme, runs: int) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    single = Disposition.objects.filter(
        contribution__programme=programme, via_theme__isnull=True
    ).first()
    urls = [
        ("processing overview", reverse("synthesis:processing-overview", args=[SLUG]), runs),
        ("open contributions", reverse("synthesis:processing-open", args=[SLUG]), runs),
        (
            "open contributions, page 20",
            reverse("synthesis:processing-open", args=[SLUG]) + "?pagina=20",
            runs,
        ),
        (
            f"theme bulk form ({big.assignments.count():,})",
            reverse("synthesis:theme-dispose", args=[SLUG, big.pk]),
            runs,
        ),
        (
            "one contribution",
            reverse("synthesis:contribution-dispose", args=[SLUG, single.contribution_id]),
            runs,
        ),
        (
            "download of every disposition (CSV)",
            reverse("synthesis:dispositions-export", args=[SLUG, "csv"]),
            3,
        ),
        (
            "download of every disposition (ODS)",
            reverse("synthesis:dispositions-export", args=[SLUG, "ods"]),
            3,
        ),
        ("API dispositions", f"/api/v1/programmes/{SLUG}/dispositions", runs),
        (
            "API dispositions of one theme",
            f"/api/v1/programmes/{SLUG}/dispositions?theme={big.pk}",
            runs,
        ),
    ]
    print("| page | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for name, url, n in urls:
        t = time_page(client, url, n)
        if t.status != 200:
            print(f"| {name} (`{url}`) | status {t.status} | | |")
            continue
        print(f"| {name} (`{url}`) | {t.median:.1f} | {t.p95:.1f} | {t.queries} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    programme = Programme.objects.get(slug=SLUG)
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user
    themes = add_input(programme, args.rows, args.big)
    total = Contribution.objects.visible().filter(programme=programme).count()
    Disposition.objects.filter(contribution__programme=programme).delete()

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f}; database: {connection.vendor}")
    print(f"{total:,} visible contributions; the big theme holds {args.big:,}\n")
    print("| bulk disposition | rows | seconds |")
    print("|---|---:|---:|")
    big = themes[0]
    done, seconds = timed(dispose_theme, big, Outcome.ADOPTED, "Staat in stap 2.", by=office)
    print(f"| theme of {args.big:,}, all new | {done.created:,} | {seconds:.2f} |")
    done, seconds = timed(dispose_theme, big, Outcome.PARTLY, "Deels, zie stap 2.", by=office)
    print(f"| same theme again, all replaced | {done.changed:,} | {seconds:.2f} |")
    start = time.perf_counter()
    bulk = 0
    for theme in themes[1:-LEFT_OPEN]:
        done = dispose_theme(theme, Outcome.COVERED, "Staat al in de agenda.", by=office)
        bulk += done.created
    print(
        f"| {THEMES - 1 - LEFT_OPEN} other themes | {bulk:,} | {time.perf_counter() - start:.2f} |"
    )
    singles = list(
        ThemeAssignment.objects.filter(theme=themes[-1]).values_list("contribution_id", flat=True)
    )[:500]
    start = time.perf_counter()
    for pk in singles:
        dispose([pk], Outcome.NOT_ADOPTED, "Past niet bij de agenda.", by=office)
    print(
        f"| 500 decisions one by one (each its own call) | 500 | "
        f"{time.perf_counter() - start:.2f} |\n"
    )

    timings, cpu = [], []
    for _ in range(args.runs):
        start = time.process_time()
        _result, seconds = timed(processing_overview, programme)
        timings.append(seconds * 1000)
        cpu.append((time.process_time() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        processing = processing_overview(programme)
    median, p95 = percentiles(timings)
    # CPU time of this process (SQLite runs in it): what the machine's load does not inflate.
    print(
        f"processing overview (read model) of {processing.total.total:,} contributions, "
        f"{processing.total.percent} % disposed: median {median:.1f} ms, p95 {p95:.1f} ms "
        f"(CPU median {statistics.median(cpu):.1f} ms), {len(queries)} queries "
        f"(budget 200 ms); load average now {os.getloadavg()[0]:.1f}\n"
    )
    time_pages(programme, office, big, args.runs)


if __name__ == "__main__":
    main()
