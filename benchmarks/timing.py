"""Timing a page with Django's test client, as the page benchmarks report it."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (the highest of the lowest 95 %) of `timings`."""
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


@dataclass
class PageTiming:
    status: int
    median: float = 0.0  # ms
    p95: float = 0.0  # ms
    queries: int = 0


def time_page(client, url: str, runs: int) -> PageTiming:
    """One request to warm caches and templates, `runs` timed ones, one more counting queries;
    only the status when the page does not answer 200."""
    response = client.get(url)
    if response.status_code != 200:
        return PageTiming(response.status_code)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    median, p95 = percentiles(timings)
    return PageTiming(200, median, p95, len(queries))
