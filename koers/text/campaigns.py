"""Campaigns: the same letter sent by many people, verbatim or with small edits.

Exact duplicates are already folded together by the corpus. Near-duplicates are found in
three steps:

1. every text becomes the set of its word 3-grams (shingles);
2. MinHash signatures with banding (locality-sensitive hashing) propose candidate pairs:
   texts that agree on all rows of at least one band land in one bucket (see
   `candidate_pairs`);
3. candidates are verified (exact overlap of the shingle sets) and grouped by *leader
   clustering*: texts are taken in order of priority (see `priority`), a text that is not yet
   in a group becomes a representative and every verified neighbour still free joins it.
   Membership is always checked against the representative itself, never through a chain of
   look-alikes, so two different campaigns that happen to share a paragraph are never merged
   into one group.
"""

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from koers.text.corpus import Corpus, Progress, no_progress

_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)


@dataclass(frozen=True)
class CampaignSettings:
    shingle: int = 3  # words per shingle
    min_tokens: int = 8  # shorter texts only match verbatim
    bands: int = 32
    rows: int = 3  # rows per band; bands * rows MinHash functions
    jaccard: float = 0.5  # join when the shingle sets overlap this much ...
    containment: float = 0.7  # ... or the shorter text lies this much inside the other
    min_ratio: float = 0.33  # ... and is at least this fraction of the other's length


@dataclass
class Campaigns:
    group_of: np.ndarray  # unique index -> campaign number or -1
    representatives: np.ndarray  # campaign number -> unique index of its representative
    sizes: np.ndarray  # campaign number -> number of rows (duplicates included)


def token_hashes(vocab: list[str]) -> np.ndarray:
    """A stable 64-bit hash per token (independent of the order texts came in)."""
    out = np.empty(len(vocab), dtype=np.uint64)
    for i, word in enumerate(vocab):
        out[i] = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
    return out


def shingle_matrix(corpus: Corpus, settings: CampaignSettings) -> sparse.csr_matrix:
    """Binary matrix (unique texts x shingles) for texts of at least `min_tokens` words."""
    lengths = corpus.lengths()
    n_unique = corpus.n_unique
    k = settings.shingle
    eligible = lengths >= settings.min_tokens
    if not eligible.any():
        return sparse.csr_matrix((n_unique, 0), dtype=np.float32)
    th = token_hashes(corpus.vocab)[corpus.tok_ids]
    th = np.concatenate([th, np.zeros(k, dtype=np.uint64)])
    n = len(corpus.tok_ids)
    doc = np.repeat(np.arange(n_unique), lengths)
    pos = np.arange(n)
    ok = eligible[doc] & (pos + k - 1 < corpus.tok_ptr[doc + 1])
    starts = pos[ok]
    h = th[starts].copy()
    for j in range(1, k):
        h = h * _MIX1 + th[starts + j]
        h ^= h >> np.uint64(29)
    h *= _MIX2
    doc = doc[ok]
    cols, inverse = np.unique(h, return_inverse=True)
    data = np.ones(len(doc), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (doc, inverse)), shape=(n_unique, len(cols)))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def minhash(matrix: sparse.csr_matrix, n_hashes: int, seed: int) -> np.ndarray:
    """MinHash signatures (rows with shingles x n_hashes), multiply-shift hashing of column ids."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=n_hashes, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=n_hashes, dtype=np.uint64)
    nonempty = np.diff(matrix.indptr) > 0
    starts = matrix.indptr[:-1][nonempty]
    cols = matrix.indices.astype(np.uint64) * _MIX2
    sig = np.empty((len(starts), n_hashes), dtype=np.uint32)
    buffer = np.empty_like(cols)
    shift = np.uint64(32)
    for j in range(n_hashes):
        np.multiply(cols, a[j], out=buffer)
        buffer += b[j]
        buffer >>= shift
        sig[:, j] = np.minimum.reduceat(buffer, starts)
    return sig


def centrality(matrix: sparse.csr_matrix, weights: np.ndarray) -> np.ndarray:
    """How widely a text's shingles are shared, on average, by the other texts (weighted by
    multiplicity). The template of a campaign scores highest among its edited copies."""
    nnz = np.diff(matrix.indptr)
    row_of = np.repeat(np.arange(matrix.shape[0]), nnz)
    col_weight = np.bincount(matrix.indices, weights=weights[row_of], minlength=matrix.shape[1])
    score = np.bincount(row_of, weights=col_weight[matrix.indices], minlength=matrix.shape[0])
    return score / np.maximum(nnz, 1)


def priority(multiplicity: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Rank of each row as a representative (0 first): the most frequent exact version first,
    then the most central.

    Centrality alone is not enough in a large corpus: a copy that adds a sentence many senders
    of *other* letters also add ("Ik hoop dat jullie hier echt iets mee doen.") scores above
    the template itself, because that sentence's shingles are shared by thousands of texts.
    Such a copy then heads the buckets and leads the group, and copies that added a different
    sentence no longer pass against it: one campaign split into several. The verbatim
    template is the version most people send, so it comes first; centrality still decides
    between texts sent equally often (all personalised copies, or originals).
    """
    n = len(score)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), -score, -multiplicity))] = np.arange(n)
    return rank


