"""The demo's concept agenda: built from the draft with a traced change for each edit, and
(nearly) every contribution answered, once."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Step
from koers.consultation import reactions
from koers.consultation.models import Contribution, Voice
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.synthesis import tally
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, ThemeVoice

from ..agenda import load_agenda_demo
from ..consultation import DEFAULT_CONTRIBUTIONS

CONTRIBUTIONS = DEFAULT_CONTRIBUTIONS  # the demo of conftest.py


@pytest.mark.django_db
def test_it_makes_a_concept_from_the_draft(demo):
    draft = AgendaVersion.objects.get(programme=demo, number=1)
    concept = AgendaVersion.objects.get(programme=demo, number=2)
    assert concept.state == VersionState.CONCEPT and concept.based_on == draft
    assert concept.created_at.year == 2015
    assert 5 <= Step.objects.filter(version=draft).count() <= 6
    # The copy brought the structure along, anchors included.
    assert set(Step.objects.filter(version=draft).values_list("anchor", flat=True)) == set(
        Step.objects.filter(version=concept).values_list("anchor", flat=True)
    )
    assert concept.paragraphs.count() == draft.paragraphs.count() + 2 - 1


@pytest.mark.django_db
def test_it_gives_every_family_main_activities_within_the_deadline(demo):
    for version in AgendaVersion.objects.filter(programme=demo):
        for family in demo.families.all():
            activities = MainActivity.objects.filter(version=version, family=family)
            assert 2 <= activities.count() <= 4, (version.number, family.slug)
        assert not MainActivity.objects.filter(version=version, deadline__gt=demo.deadline).exists()
        assert (
            not MainActivity.objects.filter(version=version, responsible=None)
            .filter(family__slug="grote-uitvoeringsorganisaties")
            .exists()
        )
    big = MainActivity.objects.filter(family__slug="grote-uitvoeringsorganisaties").first()
    assert {"Belastingdienst", "UWV"} & set(big.responsible.values_list("abbreviation", flat=True))
    assert MainActivity.objects.filter(facilities__slug="mijnoverheid-berichtenbox").exists()


@pytest.mark.django_db
def test_it_traces_each_change_to_themes_and_contributions(demo):
    concept = AgendaVersion.objects.get(programme=demo, number=2)
    changes = list(Change.objects.filter(version=concept).prefetch_related("themes"))
    paragraphs = [c for c in changes if c.kind == ItemKind.PARAGRAPH]
    assert 6 <= sum(c.action == ChangeAction.CHANGED for c in paragraphs) <= 10
    assert sum(c.action == ChangeAction.ADDED for c in paragraphs) == 2
    assert sum(c.action == ChangeAction.REMOVED for c in paragraphs) == 1
    assert {ItemKind.STEP, ItemKind.MAIN_ACTIVITY} <= {c.kind for c in changes}
    explained = [c for c in changes if c.action != ChangeAction.REMOVED]
    assert all(c.themes.exists() and c.contributions.exists() for c in explained)
    assert all(c.made_by.username == "bureau" and c.made_at.year == 2015 for c in changes)
    # A changed paragraph names input given on that very paragraph of the draft.
    changed = next(c for c in paragraphs if c.action == ChangeAction.CHANGED)
    assert changed.contributions.filter(paragraphs__anchor=changed.anchor).exists()


@pytest.mark.django_db
def test_it_answers_nearly_all_input_and_leaves_some_open(demo):
    visible = Contribution.objects.visible().filter(programme=demo)
    disposed = Disposition.objects.filter(contribution__in=visible)
    share = disposed.count() / visible.count()
    assert 0.95 <= share < 1
    assert not disposed.exclude(decided_by__username="bureau").exists()
    assert not disposed.exclude(decided_at__year=2015).exists()
    assert disposed.exclude(via_theme=None).count() > disposed.count() / 2
    assert disposed.exclude(via_campaign=None).exists()
    individual = disposed.filter(via_theme=None, via_campaign=None)
    assert individual.exists()
    assert set(disposed.values_list("outcome", flat=True)) == set(Outcome.values)
    assert Disposition.history.count() >= disposed.count()


@pytest.mark.django_db
def test_it_counts_every_answer_in_the_tally(demo):
    # The answers go in as plain rows: the tally must hold them as counting the rows would.
    kept = Counter({tuple(getattr(r, c) for c in tally.COLUMNS): r.n for r in tally.read(demo.pk)})
    assert kept == +tally.cells(Contribution.objects.filter(programme=demo))
    assert sum(n for cell, n in kept.items() if cell[3]) == Disposition.objects.count()
    # And the voices (coverage): every contribution that speaks for an organisation, counted.
    spoken = Contribution.objects.filter(programme=demo, organisation__isnull=False)
    voices = Counter({(v.programme_key, v.organisation_key): v.n for v in Voice.objects.all()})
    assert +voices == Counter(
        {
            (demo.pk, organisation): n
            for organisation, n in spoken.speaking_for_organisation()
            .values_list("organisation_id")
            .annotate(n=Count("pk"))
        }
    )
    assert 0 < voices.total() < spoken.count()  # reviewers without a confirmed claim do not speak
    # And the theme voices (a theme's page): per theme, organisation and hidden or not.
    in_themes = spoken.filter(theme_assignment__isnull=False)
    assert +Counter(
        {tuple(getattr(v, c) for c in tally.VOICE_COLUMNS): v.n for v in ThemeVoice.objects.all()}
    ) == Counter(
        {
            (demo.pk, *key): n
            for *key, n in in_themes.values_list(
                "theme_assignment__theme_id", "organisation_id", "is_hidden"
            ).annotate(n=Count("pk"))
        }
    )
    # And the reactions per paragraph (the agenda's public pages): each visible contribution once
    # per anchor it reacts to, per family.
    reacting = Counter(
        {
            (anchor, family): n
            for anchor, per_family in reactions.per_anchor(demo.pk).items()
            for family, n in per_family.items()
        }
    )
    assert reacting == Counter(
        {
            (anchor, family): n
            for anchor, family, n in Contribution.paragraphs.through.objects.filter(
                contribution__is_hidden=False, paragraph__version__programme=demo
            )
            .values_list("paragraph__anchor", "contribution__family_id")
            .annotate(n=Count("contribution_id", distinct=True))
        }
    )
    assert reacting.total() > 100


@pytest.mark.django_db
def test_it_adds_nothing_when_loaded_again(demo):
    counts = (Disposition.objects.count(), Change.objects.count(), AgendaVersion.objects.count())
    assert load_agenda_demo(demo) == {"versions": 0, "dispositions": 0}
    assert (
        Disposition.objects.count(),
        Change.objects.count(),
        AgendaVersion.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_it_answers_input_a_larger_demo_adds(demo):
    before = Disposition.objects.count()
    call_command("demo", contributions=CONTRIBUTIONS + 40, stdout=io.StringIO())
    load_agenda_demo(demo)
    # The new input gets answers too (a few of it stays open), without a second concept.
    assert 30 <= Disposition.objects.count() - before <= 40
    assert AgendaVersion.objects.filter(programme=demo, state="concept").count() == 1
