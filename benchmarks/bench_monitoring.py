"""Time the monitoring at the issue's size: every page and API call, the roll-up of a period and
the import of observations.

Usage: .venv/bin/python benchmarks/bench_monitoring.py [--scale 1.0] [--runs 7] [--skip-import]
       [--reuse] (with a file DATABASE_URL: time the database an earlier run built)
       (DATABASE_URL=postgres://... for PostgreSQL: the database must exist and be empty)

At --scale 1 it builds, seeded and in bulk: 10,000 organisations (municipalities), a programme
with one family, an adopted agenda of 2 steps x 5 main activities, 100,000 commitments (each
organisation elaborates every main activity) with 2 milestones each and their baselines, 4
quarterly reporting rounds (2016) in which 85 % of the commitments report (340,000 reports), a
catalogue of 20 indicators and 12 quarters of observations (2.4 million). --scale 0.1 makes a
tenth of the organisations (and so of everything else).

Then, as the programme office, with the Django test client: each monitoring page and API call
once to warm up, then --runs times (median and p95) and once more counting its queries; the
roll-up of one period (monitoring.rollup.roll_up, uncached); the import of 10,000 x 20 x 5
quarters = 1,000,000 new observations from one CSV file (read, check, write, one transaction)
into the table that already holds the 2.4 million. It prints Markdown for docs/benchmarks.md.
"""

import argparse
import datetime
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
os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Step
from koers.core.bulk import insert_rows
from koers.core.startup import settle
from koers.elaboration.constants import CommitmentStatus
from koers.elaboration.models import Commitment, Milestone
from koers.monitoring.constants import FrozenBecause, PlanKind, ReportStatus
from koers.monitoring.importing import import_observations
from koers.monitoring.models import MilestonePlan, ProgressReport, ReportingRound
from koers.monitoring.models_maturity import Indicator, Observation, Unit
from koers.monitoring.rollup import roll_up
from koers.organisations.constants import Kind
from koers.organisations.models import Family, Organisation, Programme

SLUG = "bench"
INDICATORS = 20
QUARTERS = [f"{year}-Q{q}" for year in (2015, 2016, 2017) for q in (1, 2, 3, 4)]
NEW_QUARTERS = ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4", "2019-Q1"]
ROUNDS = ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"]
STATUSES = [s.value for s in ReportStatus]
QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def ends_on(quarter: str) -> datetime.date:
    year, q = quarter.split("-Q")
    return datetime.date(int(year), *QUARTER_ENDS[int(q)])


def step(label: str):
    started = time.perf_counter()
    print(f"  {label} ...", end="", flush=True, file=sys.stderr)
    return lambda: print(f" {time.perf_counter() - started:.1f} s", file=sys.stderr)


