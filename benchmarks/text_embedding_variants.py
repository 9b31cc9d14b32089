"""Ways of grouping the sentence embeddings of the analysis by meaning, compared on the files
meant for choosing (SIB-200 train+dev; the regulations outside their test fifth): NMI of each
way at the true number of themes, mean and spread over seeds. Embeddings only, without the
lexical part the analysis adds, so that the ways are compared on one thing.

Usage: .venv/bin/python benchmarks/text_embedding_variants.py [PATH] [--seeds 0 1 2]

Ways: k-means on the centred vectors (what the analysis clusters); after PCA to 50 or 100
dimensions; after PCA whitening; spectral clustering on a graph of nearest neighbours; average
linkage of k-means micro-clusters (the analysis's own two steps). For the long regulation texts
also: the vector of the first 500 characters, and the mean of the vectors of the sentences.
"""

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.cluster import KMeans, SpectralClustering
from sklearn.decomposition import PCA
from sklearn.metrics import normalized_mutual_info_score
from text_quality import load_regelgeving, load_sib

from koers.text.embeddings import embed_texts, prepare
from koers.text.themes import normalize

SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z0-9ÀÉ])")


def centred(x: np.ndarray) -> np.ndarray:
    return normalize(x - x.mean(axis=0))


def micro_then_average(x, k, seed):
    from scipy.cluster.hierarchy import fcluster, linkage

    n_micro = int(np.clip(round(2 * np.sqrt(len(x))), 2, 2 * max(k, 10)))
    km = KMeans(n_micro, n_init=2, random_state=seed, max_iter=100).fit(x)
    tree = linkage(normalize(km.cluster_centers_), "average", metric="cosine")
    return (fcluster(tree, k, "maxclust") - 1)[km.labels_]


def ways(x: np.ndarray) -> dict:
    """{name: (vectors, how to cluster them into k with a seed)}."""

    def kmeans(z):
        return lambda k, seed: KMeans(k, n_init=10, random_state=seed).fit_predict(z)

    def spectral(z, neighbours):
        return lambda k, seed: SpectralClustering(
            k,
            affinity="nearest_neighbors",
            n_neighbors=neighbours,
            random_state=seed,
            assign_labels="cluster_qr",
        ).fit_predict(z)

    z = centred(x)
    found = {"k-means (the analysis's vectors)": kmeans(z)}
    for dims in (50, 100):
        found[f"PCA {dims}, k-means"] = kmeans(
            normalize(PCA(dims, random_state=0).fit_transform(z))
        )
    for dims in (20, 50):
        whitened = PCA(dims, whiten=True, random_state=0).fit_transform(z)
        found[f"PCA {dims} whitened, k-means"] = kmeans(normalize(whitened))
    for neighbours in (10, 15, 30):
        found[f"spectral, {neighbours} neighbours"] = spectral(z, neighbours)
    found["micro-clusters, average linkage"] = lambda k, seed: micro_then_average(z, k, seed)
    return found


def report(name: str, x: np.ndarray, labels: list[str], seeds: list[int], extra=None) -> None:
    k = len(set(labels))
    print(f"\n{name} ({len(labels)} texts, {k} topics), NMI at {k}:")
    for way, clustering in {**ways(x), **(extra or {})}.items():
        scores = [normalized_mutual_info_score(labels, clustering(k, s)) for s in seeds]
        print(f"  {way:40s} {np.mean(scores):.3f} ± {np.std(scores):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="../shared/data/text")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    folder = Path(args.path)

    texts, labels, _ = load_sib(folder, ("nld",), "train+dev")
    report("SIB-200 Dutch, train+dev", embed_texts(texts), labels, args.seeds)

    texts, labels, _ = load_regelgeving(folder, "train+dev")
    started = time.perf_counter()
    whole = embed_texts(texts)
    print(f"\nregulations: {len(texts)} texts embedded in {time.perf_counter() - started:.0f} s")
    first = centred(embed_texts([t[:500] for t in texts]))
    sentences = [
        [s for s in SENTENCE.split(prepare(t)) if len(s) > 20] or [prepare(t)] for t in texts
    ]
    flat = embed_texts([s for per_text in sentences for s in per_text])
    ends = np.cumsum([0] + [len(per_text) for per_text in sentences])
    mean = centred(
        np.vstack([flat[a:b].mean(axis=0) for a, b in zip(ends[:-1], ends[1:], strict=True)])
    )

    def kmeans_of(z):
        return lambda k, seed: KMeans(k, n_init=10, random_state=seed).fit_predict(z)

    report(
        "regulations, train+dev",
        whole,
        labels,
        args.seeds,
        extra={
            "first 500 characters, k-means": kmeans_of(first),
            "mean of the sentences, k-means": kmeans_of(mean),
        },
    )


if __name__ == "__main__":
    main()
