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
