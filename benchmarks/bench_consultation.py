"""Time the import of 100,000 contributions from CSV and the contribution pages on top of them.

Usage: .venv/bin/python benchmarks/bench_consultation.py [--rows N] [--runs N]

It builds a fresh SQLite database in a temporary folder (migrate, register, demo), writes a CSV
file of N generated contributions (about 300 characters each, spread over the families and
their organisations, with dates, authors, channels and source ids), times `import_contributions`
on it, checks that a re-import creates nothing and that search finds imported rows, and then asks
each page N times through Django's test client as the demo's programme office. It prints the
median, the 95th percentile and the number of queries as a Markdown table for docs/benchmarks.md.
"""

import argparse
import contextlib
import csv
import io
import os
import platform
import random
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
from django.urls import NoReverseMatch, reverse

from koers.accounts.models import Role, RoleKind
from koers.consultation.importing import import_contributions
from koers.consultation.models import Contribution
from koers.organisations.models import Programme

SLUG = "digitaal-2017"
SUBJECTS = [
    "de websites van de overheid",
    "DigiD en eHerkenning",
    "MijnOverheid",
    "de berichtenbox",
    "het omgevingsloket",
    "de waterschapsbelasting",
    "de aanvraag van een vergunning",
    "het digitale klantdossier",
    "het zaakgericht werken",
    "de toegankelijkheid van formulieren",
]
OPINIONS = [
    "Wij vinden dat {s} eenvoudiger moet voor burgers en bedrijven.",
    "Onze organisatie maakt zich zorgen over de planning van {s}.",
    "Het zou helpen als het programma {s} samen met de koepels oppakt.",
    "Digitaal is de kwaliteitssprong, maar voor {s} blijft de balie nodig.",
    "Graag meer aandacht voor de kosten van {s} voor kleine organisaties.",
    "De ervaringen met {s} zijn wisselend; sommige gebruikers haken af.",
]
TAILS = [
    "Wij willen hierover graag verder praten aan de ronde tafel van onze familie.",
    "Dit vraagt om afspraken tussen gemeenten, provincies en het Rijk.",
    "Zonder extra capaciteit halen wij de deadline van 2017 niet.",
    "Wij sluiten graag aan bij een gezamenlijke aanpak met de andere organisaties.",
]


def generate_csv(rows: int, programme: Programme) -> bytes:
    rnd = random.Random(2017)
    families = list(programme.families.all())
    members = {f.slug: list(f.members().values_list("code", flat=True)) for f in families}
    members = {slug: codes for slug, codes in members.items() if codes}
    slugs = list(members)
    channels = ["import"] * 6 + ["e-mail", "position-paper"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["text", "organisation", "family", "channel", "date", "author", "source_id"])
    for n in range(rows):
        family = rnd.choice(slugs)
        subject = rnd.choice(SUBJECTS)
        text = " ".join(
            [
                rnd.choice(OPINIONS).format(s=subject),
                rnd.choice(TAILS),
                rnd.choice(OPINIONS).format(s=rnd.choice(SUBJECTS)),
                f"(kenmerk {n})",
            ]
        )[:300]
        day = f"{rnd.randint(1, 28):02d}-{rnd.randint(3, 8):02d}-2016"
        writer.writerow(
            [
                text,
                rnd.choice(members[family]),
                family if n % 3 else "",
                rnd.choice(channels),
                day,
                f"Medewerker {rnd.randint(1, 900)}",
                f"bench-{n}",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def page_urls(programme: Programme) -> list[tuple[str, str]]:
    base = reverse("consultation:contribution-list", args=[SLUG])
    family = programme.families.get(slug="gemeenten")
    urls = [
        ("contribution list, first page", base),
        ("contribution list, page 100", f"{base}?pagina=100"),
        ("search 'toegankelijkheid'", f"{base}?zoek=toegankelijkheid"),
        ("search 'ronde tafel familie'", f"{base}?zoek=ronde+tafel+familie"),
        ("filtered: family + channel", f"{base}?familie={family.pk}&kanaal=e-mail"),
        ("filtered: organisation gm0344", f"{base}?organisatie=gm0344"),
        ("filtered: date range + search", f"{base}?van=2016-05-01&tot=2016-05-31&zoek=balie"),
        ("moderation queue", reverse("consultation:contribution-moderation", args=[SLUG])),
        ("API contributions", f"/api/v1/programmes/{SLUG}/contributions"),
    ]
    for name, args in (
        ("consultation:coverage-programme", [SLUG]),
        ("consultation:coverage-family", [SLUG, "gemeenten"]),
    ):
        with contextlib.suppress(NoReverseMatch):  # the coverage pages may not be there yet
            urls.append((f"coverage ({name})", reverse(name, args=args)))
    return urls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("import_organisations", stdout=devnull)
        call_command("demo", stdout=devnull)
    t1 = time.perf_counter()
    programme = Programme.objects.get(slug=SLUG)
    before = Contribution.objects.count()
    data = generate_csv(args.rows, programme)
    t2 = time.perf_counter()
    result = import_contributions(programme, data, "bench.csv")
    t3 = time.perf_counter()
    assert result.created == args.rows and not result.problems, result.problems[:5]
    again = import_contributions(programme, data, "bench.csv")
    t4 = time.perf_counter()
    assert again.created == 0 and again.unchanged == args.rows
    found = Contribution.objects.filter(import_batch=result.batch).search("kenmerk 4711").count()
    assert found >= 1, "search does not find imported rows"

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at start of the timings: {os.getloadavg()[0]:.1f}")
    print(
        f"setup (migrate, register, demo) {t1 - t0:.1f} s; CSV of {args.rows:,} rows generated "
        f"in {t2 - t1:.1f} s ({len(data) / 1e6:.1f} MB)"
    )
    print(
        f"import of {args.rows:,} rows: {t3 - t2:.1f} s; re-import (all unchanged): "
        f"{t4 - t3:.1f} s; contributions in the database: {before + result.created:,}\n"
    )

    office = Role.objects.filter(kind=RoleKind.OFFICE, programme=programme).first().user
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(office)
    print("| page | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for name, url in page_urls(programme):
        response = client.get(url)  # warm caches and templates
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"| {name} (`{url}`) | {statistics.median(timings):.1f} | {p95:.1f} | {len(queries)} |"
        )


if __name__ == "__main__":
    main()
