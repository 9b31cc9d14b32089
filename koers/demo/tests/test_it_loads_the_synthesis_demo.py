"""The demo's synthesis: analysed, curated by the office, re-run without losing a decision, and
kept up to date when the demo grows."""

import io

import pytest
from django.core.management import call_command

from koers.consultation.models import Contribution
from koers.synthesis.constants import RunMode, RunState
from koers.synthesis.models import SynthesisRun, Theme, ThemeAssignment
from koers.synthesis.overview import theme_overview

from ..consultation import DEFAULT_CONTRIBUTIONS
from ..synthesis import MIN_SHARE, NAMES, THREADS, name_shares

CONTRIBUTIONS = DEFAULT_CONTRIBUTIONS  # the demo of conftest.py


@pytest.mark.django_db
def test_it_analyses_and_curates_the_demo(demo):
    runs = list(SynthesisRun.objects.filter(programme=demo).order_by("pk"))
    assert [r.state for r in runs] == [RunState.DONE, RunState.DONE]
    assert runs[0].themes_created >= 8 and runs[1].themes_created == 0
    visible = Contribution.objects.visible().filter(programme=demo).count()
    assert ThemeAssignment.objects.filter(contribution__programme=demo).count() == visible
    named = Theme.objects.filter(programme=demo, label_by__username="bureau")
    assert named.count() >= Theme.objects.filter(programme=demo, is_other=False).count() - 3
    assert set(named.values_list("label", flat=True)) <= set(NAMES)
    threads = {row.theme.label for row in theme_overview(demo).common_threads}
    assert set(THREADS) <= threads


@pytest.mark.django_db
def test_each_name_the_office_gave_fits_the_input_of_its_theme(demo):
    # After the second run too: a name follows its theme's input, not the order of a list.
    themes = list(
        Theme.objects.filter(programme=demo, label_by__username="bureau", merged_into=None)
    )
    labels = list(NAMES)
    shares = name_shares(themes, labels)
    fits = {theme.label: shares[row, labels.index(theme.label)] for row, theme in enumerate(themes)}
    proposed = Theme.objects.filter(programme=demo, merged_into=None, is_other=False).count()
    assert len(fits) == len(themes) >= proposed - 3
    assert {label: share for label, share in fits.items() if share < MIN_SHARE} == {}


@pytest.mark.django_db
def test_it_places_added_demo_input_in_the_curated_themes(demo):
    themes = set(Theme.objects.filter(programme=demo).values_list("pk", "label"))
    out = io.StringIO()
    call_command("demo", contributions=CONTRIBUTIONS + 40, stdout=out)
    last = SynthesisRun.objects.filter(programme=demo).order_by("-pk").first()
    assert last.mode == RunMode.NEW and last.state == RunState.DONE
    assert last.contributions == 40
    assert set(Theme.objects.filter(programme=demo).values_list("pk", "label")) == themes
    assert not Contribution.objects.filter(programme=demo, theme_assignment__isnull=True).exists()
    assert "synthesis: 3 runs" in out.getvalue()
