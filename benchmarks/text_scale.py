"""Millions of contributions through `koers analyse`: time, peak memory and quality.

Usage: .venv/bin/python benchmarks/text_scale.py [--n 5000000] [--seed 0] [--folder var/scale]
       [--mode fast|deep] [--keep]

Writes n synthetic contributions (benchmarks/text_synthetic.py: planted campaigns and themes)
to a CSV file, with what was planted beside it, then runs `koers analyse --mode fast` (or deep) on that
file in a process of its own, as an operator would, and reports its wall time, its CPU time
and its peak memory (the maximum resident set size of that process), and then the campaign
recall and purity and the theme NMI of its JSON against what was planted (the same measures
as benchmarks/text_speed.py). Writing the file is not timed. The CSV is kept for a next run
with --keep; a file of that size and seed already there is used again.
"""

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from text_speed import campaign_scores  # noqa: E402
from text_synthetic import generate  # noqa: E402


def write_input(n: int, seed: int, folder: Path) -> tuple[Path, Path]:
    data = folder / f"contributions-{n}-{seed}.csv"
    planted = folder / f"planted-{n}-{seed}.json"
    if data.exists() and planted.exists():
        return data, planted
    rows = generate(n, seed=seed)
    with data.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "familie", "tekst"])
        for i, (text, group, _campaign, _theme) in enumerate(rows, start=1):
            writer.writerow([i, group, text])
    planted.write_text(json.dumps([[r[2], r[3]] for r in rows]), encoding="utf-8")
    return data, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder", default=str(ROOT / "var" / "scale"))
    parser.add_argument("--mode", choices=["fast", "deep"], default="fast")
    parser.add_argument("--keep", action="store_true", help="keep the CSV for a next run")
    args = parser.parse_args()
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    data, planted_file = write_input(args.n, args.seed, folder)
    written = time.perf_counter() - start
    out = folder / f"result-{args.n}-{args.seed}-{args.mode}.json"
    load = os.getloadavg()[0]
    start = time.perf_counter()
    command = [
        str(ROOT / ".venv" / "bin" / "koers"),
        "analyse",
        str(data),
        "--text-column=tekst",
        "--id-column=id",
        "--group-column=familie",
        f"--mode={args.mode}",
        f"--seed={args.seed}",
        f"--out={out}",
    ]
    subprocess.run(command, check=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    child = resource.getrusage(resource.RUSAGE_CHILDREN)

    from sklearn.metrics import normalized_mutual_info_score

    planted = json.loads(planted_file.read_text(encoding="utf-8"))
    result = json.loads(out.read_text(encoding="utf-8"))
    found = [item["campaign"] for item in result["items"]]
    recall, strict, purity, originals_only = campaign_scores([p[0] for p in planted], found)
    nmi = normalized_mutual_info_score(
        [p[1] for p in planted], [item["theme"] for item in result["items"]]
    )
    themes = len([t for t in result["themes"] if t["id"] != 0])
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{len(os.sched_getaffinity(0))} cores; {args.n:,} contributions "
        f"({data.stat().st_size / 1e9:.2f} GB of CSV, written in {written:.0f} s)"
    )
    print("| measure | value |")
    print("|---|---|")
    print(f"| wall time of `koers analyse` | {wall:.0f} s (load average at start {load:.1f}) |")
    print(f"| CPU time of that process | {child.ru_utime + child.ru_stime:.0f} s |")
    peak = child.ru_maxrss * 1024  # kilobytes on Linux
    print(f"| peak memory of that process (RSS) | {peak / 1e9:.2f} GB ({peak / 2**30:.2f} GiB) |")
    print(
        f"| planted / found campaigns | {len({p[0] for p in planted}) - 1} / {len(result['campaigns'])} |"
    )
    print(f"| campaign recall | {recall:.4f} |")
    print(f"| campaign group purity (strict) | {purity:.4f} ({strict:.4f}) |")
    print(f"| found groups made only of originals | {originals_only} |")
    print(f"| themes (automatic) / planted | {themes} / 12 |")
    print(f"| theme NMI against planted themes | {nmi:.3f} |")
    if not args.keep:
        data.unlink()
        planted_file.unlink()
    out.unlink()


if __name__ == "__main__":
    main()
