"""A tokenised collection of contributions, with exact duplicates folded together.

Everything after this step works on the *unique* normalised texts: a letter sent 4,000 times
verbatim is tokenised, compared and clustered once and carries a multiplicity of 4,000.
Token ids are kept in one flat integer array with offsets (no list of strings per text), so a
million contributions fit in memory.
"""

import hashlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from koers.text.batches import slices
from koers.text.normalise import TOKEN, fold, strip_letter

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class Corpus:
    texts: Sequence[str]  # the original texts, one per row
    unique_of: np.ndarray  # row -> index of its unique normalised text
    first_row: np.ndarray  # unique index -> first row with that text
    multiplicity: np.ndarray  # unique index -> number of rows with that text
    tok_ids: np.ndarray  # flat token ids of all unique texts (int32)
    tok_ptr: np.ndarray  # unique index u has tok_ids[tok_ptr[u]:tok_ptr[u + 1]] (int64)
    vocab: list[str]  # token id -> token

    @property
    def n_rows(self) -> int:
        return len(self.unique_of)

    @property
    def n_unique(self) -> int:
        return len(self.first_row)

    def lengths(self) -> np.ndarray:
        return np.diff(self.tok_ptr)

    def token_counts(self) -> np.ndarray:
        """How often each vocabulary token occurs over all rows (duplicates counted), counted
        a batch of texts at a time: a weight per token of five million texts would take
        gigabytes at once."""
        counts = np.zeros(len(self.vocab))
        lengths = self.lengths()
        for part in slices(self.n_unique, 100_000):
            weights = np.repeat(self.multiplicity[part], lengths[part])
            tokens = self.tok_ids[self.tok_ptr[part.start] : self.tok_ptr[part.stop]]
            counts += np.bincount(tokens, weights=weights, minlength=len(self.vocab))
        return counts


def build_corpus(texts: Sequence[str], progress: Progress = no_progress) -> Corpus:
    vocab: defaultdict[str, int] = defaultdict()
    vocab.default_factory = vocab.__len__  # a new token gets the next id
    lookup = vocab.__getitem__
    seen: dict[bytes, int] = {}
    unique_of = np.empty(len(texts), dtype=np.int64)
    # Arrays, not lists: millions of int objects would stay scattered over the heap.
    first_row = array("q")
    multiplicity = array("q")
    ids = array("i")
    ptr = array("q", [0])
    step = max(1, len(texts) // 100)
    for row, text in enumerate(texts):
        toks = TOKEN.findall(strip_letter(fold(text or "")))
        key = hashlib.blake2b("\x1f".join(toks).encode(), digest_size=16).digest()
        u = seen.get(key)
        if u is None:
            u = seen[key] = len(first_row)
            first_row.append(row)
            multiplicity.append(1)
            ids.extend(map(lookup, toks))
            ptr.append(len(ids))
        else:
            multiplicity[u] += 1
        unique_of[row] = u
        if row % step == 0:
            progress("lezen", row, len(texts))
    progress("lezen", len(texts), len(texts))
    words = [""] * len(vocab)
    for word, i in vocab.items():
        words[i] = word
    return Corpus(
        texts=texts,
        unique_of=unique_of,
        # Views of the arrays filled above, not copies: the tokens of five million texts
        # take gigabytes.
        first_row=np.frombuffer(first_row, dtype=np.int64),
        multiplicity=np.frombuffer(multiplicity, dtype=np.int64),
        tok_ids=np.frombuffer(ids, dtype=np.int32),
        tok_ptr=np.frombuffer(ptr, dtype=np.int64),
        vocab=words,
    )
