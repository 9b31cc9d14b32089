"""A run whose worker died is marked failed once it has no heartbeat for SYNTHESIS_RUN_TIMEOUT,
so that "one run at a time" never waits for it forever. (The same with a real worker that is
killed: test_it_survives_a_killed_worker.py.)"""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.core.workers import recover

from ..constants import RunMode, RunState
from ..models import SynthesisRun, ThemeAssignment
from ..services import fail_stale_runs, perform_run, request_run

pytestmark = pytest.mark.django_db


def working(world, seconds_ago: int) -> SynthesisRun:
    beat = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    return SynthesisRun.objects.create(
        programme=world.programme,
        mode=RunMode.FULL,
        state=RunState.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
        stage="campagnes",
        done=30,
        total=100,
    )


def test_it_marks_a_run_without_heartbeat_failed_when_the_runs_are_looked_at(world, client_for):
    dead = working(world, seconds_ago=121)
    client = client_for(world.office)

    html = client.get(
        reverse("synthesis:synthesis-run-list", args=[world.programme.slug])
    ).content.decode()

    dead.refresh_from_db()
    assert dead.state == RunState.FAILED and dead.finished_at is not None
    assert dead.error.startswith("De verwerking is onderbroken")
    assert "mislukt" in html
    page = client.get(dead.get_absolute_url()).content.decode()
    assert "De analyse is mislukt" in page and "De verwerking is onderbroken" in page
    assert "hx-trigger" not in page  # nothing to follow any more


def test_it_lets_a_new_run_start_when_the_working_one_died(consulted, client_for):
    world = consulted.world
    dead = working(world, seconds_ago=600)
    client = client_for(world.office)

    response = client.post(
        reverse("synthesis:synthesis-run-start", args=[world.programme.slug]),
        {"mode": RunMode.FULL},
    )

    assert response.status_code == 302
    new = SynthesisRun.objects.exclude(pk=dead.pk).get()
    assert new.state == RunState.DONE, new.error
    assert SynthesisRun.objects.get(pk=dead.pk).state == RunState.FAILED


def test_it_keeps_a_run_with_a_recent_heartbeat(world, client_for):
    alive = working(world, seconds_ago=100)
    client_for(world.office).get(reverse("synthesis:theme-list", args=[world.programme.slug]))
    alive.refresh_from_db()
    assert alive.state == RunState.RUNNING
    with pytest.raises(Exception, match="Er loopt al een analyse"):
        request_run(world.programme, by=world.office)


def test_it_follows_the_timeout_setting(world, settings):
    settings.SYNTHESIS_RUN_TIMEOUT = 5
    run = working(world, seconds_ago=6)
    assert fail_stale_runs() == 1
    assert SynthesisRun.objects.get(pk=run.pk).state == RunState.FAILED


def test_it_leaves_queued_runs_waiting_for_a_worker(world):
    queued = SynthesisRun.objects.create(programme=world.programme, mode=RunMode.FULL)
    SynthesisRun.objects.filter(pk=queued.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert fail_stale_runs() == 0


def test_it_is_checked_by_every_worker(world):
    """Workers call koers.core.workers.recover() with each heartbeat: with the web pages
    unvisited, the dead run is still given up."""
    dead = working(world, seconds_ago=300)
    recover()
    assert SynthesisRun.objects.get(pk=dead.pk).state == RunState.FAILED


def test_it_does_not_run_a_run_twice_when_its_task_runs_again(consulted):
    """The task of a run whose worker died goes back to the queue; when it runs again the run
    was given up (or is done): it starts nothing and changes nothing."""
    run = working(consulted.world, seconds_ago=300)
    fail_stale_runs()
    perform_run(run)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and not ThemeAssignment.objects.exists()


def test_it_marks_a_run_interrupted_when_its_worker_is_told_to_stop(consulted, monkeypatch):
    """A worker stopped by force (a second Ctrl+C, SIGTERM) ends the task with SystemExit."""

    def stopped(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr("koers.synthesis.services.analyse", stopped)
    run = SynthesisRun.objects.create(programme=consulted.world.programme, mode=RunMode.FULL)
    with pytest.raises(SystemExit):
        perform_run(run)
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert run.error.startswith("De verwerking is onderbroken")
    assert not ThemeAssignment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_beats_while_the_engine_computes_without_reporting(consulted, settings, monkeypatch):
    """A stage may compute for minutes without a progress report; a thread keeps the heartbeat
    going meanwhile, so a run that works is never taken for dead."""
    settings.TASK_HEARTBEAT_SECONDS = 1
    run = SynthesisRun.objects.create(programme=consulted.world.programme, mode=RunMode.FULL)
    seen = []

    def analyse(texts, ids, groups, engine_settings, progress):
        progress("lezen", 0, 1)
        seen.append(SynthesisRun.objects.values_list("heartbeat_at", flat=True).get(pk=run.pk))
        time.sleep(2.5)  # silent
        seen.append(SynthesisRun.objects.values_list("heartbeat_at", flat=True).get(pk=run.pk))
        raise RuntimeError("genoeg gezien")

    monkeypatch.setattr("koers.synthesis.services.analyse", analyse)
    perform_run(run)

    assert seen[1] - seen[0] >= datetime.timedelta(seconds=1)
    assert SynthesisRun.objects.get(pk=run.pk).state == RunState.FAILED
