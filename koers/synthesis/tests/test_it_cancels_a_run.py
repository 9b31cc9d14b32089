"""The office can stop a queued or working run; the run stops at its next step and, like a run
that failed, changes nothing."""

import pytest
from django.urls import reverse

from ..constants import RunMode, RunState
from ..models import SynthesisRun, Theme, ThemeAssignment
from ..services import cancel_run, perform_run

pytestmark = pytest.mark.django_db


def cancel_url(run) -> str:
    return reverse("synthesis:synthesis-run-cancel", args=[run.programme.slug, run.pk])


def test_it_lets_only_the_office_cancel(world, client_for):
    run = SynthesisRun.objects.create(
        programme=world.programme, mode=RunMode.FULL, state=RunState.RUNNING
    )
    for persona, user in world.personas():
        if persona == "office":
            continue
        response = client_for(user).post(cancel_url(run))
        if user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona
    assert SynthesisRun.objects.get(pk=run.pk).state == RunState.RUNNING
    # The button is there for the office only.
    assert "Analyse afbreken" in client_for(world.office).get(run.get_absolute_url()).text
    assert (
        "Analyse afbreken" not in client_for(world.council_member).get(run.get_absolute_url()).text
    )


def test_it_refuses_get(world, client_for):
    run = SynthesisRun.objects.create(programme=world.programme, mode=RunMode.FULL)
    assert client_for(world.office).get(cancel_url(run)).status_code == 405


def test_it_cancels_a_queued_run_which_then_never_starts(consulted, client_for):
    world = consulted.world
    run = SynthesisRun.objects.create(programme=world.programme, mode=RunMode.FULL)

    response = client_for(world.office).post(cancel_url(run))

    assert response.status_code == 302 and response.url == run.get_absolute_url()
    run.refresh_from_db()
    assert run.state == RunState.CANCELLED and run.cancelled_by == world.office
    perform_run(run)  # its task comes along later
    run.refresh_from_db()
    assert run.state == RunState.CANCELLED and not ThemeAssignment.objects.exists()
    html = client_for(world.office).get(run.get_absolute_url()).text
    assert "heeft de analyse afgebroken; er is niets gewijzigd" in html
    assert "Analyse afbreken" not in html and "hx-trigger" not in html


def test_it_stops_a_working_run_at_its_next_step_and_changes_nothing(consulted, monkeypatch):
    """The office presses the button while the engine works; at its next progress report the
    run stops, before anything is saved."""
    from koers.text import analyse as real_analyse

    world = consulted.world
    run = SynthesisRun.objects.create(programme=world.programme, mode=RunMode.FULL)
    reports = []

    def analyse(texts, ids, groups, settings, progress):
        progress("lezen", 0, 2)
        cancel_run(run, by=world.office)
        reports.append("cancelled")
        progress("lezen", 2, 2)  # the next step
        reports.append("went on")
        return real_analyse(texts, ids, groups, settings, progress)

    monkeypatch.setattr("koers.synthesis.services.analyse", analyse)
    perform_run(run)

    run.refresh_from_db()
    assert reports == ["cancelled"]
    assert run.state == RunState.CANCELLED and run.error == ""
    assert not ThemeAssignment.objects.exists() and not Theme.objects.exists()


def test_it_rolls_back_the_results_of_a_run_cancelled_while_it_saves(consulted, monkeypatch):
    """Cancelled after the engine finished, while the results are being written: the state
    "done" is written in the same transaction, only if the run still works, so the results
    go again."""
    from .. import services

    run = SynthesisRun.objects.create(programme=consulted.world.programme, mode=RunMode.FULL)
    real_retire = services._retire_empty_themes

    def retire(programme):
        real_retire(programme)
        assert ThemeAssignment.objects.exists()  # written, not yet committed
        # What the office's request does meanwhile (here inside the run's own transaction,
        # which is why the rollback takes this update along too).
        SynthesisRun.objects.filter(pk=run.pk).update(state=RunState.CANCELLED)

    monkeypatch.setattr(services, "_retire_empty_themes", retire)
    perform_run(run)

    assert not ThemeAssignment.objects.exists() and not Theme.objects.exists()
    assert SynthesisRun.objects.get(pk=run.pk).state != RunState.DONE


def test_it_says_when_a_run_can_no_longer_be_cancelled(world, client_for):
    run = SynthesisRun.objects.create(
        programme=world.programme, mode=RunMode.FULL, state=RunState.DONE
    )
    response = client_for(world.office).post(cancel_url(run))
    assert response.status_code == 409
    assert "Deze analyse loopt niet meer" in response.text
    assert SynthesisRun.objects.get(pk=run.pk).state == RunState.DONE
