"""Time `import_observations` (koers/monitoring/importing.py): N organisations x 20 indicators x
P periods, from one CSV file, and the explanation of one indicator in one period.

Usage: .venv/bin/python benchmarks/bench_monitoring_observations.py [--organisations N]
       [--periods P]

The default, 5,000 organisations x 20 indicators x 10 periods, is the issue's 1,000,000
observations (budget: 60 s). It builds a fresh SQLite database in a temporary folder (migrate
only, no demo), makes the organisations, a programme with one family and the 20 indicators in
bulk, writes the CSV, then times the import (reading, checking and writing, one transaction)
and `explain.explanation` for the last period. It prints Markdown for docs/benchmarks.md.
"""

import argparse
import datetime
import io
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["KOERS_VAR_DIR"] = tempfile.mkdtemp(prefix="koers-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.core.bulk import insert_rows
from koers.monitoring import explain
from koers.monitoring.importing import import_observations
from koers.monitoring.models_maturity import Indicator, Observation, Unit
from koers.organisations.constants import Kind
from koers.organisations.models import Family, Organisation, Programme

INDICATORS = 20


def build(organisations: int):
    call_command("migrate", verbosity=0)
    programme = Programme.objects.create(
        slug="bench",
        name="Bench",
        goal="-",
        deadline=datetime.date(2017, 12, 31),
        coordinating_body="-",
    )
    Family.objects.create(
        programme=programme, slug="gemeenten", name="Gemeenten", kinds=[Kind.MUNICIPALITY]
    )
    rng = random.Random(13)
    insert_rows(
        Organisation,
        [
            {
                "code": f"gm{n:05d}",
                "kind": Kind.MUNICIPALITY,
                "official_name": f"gemeente {n}",
                "short_name": f"{n}",
                "sort_name": f"{n}",
                "inhabitants": int(10 ** rng.uniform(3, 6)),
                "staff": None,
                "customer_groups": '["burgers"]',
                "service_domains": "[]",
                "abbreviation": "",
                "municipality_code": "",
                "source": "",
            }
            for n in range(organisations)
        ],
    )
    for n in range(INDICATORS):
        Indicator.objects.create(
            programme=programme,
            code=f"i{n:02d}",
            name=f"Indicator {n}",
            unit=Unit.SCALE if n == 0 else Unit.PERCENTAGE,
            levels=["A", "B", "C", "D", "E"] if n == 0 else [],
            valid_from=datetime.date(2000, 1, 1),
        )
    return programme


def csv_file(organisations: int, periods: int) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    out.write("organisation,indicator,period,value,source,note\n")
    labels = [f"{2008 + p}" for p in range(periods)]
    for n in range(organisations):
        for i in range(INDICATORS):
            for period in labels:
                value = "ABCDE"[rng.randrange(5)] if i == 0 else f"{rng.uniform(0, 100):.1f}"
                out.write(f"gm{n:05d},i{i:02d},{period},{value},gemeten,\n")
    return out.getvalue().encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=5_000)
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    programme = build(args.organisations)
    data = csv_file(args.organisations, args.periods)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    result = import_observations(programme, data, "bench.csv")
    imported = time.perf_counter() - started
    assert not result.problems, result.problems[:3]
    count = Observation.objects.count()
    indicator = Indicator.objects.get(code="i01")
    last = f"{2008 + args.periods - 1}"
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        explain.explanation(indicator, last)
    explained = time.perf_counter() - started
    print(
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{connection.vendor}; set-up {prepared:.1f} s, file {len(data) / 1e6:.0f} MB"
    )
    print()
    print("| What | Rows | Time | Queries |")
    print("|---|---:|---:|---:|")
    print(f"| import-observations (read, check, write) | {count:,} | {imported:.1f} s | – |")
    print(
        f"| explanation of one indicator, one period | {args.organisations:,} | "
        f"{1000 * explained:.0f} ms | {len(queries)} |"
    )


if __name__ == "__main__":
    main()