def build(organisations: int):
    rng = random.Random(13)
    done = step("organisations")
    programme = Programme.objects.create(
        slug=SLUG,
        name="Bench",
        goal="-",
        deadline=datetime.date(2017, 12, 31),
        coordinating_body="-",
    )
    family = Family.objects.create(
        programme=programme, slug="gemeenten", name="Gemeenten", kinds=[Kind.MUNICIPALITY]
    )
    insert_rows(
        Organisation,
        [
            {
                "code": f"gm{n:05d}",
                "country": "NL",
                "national_identifier": "",
                "kind": Kind.MUNICIPALITY,
                "official_name": f"Gemeente {n}",
                "short_name": f"{n}",
                "sort_name": f"{n:05d}",
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
    org_ids = list(Organisation.objects.order_by("code").values_list("pk", flat=True))
    user = get_user_model().objects.create_user("bureau", "bureau@example.org", "x")
    Role.objects.create(user=user, programme=programme, kind=RoleKind.OFFICE)
    done()

    done = step("agenda and commitments")
    version = AgendaVersion.objects.create(programme=programme, number=1, title="Agenda")
    steps = [
        Step.objects.create(version=version, position=n, title=f"Stap {n + 1}") for n in (0, 1)
    ]
    activities = MainActivity.objects.bulk_create(
        MainActivity(
            version=version,
            step=steps[n // 5],
            family=family,
            position=n,
            title=f"Hoofdactiviteit {n + 1}",
            deadline=datetime.date(2017, 12, 31),
        )
        for n in range(10)
    )
    AgendaVersion.objects.filter(pk=version.pk).update(
        state=VersionState.ADOPTED, adopted_at=timezone.make_aware(datetime.datetime(2015, 12, 1))
    )
    now = timezone.now()
    anchor = Commitment._meta.get_field("main_activity_anchor")
    anchors = {a.pk: anchor.get_db_prep_value(a.anchor, connection) for a in activities}
    insert_rows(
        Commitment,
        [
            {
                "organisation_id": org,
                "main_activity_id": activity.pk,
                "main_activity_anchor": anchors[activity.pk],
                "programme_id": programme.pk,
                "title": f"{activity.title} bij {org}",
                "what": "Alle diensten digitaal.",
                "how": "",
                "owner": "Dienstverlening",
                "status": CommitmentStatus.COMMITTED,
                "dependency_note": "",
                "transferred_from_id": None,
                "transferred_at": None,
                "created_at": now,
                "updated_at": now,
            }
            for org in org_ids
            for activity in activities
        ],
    )
    commitments = list(
        Commitment.objects.filter(programme=programme)
        .order_by("pk")
        .values_list("pk", "organisation_id")
    )
    milestones = []
    for pk, _org in commitments:
        plan_on = datetime.date(2016, 6, 30) + datetime.timedelta(days=rng.randrange(0, 180))
        live_on = datetime.date(2017, 6, 30) + datetime.timedelta(days=rng.randrange(0, 180))
        done_on = plan_on if rng.random() < 0.6 else None
        milestones.append(
            {"commitment_id": pk, "title": "Plan", "due_on": plan_on, "done_on": done_on}
        )
        milestones.append(
            {"commitment_id": pk, "title": "Live", "due_on": live_on, "done_on": None}
        )
    insert_rows(Milestone, milestones)
    insert_rows(
        MilestonePlan,
        [
            {
                "commitment_id": c,
                "milestone_id": m,
                "title": t,
                "kind": PlanKind.BASELINE,
                "due_on": d,
                "frozen_because": FrozenBecause.ROUND,
                "reason": "",
                "report_id": None,
                "recorded_by_id": None,
                "recorded_at": now,
            }
            for m, c, t, d in Milestone.objects.filter(commitment__programme=programme).values_list(
                "pk", "commitment_id", "title", "due_on"
            )
        ],
    )
    done()

    done = step("rounds and reports")
    for period in ROUNDS:
        round_ = ReportingRound(
            programme=programme,
            period=period,
            opens_on=ends_on(period),
            deadline=ends_on(period) + datetime.timedelta(days=30),
            opened_by=user,
        )
        round_.save()
        rows = []
        for pk, org in commitments:
            if rng.random() < 0.85:
                status = STATUSES[rng.randrange(len(STATUSES))]
                rows.append(
                    {
                        "round_id": round_.pk,
                        "commitment_id": pk,
                        "organisation_id": org,
                        "number": 1,
                        "is_current": True,
                        "status": status,
                        "percent": 100 if status == ReportStatus.DONE else rng.randrange(100),
                        "explanation": "Loopt.",
                        "evidence_url": "",
                        "evidence_file": "",
                        "reported_by_id": user.pk,
                        "reported_at": now,
                    }
                )
        insert_rows(ProgressReport, rows)
    done()

    done = step("indicators and observations")
    indicators = [
        Indicator.objects.create(
            programme=programme,
            code=f"i{n:02d}",
            name=f"Indicator {n}",
            unit=Unit.SCALE if n == 0 else Unit.PERCENTAGE,
            levels=["A", "B", "C", "D", "E"] if n == 0 else [],
            valid_from=datetime.date(2000, 1, 1),
            position=n,
        )
        for n in range(INDICATORS)
    ]
    adapt = connection.ops.adapt_datefield_value
    today = adapt(datetime.date(2018, 1, 15))
    sql = (
        "INSERT INTO monitoring_observation (indicator_id, organisation_id, period, "
        "period_ends_on, value, source, observed_on, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for indicator in indicators:
            batch = []
            for quarter in QUARTERS:
                end = adapt(ends_on(quarter))
                for org in org_ids:
                    value = (
                        float(rng.randrange(5))
                        if indicator.unit == Unit.SCALE
                        else round(rng.uniform(0, 100), 1)
                    )
                    batch.append((indicator.pk, org, quarter, end, value, "gemeten", today, ""))
            for start in range(0, len(batch), 10_000):
                cursor.executemany(sql, batch[start : start + 10_000])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    done()
    return programme, family, user, version


def built_earlier():
    programme = Programme.objects.get(slug=SLUG)
    return (
        programme,
        Family.objects.get(programme=programme),
        get_user_model().objects.get(username="bureau"),
        AgendaVersion.objects.get(programme=programme),
    )


def csv_file(organisations: int) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    out.write("organisation,indicator,period,value,source,note\n")
    for n in range(organisations):
        for i in range(INDICATORS):
            for period in NEW_QUARTERS:
                value = "ABCDE"[rng.randrange(5)] if i == 0 else f"{rng.uniform(0, 100):.1f}"
                out.write(f"gm{n:05d},i{i:02d},{period},{value},gemeten,\n")
    return out.getvalue().encode()


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(round(len(timings) * 0.95)) - 1)]


def pages(programme, family):
    slug = programme.slug
    last = ROUNDS[-1]
    m = lambda name, *args: reverse(f"monitoring:{name}", args=[slug, *args])  # noqa: E731
    api = f"/api/v1/programmes/{slug}"
    return [
        ("monitoring home", m("monitoring-home")),
        ("round (programme)", m("round-detail", last)),
        ("round per family, page 1", m("round-family", last, family.slug)),
        ("late or at risk", m("risks")),
        ("slippage", m("slippage")),
        ("forecast", m("forecast")),
        ("indicator list", m("indicator-list")),
        ("indicator page with the explanation", m("indicator-detail", "i01") + "?periode=2017-Q4"),
        ("indicator page, scale", m("indicator-detail", "i00") + "?periode=2016-Q2"),
        ("organisation maturity", m("organisation-maturity", "gm00042")),
        ("organisation progress", m("organisation-progress", "gm00042")),
        ("progress report (HTML)", reverse("documents:progress-report", args=[slug, last])),
        ("API progress", f"{api}/progress"),
        ("API forecast", f"{api}/forecast"),
        ("API indicators", f"{api}/indicators"),
        ("API observations (one period)", f"{api}/indicators/i01/observations?period=2017-Q4"),
        (
            "API observations (one organisation)",
            f"{api}/indicators/i01/observations?organisation=gm00042",
        ),
        ("API explanation", f"{api}/indicators/i01/explanation?period=2017-Q4"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time a database an earlier run built (a file DATABASE_URL) instead of building one",
    )
    args = parser.parse_args()
    organisations = int(10_000 * args.scale)
    load = os.getloadavg()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.reuse and Programme.objects.filter(slug=SLUG).exists():
        programme, family, user, version = built_earlier()
        organisations = Organisation.objects.count()
    else:
        programme, family, user, version = build(organisations)
    built = time.perf_counter() - started
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {connection.vendor}; load average at the start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; scale {args.scale:g}: "
        f"{organisations:,} organisations, {Commitment.objects.count():,} commitments, "
        f"{ProgressReport.objects.count():,} reports, {Observation.objects.count():,} "
        f"observations; built in {built:.0f} s; {datetime.date.today()}"
    )
    print()
    print("| Page or call | Status | p50 ms | p95 ms | Queries |")
    print("|---|---:|---:|---:|---:|")
    # As each web server process does after loading (koers/wsgi.py): views loaded, and what is
    # loaded kept out of the garbage collector's full collections.
    settle()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for name, url in pages(programme, family):
        response = client.get(url)
        timings = []
        for _ in range(args.runs):
            begun = time.perf_counter()
            client.get(url)
            timings.append(1000 * (time.perf_counter() - begun))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p50, p95 = percentiles(timings)
        flag = "" if p95 <= 300 else " ⚠"
        print(
            f"| {name} | {response.status_code} | {p50:.0f} | {p95:.0f}{flag} | {len(queries)} |",
            flush=True,
        )
    print()
    print("| Batch work | Rows | Time |")
    print("|---|---:|---:|")
    round_ = ReportingRound.objects.get(programme=programme, period=ROUNDS[-1])
    begun = time.perf_counter()
    roll_up(programme, version, [round_])
    print(
        f"| roll-up of one period ({ROUNDS[-1]}) | "
        f"{ProgressReport.objects.filter(round=round_).count():,} reports | "
        f"{time.perf_counter() - begun:.1f} s |",
        flush=True,
    )
    if not args.skip_import:
        data = csv_file(organisations)
        begun = time.perf_counter()
        result = import_observations(programme, data, "bench.csv")
        took = time.perf_counter() - begun
        assert not result.problems, result.problems[:3]
        print(
            f"| import-observations into {Observation.objects.count() - result.created:,} "
            f"(read, check, write; {len(data) / 1e6:.0f} MB CSV) | {result.created:,} | "
            f"{took:.1f} s |"
        )


if __name__ == "__main__":
    main()
