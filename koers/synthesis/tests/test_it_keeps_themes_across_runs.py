"""A full re-analysis after an import keeps themes whose members mostly stay together (Jaccard
overlap of members >= 0.5, best match first), with their names and people's decisions, and the
run says what changed."""

import random

import pytest
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.text.tests.conftest import contribution

from ..constants import RunMode, RunState
from ..models import SynthesisRun, Theme, ThemeAssignment
from ..services import move_contributions, rename_theme, request_run

pytestmark = pytest.mark.django_db


def _run(consulted) -> SynthesisRun:
    run = request_run(consulted.world.programme, by=consulted.world.office, mode=RunMode.FULL)
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    return run


def test_four_new_rows_and_a_full_run_keep_every_theme_and_decision(consulted, client):
    first = _run(consulted)
    themes = {t.pk: t.label for t in Theme.objects.active().filter(is_other=False)}
    before = dict(ThemeAssignment.objects.values_list("contribution_id", "theme_id"))
    websites = ThemeAssignment.objects.get(contribution_id=consulted.ids("websites")[0]).theme
    rename_theme(websites, "Websites van de overheid", by=consulted.world.office)
    portals = ThemeAssignment.objects.get(contribution_id=consulted.ids("portalen")[0]).theme
    moved = consulted.ids("kanalen")[:2]
    move_contributions(moved, portals, by=consulted.world.office)
    rng = random.Random(3)
    Contribution.objects.bulk_create(
        Contribution(
            programme=consulted.world.programme,
            channel=Channel.IMPORT,
            text=contribution(rng, theme),
            family=consulted.families["provincies"],
            submitted_at=timezone.now(),
        )
        for theme in ("websites", "portalen", "kanalen", "water")
    )

    second = _run(consulted)

    after = dict(ThemeAssignment.objects.values_list("contribution_id", "theme_id"))
    same = sum(after[c] == t for c, t in before.items())
    assert same >= 0.95 * len(before)
    assert set(themes) <= set(Theme.objects.active().values_list("pk", flat=True))
    assert Theme.objects.get(pk=websites.pk).label == "Websites van de overheid"
    assert all(after[c] == portals.pk for c in moved)  # people's decisions stay
    assert ThemeAssignment.objects.by_people().filter(theme=portals).count() == 2
    assert len(second.changes["kept"]) == len(themes)
    assert second.changes["new"] == second.changes["split"] == second.changes["merged"] == []
    assert first.changes["new"] and not first.changes["kept"]

    client.force_login(consulted.world.office)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Wat is er veranderd" in page and "Behouden" in page
