"""A synthesis run proposes; people decide; a re-run never overwrites what they decided."""

from collections import Counter

import pytest

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.text import embeddings
from koers.text.tests.conftest import campaign_copy, contribution

from .. import tally
from ..constants import RunMode, RunState
from ..models import Campaign, SynthesisRun, Theme, ThemeAssignment
from ..overview import theme_overview
from ..services import (
    CurationRefused,
    RunRefused,
    decide_common_thread,
    merge_themes,
    move_contributions,
    rename_theme,
    request_run,
    split_theme,
)

pytestmark = pytest.mark.django_db


def _run(consulted, mode=RunMode.FULL, **kwargs) -> SynthesisRun:
    run = request_run(consulted.world.programme, by=consulted.world.office, mode=mode, **kwargs)
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    return run


def _theme_of(pk: int) -> Theme:
    return ThemeAssignment.objects.select_related("theme").get(contribution_id=pk).theme


def _majority_theme(consulted, planted: str) -> Theme:
    counts = Counter(_theme_of(pk).pk for pk in consulted.ids(planted))
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def _assignments() -> dict[int, int]:
    return dict(ThemeAssignment.objects.values_list("contribution_id", "theme_id"))


def test_it_gives_every_contribution_a_theme_and_finds_the_campaign(consulted):
    run = _run(consulted)

    assert run.contributions == len(consulted.planted)
    assert run.percent == 100 and run.finished_at is not None
    assert ThemeAssignment.objects.count() == len(consulted.planted)
    assert ThemeAssignment.objects.by_people().count() == 0
    campaign = Campaign.objects.order_by("-size").first()  # the planted letter
    assert campaign.size == 25
    members = set(campaign.members.values_list("contribution_id", flat=True))
    assert members == set(consulted.ids("campagne"))
    # A campaign is one voice with a count: all its members share their representative's theme.
    assert len({_theme_of(pk).pk for pk in members}) == 1
    assert campaign.representative_id in members


def test_it_keeps_the_minority_theme_and_reads_threads_and_specific_themes(consulted):
    _run(consulted)
    water = _majority_theme(consulted, "water")
    websites = _majority_theme(consulted, "websites")

    overview = theme_overview(consulted.world.programme)
    threads = {row.theme.pk for row in overview.common_threads}
    assert websites.pk in threads
    assert water.pk not in threads
    water_row = overview.row(water)
    assert water_row.specific_to == consulted.families["waterschappen"]
    assert sum(overview.family_totals.values()) == overview.total == len(consulted.planted)


def test_it_is_deterministic_and_a_rerun_without_curation_changes_nothing(consulted):
    _run(consulted)
    before = _assignments()
    history = ThemeAssignment.history.count()

    _run(consulted)

    assert _assignments() == before
    assert ThemeAssignment.history.count() == history  # nothing moved, nothing to record


def test_it_writes_its_proposals_a_batch_at_a_time(consulted, monkeypatch):
    # Millions of proposals are written while the result is read: here in batches of 7.
    monkeypatch.setattr("koers.synthesis.services.WRITE_BATCH", 7)
    _run(consulted)
    before = _assignments()
    assert len(before) == len(consulted.planted)
    assert ThemeAssignment.history.filter(history_type="+").count() == len(before)

    _run(consulted, themes=3)

    after = _assignments()
    moved = {pk for pk, theme in after.items() if before[pk] != after[pk]}
    assert len(set(after.values())) < len(set(before.values())) and len(moved) > 7
    recorded = ThemeAssignment.history.filter(history_type="~").values_list(
        "contribution_id", flat=True
    )
    assert sorted(recorded) == sorted(moved)


def test_it_keeps_every_human_decision_through_a_full_rerun(consulted):
    office = consulted.world.office
    _run(consulted)
    websites = _majority_theme(consulted, "websites")
    portals = _majority_theme(consulted, "portalen")
    channels = _majority_theme(consulted, "kanalen")
    rename_theme(websites, "Toegankelijke websites", by=office)
    moved = consulted.ids("water")[:2]
    move_contributions(moved, channels, by=office)
    decide_common_thread(portals, False, by=office)
    split = split_theme(channels, consulted.ids("kanalen")[:3], "Hulp aan de balie", by=office)

    rerun = _run(consulted)

    websites.refresh_from_db()
    portals.refresh_from_db()
    assert websites.label == "Toegankelijke websites" and websites.label_by == office
    assert all(_theme_of(pk) == channels for pk in moved)
    assert rerun.decisions_kept >= 2 + 3
    assert portals.common_thread_decision is False
    overview = theme_overview(consulted.world.programme)
    assert portals.pk not in {r.theme.pk for r in overview.common_threads}
    assert all(_theme_of(pk) == split for pk in consulted.ids("kanalen")[:3])
    # The history says who did what: the machine first, then the person.
    first, *_rest, last = ThemeAssignment.history.filter(contribution_id=moved[0]).order_by(
        "history_date", "history_id"
    )
    assert first.history_user is None and first.run_id is not None
    assert last.history_user == office and last.assigned_by == office


def test_it_keeps_a_merge_through_a_rerun(consulted):
    office = consulted.world.office
    _run(consulted)
    websites = _majority_theme(consulted, "websites")
    portals = _majority_theme(consulted, "portalen")
    merge_themes(websites, [portals], by=office)

    _run(consulted)

    portals.refresh_from_db()
    assert portals.merged_into == websites
    assert not ThemeAssignment.objects.filter(theme=portals).exists()
    assert all(_theme_of(pk) == websites for pk in consulted.ids("portalen"))
    assert Theme.objects.active().filter(pk=portals.pk).count() == 0


