"""Millions of texts are analysed a batch at a time, here or on a cluster: the batches, and
where they run, change nothing in the result (koers.text.batches)."""

import csv
import io
import json
from concurrent.futures import ProcessPoolExecutor

import pytest
from distributed import Client, LocalCluster
from django.core.management import CommandError, call_command

from koers.text import Settings, analyse, campaigns, themes
from koers.text.pipeline import write_json


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of a few dozen texts, so that the consultation's 400 make many of them."""
    monkeypatch.setattr(campaigns, "BATCH", 37)
    monkeypatch.setattr(themes, "BATCH", 41)


def texts_and_groups(consultation):
    return [r[0] for r in consultation], [r[1] for r in consultation]


def test_small_batches_find_what_one_batch_finds(consultation, analysed, small_batches):
    texts, groups = texts_and_groups(consultation)
    batched = analyse(texts, groups=groups)
    assert len(texts) > campaigns.BATCH
    assert batched.result == analysed.result
    assert batched.result["campaigns"] and len(batched.result["themes"]) > 2


@pytest.fixture(scope="module")
def two_workers():
    """A Dask cluster on this machine: a scheduler and two worker processes."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def batches_run_by_each_worker(client) -> list[int]:
    return list(client.run(lambda dask_worker: dask_worker.state.executed_count).values())


def test_a_cluster_of_two_workers_finds_what_one_process_finds(
    consultation, small_batches, two_workers
):
    texts, groups = texts_and_groups(consultation)
    settings = Settings(seed=3)
    here = analyse(texts, groups=groups, settings=settings)
    before = batches_run_by_each_worker(two_workers)
    there = analyse(texts, groups=groups, settings=settings, executor=two_workers.get_executor())
    after = batches_run_by_each_worker(two_workers)
    # Both workers took batches: the work was really shared.
    assert len(after) == 2 and all(a > b for a, b in zip(after, before, strict=True))
    assert there.result == here.result


def test_the_command_runs_on_a_cluster_given_its_address(
    tmp_path, consultation, small_batches, two_workers
):
    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["familie", "reactie"])
        writer.writerows((group, text) for text, group, _ in consultation)
    for name, cluster in (("here", None), ("there", two_workers.scheduler.address)):
        call_command(
            "analyse",
            source,
            text_column="reactie",
            group_column="familie",
            mode="fast",
            cluster=cluster,
            out=tmp_path / f"{name}.json",
            verbosity=0,
        )
    here, there = (
        json.loads((tmp_path / f"{n}.json").read_text("utf-8")) for n in ("here", "there")
    )
    assert there == here and len(there["items"]) == len(consultation)


def test_the_command_says_when_no_cluster_answers(tmp_path, monkeypatch):
    monkeypatch.setattr("koers.synthesis.management.commands.analyse.CLUSTER_TIMEOUT", "1s")
    source = tmp_path / "in.csv"
    source.write_text("reactie\nDe balie moet blijven.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no Dask scheduler answers"):
        call_command(
            "analyse",
            source,
            text_column="reactie",
            mode="fast",
            cluster="tcp://127.0.0.1:9",
            out=tmp_path / "r.json",
            verbosity=0,
        )


def test_a_pool_of_processes_finds_what_one_process_finds(consultation, small_batches):
    texts, groups = texts_and_groups(consultation)
    here = analyse(texts, groups=groups)
    with ProcessPoolExecutor(2) as pool:
        there = analyse(texts, groups=groups, executor=pool)
    assert there.result == here.result


def test_it_writes_the_items_one_per_line_as_json(analysed):
    out = io.StringIO()
    write_json(analysed.result, out)
    text = out.getvalue()
    assert json.loads(text) == json.loads(
        json.dumps({**analysed.result, "items": list(analysed.result["items"])})
    )
    one_per_line = [line for line in text.splitlines() if line.startswith('  {"id": ')]
    assert len(one_per_line) == len(analysed.result["items"])
