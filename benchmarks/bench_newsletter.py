"""Send one newsletter issue to N subscribers, and time the news archive and feeds.

Usage: .venv/bin/python benchmarks/bench_newsletter.py [--subscribers N] [--posts N]
       [--kill-after K] [--skip-send] [--skip-pages]

It builds a fresh SQLite database in a temporary folder (migrate, one programme with two
families), N confirmed subscribers and one issue, starts a local SMTP server (aiosmtpd) on
127.0.0.1 and the real task worker (`koers db_worker --no-reload`) with Django's SMTP backend
pointed at it, and starts the sending. It samples the worker's resident memory (RSS) twice a
second and prints the time, messages per second and peak RSS. With --kill-after K it kills the
worker (SIGKILL) once K messages arrived, starts a new one, and checks that every subscriber got
the issue once (at most the one message in flight may arrive twice).

Then it creates --posts published posts and asks the archive (first and a later page) and the
programme, family and tag feeds ten times each through Django's test client, printing the median
and the 95th percentile.
"""

import argparse
import collections
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = tempfile.mkdtemp(prefix="koers-bench-")
os.environ["KOERS_VAR_DIR"] = VAR_DIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())
os.environ["SITE_URL"] = "https://koers.example.org"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from koers.accounts.models import NewsletterSubscription  # noqa: E402
from koers.news import newsletter  # noqa: E402
from koers.news.constants import IssueState, PostState  # noqa: E402
from koers.news.models import Delivery, Issue, Post, Tag  # noqa: E402
from koers.organisations.models import Family, Programme  # noqa: E402


class Counting:
    """An SMTP server that counts what it receives per recipient and throws the mail away."""

    def __init__(self):
        self.received = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received[address] += 1
        return "250 OK"

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def start_worker(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    koers = Path(sys.executable).parent / "koers"
    return subprocess.Popen([str(koers), "db_worker", "--no-reload"], env=env, cwd=ROOT)


def setup() -> tuple[Programme, list[Family]]:
    call_command("migrate", verbosity=0)
    programme = Programme.objects.create(
        slug="digitaal-2017",
        name="Digitaal 2017",
        deadline=timezone.now().date(),
        coordinating_body="Bureau",
    )
    families = [
        Family.objects.create(programme=programme, slug=slug, name=slug.title())
        for slug in ("gemeenten", "provincies")
    ]
    return programme, families


def send(programme, families, subscribers: int, kill_after: int | None) -> dict:
    rows = (
        NewsletterSubscription(
            programme=programme,
            email=f"lezer{i}@example.org",
            confirmed_at=timezone.now(),
            format="plain" if i % 5 == 0 else "html",
        )
        for i in range(subscribers)
    )
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            NewsletterSubscription.objects.bulk_create(batch)
            batch = []
    NewsletterSubscription.objects.bulk_create(batch)
    posts = [
        Post.objects.create(
            programme=programme,
            number=n,
            title=f"Bericht {n}",
            summary="Een korte samenvatting van wat er gebeurde.",
            body="Tekst.",
            state=PostState.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(1, 4)
    ]
    issue = newsletter.save_issue(
        Issue(programme=programme, subject="Nieuwsbrief", intro="Welkom bij **deze** nieuwsbrief."),
        posts=posts,
        families=[],
    )
    counter = Counting()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    started = time.perf_counter()
    newsletter.start_sending(issue)
    connection.close()
    worker = start_worker(port)
    peak, samples, restarts = 0, [], 0
    try:
        while True:
            kib = rss_kib(worker.pid)
            peak = max(peak, kib)
            samples.append((round(time.perf_counter() - started, 1), counter.total, kib))
            if kill_after is not None and restarts == 0 and counter.total >= kill_after:
                worker.send_signal(signal.SIGKILL)
                worker.wait()
                restarts += 1
                worker = start_worker(port)
            state = Issue.objects.filter(pk=issue.pk).values_list("state", flat=True).get()
            connection.close()
            if state == IssueState.SENT:
                break
            if worker.poll() is not None:
                raise SystemExit(f"the task worker stopped (exit code {worker.returncode})")
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    seconds = time.perf_counter() - started
    time.sleep(0.5)
    controller.stop()
    twice = sum(1 for n in counter.received.values() if n > 1)
    return {
        "seconds": seconds,
        "received": counter.total,
        "recipients": len(counter.received),
        "twice": twice,
        "unsent": Delivery.objects.filter(issue=issue, sent_at__isnull=True).count(),
        "peak_rss_mib": peak / 1024,
        "samples": samples,
        "restarts": restarts,
    }


def pages(programme, families, count: int) -> list[tuple[str, float, float]]:
    tag = Tag.objects.create(programme=programme, name="Consultatie", slug="consultatie")
    start = Post.objects.filter(programme=programme).count() + 1
    posts = Post.objects.bulk_create(
        Post(
            programme=programme,
            number=start + i,
            title=f"Nieuws {i}",
            slug=f"nieuws-{i}",
            summary="Een korte samenvatting van wat er gebeurde in het programma.",
            body="Tekst van het bericht met een [link](https://example.org).\n\n" * 5,
            state=PostState.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(minutes=i),
        )
        for i in range(count)
    )
    Post.families.through.objects.bulk_create(
        Post.families.through(post_id=p.pk, family_id=families[i % 2].pk)
        for i, p in enumerate(posts)
    )
    Post.tags.through.objects.bulk_create(
        Post.tags.through(post_id=p.pk, tag_id=tag.pk) for p in posts[::3]
    )
    client = Client()
    base = f"/programmas/{programme.slug}/nieuws"
    urls = {
        "archive, page 1": base,
        "archive, page 200": base + "?pagina=200",
        "programme feed": base + "/atom",
        "family feed": base + f"/families/{families[0].slug}/atom",
        "tag feed": base + "/onderwerpen/consultatie/atom",
        "newsletter archive": f"/programmas/{programme.slug}/nieuwsbrieven",
    }
    results = []
    for label, url in urls.items():
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(10):
            began = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - began) * 1000)
        times.sort()
        results.append((label, statistics.median(times), times[int(0.95 * (len(times) - 1))]))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--kill-after", type=int, default=None)
    parser.add_argument("--skip-send", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    if args.kill_after is not None:
        # The killed worker's task goes back to the queue once its heartbeat is this old.
        os.environ["TASK_WORKER_TIMEOUT"] = "15"
        os.environ["TASK_HEARTBEAT_SECONDS"] = "2"
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, SQLite, var {VAR_DIR}")
    programme, families = setup()
    if not args.skip_send:
        result = send(programme, families, args.subscribers, args.kill_after)
        print("\n| subscribers | time | messages/s | peak RSS of the worker | restarts |")
        print("|---|---|---|---|---|")
        print(
            f"| {args.subscribers:,} | {result['seconds']:.0f} s | "
            f"{result['received'] / result['seconds']:.0f} | {result['peak_rss_mib']:.0f} MiB | "
            f"{result['restarts']} |"
        )
        print(
            f"\nreceived {result['received']:,} messages for {result['recipients']:,} addresses; "
            f"{result['twice']} received twice; {result['unsent']} deliveries not sent"
        )
        step = max(1, len(result["samples"]) // 10)
        print("RSS over time (s, messages, KiB):", result["samples"][::step])
    if not args.skip_pages:
        print(f"\n| page ({args.posts:,} posts) | median | p95 |")
        print("|---|---|---|")
        for label, median, p95 in pages(programme, families, args.posts):
            print(f"| {label} | {median:.1f} ms | {p95:.1f} ms |")


if __name__ == "__main__":
    main()
