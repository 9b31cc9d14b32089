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

from koers.text.batches import run, slices
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
    """Binary matrix (unique texts x shingles) for texts of at least `min_tokens` words: for a
    few texts at a time (new input against the known campaigns, koers.text.model)."""
    tokens = token_hashes(corpus.vocab)[corpus.tok_ids]
    count, ids = shingle_batch((tokens, corpus.lengths(), settings))
    cols, column = np.unique(ids, return_inverse=True)  # ids are sorted within each text
    indptr = np.concatenate([[0], np.cumsum(count)])
    data = np.ones(len(ids), dtype=np.float32)
    return sparse.csr_matrix((data, column, indptr), shape=(corpus.n_unique, len(cols)))


# Unique texts whose shingles are hashed at once: bounds the temporary arrays (a few hundred
# bytes per token), so that five million contributions are read in bounded memory.
BATCH = 50_000
# Shingle weights for centrality are counted in this many buckets (by the shingle's top bits):
# a fixed 128 MB whatever the corpus, where an exact count of every distinct shingle grows
# with it. Two shingles that share a bucket add up; centrality only orders texts sent equally
# often, so that rare error does not matter.
_BUCKET_SHIFT = np.uint32(8)
WEIGHT_BUCKETS = 1 << (32 - 8)
# Fewer shingles than this are weighed per bucket they use, not in a table of all buckets.
FEW_SHINGLES = WEIGHT_BUCKETS // 16


@dataclass
class Shingles:
    """The distinct shingles of every unique text, as 32-bit ids sorted per text, in one flat
    array (4 bytes a shingle; the sets are compared exactly when candidates are verified)."""

    ids: np.ndarray  # uint32, text u has ids[ptr[u]:ptr[u + 1]]
    ptr: np.ndarray  # int64, per unique text + 1

    def sizes(self) -> np.ndarray:
        return np.diff(self.ptr)

    def of(self, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in `texts`, shingle id) for every shingle of the given texts."""
        starts, lengths = self.ptr[texts], self.sizes()[texts]
        return np.repeat(np.arange(len(texts)), lengths), self.ids[_ranges(starts, lengths)]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices starts[i] .. starts[i] + lengths[i] - 1 of every i, concatenated."""
    total = int(lengths.sum())
    offset = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + offset


