import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.organisations.tests.factories import ProgrammeFactory

from ..constants import Channel, OrganisationClaim, Publication
from ..models import Contribution, Reviewer, RoundTable

API = "/api/v1/programmes/digitaal-2017"


@pytest.fixture
def agenda(world):
    opened = timezone.now() - datetime.timedelta(days=1)
    draft = AgendaVersion.objects.create(
        programme=world.programme, number=1, title="Voorzet", consultation_opens_at=opened
    )
    section = Section.objects.create(version=draft, position=1, title="Digitaal als standaard")
    first = Paragraph.objects.create(version=draft, section=section, position=1, text="Eén")
    second = Paragraph.objects.create(version=draft, section=section, position=2, text="Twee")
    second.families.add(world.family)
    AgendaVersion.objects.create(programme=world.programme, number=2, title="In de maak")
    return {"draft": draft, "first": first, "second": second}


def test_it_lists_only_versions_that_are_public(client, agenda):
    response = client.get(f"{API}/versions")
    assert response.status_code == 200
    assert [v["number"] for v in response.json()["results"]] == [1]
    assert response.json()["results"][0]["status"] == VersionState.DRAFT
    assert client.get(f"{API}/versions/2").status_code == 404


def test_it_gives_a_version_with_sections_paragraphs_and_anchors(client, agenda, world):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/versions/1")
    assert response.status_code == 200
    [section] = response.json()["sections"]
    assert section["title"] == "Digitaal als standaard"
    assert [p["anchor"] for p in section["paragraphs"]] == [
        str(agenda["first"].anchor),
        str(agenda["second"].anchor),
    ]
    assert section["paragraphs"][1]["families"] == ["gemeenten"]
    assert len(queries) <= 6


def test_it_lists_round_tables(client, world, agenda):
    start = timezone.now()
    table = RoundTable.objects.create(
        programme=world.programme,
        version=agenda["draft"],
        title="Gemeenten",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        online_url="https://x.nl",
    )
    table.families.add(world.family)
    [item] = client.get(f"{API}/round-tables").json()["results"]
    assert item["families"] == ["gemeenten"] and item["online"] is True
    assert item["location"] is None and item["version"] == 1


def jan(world) -> Reviewer:
    """A reviewer whose organisation confirmed that he is theirs."""
    reviewer, _ = Reviewer.objects.get_or_create(
        programme=world.programme,
        email="jan@example.org",
        defaults={
            "name": "Jan Jansen",
            "organisation": world.organisation,
            "organisation_claim": OrganisationClaim.CONFIRMED,
            "consent_text": "Ja",
            "consented_at": timezone.now(),
            "confirmed_at": timezone.now(),
        },
    )
    return reviewer


def contribute(world, **fields):
    """A reaction the office approved, unless `published_text` says otherwise."""
    text = fields.pop("text", "Reactie")
    defaults = {
        "programme": world.programme,
        "channel": Channel.REVIEWER,
        "text": text,
        "published_text": text,
        "reviewer": jan(world),
        "organisation": world.organisation,
        "family": world.family,
        "author_name": "Jan Jansen",
    }
    return Contribution.objects.create(**(defaults | fields))


def test_it_lists_only_published_contributions(client, world, agenda):
    named = contribute(world, publication=Publication.NAMED)
    anonymous = contribute(world, publication=Publication.ANONYMOUS)
    contribute(world, publication=Publication.NONE)
    contribute(world, publication=Publication.NAMED, is_hidden=True)
    named.paragraphs.add(agenda["first"])
    response = client.get(f"{API}/contributions")
    results = {c["id"]: c for c in response.json()["results"]}
    assert set(results) == {named.pk, anonymous.pk}
    assert results[named.pk]["author"] == "Jan Jansen"
    assert results[named.pk]["organisation"] == "gm0344"
    assert results[named.pk]["paragraphs"] == [str(agenda["first"].anchor)]
    assert results[anonymous.pk]["author"] is None
    assert results[anonymous.pk]["organisation"] is None
    assert response["X-Total-Count"] == "2"


def test_it_filters_contributions(client, world, agenda):
    on_paragraph = contribute(world, publication=Publication.ANONYMOUS)
    on_paragraph.paragraphs.add(agenda["second"])
    by_mail = contribute(world, publication=Publication.ANONYMOUS, channel=Channel.EMAIL)
    short = agenda["second"].short_anchor
    assert [
        c["id"] for c in client.get(f"{API}/contributions?paragraph={short}").json()["results"]
    ] == [on_paragraph.pk]
    by_channel = client.get(f"{API}/contributions?channel=e-mail").json()["results"]
    assert [c["id"] for c in by_channel] == [by_mail.pk]
    assert client.get(f"{API}/contributions?family=gemeenten").json()["count"] == 2
    for bad in ("family=bestaat-niet", "paragraph=deadbeef", "channel=fax", "famliy=gemeenten"):
        response = client.get(f"{API}/contributions?{bad}")
        assert response.status_code == 400, bad
        assert response["Content-Type"] == "application/problem+json"


def test_it_keeps_contribution_queries_constant(client, world):
    counts = []
    for n in (5, 45):
        for _ in range(n):
            contribute(world, publication=Publication.NAMED)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/contributions?pageSize=100").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_reads_a_deep_page_by_ids_first_in_the_order_of_the_list(client, world):
    """Skipped pages are counted off as ids only: their joined columns are never read."""
    for _ in range(7):
        contribute(world, publication=Publication.NAMED)
    newest_first = list(
        Contribution.objects.order_by("-submitted_at", "-pk").values_list("pk", flat=True)
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/contributions?pageSize=2&page=3")
    assert [c["id"] for c in response.json()["results"]] == newest_first[4:6]
    assert response.json()["count"] == 7
    skipping = [q["sql"] for q in queries if "OFFSET" in q["sql"]]
    assert len(skipping) == 1 and skipping[0].startswith(
        'SELECT "consultation_contribution"."id" AS "pk" FROM "consultation_contribution" WHERE'
    ), skipping


def test_it_hides_programmes_that_are_not_public(client, db):
    ProgrammeFactory(slug="geheim", is_public=False)
    for path in ("versions", "round-tables", "contributions"):
        assert client.get(f"/api/v1/programmes/geheim/{path}").status_code == 404
