"""The public read API of the synthesis: themes with coverage, campaigns and runs, without texts
nobody consented to publish and without people's names."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.organisations.tests.factories import ProgrammeFactory

from .. import tally
from ..constants import RunState
from ..models import Campaign, SynthesisRun, Theme, ThemeAssignment
from ..services import decide_common_thread, merge_themes, rename_theme, request_run
from .conftest import analysed_fixtures

API = "/api/v1/programmes/digitaal-2017"
THEME_FIELDS = {
    "id",
    "label",
    "labelBy",
    "keywords",
    "size",
    "isOther",
    "coverage",
    "commonThread",
    "commonThreadProposed",
    "commonThreadDecision",
    "specificTo",
    "divisive",
}


def analyse(consulted):
    office = consulted.world.office
    office.first_name, office.last_name = "Bea", "Bureaumedewerker"
    office.save()
    run = request_run(consulted.world.programme, by=office)
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error


analysed_in_module, analysed = analysed_fixtures(analyse)


def _majority_theme(consulted, planted: str) -> Theme:
    themes = ThemeAssignment.objects.filter(contribution_id__in=consulted.ids(planted))
    counts = Counter(themes.values_list("theme_id", flat=True))
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def _themes(client, query: str = "") -> dict[int, dict]:
    response = client.get(f"{API}/themes?pageSize=500{query}")
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["results"]}


def _assert_no_person(response):
    body = response.content.decode()
    for name in ("Bea", "Bureaumedewerker", '"bureau"'):
        assert name not in body


def test_it_lists_themes_with_coverage_and_who_made_what(client, analysed):
    office = analysed.world.office
    websites = _majority_theme(analysed, "websites")
    water = _majority_theme(analysed, "water")
    rename_theme(water, "Waterbeheer", by=office)
    decide_common_thread(websites, False, by=office)

    response = client.get(f"{API}/themes?pageSize=500")
    assert response.status_code == 200
    assert "Link" in response
    themes = {item["id"]: item for item in response.json()["results"]}
    assert set(themes) == set(Theme.objects.active().values_list("pk", flat=True))
    for item in themes.values():
        assert set(item) == THEME_FIELDS  # no quotes, no texts
        assert set(item["coverage"]) == set(analysed.families)
    assert sum(item["size"] for item in themes.values()) == len(analysed.planted)
    assert list(themes.values())[-1]["isOther"] is True

    assert themes[water.pk]["label"] == "Waterbeheer"
    assert themes[water.pk]["labelBy"] == "persoon"
    assert themes[water.pk]["specificTo"] == "waterschappen"
    assert themes[water.pk]["coverage"]["waterschappen"] > themes[water.pk]["coverage"]["gemeenten"]
    assert themes[websites.pk]["labelBy"] == "analyse"
    # The analysis reads a common thread; the office decided otherwise, and the decision wins.
    assert themes[websites.pk]["commonThreadProposed"] is True
    assert themes[websites.pk]["commonThread"] is False
    assert themes[websites.pk]["commonThreadDecision"] == "persoon"
    assert themes[water.pk]["commonThreadDecision"] == "analyse"
    _assert_no_person(response)


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_it_never_shows_quotes_or_contribution_texts(client, analysed):
    quotes = [quote for theme in Theme.objects.all() for quote in theme.quotes]
    assert quotes  # the analysis did pick quotes, so their absence below means something
    texts = list(Contribution.objects.values_list("text", flat=True))
    shown = _strings(client.get(f"{API}/themes?pageSize=500").json())
    for text in quotes + texts:
        if len(text) >= 20:
            assert not any(text[:30] in string for string in shown)


def test_it_filters_themes_on_common_thread(client, analysed):
    everything = _themes(client)
    threads = _themes(client, "&commonThread=true")
    others = _themes(client, "&commonThread=false")
    assert threads and others
    assert all(item["commonThread"] for item in threads.values())
    assert not any(item["commonThread"] for item in others.values())
    assert set(threads) | set(others) == set(everything)
    assert not set(threads) & set(others)


@pytest.mark.parametrize("query", ["commonThread=misschien", "common_thread=true", "q=water"])
def test_it_refuses_bad_or_unknown_theme_parameters(client, analysed, query):
    response = client.get(f"{API}/themes?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    name = query.split("=")[0]
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_it_gives_one_theme_and_points_from_a_merged_one_to_its_target(client, analysed):
    websites = _majority_theme(analysed, "websites")
    portals = _majority_theme(analysed, "portalen")
    listed = _themes(client)[websites.pk]

    response = client.get(f"{API}/themes/{websites.pk}")
    assert response.status_code == 200
    assert response.json() == listed
    assert client.get(f"{API}/themes/{websites.pk}?pageSize=5").status_code == 400

    merge_themes(websites, [portals], by=analysed.world.office)
    gone = client.get(f"{API}/themes/{portals.pk}")
    assert gone.status_code == 404
    assert gone["Content-Type"] == "application/problem+json"
    assert gone.json()["mergedInto"] == websites.pk
    assert portals.pk not in _themes(client)
    _assert_no_person(gone)

    assert client.get(f"{API}/themes/999999").status_code == 404
    other = ProgrammeFactory(slug="ander-programma")
    assert client.get(f"/api/v1/programmes/{other.slug}/themes/{websites.pk}").status_code == 404


def test_it_shows_a_campaign_text_only_when_its_representative_is_published(client, analysed):
    campaign = Campaign.objects.get(size=25)
    representative = campaign.representative
    theme = ThemeAssignment.objects.get(contribution=representative).theme_id

    def listed():
        response = client.get(f"{API}/campaigns")
        assert response.status_code == 200
        items = {item["number"]: item for item in response.json()["results"]}
        assert set(items[campaign.number]) == {"number", "size", "theme", "text"}
        return items[campaign.number]

    item = listed()
    assert item["size"] == 25 and item["theme"] == theme
    assert item["text"] is None  # imported input: no consent to publication
    assert representative.text[:30] not in client.get(f"{API}/campaigns").content.decode()

    representative.publication = Publication.ANONYMOUS
    representative.save()
    assert listed()["text"] == campaign.text

    representative.is_hidden = True
    representative.save()
    assert listed()["text"] is None


def test_it_lists_runs_with_progress_and_counts_but_no_names(client, analysed):
    response = client.get(f"{API}/synthesis-runs")
    assert response.status_code == 200
    [run] = response.json()["results"]
    assert run["mode"] == "volledig" and run["state"] == RunState.DONE
    assert run["percent"] == 100 and run["stage"] is None
    assert run["contributions"] == len(analysed.planted)
    assert run["campaignsFound"] >= 1 and run["themesCreated"] >= 3
    assert run["requestedAt"] and run["startedAt"] and run["finishedAt"]
    assert not {"requestedBy", "error", "model"} & set(run)
    _assert_no_person(response)


def test_it_hides_the_synthesis_of_a_programme_that_is_not_public(client, db):
    ProgrammeFactory(slug="geheim", is_public=False)
    for path in ("themes", "themes/1", "campaigns", "synthesis-runs"):
        response = client.get(f"/api/v1/programmes/geheim/{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"


def _themes_with_input(world, count: int) -> None:
    now = timezone.now()
    for n in range(count):
        theme = Theme.objects.create(programme=world.programme, label=f"Thema {n}", keywords=["a"])
        contributions = Contribution.objects.bulk_create(
            Contribution(
                programme=world.programme,
                channel=Channel.IMPORT,
                text=f"Tekst {n}",
                family=world.family,
                submitted_at=now,
            )
            for _ in range(3)
        )
        ThemeAssignment.objects.bulk_create(
            ThemeAssignment(contribution=c, theme=theme, assigned_at=now) for c in contributions
        )
    tally.recount(world.programme.pk)  # written in bulk above, as an analysis counts it


def test_it_keeps_theme_queries_constant(client, world):
    counts = []
    for more in (3, 30):
        _themes_with_input(world, more)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}/themes?pageSize=100")
        assert response.status_code == 200
        counts.append((len(queries), response.json()["count"]))
    assert counts[1][1] == 33
    assert counts[0][0] == counts[1][0]


def test_it_keeps_campaign_and_run_queries_constant(client, analysed):
    run = SynthesisRun.objects.get()
    counts = []
    for more in (0, 10):
        for n in range(more):
            SynthesisRun.objects.create(programme=run.programme, mode=run.mode)
            representative = Contribution.objects.filter(programme=run.programme)[n]
            Campaign.objects.create(
                programme=run.programme,
                run=run,
                number=100 + n,
                size=2,
                representative=representative,
                text=representative.text,
            )
        with CaptureQueriesContext(connection) as queries:
            for path in ("campaigns", "synthesis-runs"):
                assert client.get(f"{API}/{path}").status_code == 200
        counts.append(len(queries))
    assert client.get(f"{API}/synthesis-runs").json()["count"] == 11
    assert counts[0] == counts[1]