def shingle_batch(batch: tuple) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of one batch of texts, from the hashes of their tokens: per text the
    number of distinct shingles, and their ids sorted per text (uint32). Texts shorter than
    `min_tokens` words have none: they only match verbatim.

    `batch` is (token hashes of the texts one after the other, number of tokens per text,
    settings): everything it depends on, so that a worker of a cluster can compute it."""
    token_hash, lengths, settings = batch
    k = settings.shingle
    th = np.concatenate([token_hash, np.zeros(k, dtype=np.uint64)])
    doc = np.repeat(np.arange(len(lengths)), lengths)
    pos = np.arange(len(token_hash))
    ends = np.cumsum(lengths)
    ok = (lengths >= settings.min_tokens)[doc] & (pos + k - 1 < ends[doc])
    starts = pos[ok]
    h = th[starts].copy()
    for j in range(1, k):
        h = h * _MIX1 + th[starts + j]
        h ^= h >> np.uint64(29)
    h *= _MIX2
    key = _distinct((doc[ok].astype(np.uint64) << np.uint64(32)) | (h >> np.uint64(32)))
    count = np.bincount((key >> np.uint64(32)).astype(np.int64), minlength=len(lengths))
    return count, (key & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted. NumPy's own unique hashes integers first, several times
    slower than sorting them."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _hash_functions(n_hashes: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=n_hashes, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=n_hashes, dtype=np.uint64)
    return a, b


def key_batch(batch: tuple) -> np.ndarray:
    """The MinHash keys of some bands (bands x texts, uint64) for one batch of texts: the
    signature's rows of a band hashed into one key, so that two texts share a bucket when they
    agree on all of them.

    `batch` is (the texts' shingle ids one after the other, number of shingles per text, each
    at least one; settings, seed, the bands). A text's keys depend on its shingles and the
    seed only, not on the other texts, so that batches, or the workers of a cluster, compute
    the same keys for it."""
    ids, counts, settings, seed, bands = batch
    a, b = _hash_functions(settings.bands * settings.rows, seed)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    x = ids.astype(np.uint64) * _MIX2
    buffer = np.empty_like(x)
    keys = np.empty((len(bands), len(counts)), dtype=np.uint64)
    shift = np.uint64(32)
    for out, band in enumerate(bands):
        key = None
        for r in range(settings.rows):
            j = band * settings.rows + r
            np.multiply(x, a[j], out=buffer)
            buffer += b[j]
            buffer >>= shift
            value = np.minimum.reduceat(buffer, starts)
            if key is None:
                key = value
            else:
                key = key * _MIX1 + value
                key ^= key >> np.uint64(31)
        keys[out] = key
    return keys


def shingle_sets(corpus: Corpus, settings: CampaignSettings, progress: Progress) -> Shingles:
    """The shingles of every unique text, a batch of texts at a time."""
    token_hash = token_hashes(corpus.vocab)
    n = corpus.n_unique
    lengths = corpus.lengths()

    parts = slices(n, BATCH)
    batches = (
        (
            token_hash[corpus.tok_ids[corpus.tok_ptr[p.start] : corpus.tok_ptr[p.stop]]],
            lengths[p],
            settings,
        )
        for p in parts
    )

    # A text has at most as many distinct shingles as tokens: the ids are written into one
    # array of that size, so that they are never held twice (parts and their concatenation).
    ids = np.empty(len(corpus.tok_ids), dtype=np.uint32)
    sizes = np.zeros(n, dtype=np.int64)
    at = 0
    for part, (count, found) in zip(parts, run(shingle_batch, batches), strict=True):
        sizes[part] = count
        ids[at : at + len(found)] = found
        at += len(found)
        progress("campagnes", part.stop, 3 * n)
    ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return Shingles(ids[:at], ptr)


def centrality(shingles: Shingles, texts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """How widely a text's shingles are shared, on average, by the other texts (weighted by
    multiplicity). The template of a campaign scores highest among its edited copies."""
    if len(shingles.ids) < FEW_SHINGLES:
        return _centrality_of_few(shingles, texts, weights)
    table = np.zeros(WEIGHT_BUCKETS)
    for part in slices(len(texts), BATCH):
        row, ids = shingles.of(texts[part])
        _add_per_bucket(table, ids >> _BUCKET_SHIFT, weights[part][row])
    score = np.empty(len(texts))
    for part in slices(len(texts), BATCH):
        row, ids = shingles.of(texts[part])
        total = np.bincount(row, weights=table[ids >> _BUCKET_SHIFT], minlength=len(texts[part]))
        score[part] = total / np.maximum(shingles.sizes()[texts[part]], 1)
    return score


def _centrality_of_few(shingles: Shingles, texts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """`centrality` of a corpus with fewer than `FEW_SHINGLES` shingles, with the
    weights summed per bucket it uses instead of in a table of all 16 million (128 MB): the
    first write into each of its pages made the system clear it, 20 to 170 ms for an analysis
    of a few texts. The weights are multiplicities, whole numbers, so the sums are the same."""
    row, ids = shingles.of(texts)
    used, position = np.unique(ids >> _BUCKET_SHIFT, return_inverse=True)
    per_bucket = np.bincount(position, weights=weights[row], minlength=len(used))
    total = np.bincount(row, weights=per_bucket[position], minlength=len(texts))
    return total / np.maximum(shingles.sizes()[texts], 1)


def _add_per_bucket(table: np.ndarray, buckets: np.ndarray, weights: np.ndarray) -> None:
    """table[b] += the weights of bucket b. A bincount as long as the table adds 128 MB, which
    costs a tenth of a second for a batch of a few texts; a batch that fills fewer buckets sums
    only the ones it fills (in the same order, so to the same sums)."""
    if len(buckets) >= len(table) // 16:
        table += np.bincount(buckets, weights=weights, minlength=len(table))
    else:
        used, position = np.unique(buckets, return_inverse=True)
        table[used] += np.bincount(position, weights=weights, minlength=len(used))


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


# Bands whose keys are computed and bucketed at once: the keys of all 32 would take 256 bytes
# per text (a gigabyte at four million unique texts), those of 8 a quarter of that.
BANDS_AT_ONCE = 8


def candidate_pairs(
    shingles: Shingles, texts: np.ndarray, rank: np.ndarray, settings: CampaignSettings, seed: int
) -> np.ndarray:
    """Pairs of rows of `texts` (all with shingles) that share the key of at least one band,
    as codes i * len(texts) + j with i < j, sorted.

    Within a bucket every row is paired with the bucket's first row by `rank` (a bucket of
    3,000 copies of one letter gives 2,999 pairs, not 4.5 million); small buckets also pair
    all their rows with each other.
    """
    n = len(texts)
    codes = np.empty(0, dtype=np.int64)
    for first in range(0, settings.bands, BANDS_AT_ONCE):
        bands = range(first, min(settings.bands, first + BANDS_AT_ONCE))
        batches = (
            (
                shingles.ids[shingles.ptr[texts[p.start]] : shingles.ptr[texts[p.stop - 1] + 1]],
                shingles.sizes()[texts[p]],
                settings,
                seed,
                bands,
            )
            for p in slices(n, BATCH)
        )
        keys = np.hstack(list(run(key_batch, batches)))
        pairs = [codes]
        for key in keys:
            order = np.lexsort((rank, key))
            sorted_keys = key[order]
            run_start = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
            run_id = np.cumsum(run_start) - 1
            run_size = np.bincount(run_id)
            head = order[np.flatnonzero(run_start)[run_id]]
            linked = head != order
            pairs.append(_codes(head[linked], order[linked], n))
            for d in (1, 2, 3):
                same = (run_id[:-d] == run_id[d:]) & (run_size[run_id[d:]] <= 4) & ~run_start[:-d]
                pairs.append(_codes(order[:-d][same], order[d:][same], n))
        # Most bands propose the same pairs again: folded together after each group of bands,
        # the list stays as long as the distinct pairs.
        codes = _distinct(np.concatenate(pairs))
    return codes


def _codes(i: np.ndarray, j: np.ndarray, n: int) -> np.ndarray:
    i, j = i.astype(np.int64), j.astype(np.int64)
    return np.minimum(i, j) * n + np.maximum(i, j)


def verified_pairs(
    shingles: Shingles,
    texts: np.ndarray,
    codes: np.ndarray,
    settings: CampaignSettings,
    chunk: int = 100_000,
) -> np.ndarray:
    """The candidate pairs (codes of rows of `texts`, see `candidate_pairs`) whose shingle sets
    really overlap enough, as (2, pairs): exact counts, not estimates, `chunk` pairs at a time."""
    size = shingles.sizes()[texts]
    n = len(texts)
    keep = [np.empty((2, 0), dtype=np.int64)]
    for start in range(0, len(codes), chunk):
        i, j = np.divmod(codes[start : start + chunk], n)
        inter = _overlap(shingles, texts[i], texts[j])
        a, b = size[i], size[j]
        small = np.minimum(a, b)
        jaccard = inter / (a + b - inter)
        containment = inter / small
        ratio = small / np.maximum(a, b)
        ok = (jaccard >= settings.jaccard) | (
            (containment >= settings.containment) & (ratio >= settings.min_ratio)
        )
        keep.append(np.stack([i[ok], j[ok]]))
    return np.concatenate(keep, axis=1)


def _overlap(shingles: Shingles, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair the number of shingles the two texts share: both sets of a pair sorted into
    one run, where a shared shingle is an id that follows itself."""
    row_l, ids_l = shingles.of(left)
    row_r, ids_r = shingles.of(right)
    rows = np.concatenate([row_l, row_r]).astype(np.uint64)
    # Two sorted runs (the left sets, then the right ones): a merge, which timsort sees.
    key = np.concatenate([ids_l, ids_r]).astype(np.uint64) | (rows << np.uint64(32))
    key.sort(kind="stable")
    shared = key[1:][key[1:] == key[:-1]] >> np.uint64(32)
    return np.bincount(shared.astype(np.int64), minlength=len(left))


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
    shingles = shingle_sets(corpus, settings, progress)
    has_shingles = np.flatnonzero(shingles.sizes() > 0)
    if len(has_shingles) > 1:
        score = centrality(shingles, has_shingles, weight[has_shingles])
        rank = priority(weight[has_shingles], score)
        pairs = candidate_pairs(shingles, has_shingles, rank, settings, seed)
        progress("campagnes", 2 * n_unique, 3 * n_unique)
        edges = verified_pairs(shingles, has_shingles, pairs, settings)
        del pairs
        local = lead(len(has_shingles), edges, rank)
        leader_of[has_shingles] = has_shingles[local]
    del shingles
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
    progress("campagnes", 3 * n_unique, 3 * n_unique)
    return Campaigns(
        group_of=number[leader_of],
        representatives=leaders,
        sizes=size[leaders],
    )
