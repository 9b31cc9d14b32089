"""Theme quality of the text engine against real labels: NMI and ARI on Dutch SIB-200.

Usage: .venv/bin/python benchmarks/text_quality.py [PATH] [--seeds 0 1 2] [--themes N]

PATH is the folder with sib200_nld_{train,dev,test}.tsv (default ../shared/data/text, as seen
from the project root). All 1,004 sentences are analysed together, once with the number of
themes chosen automatically and once fixed to the 7 real topics; the "other" theme counts as
one more cluster. Prints a Markdown table. SIB-200 (Adelani et al., 2024) is built on
FLORES-200 sentences, CC BY-SA 4.0.
"""

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from koers.text.pipeline import Settings, analyse  # noqa: E402
from koers.text.themes import ThemeSettings  # noqa: E402


def load(folder: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for part in ("train", "dev", "test"):
        with open(folder / f"sib200_nld_{part}.tsv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                texts.append(row["text"])
                labels.append(row["category"])
    return texts, labels


def run(texts, labels, n_themes, seed):
    settings = Settings(seed=seed, themes=ThemeSettings(n_themes=n_themes))
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
    args = parser.parse_args()
    texts, labels = load(Path(args.path))
    print(f"SIB-200 Dutch: {len(texts)} sentences, {len(set(labels))} topics\n")
    print("| mode | themes | NMI | ARI | in other | seconds |")
    print("|---|---|---|---|---|---|")
    for name, n_themes in (("fast, automatic", None), ("fast, 7 themes", 7)):
        runs = [run(texts, labels, n_themes, seed) for seed in args.seeds]
        nmi = [r[0] for r in runs]
        ari = [r[1] for r in runs]
        print(
            f"| {name} | {'/'.join(str(r[2]) for r in runs)} "
            f"| {statistics.mean(nmi):.3f} (±{statistics.pstdev(nmi):.3f}) "
            f"| {statistics.mean(ari):.3f} (±{statistics.pstdev(ari):.3f}) "
            f"| {'/'.join(str(r[3]) for r in runs)} | {statistics.mean(r[4] for r in runs):.1f} |"
        )


if __name__ == "__main__":
    main()
