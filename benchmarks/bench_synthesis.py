"""Time a synthesis run in the application on 100,000 contributions, and the synthesis pages.

Usage: .venv/bin/python benchmarks/bench_synthesis.py [--rows N] [--new N] [--runs N]

It builds a fresh SQLite database in a temporary folder (migrate, register, the demo with its
3,000 contributions and their synthesis), adds N generated contributions of about 300
characters (benchmarks/text_synthetic.py: planted themes and campaigns, spread over the
families), and times, inside the application as the task worker runs it:

- a full run (load from the database, campaigns, themes, threads, store every assignment with
  its history row), with the process's peak memory;
- a run for new input only, after adding another `--new` contributions;
- the synthesis pages and the API, asked `--runs` times each as the programme office, with the
  median, the 95th percentile and the number of queries.

It prints Markdown for docs/benchmarks.md.
"""

import argparse
import contextlib
import os
import platform
import resource
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
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from benchmarks.text_synthetic import generate
from benchmarks.timing import time_page
from koers.accounts.models import Role, RoleKind
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.organisations.models import Programme
from koers.synthesis.constants import RunMode
from koers.synthesis.models import Campaign, SynthesisRun, Theme, ThemeAssignment
from koers.synthesis.services import perform_run

SLUG = "digitaal-2017"


def add_contributions(programme: Programme, n: int, seed: int) -> None:
    families = {f.slug: f for f in programme.families.all()}
    now = timezone.now()
    rows = generate(n, seed=seed)
    Contribution.objects.bulk_create(
        (
            Contribution(
                programme=programme,
                channel=Channel.IMPORT,
                text=text,
                family=families.get(group),
                submitted_at=now,
            )
            for text, group, _campaign, _theme in rows
        ),
        batch_size=5000,
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_run(programme: Programme, mode: str) -> tuple[SynthesisRun, float]:
    run = SynthesisRun.objects.create(programme=programme, mode=mode)
    start = time.perf_counter()
    perform_run(run)
    elapsed = time.perf_counter() - start
    assert run.state == "klaar", run.error
    return run, elapsed


def page_urls(programme: Programme) -> list[tuple[str, str]]:
    biggest = max(
        Theme.objects.active().filter(programme=programme, is_other=False),
        key=lambda t: t.assignments.count(),
    )
    campaign = Campaign.objects.filter(programme=programme).order_by("-size").first()
    urls = []
    for name, label, args, query in (
        ("synthesis:theme-list", "theme list", [SLUG], ""),
        (
            "synthesis:theme-detail",
            f"largest theme ({biggest.assignments.count():,})",
            [SLUG, biggest.pk],
            "",
        ),
        ("synthesis:theme-detail", "largest theme, page 20", [SLUG, biggest.pk], "?pagina=20"),
        ("synthesis:campaign-list", "campaign list", [SLUG], ""),
        (
            "synthesis:campaign-detail",
            f"largest campaign ({campaign.size:,})",
            [SLUG, campaign.pk],
            "",
        ),
        ("synthesis:common-threads", "common-thread overview", [SLUG], ""),
        ("synthesis:synthesis-run-list", "run list", [SLUG], ""),
    ):
        with contextlib.suppress(NoReverseMatch):
            urls.append((label, reverse(name, args=args) + query))
    urls.append(("API themes", f"/api/v1/programmes/{SLUG}/themes"))
    urls.append(("API campaigns", f"/api/v1/programmes/{SLUG}/campaigns"))
    return urls


def time_pages(programme: Programme, runs: int) -> None:
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    print("| page | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for name, url in page_urls(programme):
        t = time_page(client, url, runs)
        if t.status != 200:
            print(f"| {name} (`{url}`) | status {t.status} | | |")
            continue
        print(f"| {name} (`{url}`) | {t.median:.1f} | {t.p95:.1f} | {t.queries} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    programme = Programme.objects.get(slug=SLUG)
    add_contributions(programme, args.rows, seed=1)
    total = Contribution.objects.filter(programme=programme).count()

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f}; database: {connection.vendor}")
    before = peak_mb()
    full, full_s = timed_run(programme, RunMode.FULL)
    stored = ThemeAssignment.objects.filter(contribution__programme=programme).count()
    assert stored == total, (stored, total)
    print(
        f"full run on {total:,} contributions: {full_s:.1f} s; peak memory of the process "
        f"{peak_mb():.0f} MB (before the run {before:.0f} MB); {full.themes_created} new themes, "
        f"{full.campaigns_found} campaigns, {full.decisions_kept} decisions of people kept"
    )
    add_contributions(programme, args.new, seed=2)
    new, new_s = timed_run(programme, RunMode.NEW)
    print(f"run for {new.contributions:,} new contributions: {new_s:.1f} s\n")
    time_pages(programme, args.runs)


if __name__ == "__main__":
    main()
