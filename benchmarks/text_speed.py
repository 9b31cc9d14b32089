"""Speed, memory and campaign quality of the text engine on synthetic contributions.

Usage: .venv/bin/python benchmarks/text_speed.py [--n 100000] [--seed 0] [--campaign-share 0.3]
       [--fillers]

Generates n contributions of about 300 characters with planted campaigns (see
text_synthetic.py), then times `koers.text.analyse` end to end: normalising, exact and
near-duplicate campaigns, themes, labels, quotes and common threads (fast mode, no model).
Generation is not timed. Reports wall time per stage, peak memory (maximum resident set
size of the process, generation included), campaign recall (the share of planted campaign
letters that land in the found campaign holding most of their campaign) and group purity
(the share of rows in found campaigns that belong to their group's majority planted campaign,
originals counting as one label "no campaign"; the strict variant counts every original as its
own label), and NMI of the themes against the
planted themes. `--fillers` varies the wording of the generator's sentences, so that
unrelated originals are rarely near-duplicates by chance (see text_synthetic.py).
"""

import argparse
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.metrics import normalized_mutual_info_score
from text_synthetic import generate

from koers.text.pipeline import Settings, analyse


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def campaign_scores(planted: list, found: list) -> tuple[float, float, float, int]:
    by_planted: dict[int, Counter] = {}
    for p, f in zip(planted, found, strict=True):
        if p is not None:
            by_planted.setdefault(p, Counter())[f] += 1
    hit = sum(
        max((n for f, n in c.items() if f is not None), default=0) for c in by_planted.values()
    )
    recall = hit / sum(sum(c.values()) for c in by_planted.values())
    by_found: dict[int, Counter] = {}
    for p, f in zip(planted, found, strict=True):
        if f is not None:
            by_found.setdefault(f, Counter())[p] += 1
    in_found = max(1, sum(sum(c.values()) for c in by_found.values()))
    # Strict: every original contribution is its own label, so two originals grouped together
    # count as an error even when the generator happened to write them nearly alike.
    strict = sum(
        max(n for p, n in c.items() if p is not None) if any(p is not None for p in c) else 1
        for c in by_found.values()
    )
    # Campaigns: originals count as one label "no campaign".
    mixed = sum(c.most_common(1)[0][1] for c in by_found.values())
    originals_only = sum(1 for c in by_found.values() if set(c) == {None})
    return recall, strict / in_found, mixed / in_found, originals_only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--campaign-share", type=float, default=0.3)
    parser.add_argument("--fillers", action="store_true", help="vary the sentences' wording")
    # deep: themes from sentence embeddings (needs the "deep" extra); the default is fast mode
    parser.add_argument("--mode", choices=["fast", "deep"], default="fast")
    args = parser.parse_args()

    start = time.perf_counter()
    rows = generate(
        args.n, seed=args.seed, campaign_share=args.campaign_share, fillers=args.fillers
    )
    texts = [r[0] for r in rows]
    groups = [r[1] for r in rows]
    generated = time.perf_counter() - start
    chars = sum(len(t) for t in texts) / len(texts)
    before = peak_mb()

    stages: dict[str, float] = {}
    clock = [time.perf_counter()]
    current = [None]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if current[0] is not None:
            stages[current[0]] = stages.get(current[0], 0.0) + now - clock[0]
        current[0], clock[0] = stage, now

    cpu = resource.getrusage(resource.RUSAGE_SELF)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    analysis = analyse(texts, groups=groups, settings=Settings(mode=args.mode), progress=progress)
    total = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    stages[current[0]] = stages.get(current[0], 0.0) + time.perf_counter() - clock[0]
    result = analysis.result

    found = [item["campaign"] for item in result["items"]]
    recall, strict, purity, originals_only = campaign_scores([r[2] for r in rows], found)
    nmi = normalized_mutual_info_score([r[3] for r in rows], [i["theme"] for i in result["items"]])
    planted = len({r[2] for r in rows if r[2] is not None})
    print(
        f"machine: {platform.machine()}, {platform.python_version()}, {len(os.sched_getaffinity(0))} cores"
    )
    print(
        f"{args.n:,} contributions, {chars:.0f} characters on average, generated in {generated:.1f} s"
    )
    print("| measure | value |")
    print("|---|---|")
    print(f"| wall time, end to end | {total:.1f} s (load average at start {load:.1f}) |")
    print(f"| CPU time of the process | {cpu_seconds:.1f} s |")
    for stage, seconds in stages.items():
        print(f"| – {stage} | {seconds:.1f} s |")
    print(
        f"| peak memory (RSS, process) | {peak_mb():.0f} MB (after generating: {before:.0f} MB) |"
    )
    print(f"| planted campaigns / found campaigns | {planted} / {len(result['campaigns'])} |")
    print(f"| campaign recall | {recall:.4f} |")
    print(
        f"| campaign group purity (no planted campaign mixed with another or with originals) | {purity:.4f} |"
    )
    print(
        f"| campaign group purity, strict (two near-identical originals count as an error) | {strict:.4f} |"
    )
    print(
        f"| found groups made only of original texts (chance near-duplicates of the generator) | {originals_only} |"
    )
    themes = len([t for t in result["themes"] if t["id"] != 0])
    print(f"| themes (automatic) / planted | {themes} / 12 |")
    print(f"| theme NMI against planted themes | {nmi:.3f} |")
    print(f"| common threads | {len(result['common_threads'])} |")


if __name__ == "__main__":
    main()
