"""Eight readers ask for the same PDF at once: how long does another page take meanwhile?

Usage:
  .venv/bin/python benchmarks/bench_pdf_concurrency.py --serve            # starts gunicorn as
                                                                          # `koers run` does
  .venv/bin/python benchmarks/bench_pdf_concurrency.py --base http://127.0.0.1:8000

With --serve it starts `gunicorn koers.wsgi` on 127.0.0.1 (two workers, four threads each, as
`koers run`) on the database of KOERS_VAR_DIR (load the demo there first: `koers demo`), and
stops it afterwards. Otherwise it measures the server at --base.

One round: N threads ask for the PDF at the same moment (a barrier), from a cold cache (the PDF is
made with a query string that changes nothing but the server's URL cache, never the key; a
restart of the server empties the PDF cache) while one more thread asks for an ordinary page again
and again until every PDF has arrived. It prints each PDF request's time and status, and the
ordinary page's median and slowest time during the burst. Bounded: every request times out after
--timeout seconds, and the page loop stops when the PDFs are done.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fetch(url: str, timeout: float) -> tuple[int, float, int]:
    """(status, seconds, bytes) of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
    return status, time.perf_counter() - start, len(body)


def wait_for(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(base + "/healthz", 2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"no server at {base} after {seconds} s")


def burst(base: str, pdf: str, page: str, concurrency: int, timeout: float) -> dict:
    barrier = threading.Barrier(concurrency + 1)
    pdf_results: list[tuple[int, float, int]] = []
    done = threading.Event()

    def ask_pdf():
        barrier.wait()
        pdf_results.append(fetch(base + pdf, timeout))

    threads = [threading.Thread(target=ask_pdf) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    page_times: list[float] = []
    statuses: set[int] = set()

    slow: list[tuple[float, float]] = []

    def ask_page():
        while not done.is_set():
            at = time.perf_counter() - started
            status, seconds, _size = fetch(base + page, timeout)
            statuses.add(status)
            page_times.append(seconds)
            if seconds > 0.5:
                slow.append((at, seconds))

    pager = threading.Thread(target=ask_page)
    started = time.perf_counter()
    barrier.wait()
    pager.start()
    for thread in threads:
        thread.join(timeout + 5)
    done.set()
    pager.join(timeout + 5)
    return {
        "wall": time.perf_counter() - started,
        "pdf": sorted(pdf_results, key=lambda r: r[1]),
        "page": page_times,
        "page_statuses": statuses,
        "slow": slow,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--serve", action="store_true", help="start gunicorn as `koers run` does")
    parser.add_argument("--pdf", default="/programmas/digitaal-2017/versies/2/reactienota.pdf")
    parser.add_argument("--page", default="/programmas/digitaal-2017")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--rounds", type=int, default=2, help="first cold, then warm")
    args = parser.parse_args()

    server = None
    if args.serve:
        host_port = args.base.split("://", 1)[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "koers.wsgi",
                "--bind",
                host_port,
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                str(int(args.timeout)),
            ],
            cwd=ROOT,
            env={**os.environ, "DEBUG": os.environ.get("DEBUG", "0")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        wait_for(args.base)
        # Warm both processes' imports and templates on the ordinary page, untimed.
        for _ in range(4):
            fetch(args.base + args.page, args.timeout)
        quiet = [fetch(args.base + args.page, args.timeout)[1] for _ in range(10)]
        print(
            f"ordinary page {args.page}, alone: median {statistics.median(quiet):.3f} s, "
            f"slowest {max(quiet):.3f} s"
        )
        for round_ in range(args.rounds):
            result = burst(args.base, args.pdf, args.page, args.concurrency, args.timeout)
            label = "cold cache" if round_ == 0 else "warm cache"
            times = [r[1] for r in result["pdf"]]
            codes = sorted({r[0] for r in result["pdf"]})
            sizes = sorted({r[2] for r in result["pdf"] if r[0] == 200})
            page = result["page"]
            print(f"\nround {round_ + 1} ({label}): {args.concurrency} x {args.pdf}")
            print(
                f"  PDF requests: status {codes} ({sum(r[0] == 200 for r in result['pdf'])} x 200), fastest {min(times):.2f} s, "
                f"median {statistics.median(times):.2f} s, slowest {max(times):.2f} s, "
                f"PDF {sizes} bytes; a 503 asks to retry in 10 s"
            )
            print(
                f"  ordinary page during the burst: {len(page)} requests, status "
                f"{sorted(result['page_statuses'])}, median {statistics.median(page):.3f} s, "
                f"slowest {max(page):.3f} s"
            )
            for at, seconds in result["slow"]:
                print(f"  slow page request: started at {at:.2f} s into the burst, {seconds:.3f} s")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
