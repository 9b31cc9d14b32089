"""Time the foundation's pages and API on the real register with the demo programme.

Usage: .venv/bin/python benchmarks/bench_pages.py [--runs N]

It builds a fresh SQLite database in a temporary folder (migrate, register, demo), then asks
each URL N times through Django's test client (no network, no server: the figure is the
application's own time per request) and prints the median, the 95th percentile and the number
of queries, as a Markdown table for docs/benchmarks.md.
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

URLS = [
    ("home", "/"),
    ("programme", "/programmas/digitaal-2017"),
    ("register, first page", "/organisaties"),
    ("register, search", "/organisaties?zoek=gemeente"),
    ("register, family on a date", "/organisaties?familie=1&peildatum=2015-06-26&pagina=3"),
    ("organisation detail", "/organisaties/gm0344"),
    ("merged organisation", "/organisaties/gm0788"),
    ("facilities", "/voorzieningen"),
    ("API organisations", "/api/v1/organisations?kind=gemeente"),
    ("healthz", "/healthz"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t1 = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("import_organisations", stdout=quiet)
        t2 = time.perf_counter()
        call_command("demo", stdout=quiet)
        t3 = time.perf_counter()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"migrate {t1 - t0:.2f} s, import register {t2 - t1:.2f} s, demo {t3 - t2:.2f} s\n")
    client = Client(HTTP_HOST="127.0.0.1")
    print("| page | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for name, url in URLS:
        client.get(url)  # warm caches and templates
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"| {name} (`{url}`) | {statistics.median(timings):.1f} | {p95:.1f} | {len(queries)} |"
        )


if __name__ == "__main__":
    main()
