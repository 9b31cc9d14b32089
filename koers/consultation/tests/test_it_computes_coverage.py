"""Coverage per family and per organisation: invited, attended, reacted, not yet taken part."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

from koers.accounts.models import RoleKind
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)

from ..constants import Channel
from ..coverage import Participation, families_coverage, organisations_coverage
from ..models import Contribution, ImportBatch, RoundTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(world):
    """Five municipalities, each taking part differently, and one province family.

    Utrecht: invited, attended, reacted at the table.  Amsterdam: invited, absent, silent.
    Delft: invited, attended, silent.  Ede: not invited, reacted through an import only.
    Zwolle: nothing at all.  Amersfoort: no longer exists (merged) and is left out.
    """
    programme = world.programme
    delft = OrganisationFactory(official_name="gemeente Delft", code="gm0503")
    ede = OrganisationFactory(official_name="gemeente Ede", code="gm0228")
    zwolle = OrganisationFactory(official_name="gemeente Zwolle", code="gm0193")
    gone = OrganisationFactory(
        official_name="gemeente Opgeheven", code="gm0001", valid_until=datetime.date(2015, 1, 1)
    )
    provinces = FamilyFactory(
        programme=programme, slug="provincies", name="Provincies", position=1, kinds=[Kind.PROVINCE]
    )
    province = OrganisationFactory(kind=Kind.PROVINCE, official_name="provincie Utrecht")
    start = timezone.now() - datetime.timedelta(days=3)
    table = RoundTable.objects.create(
        programme=programme,
        title="Gemeenten",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Utrecht",
    )
    table.families.set([world.family])
    table.invited.set([world.organisation, world.other_organisation, delft, gone])
    table.attended.set([world.organisation, delft, gone])
    Contribution.objects.create(
        programme=programme,
        channel=Channel.ROUND_TABLE,
        round_table=table,
        organisation=world.organisation,
        family=world.family,
        text="Eerst de website.",
    )
    batch = ImportBatch.objects.create(programme=programme, file_name="inbreng.csv", sha256="0")
    for n in range(2):
        Contribution.objects.create(
            programme=programme,
            channel=Channel.IMPORT,
            import_batch=batch,
            organisation=ede,
            text=f"Via het bestand {n}.",
            is_hidden=n == 1,  # hidden by moderation still counts as taking part
        )
    # Input for another programme does not count here.
    other = FamilyFactory().programme
    Contribution.objects.create(
        programme=other, channel=Channel.EMAIL, organisation=zwolle, text="Elders."
    )
    return {
        "delft": delft,
        "ede": ede,
        "zwolle": zwolle,
        "provinces": provinces,
        "province": province,
        "table": table,
    }


def test_it_counts_per_family(world, example):
    municipalities, provinces = families_coverage(world.programme)
    assert municipalities.family == world.family
    assert (municipalities.members, municipalities.invited, municipalities.attended) == (5, 3, 2)
    assert (municipalities.reacted, municipalities.took_part, municipalities.not_yet) == (2, 3, 2)
    assert municipalities.attended_share == 40.0
    assert municipalities.not_yet_share == 40.0
    assert (provinces.members, provinces.took_part, provinces.not_yet) == (1, 0, 1)
    assert provinces.took_part_share == 0.0


def test_it_counts_a_family_without_members():
    from ..coverage import FamilyCoverage

    empty = FamilyCoverage(family=None, members=0, invited=0, attended=0, reacted=0, took_part=0)
    assert empty.took_part_share is None and empty.not_yet == 0


def test_it_lists_each_organisation(world, example):
    rows = {
        o.official_name: (o.was_invited, o.attended, o.reacted, o.contribution_count)
        for o in organisations_coverage(world.programme, world.family)
    }
    assert rows == {
        "gemeente Amsterdam": (True, False, False, 0),
        "gemeente Delft": (True, True, False, 0),
        "gemeente Ede": (False, False, True, 2),
        "gemeente Utrecht": (True, True, True, 1),
        "gemeente Zwolle": (False, False, False, 0),
    }


@pytest.mark.parametrize(
    "participation, names",
    [
        (Participation.NOT_YET, ["gemeente Amsterdam", "gemeente Zwolle"]),
        (Participation.INVITED_ABSENT, ["gemeente Amsterdam"]),
        (Participation.ATTENDED, ["gemeente Delft", "gemeente Utrecht"]),
        (Participation.REACTED, ["gemeente Ede", "gemeente Utrecht"]),
    ],
)
def test_it_filters_organisations(world, example, participation, names):
    found = organisations_coverage(world.programme, world.family, participation=participation)
    assert [o.official_name for o in found] == names


def test_it_counts_members_on_a_past_date(world, example):
    day = datetime.date(2014, 6, 1)
    (municipalities, _provinces) = families_coverage(world.programme, on=day)
    assert municipalities.members == 6


def page(name, *args, slug="digitaal-2017"):
    return reverse(name, args=[slug, *args])


def test_it_shows_the_programme_overview_to_office_and_coordinators(world, client_for, example):
    for name, user in world.personas():
        response = client_for(user).get(page("consultation:coverage-programme"))
        expected = 200 if name in {"office", "coordinator"} else (302 if user is None else 403)
        assert response.status_code == expected, name
        if expected == 200:
            families = [row.family for row in response.context["rows"]]
            # A coordinator sees only their own family.
            wanted = (
                [world.family] if name == "coordinator" else [world.family, example["provinces"]]
            )
            assert families == wanted, name


def test_it_shows_a_family_only_to_the_office_and_its_coordinator(world, client_for, example):
    provinces = example["provinces"]
    coordinator = UserFactory()
    RoleFactory(
        user=coordinator, programme=world.programme, kind=RoleKind.COORDINATOR, family=provinces
    )
    for name, user in [*world.personas(), ("province coordinator", coordinator)]:
        client = client_for(user)
        for slug, allowed in [
            ("gemeenten", {"office", "coordinator"}),
            ("provincies", {"office", "province coordinator"}),
        ]:
            for view, args in [
                ("consultation:coverage-family", [slug]),
                ("consultation:coverage-family-export", [slug, "csv"]),
            ]:
                response = client.get(page(view, *args))
                expected = 200 if name in allowed else (302 if user is None else 403)
                assert response.status_code == expected, (name, slug, view)
        export = client.get(page("consultation:coverage-programme-export", "csv"))
        allowed = {"office", "coordinator", "province coordinator"}
        assert export.status_code == (200 if name in allowed else (302 if user is None else 403))


def test_it_shows_the_numbers_on_the_pages(world, client_for, example):
    client = client_for(world.office)
    content = client.get(page("consultation:coverage-programme")).content.decode()
    assert "40,0&nbsp;%" in content or "40.0&nbsp;%" in content
    response = client.get(page("consultation:coverage-family", "gemeenten") + "?deelname=nog-niet")
    content = response.content.decode()
    assert "2 organisaties." in content
    assert "gemeente Zwolle" in content and "gemeente Ede" not in content


def test_it_explains_an_invalid_filter(world, client_for, example):
    response = client_for(world.office).get(
        page("consultation:coverage-family", "gemeenten") + "?deelname=x"
    )
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert not response.context["page"].object_list


def test_it_refuses_an_unknown_format_and_family(world, client_for, example):
    client = client_for(world.office)
    assert client.get(page("consultation:coverage-programme-export", "xls")).status_code == 404
    assert client.get(page("consultation:coverage-family", "bestaat-niet")).status_code == 404


def ods_cells(content: bytes) -> list[list[str]]:
    document = load(io.BytesIO(content))
    (sheet,) = document.spreadsheet.getElementsByType(Table)
    rows = []
    for row in sheet.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            cells.append("\n".join(teletype.extractText(p) for p in cell.getElementsByType(P)))
        rows.append(cells)
    return rows


def csv_cells(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_it_downloads_what_the_family_page_shows(world, client_for, example):
    client = client_for(world.office)
    query = "?deelname=nog-niet"
    expected = [
        [
            "Organisatie",
            "Code",
            "Uitgenodigd",
            "Aanwezig",
            "Gereageerd",
            "Bijdragen",
            "Deelgenomen",
        ],
        ["gemeente Amsterdam", "gm0363", "ja", "nee", "nee", "0", "nee"],
        ["gemeente Zwolle", "gm0193", "nee", "nee", "nee", "0", "nee"],
    ]
    response = client.get(page("consultation:coverage-family-export", "gemeenten", "csv") + query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="dekking-digitaal-2017-gemeenten.csv"' in response["Content-Disposition"]
    assert csv_cells(response.content) == expected
    response = client.get(page("consultation:coverage-family-export", "gemeenten", "ods") + query)
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert ods_cells(response.content) == expected


def test_it_downloads_the_family_overview(world, client_for, example):
    client = client_for(world.office)
    rows = csv_cells(client.get(page("consultation:coverage-programme-export", "csv")).content)
    assert rows[0][:4] == ["Familie", "Leden", "Uitgenodigd", "% uitgenodigd"]
    assert rows[1] == [
        "Gemeenten",
        "5",
        "3",
        "60.0",
        "2",
        "40.0",
        "2",
        "40.0",
        "3",
        "60.0",
        "2",
        "40.0",
        timezone.localdate(example["table"].starts_at).isoformat(),
    ]
    assert (
        ods_cells(client.get(page("consultation:coverage-programme-export", "ods")).content) == rows
    )


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_uses_the_same_number_of_queries_for_5_and_50_organisations(world, client_for):
    client = client_for(world.office)
    paths = [
        page("consultation:coverage-programme"),
        page("consultation:coverage-family", "gemeenten"),
        page("consultation:coverage-family", "gemeenten") + "?deelname=nog-niet",
        page("consultation:coverage-family-export", "gemeenten", "csv"),
        page("consultation:coverage-family-export", "gemeenten", "ods"),
    ]

    def add(n):
        for org in OrganisationFactory.create_batch(n):
            Contribution.objects.create(
                programme=world.programme, channel=Channel.EMAIL, organisation=org, text="Ja."
            )

    add(3)
    few = [_queries(client, p) for p in paths]
    add(45)
    assert [_queries(client, p) for p in paths] == few


def test_it_links_the_programme_page_to_round_tables_and_coverage(world, client_for):
    for name, user in world.personas():
        content = client_for(user).get(world.programme.get_absolute_url()).content.decode()
        assert page("consultation:roundtable-list") in content, name
        shows_coverage = page("consultation:coverage-programme") + '"' in content
        assert shows_coverage == (name in {"office", "coordinator"}), name
