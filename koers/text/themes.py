"""Themes: groups of contributions about one subject, with readable labels and quotes.

Themes are found on the *representatives* (one per campaign, one per other unique text), each
weighted by how many rows it stands for:

1. TF-IDF over Dutch stems without stopwords, then LSA (truncated SVD) so that texts that use
   related words end up close;
2. k-means into many small clusters, merged bottom-up (average linkage on their centroids);
   the number of themes is the smallest cut whose silhouette gets halfway from the lowest to
   the best over 2..cap (ThemeSettings.count_tolerance), or the middle of that range when
   the silhouettes hardly differ (ThemeSettings.flat_silhouette), unless the caller fixes it;
3. a small cluster that one group dominates is kept as a theme of its own instead of being
   merged into a bigger neighbour (a water-board concern must not vanish into "taxes");
4. every text is then assigned to the nearest theme centroid in TF-IDF space (the same rule
   that assigns new texts later, see koers.text.model); a text too far from every theme, or
   without content words, lands in the explicit "other" theme.

Labels and keywords are the most distinctive stems of a theme, shown as the surface word that
was written most often for that stem (Snowball stems such as "meen" for "gemeenten" are never
shown).
"""

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from koers.text.batches import run, slices
from koers.text.corpus import Corpus
from koers.text.normalise import is_content_word, stem_words, stopwords, unaccent

OTHER = 0  # theme id of "other"

# scikit-learn, SciPy's statistics and its clustering are imported where they are used: they
# take a second of CPU to import, and every Django process imports this module (for `OTHER` and
# the settings) long before, if ever, it analyses anything.


def normalize(x):
    """Each row scaled to unit length (scikit-learn's L2 normalisation)."""
    from sklearn.preprocessing import normalize as l2_normalize

    return l2_normalize(x)


# The weight of the words beside the meaning in deep mode, by the median length of the texts
# in characters: SHORT_LEXICAL_WEIGHT up to SHORT_TEXT, LONG_LEXICAL_WEIGHT from LONG_TEXT,
# in proportion between. Chosen on the train and dev files of SIB-200 (sentences of about 135
# characters: 0.5 best, 1.0 costs 0.05 NMI) and of the regulations (about 1,300 characters:
# 1.0 adds 0.03 NMI at the true count); docs/benchmarks.md.
SHORT_TEXT, LONG_TEXT = 500, 1000
SHORT_LEXICAL_WEIGHT, LONG_LEXICAL_WEIGHT = 0.5, 1.0


def lexical_weight_for(median_length: float) -> float:
    share = min(max((median_length - SHORT_TEXT) / (LONG_TEXT - SHORT_TEXT), 0.0), 1.0)
    return SHORT_LEXICAL_WEIGHT + share * (LONG_LEXICAL_WEIGHT - SHORT_LEXICAL_WEIGHT)


@dataclass(frozen=True)
class ThemeSettings:
    n_themes: int | None = None  # None: chosen automatically
    max_themes: int = 40
    min_theme_size: int = 3  # rows; smaller clusters are merged or go to "other"
    min_similarity: float = 0.02  # cosine to the nearest centroid below which a text is "other"
    # The number of themes, when the caller does not fix it: the smallest cut of the merge
    # tree whose mean silhouette is at least this fraction of the way from the lowest to the
    # best silhouette over 2..cap. On sentence embeddings the silhouette keeps growing with
    # the number of themes (the best alone ran to the cap on every measured set, 1.0 here);
    # halfway stays near the real count (docs/benchmarks.md).
    count_tolerance: float = 0.5
    count_from_valley: bool = True  # see _silhouette_choice
    # Silhouettes over 2..cap that differ by less than this say nothing about the count: on
    # short sentences in one language they stay within 0.01 of each other for any count (and
    # the rule above then took two themes for seven topics on most sets), on input with themes
    # they span 0.02 to 0.17. Such a set gets the middle of the range (docs/benchmarks.md).
    flat_silhouette: float = 0.015
    # After the tree is cut, k-means from its themes moves each text to the nearest theme.
    refine: bool = True
    lsa_dims: int = 100
    # Deep mode: the LSA coordinates, times this weight, are appended to the sentence
    # embeddings. Shared rare words (a programme's own jargon, names of systems) then still
    # count; it helped a little on both SIB-200 and the synthetic set (docs/benchmarks.md).
    # None: by the length of the texts (lexical_weight_for): a sentence embedding of a long
    # text averages many sentences and blurs, while its words grow more telling.
    deep_lexical_weight: float | None = None
    centroid_terms: int = 400  # terms kept per theme centroid
    fit_sample: int = 20_000  # representatives used to fit LSA and k-means
    # Deep mode embeds at most this many representatives (about 4 ms of CPU each: six minutes
    # on two cores) and forms the themes by meaning among them; a larger consultation's other
    # representatives go to the nearest theme in TF-IDF space, the rule that places new input
    # later (koers.text.model).
    deep_sample: int = 100_000
    choice_sample: int = 2_000  # representatives used to score the number of themes
    # A campaign of n letters weighs 1 + ln(n) when themes are formed (its rows all count in
    # sizes and shares): one big campaign must not become a theme by its weight alone.
    specific_share: float = 0.6  # a cluster is one group's when that group says this share ...
    specific_lift: float = 2.0  # ... and at least this many times its usual share
    specific_p: float = 0.001  # ... which chance would explain less often than this
    specific_overlap: float = 0.5  # ... and its centroid differs this much from the rest


