"""Texts per second of the analysis by meaning on contributions of about 500 characters.

Usage: .venv/bin/python benchmarks/text_embedding_speed.py [PATH] [--n 2000] [--threads 1 2]

Takes the distinct fields of more than 300 characters of nl_regelgeving_beleidsdomein.csv in
PATH (default ../shared/data/text), each cut to its first 500 characters. For each number of
embedding threads it embeds n of them (no cache: a first analysis) and then analyses n others
by meaning end to end (`koers.text.analyse`, mode "deep": campaigns, embedding, themes,
labels, summaries), printing texts per second of wall time and per CPU second.

The process is warmed first as a task worker is after its first analysis: the model, the
modules the analysis imports when it first runs (scikit-learn, SciPy: about a second) and the
Dutch dictionary of the labels (a quarter of a second) are loaded before the clock starts.
`--cold` leaves the modules and the dictionary to the first analysis.
"""

import argparse
import csv
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koers.text import embeddings  # noqa: E402
from koers.text.pipeline import Settings, analyse  # noqa: E402


def load(folder: Path) -> list[str]:
    texts = []
    with open(folder / "nl_regelgeving_beleidsdomein.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            texts.extend(v for v in row.values() if v and len(v) > 300)
    return list(dict.fromkeys(t[:500] for t in texts))


def timed(work, *args, **kwargs) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "data" / "text"))
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cold", action="store_true", help="load modules during the first run")
    args = parser.parse_args()
    texts = load(Path(args.path))
    n = args.n
    assert len(texts) >= 2 * n * len(args.threads) + 60, f"only {len(texts)} texts"
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print("\n| threads | embedding texts/s (per CPU s) | whole analysis texts/s (per CPU s) |")
    print("|---:|---:|---:|")
    embeddings._load()
    if not args.cold:
        analyse(texts[-60:], settings=Settings(mode="deep"))
    for round_, threads in enumerate(args.threads):
        embeddings.THREADS = threads
        first = texts[2 * n * round_ :][:n]
        second = texts[2 * n * round_ + n :][:n]
        e_wall, e_cpu = timed(embeddings.embed_texts, first)
        a_wall, a_cpu = timed(analyse, second, settings=Settings(mode="deep"))
        print(
            f"| {threads} | {n / e_wall:.0f} ({n / e_cpu:.0f}) | {n / a_wall:.0f} ({n / a_cpu:.0f}) |"
        )


if __name__ == "__main__":
    main()
