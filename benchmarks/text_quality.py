"""Theme quality of the text engine against real labels: NMI and ARI on Dutch SIB-200.

Usage: .venv/bin/python benchmarks/text_quality.py [PATH] [--seeds 0 1 2] [--mode fast deep]

PATH is the folder with sib200_nld_{train,dev,test}.tsv (default ../shared/data/text, as seen
from the project root). All 1,004 sentences are analysed together, once with the number of
themes chosen automatically and once fixed to the 7 real topics; the "other" theme counts as
one more cluster. Deep mode needs the "deep" extra. Prints a Markdown table. SIB-200 (Adelani et al., 2024) is built on
FLORES-200 sentences, CC BY-SA 4.0.
"""

import argparse
import csv
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from koers.text.pipeline import Settings, analyse
from koers.text.themes import ThemeSettings


def load(folder: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for part in ("train", "dev", "test"):
        with open(folder / f"sib200_nld_{part}.tsv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                texts.append(row["text"])
                labels.append(row["category"])
    return texts, labels


def run(texts, labels, n_themes, seed, mode="fast"):
    settings = Settings(seed=seed, themes=ThemeSettings(n_themes=n_themes), mode=mode)
    if mode == "deep":
        from koers.text import embeddings

        embeddings._cache.clear()  # time every run with its embeddings, as a first analysis
    start = time.perf_counter()
    result = analyse(texts, settings=settings).result
    seconds = time.perf_counter() - start
    found = [item["theme"] for item in result["items"]]
    return (
        normalized_mutual_info_score(labels, found),
        adjusted_rand_score(labels, found),
        len([t for t in result["themes"] if t["id"] != 0]),
        sum(t["size"] for t in result["themes"] if t["id"] == 0),
        seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="../shared/data/text")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--mode", nargs="+", choices=["fast", "deep"], default=["fast"])
    args = parser.parse_args()
    texts, labels = load(Path(args.path))
    print(f"SIB-200 Dutch: {len(texts)} sentences, {len(set(labels))} topics\n")
    print(f"load average at start: {os.getloadavg()[0]:.1f}\n")
    print("| mode | themes | NMI | ARI | in other | seconds | texts/second |")
    print("|---|---|---|---|---|---|---|")
    cases = [
        (f"{m}, {name}", m, n)
        for m in args.mode
        for name, n in (("automatic", None), ("7 themes", 7))
    ]
    for name, mode, n_themes in cases:
        runs = [run(texts, labels, n_themes, seed, mode) for seed in args.seeds]
        nmi = [r[0] for r in runs]
        ari = [r[1] for r in runs]
        print(
            f"| {name} | {'/'.join(str(r[2]) for r in runs)} "
            f"| {statistics.mean(nmi):.3f} (±{statistics.pstdev(nmi):.3f}) "
            f"| {statistics.mean(ari):.3f} (±{statistics.pstdev(ari):.3f}) "
            f"| {'/'.join(str(r[3]) for r in runs)} | {statistics.mean(r[4] for r in runs):.1f} "
            f"| {len(texts) / statistics.mean(r[4] for r in runs):.0f} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\npeak memory (RSS, process): {peak:.0f} MB; load average at end: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