def candidate_pairs(sig: np.ndarray, rank: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Pairs (i < j) of rows that agree on all rows of at least one band.

    Within a bucket every row is paired with the bucket's first row by `rank` (a bucket of
    3,000 copies of one letter gives 2,999 pairs, not 4.5 million); small buckets also pair
    all their rows with each other.
    """
    n = len(sig)
    pairs = []
    for band in range(bands):
        block = sig[:, band * rows : (band + 1) * rows].astype(np.uint64)
        key = block[:, 0]
        for j in range(1, rows):
            key = key * _MIX1 + block[:, j]
            key ^= key >> np.uint64(31)
        order = np.lexsort((rank, key))
        sorted_keys = key[order]
        run_start = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
        run_id = np.cumsum(run_start) - 1
        run_size = np.bincount(run_id)
        first = np.flatnonzero(run_start)
        head = order[first[run_id]]
        linked = head != order
        pairs.append(np.stack([head[linked], order[linked]]))
        for d in (1, 2, 3):
            same = (run_id[:-d] == run_id[d:]) & (run_size[run_id[d:]] <= 4) & ~run_start[:-d]
            pairs.append(np.stack([order[:-d][same], order[d:][same]]))
    both = np.concatenate(pairs, axis=1)
    lo = np.minimum(both[0], both[1]).astype(np.int64)
    hi = np.maximum(both[0], both[1]).astype(np.int64)
    code = np.unique(lo * n + hi)
    return np.stack([code // n, code % n])


def verified_pairs(
    matrix: sparse.csr_matrix, pairs: np.ndarray, settings: CampaignSettings, chunk: int = 200_000
) -> np.ndarray:
    """The candidate pairs whose shingle sets really overlap enough (exact, not estimated)."""
    nnz = np.diff(matrix.indptr)
    keep = []
    for start in range(0, pairs.shape[1], chunk):
        i, j = pairs[:, start : start + chunk]
        inter = np.asarray(matrix[i].multiply(matrix[j]).sum(axis=1)).ravel()
        a, b = nnz[i], nnz[j]
        small = np.minimum(a, b)
        jaccard = inter / (a + b - inter)
        containment = inter / small
        ratio = small / np.maximum(a, b)
        ok = (jaccard >= settings.jaccard) | (
            (containment >= settings.containment) & (ratio >= settings.min_ratio)
        )
        keep.append(pairs[:, start : start + chunk][:, ok])
    return np.concatenate(keep, axis=1) if keep else np.empty((2, 0), dtype=np.int64)


def lead(n: int, edges: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Leader clustering on verified pairs: per row the row index of its representative.

    Rows are taken by `rank`; a leader takes its verified neighbours that have no group yet.
    Members are always verified against the leader itself, so groups never chain.
    """
    label = np.arange(n)
    if edges.shape[1] == 0:
        return label
    src = np.concatenate([edges[0], edges[1]])
    dst = np.concatenate([edges[1], edges[0]])
    adjacency = sparse.csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    indptr, indices = adjacency.indptr, adjacency.indices
    nodes = np.flatnonzero(np.diff(indptr) > 0)
    nodes = nodes[np.argsort(rank[nodes])]
    free = np.ones(n, dtype=bool)
    for v in nodes.tolist():
        if not free[v]:
            continue
        free[v] = False
        mates = indices[indptr[v] : indptr[v + 1]]
        mates = mates[free[mates]]
        label[mates] = v
        free[mates] = False
    return label


def find_campaigns(
    corpus: Corpus,
    settings: CampaignSettings | None = None,
    seed: int = 0,
    progress: Progress = no_progress,
) -> Campaigns:
    settings = settings or CampaignSettings()
    n_unique = corpus.n_unique
    if n_unique == 0:
        empty = np.empty(0, dtype=np.int64)
        return Campaigns(group_of=empty, representatives=empty, sizes=empty)
    weight = corpus.multiplicity
    leader_of = np.arange(n_unique)  # unique index -> unique index of its representative
    matrix = shingle_matrix(corpus, settings)
    progress("campagnes", 1, 4)
    has_shingles = np.flatnonzero(np.diff(matrix.indptr) > 0)
    if len(has_shingles) > 1:
        sub = matrix[has_shingles]
        sig = minhash(sub, settings.bands * settings.rows, seed)
        progress("campagnes", 2, 4)
        score = centrality(sub, weight[has_shingles])
        rank = priority(weight[has_shingles], score)
        pairs = candidate_pairs(sig, rank, settings.bands, settings.rows)
        progress("campagnes", 3, 4)
        edges = verified_pairs(sub, pairs, settings)
        local = lead(len(has_shingles), edges, rank)
        leader_of[has_shingles] = has_shingles[local]
    # The campaign is shown by its most frequent exact version (the leader on a tie): the
    # verbatim template rather than a copy that happens to lack a word.
    idx = np.arange(n_unique)
    order = np.lexsort((idx != leader_of, -weight, leader_of))
    first = np.r_[True, leader_of[order][1:] != leader_of[order][:-1]]
    shown = np.arange(n_unique)
    shown[leader_of[order][first]] = order[first]
    leader_of = shown[leader_of]
    # Texts without words (empty or only punctuation) are never a campaign.
    empty = corpus.lengths() == 0
    size = np.bincount(leader_of, weights=weight, minlength=n_unique).astype(np.int64)
    is_campaign = (size >= 2) & ~empty
    leaders = np.flatnonzero(is_campaign)
    # Biggest campaign first; ties by first appearance.
    leaders = leaders[np.lexsort((corpus.first_row[leaders], -size[leaders]))]
    number = np.full(n_unique, -1, dtype=np.int64)
    number[leaders] = np.arange(len(leaders))
    progress("campagnes", 4, 4)
    return Campaigns(
        group_of=number[leader_of],
        representatives=leaders,
        sizes=size[leaders],
    )