def test_it_refuses_curation_that_makes_no_sense(consulted):
    office = consulted.world.office
    _run(consulted)
    websites = _majority_theme(consulted, "websites")
    other, _ = Theme.objects.get_or_create(
        programme=consulted.world.programme, is_other=True, defaults={"label": "Overig"}
    )
    with pytest.raises(CurationRefused):
        rename_theme(websites, "   ", by=office)
    with pytest.raises(CurationRefused):
        merge_themes(websites, [websites], by=office)
    with pytest.raises(CurationRefused):
        merge_themes(websites, [other], by=office)
    with pytest.raises(CurationRefused):
        decide_common_thread(other, True, by=office)
    with pytest.raises(CurationRefused):
        split_theme(websites, [], "Nieuw", by=office)


def test_it_places_new_input_in_the_curated_themes_without_clustering_again(consulted):
    import random

    office = consulted.world.office
    _run(consulted)
    water = _majority_theme(consulted, "water")
    rename_theme(water, "Waterbeheer", by=office)
    themes_before = set(Theme.objects.values_list("pk", flat=True))
    campaign = Campaign.objects.order_by("-size").first()  # the planted letter
    rng = random.Random(99)
    programme = consulted.world.programme
    family = consulted.families["waterschappen"]
    new_water = [
        Contribution.objects.create(
            programme=programme,
            channel=Channel.EMAIL,
            family=family,
            text=contribution(rng, "water"),
        )
        for _ in range(3)
    ]
    letter = Contribution.objects.create(
        programme=programme,
        channel=Channel.EMAIL,
        family=consulted.families["gemeenten"],
        text=campaign_copy(rng, "Wethouder Nieuw"),
    )

    run = _run(consulted, mode=RunMode.NEW)

    assert run.contributions == 4
    assert set(Theme.objects.values_list("pk", flat=True)) == themes_before
    assert all(_theme_of(c.pk) == water for c in new_water)
    placed = ThemeAssignment.objects.get(contribution=letter)
    assert placed.campaign == campaign and placed.assigned_by is None
    campaign.refresh_from_db()
    assert campaign.size == 26
    # The new input moved in the tally as counting the rows would.
    kept = Counter(
        {tuple(getattr(r, c) for c in tally.COLUMNS): r.n for r in tally.read(programme.pk)}
    )
    assert kept == +tally.cells(Contribution.objects.filter(programme=programme))


def test_it_runs_one_analysis_at_a_time_and_records_a_failure(consulted, monkeypatch):
    programme = consulted.world.programme
    SynthesisRun.objects.create(programme=programme, mode=RunMode.FULL, state=RunState.RUNNING)
    with pytest.raises(RunRefused):
        request_run(programme, by=consulted.world.office)
    SynthesisRun.objects.update(state=RunState.FAILED)

    def broken(*args, **kwargs):
        raise RuntimeError("geheugen vol")

    monkeypatch.setattr("koers.synthesis.services.analyse", broken)
    run = request_run(programme, by=consulted.world.office)
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert "geheugen vol" in run.error
    assert not ThemeAssignment.objects.exists()


def test_it_runs_the_deep_analysis_on_meaning(consulted):
    run = _run(consulted, deep=True)

    assert run.deep
    assert ThemeAssignment.objects.count() == len(consulted.planted)
    # The campaign is found the same way in both modes and keeps one theme.
    campaign = Campaign.objects.order_by("-size").first()
    assert campaign.size == 25
    assert len({_theme_of(pk).pk for pk in consulted.ids("campagne")}) == 1


def test_the_office_analyses_by_meaning_unless_it_asks_for_the_fast_analysis(
    consulted, client_for, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    client = client_for(consulted.world.office)
    page = client.get(f"/programmas/{consulted.world.programme.slug}/themas").content.decode()
    assert 'name="lexical"' in page and "zeer grote aantallen" in page

    client.post(f"/programmas/{consulted.world.programme.slug}/analyses", {"mode": RunMode.FULL})
    run = SynthesisRun.objects.get()
    assert run.deep and run.state == RunState.DONE, run.error
    # The embeddings are kept under the var dir: the next run embeds only new texts.
    assert (tmp_path / "embeddings" / f"{embeddings.FILE_STEM}.keys").exists()

    client.post(
        f"/programmas/{consulted.world.programme.slug}/analyses",
        {"mode": RunMode.FULL, "lexical": "on"},
    )
    assert not SynthesisRun.objects.latest("pk").deep


def test_new_input_is_placed_by_examples_people_chose_first(sorted_input, monkeypatch):
    """The examples that describe a theme for new input: what a person placed in it first, then
    the analysis's, oldest first, hidden input left out, at most EXAMPLES_PER_THEME, on either
    database (PostgreSQL sorted the analysis's first when ordering on who placed them)."""
    from .. import services

    s = sorted_input
    last = max(s.website_ids)
    ThemeAssignment.objects.filter(contribution_id=last).update(assigned_by=s.world.office)
    texts = dict(Contribution.objects.values_list("pk", "text"))
    machine = sorted(set(s.website_ids) - {last})
    assert services._examples(s.websites) == [texts[last]] + [texts[pk] for pk in machine]
    monkeypatch.setattr(services, "EXAMPLES_PER_THEME", 3)
    assert services._examples(s.websites) == [texts[last], texts[machine[0]], texts[machine[1]]]
    monkeypatch.setattr(services, "EXAMPLES_PER_THEME", 1)
    assert services._examples(s.websites) == [texts[last]]
