"""Time the response report (reactienota) on 100,000 contributions: the page and the PDF.

Usage: .venv/bin/python benchmarks/bench_documents.py [--rows N] [--runs N]

It builds a fresh SQLite database in a temporary folder (migrate, register, the demo), adds N
generated contributions (benchmarks/text_synthetic.py), a third of them published, runs a full
synthesis, and decides every theme in bulk (koers.core.bulk.insert_rows: one reason per theme,
every tenth contribution decided on its own with a reason of its own, a tenth left open). The
latest version becomes a concept and its trace cites every theme. Then it times, as the
programme office, the report page (HTML, goal <= 5 s) `--runs` times, the PDF (goal <= 60 s)
once, and the ODT once, with the number of queries.

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

from benchmarks.bench_synthesis import SLUG, add_contributions, timed_run
from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, Paragraph
from koers.consultation.constants import Publication
from koers.consultation.models import Contribution
from koers.core.bulk import insert_rows
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.organisations.models import Programme
from koers.synthesis.constants import Outcome, RunMode
from koers.synthesis.models import Disposition, Theme, ThemeAssignment

OUTCOMES = list(Outcome.values)


def decide_everything(programme: Programme, office) -> int:
    """Dispositions for 90 % of the assigned input, in bulk per theme, straight into the table."""
    Disposition.objects.filter(contribution__programme=programme).delete()
    now = timezone.now()
    rows = []
    themes = {t.pk: t for t in Theme.objects.active().filter(programme=programme)}
    for n, (contribution_id, theme_id) in enumerate(
        ThemeAssignment.objects.filter(contribution__programme=programme)
        .order_by("contribution_id")
        .values_list("contribution_id", "theme_id")
    ):
        if n % 10 == 9:
            continue  # left open: the report counts what is still unprocessed
        own = n % 10 == 0
        theme = themes.get(theme_id)
        rows.append(
            {
                "contribution_id": contribution_id,
                "outcome": OUTCOMES[(theme_id + (n if own else 0)) % len(OUTCOMES)],
                "reason": f"Eigen afweging bij bijdrage {contribution_id}."
                if own
                else f"Besluit over het thema {theme.label if theme else theme_id}.",
                "decided_by_id": office.pk,
                "decided_at": now,
                "via_theme_id": None if own else theme_id,
                "via_campaign_id": None,
            }
        )
    insert_rows(Disposition, rows)
    return len(rows)


def concept_with_trace(programme: Programme, office) -> AgendaVersion:
    version = programme.versions.order_by("-number").first()
    AgendaVersion.objects.filter(pk=version.pk).update(state=VersionState.CONCEPT)
    version.refresh_from_db()
    paragraphs = list(Paragraph.objects.filter(version=version).order_by("pk")[:20])
    some = list(
        Contribution.objects.filter(programme=programme)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    for n, theme in enumerate(Theme.objects.active().filter(programme=programme)):
        if not paragraphs:
            break
        change = Change.objects.create(
            version=version,
            kind=ItemKind.PARAGRAPH,
            anchor=paragraphs[n % len(paragraphs)].anchor,
            action=ChangeAction.CHANGED,
            summary=f"Aangepast naar aanleiding van {theme.label}.",
            made_by=office,
        )
        change.themes.add(theme)
        change.contributions.add(*some[n * 5 : n * 5 + 5])
    return version


def timed_get(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    programme = Programme.objects.get(slug=SLUG)
    add_contributions(programme, args.rows, seed=1)
    # A third of the authors consented to publication: quotes come only from them.
    Contribution.objects.filter(programme=programme, pk__gt=0).extra(where=["id % 3 = 0"]).update(
        publication=Publication.ANONYMOUS
    )
    total = Contribution.objects.filter(programme=programme).count()
    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f}; database: {connection.vendor}")
    _run, run_s = timed_run(programme, RunMode.FULL)
    start = time.perf_counter()
    decided = decide_everything(programme, office)
    print(
        f"{total:,} contributions; synthesis {run_s:.1f} s; {decided:,} dispositions inserted "
        f"in {time.perf_counter() - start:.1f} s"
    )
    version = concept_with_trace(programme, office)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    page = reverse("documents:response-report", args=[SLUG, version.number])
    timed_get(client, page)  # warm templates
    timings, queries = [], 0
    for _ in range(args.runs):
        elapsed, queries, size = timed_get(client, page)
        timings.append(elapsed)
    print(f"load average before the documents: {os.getloadavg()[0]:.1f}\n")
    print("| document | time | goal | queries | size |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| response report, HTML (median of {args.runs}) | {statistics.median(timings):.2f} s "
        f"| 5 s | {queries} | {size / 1024:.0f} KB |"
    )
    for fmt, goal in (("pdf", "60 s"), ("odt", "–")):
        url = reverse("documents:response-report-download", args=[SLUG, version.number, fmt])
        elapsed, queries, size = timed_get(client, url)
        print(
            f"| response report, {fmt.upper()} | {elapsed:.2f} s | {goal} | {queries} | {size / 1024:.0f} KB |"
        )
    family = programme.families.order_by("position").first()
    url = reverse("documents:response-report-family", args=[SLUG, version.number, family.slug])
    elapsed, queries, size = timed_get(client, url)
    print(
        f"| response report of {family.name}, HTML | {elapsed:.2f} s | 5 s | {queries} | {size / 1024:.0f} KB |"
    )
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
