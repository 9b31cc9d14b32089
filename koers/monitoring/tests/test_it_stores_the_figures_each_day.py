"""`koers store-monitoring` stores what the monitoring pages read, so that the first reader of a
day finds it stored: the pages then read it without computing."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from .. import rollup

pytest_plugins = ["koers.monitoring.tests.helpers"]


def test_the_command_stores_what_the_pages_read(monitored, client_for, monkeypatch):
    cache.clear()
    out = io.StringIO()
    call_command("store_monitoring", stdout=out)
    assert f"{monitored.world.programme.slug}: 1 round(s), forecast" in out.getvalue()

    def refuse(*args, **kwargs):
        raise AssertionError("computed on a page after the figures were stored")

    monkeypatch.setattr(rollup, "roll_up", refuse)
    home = client_for(monitored.world.office).get(
        f"/programmas/{monitored.world.programme.slug}/monitoring"
    )
    assert home.status_code == 200
    call_command("store_monitoring", stdout=io.StringIO())  # a second run reads what is stored


@pytest.mark.django_db
def test_a_programme_without_an_adopted_agenda_is_passed_over(world):
    out = io.StringIO()
    call_command("store_monitoring", stdout=out)
    assert world.programme.slug not in out.getvalue()


def test_the_daily_task_stores_every_programme(monitored):
    # What `koers run` queues once a day.
    from ..tasks import store_all_programme_figures

    assert store_all_programme_figures.call() == monitored.world.programme.slug
