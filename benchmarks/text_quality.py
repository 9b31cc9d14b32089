"""Theme quality of the text engine against real labels: NMI, ARI, cross-language agreement
label distinctness (share of themes whose label no other theme has), the number of themes
found and texts per second, on SIB-200 (Dutch; and four languages together) and on Dutch regulations.

Usage: .venv/bin/python benchmarks/text_quality.py [PATH] [--seeds 0 1 2] [--mode fast deep]
           [--sets sib-nld sib-eng sib-deu sib-fra sib-4 regelgeving] [--split test]
           [--lexical-weight 0.5]

PATH is the folder with the data (default ../shared/data/text, as seen from the project root;
its SOURCES.md says where each file comes from). Sets:

- sib-nld: SIB-200 Dutch sentences, 7 topics; sib-eng, sib-deu, sib-fra: the same sentences in
  English, German and French, each language alone;
- sib-4: the same sentences in Dutch, English, German and French analysed together. Rows with
  the same index_id are translations: "agreement" is the share of index_ids whose four
  translations all land in one theme;
- regelgeving: nl_regelgeving_beleidsdomein.csv, 12 policy domains, long formal texts
  (split by a hash of the id: one in five rows is "test", the rest "train+dev").

--split chooses the rows: "test" (SIB-200's test files; report these), "train+dev" (choose
settings on these) or "all". Each set is analysed once with the number of themes chosen
automatically and once fixed to the true number; "other" counts as one more cluster. The
first seed of each case embeds afresh (its time is a first analysis: texts per second and CPU
seconds); later seeds reuse the embeddings of the process. SIB-200 (Adelani et al., 2024) is
built on FLORES-200 sentences, CC BY-SA 4.0; the regulations come from the Basis Wetten Bestand.
"""

import argparse
import csv
import hashlib
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from koers.text.pipeline import Settings, analyse
from koers.text.themes import ThemeSettings

SIB_LANGUAGES = ("nld", "eng", "deu", "fra")
SINGLE_LANGUAGE = {f"sib-{language}": language for language in SIB_LANGUAGES}
SPLITS = {"test": ("test",), "train+dev": ("train", "dev"), "all": ("train", "dev", "test")}


def load_sib(folder: Path, languages, split: str):
    """Texts, topics and the index_id of each (translations share it)."""
    texts, labels, groups = [], [], []
    for language in languages:
        for part in SPLITS[split]:
            path = folder / f"sib200_{language}_{part}.tsv"
            with open(path, encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    texts.append(row["text"])
                    labels.append(row["category"])
                    groups.append(row["index_id"])
    return texts, labels, groups


def is_test(key: str) -> bool:
    return hashlib.blake2b(key.encode(), digest_size=2).digest()[0] % 5 == 0


def load_regelgeving(folder: Path, split: str):
    csv.field_size_limit(10**8)
    texts, labels = [], []
    with open(folder / "nl_regelgeving_beleidsdomein.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if split == "all" or (split == "test") == is_test(row["id"]):
                texts.append(row["text"])
                labels.append(row["label"])
    return texts, labels, None


def agreement(groups, found) -> float:
    """Share of translation groups whose texts all land in one theme."""
    themes = defaultdict(set)
    for group, theme in zip(groups, found, strict=True):
        themes[group].add(theme)
    return sum(len(t) == 1 for t in themes.values()) / len(themes)


def run(texts, labels, groups, n_themes, seed, mode, lexical_weight, fresh, refine=True):
    themes = ThemeSettings(n_themes=n_themes, deep_lexical_weight=lexical_weight, refine=refine)
    settings = Settings(seed=seed, themes=themes, mode=mode)
    if mode == "deep" and fresh:
        from koers.text import embeddings

        embeddings._cache.clear()  # time this run with its embeddings, as a first analysis
    start, cpu = time.perf_counter(), time.process_time()
    result = analyse(texts, settings=settings).result
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    found = [item["theme"] for item in result["items"]]
    labels_found = [t["label"] for t in result["themes"] if t["id"] != 0]
    return {
        "unique": sum(labels_found.count(x) == 1 for x in labels_found) / max(len(labels_found), 1),
        "labels": labels_found,
        "nmi": normalized_mutual_info_score(labels, found),
        "ari": adjusted_rand_score(labels, found),
        "agreement": agreement(groups, found) if groups else None,
        "themes": len([t for t in result["themes"] if t["id"] != 0]),
        "seconds": seconds,
        "cpu": cpu,
    }


def spread(values) -> str:
    return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="../shared/data/text")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--mode", nargs="+", choices=["fast", "deep"], default=["fast", "deep"])
    parser.add_argument(
        "--sets", nargs="+", choices=[*SINGLE_LANGUAGE, "sib-4", "regelgeving"], default=["sib-nld"]
    )
    parser.add_argument("--split", choices=list(SPLITS), default="test")
    parser.add_argument("--lexical-weight", type=float, default=None)
    parser.add_argument("--labels", action="store_true", help="print the first seed's labels")
    parser.add_argument(
        "--no-refine",
        action="store_true",
        help="themes as the tree cuts them, without the k-means step that follows",
    )
    args = parser.parse_args()
    folder = Path(args.path)
    lexical = args.lexical_weight
    shown = "by the length of the texts" if lexical is None else lexical
    print(f"split: {args.split}; lexical weight (deep): {shown}")
    print(f"load average at start: {os.getloadavg()[0]:.1f}\n")
    print(
        "| set | mode | themes | found | NMI | ARI | cross-language agreement "
        "| unique labels | texts/second (first run) | CPU seconds (first run) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets:
        if name == "regelgeving":
            texts, labels, groups = load_regelgeving(folder, args.split)
        else:
            languages = (SINGLE_LANGUAGE[name],) if name in SINGLE_LANGUAGE else SIB_LANGUAGES
            texts, labels, groups = load_sib(folder, languages, args.split)
            groups = groups if name == "sib-4" else None
        true_count = len(set(labels))
        for mode in args.mode:
            for n_themes in (None, true_count):
                runs = [
                    run(
                        texts,
                        labels,
                        groups,
                        n_themes,
                        seed,
                        mode,
                        lexical,
                        i == 0,
                        not args.no_refine,
                    )
                    for i, seed in enumerate(args.seeds)
                ]
                agree = spread([r["agreement"] for r in runs]) if groups else ""
                print(
                    f"| {name} ({len(texts)}) | {mode} "
                    f"| {'automatic' if n_themes is None else n_themes} "
                    f"| {'/'.join(str(r['themes']) for r in runs)} "
                    f"| {spread([r['nmi'] for r in runs])} | {spread([r['ari'] for r in runs])} "
                    f"| {agree} | {statistics.mean(r['unique'] for r in runs):.2f} "
                    f"| {len(texts) / runs[0]['seconds']:.0f} "
                    f"| {runs[0]['cpu']:.1f} |",
                    flush=True,
                )
                if args.labels:
                    print("  labels: " + " / ".join(runs[0]["labels"]), file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (RSS): {peak:.0f} MB; load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
