"""The processing overview: per family and per theme how much input is processed and what is
still open, for the office, the council and (their own family only) coordinators; the open list,
the download of every disposition, and the public API of the dispositions."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution

from ..constants import Outcome
from ..dispositions import dispose, dispose_theme
from ..models import Theme, ThemeAssignment
from ..processing import family_processing, processing_overview

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"
READERS = {"office", "council_member", "coordinator"}


@pytest.fixture
def processed(sorted_input):
    """Water adopted as a whole, the contribution in no theme out of scope, Websites open."""
    office = sorted_input.world.office
    dispose_theme(sorted_input.water, Outcome.ADOPTED, "Staat in stap 3.", by=office)
    dispose([sorted_input.loose_id], Outcome.OUT_OF_SCOPE, "Ander programma.", by=office)
    # Hidden by moderation, yet decided on: it still counts nowhere.
    dispose([sorted_input.hidden_id], Outcome.NOT_ADOPTED, "Verborgen.", by=office)
    return sorted_input


def figures(row) -> tuple:
    return (row.counts.total, row.counts.by_outcome, row.counts.open, row.counts.percent)


def test_it_counts_per_family_and_theme(processed):
    processing = processing_overview(processed.world.programme)
    families = {row.subject.name: figures(row) for row in processing.families}
    # The hidden contribution does not count anywhere.
    assert families == {
        "Gemeenten": (5, {Outcome.OUT_OF_SCOPE: 1}, 4, 20.0),
        "Provincies": (5, {Outcome.ADOPTED: 3}, 2, 60.0),
    }
    themes = {row.subject.label if row.subject else None: figures(row) for row in processing.themes}
    assert themes == {
        "Websites": (6, {}, 6, 0.0),
        "Water": (3, {Outcome.ADOPTED: 3}, 0, 100.0),
        None: (1, {Outcome.OUT_OF_SCOPE: 1}, 0, 100.0),
    }
    # Most open work first, input without a theme last.
    assert [row.subject for row in processing.themes] == [processed.websites, processed.water, None]
    assert figures(type("R", (), {"counts": processing.total})) == (
        10,
        {Outcome.ADOPTED: 3, Outcome.OUT_OF_SCOPE: 1},
        6,
        40.0,
    )
    assert processing.total.cells == [3, 0, 0, 0, 1]


def test_it_counts_one_family(processed):
    processing = family_processing(processed.world.family)
    assert [row.subject for row in processing.families] == [processed.world.family]
    themes = {row.subject.label if row.subject else None: figures(row) for row in processing.themes}
    assert themes == {
        "Websites": (4, {}, 4, 0.0),
        "Water": (0, {}, 0, 100.0),
        None: (1, {Outcome.OUT_OF_SCOPE: 1}, 0, 100.0),
    }


def test_it_shows_the_pages_to_office_council_and_coordinators(processed, client_for):
    contribution = processed.website_ids[0]
    province_input = processed.water_ids[0]
    for name, user in processed.world.personas():
        client = client_for(user)
        for url in [
            reverse("synthesis:processing-overview", args=[SLUG]),
            reverse("synthesis:processing-open", args=[SLUG]),
            reverse("synthesis:dispositions-export", args=[SLUG, "csv"]),
            reverse("synthesis:dispositions-export", args=[SLUG, "ods"]),
            reverse("synthesis:contribution-dispose", args=[SLUG, contribution]),
        ]:
            response = client.get(url)
            expected = 200 if name in READERS else (302 if user is None else 403)
            assert response.status_code == expected, (name, url)
            if user is None:
                assert reverse("login") in response["Location"]
        # A coordinator reads the processing of their own family's input only.
        response = client.get(
            reverse("synthesis:contribution-dispose", args=[SLUG, province_input])
        )
        expected = 200 if name in READERS - {"coordinator"} else (302 if user is None else 403)
        assert response.status_code == expected, name


def test_it_shows_a_coordinator_only_their_own_family(processed, client_for):
    response = client_for(processed.world.coordinator).get(
        reverse("synthesis:processing-overview", args=[SLUG])
    )
    processing = response.context["processing"]
    assert [row.subject.name for row in processing.families] == ["Gemeenten"]
    assert processing.total.total == 5
    content = response.content.decode()
    assert "Provincies" not in content
    # No deciding for them.
    assert reverse("synthesis:theme-dispose", args=[SLUG, processed.websites.pk]) not in content
    response = client_for(processed.world.coordinator).get(
        reverse("synthesis:processing-open", args=[SLUG]) + "?familie=provincies"
    )
    assert {c.family_id for c in response.context["page"].object_list} == {
        processed.world.family.pk
    }
    assert response.context["form"] is None


def test_it_links_the_open_items(processed, client_for):
    content = (
        client_for(processed.world.office)
        .get(reverse("synthesis:processing-overview", args=[SLUG]))
        .content.decode()
    )
    open_url = reverse("synthesis:processing-open", args=[SLUG])
    assert f"{open_url}?thema={processed.websites.pk}" in content
    assert f"{open_url}?familie=provincies" in content
    assert reverse("synthesis:theme-dispose", args=[SLUG, processed.websites.pk]) in content
    assert reverse("synthesis:dispositions-export", args=[SLUG, "csv"]) in content
    response = client_for(processed.world.office).get(f"{open_url}?familie=provincies")
    assert sorted(c.pk for c in response.context["page"].object_list) == sorted(
        processed.website_ids[4:]
    )


def test_it_downloads_every_disposition(processed, client_for):
    Contribution.objects.filter(pk=processed.loose_id).update(
        author_name="Jan Jansen", publication=Publication.NAMED
    )
    Contribution.objects.filter(pk=processed.water_ids[0]).update(
        author_name="Geheim", publication=Publication.ANONYMOUS
    )
    response = client_for(processed.world.office).get(
        reverse("synthesis:dispositions-export", args=[SLUG, "csv"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:8] == [
        "Inbreng",
        "Datum",
        "Kanaal",
        "Familie",
        "Organisatie",
        "Thema",
        "Verwerking",
        "Toelichting",
    ]
    assert [int(r[0]) for r in body] == sorted([*processed.water_ids, processed.loose_id])
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in body}
    water = by_id[processed.water_ids[0]]
    assert water["Verwerking"] == "overgenomen" and water["Thema"] == "Water"
    assert water["Besloten door"] == processed.world.office.username
    assert water["Besloten voor"] == "thema “Water”"
    assert water["Auteur"] == ""  # published without name
    assert by_id[processed.loose_id]["Auteur"] == "Jan Jansen"
    assert by_id[processed.loose_id]["Besloten voor"] == "deze bijdrage"


def _grow(sorted_input, n: int) -> None:
    """n more contributions in n new themes, half of them disposed."""
    programme = sorted_input.world.programme
    now = timezone.now()
    for i in range(n):
        theme = Theme.objects.create(programme=programme, label=f"Extra {i}")
        contribution = Contribution.objects.create(
            programme=programme,
            channel=Channel.EMAIL,
            text=f"Extra {i}",
            family=sorted_input.provinces if i % 2 else sorted_input.world.family,
            submitted_at=now,
        )
        ThemeAssignment.objects.create(contribution=contribution, theme=theme, assigned_at=now)
        if i % 2:
            dispose([contribution.pk], Outcome.PARTLY, "Deels.", by=sorted_input.world.office)


def _queries(client, urls) -> list[int]:
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts.append(len(queries))
    return counts


def test_it_keeps_queries_constant(processed, client_for):
    client = client_for(processed.world.office)
    pk = processed.water_ids[0]
    urls = [
        reverse("synthesis:processing-overview", args=[SLUG]),
        reverse("synthesis:processing-open", args=[SLUG]),
        reverse("synthesis:dispositions-export", args=[SLUG, "csv"]),
        reverse("synthesis:theme-dispose", args=[SLUG, processed.websites.pk]),
        reverse("synthesis:campaign-dispose", args=[SLUG, processed.campaign.pk]),
        reverse("synthesis:contribution-dispose", args=[SLUG, pk]),
        f"/api/v1/programmes/{SLUG}/dispositions",
    ]
    Contribution.objects.update(publication=Publication.ANONYMOUS)
    before = _queries(client, urls)
    _grow(processed, 12)
    dispose([pk], Outcome.NOT_ADOPTED, "Toch niet.", by=processed.world.office)
    dispose_theme(processed.websites, Outcome.PARTLY, "Deels.", by=processed.world.office)
    Contribution.objects.update(publication=Publication.ANONYMOUS)
    assert _queries(client, urls) == before
    # The overview itself: families, themes, and the tally's cells.
    with CaptureQueriesContext(connection) as queries:
        processing_overview(processed.world.programme)
    assert len(queries) == 3


def test_it_serves_published_dispositions_in_the_api(processed, client):
    Contribution.objects.filter(pk__in=processed.water_ids[:2]).update(
        publication=Publication.NAMED
    )
    Contribution.objects.filter(pk=processed.loose_id).update(publication=Publication.ANONYMOUS)
    url = f"/api/v1/programmes/{SLUG}/dispositions"
    response = client.get(url)
    assert response.status_code == 200
    results = response.json()["results"] if "results" in response.json() else response.json()
    assert [r["contribution"] for r in results] == sorted(
        [*processed.water_ids[:2], processed.loose_id]
    )
    first = results[0]
    assert set(first) == {"contribution", "theme", "outcome", "reason", "decidedAt"}
    assert first["theme"] == processed.water.pk and first["outcome"] == "overgenomen"
    assert first["reason"] == "Staat in stap 3."
    assert results[-1]["theme"] is None
    assert "bureau" not in response.content.decode()  # no person's name

    def ids(query):
        body = client.get(f"{url}?{query}").json()
        return [r["contribution"] for r in body.get("results", body)]

    assert ids(f"theme={processed.water.pk}") == sorted(processed.water_ids[:2])
    assert ids("outcome=buiten-bereik") == [processed.loose_id]
    assert ids("family=gemeenten") == [processed.loose_id]
    assert client.get(f"{url}?outcome=misschien").status_code == 400
    assert client.get(f"{url}?onbekend=1").status_code == 400
    processed.world.programme.is_public = False
    processed.world.programme.save()
    assert client.get(url).status_code == 404