@dataclass
class Features:
    matrix: sparse.csr_matrix  # representatives x terms, TF-IDF, rows L2-normalised
    terms: list[str]  # stems
    idf: np.ndarray
    surface: list[str]  # per term the surface word written most often


def _gather(corpus: Corpus, reps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, token id) for every token of the given unique texts."""
    lengths = corpus.lengths()[reps]
    starts = corpus.tok_ptr[:-1][reps]
    total = int(lengths.sum())
    row = np.repeat(np.arange(len(reps)), lengths)
    offset = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return row, corpus.tok_ids[np.repeat(starts, lengths) + offset]


def stem_map(corpus: Corpus) -> tuple[np.ndarray, list[str], list[str]]:
    """Per token its stem id (-1 for stopwords and numbers), the stems, and per stem the surface
    word used most often."""
    stop = stopwords()
    content = [i for i, word in enumerate(corpus.vocab) if is_content_word(word, stop)]
    stems = stem_words([unaccent(corpus.vocab[i]) for i in content])
    index: dict[str, int] = {}
    tok2stem = np.full(len(corpus.vocab), -1, dtype=np.int64)
    for i, stem in zip(content, stems, strict=True):
        tok2stem[i] = index.setdefault(stem, len(index))
    counts = corpus.token_counts()
    content_ids = np.asarray(content, dtype=np.int64)
    surface = [""] * len(index)
    if len(content_ids):
        order = content_ids[np.lexsort((content_ids, -counts[content_ids], tok2stem[content_ids]))]
        for tok in order[::-1]:  # the most frequent form is written last and wins
            surface[tok2stem[tok]] = corpus.vocab[tok]
    return tok2stem, list(index), surface


# Representatives whose features are built, projected or assigned at once: bounds the
# temporary arrays, so that millions of texts fit in memory (koers.text.campaigns.BATCH).
BATCH = 100_000


def _batches(n: int) -> list[slice]:
    return slices(n, BATCH)


def build_features(corpus: Corpus, reps: np.ndarray, weights: np.ndarray) -> Features:
    """TF-IDF of the representatives. A term is kept when at least two rows use it (a campaign
    of 25 letters counts 25); its idf counts representatives, so a campaign does not make its
    own words look common."""
    tok2stem, stems, surface = stem_map(corpus)
    n = len(reps)
    parts = []
    df = np.zeros(len(stems), dtype=np.int64)
    rows_using = np.zeros(len(stems))
    for part in _batches(n):
        row, tok = _gather(corpus, reps[part])
        stem = tok2stem[tok]
        keep = stem >= 0
        counts = sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.float32), (row[keep], stem[keep])),
            shape=(part.stop - part.start, len(stems)),
        )
        counts.sum_duplicates()
        df += np.bincount(counts.indices, minlength=len(stems))
        row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        rows_using += np.bincount(
            counts.indices, weights=weights[part][row_of], minlength=len(stems)
        )
        parts.append(counts)
    min_rows = 2 if weights.sum() >= 100 else 1
    used = np.flatnonzero(rows_using >= min_rows)
    idf = np.log((1 + n) / (1 + df[used])) + 1.0
    for i, counts in enumerate(parts):
        counts = counts[:, used].tocsr()
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        parts[i] = (normalize(counts) if counts.shape[1] else counts).astype(np.float32)
    matrix = _stacked(parts, len(used))
    return Features(
        matrix=matrix,
        terms=[stems[i] for i in used],
        idf=idf,
        surface=[surface[i] for i in used],
    )


def _stacked(parts: list[sparse.csr_matrix], n_columns: int) -> sparse.csr_matrix:
    """The parts one under the other, each freed once it is copied: stacking them at once
    would hold the features of millions of texts twice."""
    rows = sum(part.shape[0] for part in parts)
    total = sum(part.nnz for part in parts)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    indices = np.empty(total, dtype=np.int32)
    data = np.empty(total, dtype=np.float32)
    row = at = 0
    for i in range(len(parts)):
        part, parts[i] = parts[i], None
        indices[at : at + part.nnz] = part.indices
        data[at : at + part.nnz] = part.data
        indptr[row + 1 : row + 1 + part.shape[0]] = part.indptr[1:] + at
        row += part.shape[0]
        at += part.nnz
    return sparse.csr_matrix((data, indices, indptr), shape=(rows, n_columns))


def _predict(batch) -> np.ndarray:
    """The nearest k-means centre of one batch of rows (koers.text.batches)."""
    km, rows = batch
    return km.predict(coordinates(rows))


def _square_norms(rows) -> np.ndarray:
    """The squared length of each row of one batch (koers.text.batches)."""
    z = coordinates(rows)
    return np.einsum("ij,ij->i", z, z)


def fit_rows(weights: np.ndarray, limit: int, rng: np.random.Generator) -> np.ndarray:
    """Representatives to fit on: all campaigns (weight > 1) first, then a random rest."""
    n = len(weights)
    if n <= limit:
        return np.arange(n)
    heavy = np.flatnonzero(weights > 1)
    heavy = heavy[np.argsort(-weights[heavy], kind="stable")][:limit]
    rest = np.setdiff1d(np.arange(n), heavy)
    extra = rng.choice(rest, size=limit - len(heavy), replace=False)
    return np.sort(np.concatenate([heavy, extra]))


class Projection:
    """The LSA coordinates of the rows of a TF-IDF matrix, normalised, computed when rows are
    read: for millions of representatives the whole array would take gigabytes, and clustering
    reads it a batch at a time (and the fitted sample) only."""

    def __init__(self, svd, matrix: sparse.csr_matrix):
        self.svd = svd
        self.matrix = matrix
        self.shape = (matrix.shape[0], svd.n_components)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows) -> np.ndarray:
        return coordinates(self.batch(rows))

    def batch(self, rows) -> tuple:
        """What a worker needs to compute these rows (see `coordinates`)."""
        return self.svd, self.matrix[rows]


def coordinates(batch) -> np.ndarray:
    """The coordinates of one batch of rows: (None, the rows) of an array, or (svd, TF-IDF rows)
    of a Projection."""
    svd, rows = batch
    if svd is None:
        return rows
    return normalize(svd.transform(rows)).astype(np.float32)


def _batch_of(z, rows) -> tuple:
    return z.batch(rows) if isinstance(z, Projection) else (None, z[rows])


def embed(features: Features, seed: int, settings: ThemeSettings) -> "Projection | np.ndarray":
    """LSA coordinates of the representatives, rows normalised (zero rows stay zero), computed
    when read (a Projection) unless there are too few terms to project."""
    from sklearn.decomposition import TruncatedSVD

    x = features.matrix
    n, n_terms = x.shape
    if n_terms == 0:
        return np.zeros((n, 1), dtype=np.float32)
    dims = min(settings.lsa_dims, n_terms - 1, n - 1)
    if dims < 2:
        return normalize(x.toarray())
    rng = np.random.default_rng(seed)
    fit = fit_rows(np.ones(n), settings.fit_sample, rng)
    svd = TruncatedSVD(dims, algorithm="randomized", n_iter=5, random_state=seed)
    svd.fit(x[fit])
    return Projection(svd, x)


def silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a precomputed distance matrix (one matrix product per labelling)."""
    k = int(labels.max()) + 1
    onehot = np.zeros((len(labels), k), dtype=distance.dtype)
    onehot[np.arange(len(labels)), labels] = 1.0
    sizes = onehot.sum(axis=0)
    if (sizes > 0).sum() < 2:
        return -1.0
    total = distance @ onehot
    own = total[np.arange(len(labels)), labels]
    own_size = sizes[labels]
    a = np.divide(own, own_size - 1, out=np.zeros_like(own), where=own_size > 1)
    mean_other = np.divide(total, sizes, out=np.full_like(total, np.inf), where=sizes > 0)
    mean_other[np.arange(len(labels)), labels] = np.inf
    b = mean_other.min(axis=1)
    s = np.where(own_size > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


def _silhouette_choice(
    z: np.ndarray,
    live: np.ndarray,
    micro: np.ndarray,
    tree: np.ndarray,
    k_max: int,
    rng: np.random.Generator,
    n_sample: int,
    tolerance: float = 1.0,
    from_valley: bool = True,
    flat: float = 0.0,
) -> int:
    """The smallest number of themes (2..k_max) whose cut of the tree has a silhouette at least
    `tolerance` of the way from the lowest to the best (1.0: the best); when the best comes
    after the lowest, the smallest after the lowest."""
    from scipy.cluster.hierarchy import fcluster

    rows = np.arange(len(live))
    if len(rows) > n_sample:
        rows = np.sort(rng.choice(rows, size=n_sample, replace=False))
    sample = z[live[rows]]
    distance = np.clip(1.0 - sample @ sample.T, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    scores = []
    for k in range(2, k_max + 1):
        cut = fcluster(tree, k, "maxclust")[micro[rows]]
        scores.append(silhouette(distance, np.unique(cut, return_inverse=True)[1]))
    return count_from(scores, tolerance, from_valley, flat)


def count_from(
    scores: list[float], tolerance: float, from_valley: bool = True, flat: float = 0.0
) -> int:
    """The number of themes whose score (silhouettes of 2, 3, ... themes) is the first to reach
    `tolerance` of the way from the lowest to the best score; the middle of the range (rounded
    up) when the scores differ by less than `flat`."""
    if not scores:
        return 2
    low, best = min(scores), max(scores)
    if best - low < flat:
        # No count stands out: two themes would lump most of the input together, the cap
        # would split it the finest the rule allows; the middle is neither.
        return 2 + len(scores) // 2
    goal = low + tolerance * (best - low) - 1e-9
    # A curve that falls after two or three themes and then climbs above them: that first
    # peak splits off one outlying group, not the themes, so the count is looked for after
    # the valley (on the regulations the rule took two themes for twelve domains).
    start = int(np.argmin(scores)) if from_valley and np.argmax(scores) > np.argmin(scores) else 0
    return 2 + next(i for i in range(start, len(scores)) if scores[i] >= goal)


def cluster(
    z: "np.ndarray | Projection",
    weights: np.ndarray,
    groups: np.ndarray | None,
    settings: ThemeSettings,
    seed: int,
) -> np.ndarray:
    """Cluster label per representative (0..k-1), or -1 for rows without content."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.cluster import KMeans

    n = len(z)
    labels = np.full(n, -1, dtype=np.int64)
    norms = run(_square_norms, (_batch_of(z, part) for part in _batches(n)))
    live = np.flatnonzero(np.concatenate([np.empty(0), *norms]) > 0)
    if len(live) == 0:
        return labels
    if len(live) < 3 or settings.n_themes == 1:
        labels[live] = 0
        return labels
    wl = weights[live].astype(np.float64)
    rng = np.random.default_rng(seed)
    # Without a fixed number, at most sqrt(n/2) themes: 22 for 1,000 texts, 40 from 3,200 on.
    k_cap = settings.n_themes or min(settings.max_themes, max(2, int(np.sqrt(len(live) / 2))))
    n_micro = int(np.clip(round(2 * np.sqrt(len(live))), 2, 2 * max(k_cap, 10)))
    fit = fit_rows(wl, settings.fit_sample, rng)
    # k-means fits on the sample only (all rows up to `fit_sample`), so it needs as many
    # distinct points there; the rest of the rows are only assigned, a batch at a time.
    z_fit = z[live[fit]]
    n_micro = min(n_micro, len(live) - 1, len(np.unique(z_fit.round(4), axis=0)))
    if n_micro < 2:
        labels[live] = 0
        return labels
    km = KMeans(n_micro, n_init=2, random_state=seed, max_iter=100)
    km.fit(z_fit, sample_weight=wl[fit])
    micro = np.empty(len(live), dtype=np.int64)
    batches = ((km, _batch_of(z, live[part])) for part in _batches(len(live)))
    for part, nearest_micro in zip(_batches(len(live)), run(_predict, batches), strict=True):
        micro[part] = nearest_micro
    present = np.unique(micro)
    centres = normalize(km.cluster_centers_[present])
    micro = np.searchsorted(present, micro)
    if len(present) < 2:
        labels[live] = 0
        return labels
    tree = linkage(centres, method="average", metric="cosine")
    k_max = min(k_cap, len(present))
    if settings.n_themes:
        k = min(settings.n_themes, len(present))
    else:
        k = _silhouette_choice(
            z,
            live,
            micro,
            tree,
            k_max,
            rng,
            settings.choice_sample,
            settings.count_tolerance,
            settings.count_from_valley,
            settings.flat_silhouette,
        )
    rows = (fcluster(tree, k, "maxclust") - 1)[micro]
    if settings.refine:
        # The tree joins whole micro-clusters, so a micro-cluster that straddles two themes goes
        # to one of them entirely. k-means started from the cut's themes moves each text to the
        # theme it is nearest to (NMI on the SIB-200 train and dev files, docs/benchmarks.md).
        rows = _refined(z, live, fit, wl, rows, k, seed)
    if groups is not None and settings.n_themes is None:
        # A family's own small theme is looked for among the micro-clusters, each in the
        # theme most of its texts went to; one split off takes all its texts along.
        held = np.zeros((len(present), k))
        np.add.at(held, (micro, rows), 1.0)
        theme_of = held.argmax(axis=1)
        specific = _keep_group_specific(theme_of, micro, centres, wl, groups[live], settings)
        # Numbered in order, the themes kept come first and those split off after them.
        split_off = (specific >= len(np.unique(theme_of)))[micro]
        rows = np.where(split_off, k + specific[micro], rows)
        rows = np.unique(rows, return_inverse=True)[1]
    labels[live] = rows
    return labels


def _refined(z, live, fit, weights, start, k, seed) -> np.ndarray:
    """Each live row's theme after k-means from the themes `start` gives the rows: fitted on
    the sample `fit`, then every row assigned to its nearest centre, a batch at a time."""
    from sklearn.cluster import KMeans

    z_fit = z[live[fit]]
    first = start[fit]
    present = np.unique(first)
    centres = np.vstack([z_fit[first == t].mean(axis=0) for t in present])
    km = KMeans(len(present), init=normalize(centres), n_init=1, max_iter=50, random_state=seed)
    km.fit(z_fit, sample_weight=weights[fit])
    found = np.empty(len(live), dtype=np.int64)
    batches = ((km, _batch_of(z, live[part])) for part in _batches(len(live)))
    for part, nearest in zip(_batches(len(live)), run(_predict, batches), strict=True):
        found[part] = nearest
    return np.unique(found, return_inverse=True)[1]


def _keep_group_specific(
    cut: np.ndarray,
    micro: np.ndarray,
    centres: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    settings: ThemeSettings,
) -> np.ndarray:
    """Give a small cluster its own theme when one group dominates it but not the theme it was
    merged into, and its words differ from the rest of that theme: that is one family's own
    concern, and merging would hide it. "Dominates" is tested against chance (binomial), so a
    handful of texts that happen to come from one family do not count."""
    from scipy.stats import binom

    cut = cut.copy()
    n_groups = int(groups.max()) + 1
    overall = np.bincount(groups, weights=weights, minlength=n_groups)
    overall = overall / overall.sum()
    by_micro = np.zeros((len(cut), n_groups))
    np.add.at(by_micro, (micro, groups), 1.0)
    mass = np.bincount(micro, weights=weights, minlength=len(cut))
    next_label = cut.max() + 1
    for theme in np.unique(cut):
        parts = np.flatnonzero(cut == theme)
        if len(parts) < 2:
            continue
        theme_mix = by_micro[parts].sum(axis=0)
        for m in parts:
            size = by_micro[m].sum()
            if mass[m] < settings.min_theme_size:
                continue
            share = by_micro[m] / size
            g = int(np.argmax(share))
            rest = theme_mix - by_micro[m]
            rest_share = rest[g] / max(rest.sum(), 1e-9)
            if not (
                share[g] >= settings.specific_share
                and share[g] >= settings.specific_lift * max(overall[g], rest_share)
                and binom.sf(by_micro[m, g] - 1, size, overall[g]) < settings.specific_p
            ):
                continue
            others = [p for p in parts if p != m and cut[p] == theme]
            rest_centre = (centres[others] * mass[others, None]).sum(axis=0)
            rest_centre /= np.linalg.norm(rest_centre) or 1.0
            if float(centres[m] @ rest_centre) < settings.specific_overlap:
                cut[m] = next_label
                next_label += 1
    return np.unique(cut, return_inverse=True)[1]


def centroids(
    features: Features, labels: np.ndarray, weights: np.ndarray, n_terms: int
) -> sparse.csr_matrix:
    """Per cluster the weighted mean TF-IDF vector, cut to its n_terms heaviest terms and
    normalised (the plain-data form the model stores)."""
    k = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    if k == 0:
        return sparse.csr_matrix((0, features.matrix.shape[1]), dtype=np.float32)
    live = labels >= 0
    member = sparse.csr_matrix(
        (weights[live].astype(np.float32), (labels[live], np.flatnonzero(live))),
        shape=(k, features.matrix.shape[0]),
    )
    mean = (member @ features.matrix).toarray()
    if mean.shape[1] > n_terms:
        cutoff = -np.partition(-mean, n_terms - 1, axis=1)[:, n_terms - 1 : n_terms]
        mean[mean < cutoff] = 0.0
    return sparse.csr_matrix(normalize(mean))


def nearest(matrix: sparse.csr_matrix, centres: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(index of the most similar centroid, its cosine) per row."""
    if centres.shape[0] == 0:
        return np.full(matrix.shape[0], -1), np.zeros(matrix.shape[0])
    best = np.empty(matrix.shape[0], dtype=np.int64)
    sim = np.empty(matrix.shape[0], dtype=np.float32)
    batches = ((matrix[part], centres) for part in _batches(matrix.shape[0]))
    for part, found in zip(_batches(matrix.shape[0]), run(_nearest, batches), strict=True):
        best[part], sim[part] = found
    return best, sim


def _nearest(batch) -> tuple[np.ndarray, np.ndarray]:
    """`nearest` for one batch of rows (koers.text.batches)."""
    rows, centres = batch
    sims = (rows @ centres.T).toarray()
    best = sims.argmax(axis=1)
    return best, sims[np.arange(len(best)), best]


def keywords(
    features: Features, labels: np.ndarray, weights: np.ndarray, k: int, n: int = 10
) -> list[list[int]]:
    """Per theme the term indices that are both frequent in it and distinctive for it."""
    live = labels >= 0
    member = sparse.csr_matrix(
        (weights[live].astype(np.float64), (labels[live], np.flatnonzero(live))),
        shape=(k, features.matrix.shape[0]),
    )
    mass = (member @ features.matrix).toarray()
    total = mass.sum(axis=0) + 1e-12
    share = mass / np.maximum(mass.sum(axis=1, keepdims=True), 1e-12)
    score = share * (mass / total)
    out = []
    for t in range(k):
        order = np.argsort(-score[t], kind="stable")
        out.append([int(i) for i in order[:n] if score[t, i] > 0])
    return out


def label_words(
    terms: list[int], surface: list[str], n: int = 3, skip: frozenset[str] = frozenset()
) -> list[str]:
    """Up to n surface words, skipping one that is part of a word already chosen and the
    words in `skip`."""
    chosen: list[str] = []
    for t in terms:
        word = surface[t]
        if word in skip or any(word in c or c in word for c in chosen):
            continue
        chosen.append(word)
        if len(chosen) == n:
            break
    return chosen


def display_forms(words: list[str], texts: list[str]) -> tuple[dict[str, str], frozenset[str]]:
    """The spelling written most often for each word ("digid" -> "DigiD"), and the words that
    mostly open a sentence. A capital at the start of a sentence says nothing about spelling and
    is not counted; a word seen only there is written in lower case. Words that mostly open a
    sentence are in Dutch mostly imperatives ("Vul", "Spreek", "Houd"): poor theme names."""
    out = {}
    openers = set()
    joined = "\n".join(texts)
    for word in words:
        found: Counter[str] = Counter()
        at_start = 0
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", joined, re.IGNORECASE):
            form = m.group(0)
            start = m.start()
            sentence_start = start == 0 or _SENTENCE_END.search(joined, max(0, start - 6), start)
            if sentence_start and form == form.capitalize() and form != form.lower():
                at_start += 1
                continue
            found[form] += 1
        if at_start > sum(found.values()):
            openers.add(word)
        out[word] = found.most_common(1)[0][0] if found else word.lower()
    return out, frozenset(openers)


# The end of a sentence, or the bullet of an item of a list, which opens one too ("- Mooi dat").
_SENTENCE_END = re.compile(r"(?:^|[.!?:\n])\s*(?:[-*•–]\s*)?$")
