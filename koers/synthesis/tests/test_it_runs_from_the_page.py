"""Starting an analysis from the theme list, following its progress, and the earlier runs.

Tasks run at once in tests (koers/conftest.py), so a run started through the page is done by
the time the browser would arrive at its progress page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..constants import RunMode, RunState
from ..models import SynthesisRun, Theme, ThemeAssignment

pytestmark = pytest.mark.django_db

READERS = {"office", "council_member"}


def runs_url(world) -> str:
    return reverse("synthesis:synthesis-run-list", args=[world.programme.slug])


def test_it_uses_one_address_for_starting_and_listing():
    assert reverse("synthesis:synthesis-run-start", args=["p"]) == reverse(
        "synthesis:synthesis-run-list", args=["p"]
    )


@pytest.mark.parametrize("name", ["synthesis:synthesis-run-list", "synthesis:synthesis-run"])
def test_it_shows_runs_to_the_office_and_the_council_only(world, client_for, name):
    run = SynthesisRun.objects.create(programme=world.programme, mode=RunMode.FULL)
    args = [world.programme.slug] + ([run.pk] if name == "synthesis:synthesis-run" else [])
    for persona, user in world.personas():
        response = client_for(user).get(reverse(name, args=args))
        if persona in READERS:
            assert response.status_code == 200, persona
        elif user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona


def test_it_lets_only_the_office_start_a_run(world, client_for):
    for persona, user in world.personas():
        if persona == "office":
            continue
        response = client_for(user).post(runs_url(world), {"mode": RunMode.FULL})
        if user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona
    assert not SynthesisRun.objects.exists()


def test_it_starts_a_run_and_shows_what_it_found(consulted, client_for):
    world = consulted.world
    client = client_for(world.office)

    response = client.post(runs_url(world), {"mode": RunMode.FULL, "theme_count": ""})

    run = SynthesisRun.objects.get()
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert run.state == RunState.DONE and run.requested_by == world.office
    page = client.get(run.get_absolute_url())
    html = page.content.decode()
    assert "De analyse is klaar." in html
    assert reverse("synthesis:theme-list", args=[world.programme.slug]) in html
    assert 'value="100"' in html and "100&nbsp;%" in html
    assert "hx-trigger" not in html  # nothing left to follow
    assert ThemeAssignment.objects.count() == len(consulted.planted)
    # The list now shows the analysis' themes, each saying the analysis named it.
    listing = client.get(reverse("synthesis:theme-list", args=[world.programme.slug]))
    assert len(listing.context["overview"].rows) == Theme.objects.active().count() > 3
    assert "voorgesteld door de analyse van" in listing.content.decode()
    assert listing.context["latest_run"] == run


def test_it_runs_new_input_only_with_a_chosen_mode(consulted, client_for):
    world = consulted.world
    client = client_for(world.office)
    client.post(runs_url(world), {"mode": RunMode.FULL, "theme_count": "5"})
    first = SynthesisRun.objects.get()
    assert first.themes_requested == 5
    themes = set(Theme.objects.values_list("pk", flat=True))

    client.post(runs_url(world), {"mode": RunMode.NEW})

    second = SynthesisRun.objects.exclude(pk=first.pk).get()
    assert second.mode == RunMode.NEW and second.state == RunState.DONE
    assert set(Theme.objects.values_list("pk", flat=True)) == themes


def test_it_keeps_bad_input_and_says_what_is_wrong(world, client_for):
    client = client_for(world.office)
    response = client.post(runs_url(world), {"mode": RunMode.FULL, "theme_count": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies ten minste 2 thema" in html and 'id="id_theme_count_error"' in html
    assert response.context["run_form"]["theme_count"].value() == "1"
    response = client.post(runs_url(world), {"mode": "alles"})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert not SynthesisRun.objects.exists()


def test_it_refuses_a_second_run_while_one_works(world, client_for):
    busy = SynthesisRun.objects.create(
        programme=world.programme, mode=RunMode.FULL, state=RunState.RUNNING
    )
    client = client_for(world.office)
    response = client.post(runs_url(world), {"mode": RunMode.FULL})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er loopt al een analyse" in html
    assert busy.get_absolute_url() in html  # the way to the one that works
    assert SynthesisRun.objects.count() == 1


def test_it_follows_a_working_run_with_and_without_javascript(world, client_for):
    run = SynthesisRun.objects.create(
        programme=world.programme,
        mode=RunMode.FULL,
        state=RunState.RUNNING,
        stage="thema's vormen",
        done=40,
        total=100,
    )
    client = client_for(world.council_member)
    html = client.get(run.get_absolute_url()).content.decode()
    assert f'hx-get="{run.get_absolute_url()}" hx-trigger="every 2s"' in html
    assert '<progress id="voortgang-balk" class="koers-progress" max="100" value="40">' in html
    assert "40&nbsp;%" in html and "thema&#x27;s vormen" in html
    assert "Vernieuwen" in html
    # htmx asks for the progress part only.
    part = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<div id="voortgang"') and "<html" not in part
    SynthesisRun.objects.filter(pk=run.pk).update(state=RunState.DONE)
    part = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in part and "De analyse is klaar." in part


def test_it_shows_why_a_run_failed_to_those_who_run_analyses(world, client_for):
    run = SynthesisRun.objects.create(
        programme=world.programme,
        mode=RunMode.FULL,
        state=RunState.FAILED,
        error="geheugen vol",
    )
    office = client_for(world.office).get(run.get_absolute_url()).content.decode()
    council = client_for(world.council_member).get(run.get_absolute_url()).content.decode()
    assert "De analyse is mislukt" in office and "geheugen vol" in office
    assert "De analyse is mislukt" in council and "geheugen vol" not in council


def test_it_answers_404_for_another_programmes_run(world, client_for):
    from koers.organisations.tests.factories import ProgrammeFactory

    other = ProgrammeFactory()
    run = SynthesisRun.objects.create(programme=other, mode=RunMode.FULL)
    url = reverse("synthesis:synthesis-run", args=[world.programme.slug, run.pk])
    assert client_for(world.office).get(url).status_code == 404


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_lists_runs_with_the_same_number_of_queries_for_few_and_many(world, client_for):
    client = client_for(world.office)
    SynthesisRun.objects.create(
        programme=world.programme, mode=RunMode.FULL, requested_by=world.office, state=RunState.DONE
    )
    few = _queries(client, runs_url(world))
    SynthesisRun.objects.bulk_create(
        SynthesisRun(
            programme=world.programme,
            mode=RunMode.NEW,
            state=RunState.DONE,
            requested_by=[world.office, world.council_member][n % 2],
        )
        for n in range(30)
    )
    assert _queries(client, runs_url(world)) == few
    response = client.get(runs_url(world))
    assert len(response.context["page"].object_list) == 31
