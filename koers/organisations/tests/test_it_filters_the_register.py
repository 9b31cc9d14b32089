"""The organisation register page: filters on kind, family and date, and pages of 50."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..constants import Kind, SuccessionKind
from ..models import Succession
from ..views import PAGE_SIZE
from .factories import FamilyFactory, OrganisationFactory

MERGER = datetime.date(2019, 1, 1)


def codes(response):
    return [o.code for o in response.context["page"].object_list]


@pytest.fixture
def register(db):
    """A province, a water board, and a municipality that merged into a new one in 2019."""
    province = OrganisationFactory(code="pv26", kind=Kind.PROVINCE, official_name="Utrecht")
    OrganisationFactory(code="ws0155", kind=Kind.WATER_BOARD, official_name="waterschap AGV")
    merged = OrganisationFactory(
        code="gm0000",
        official_name="gemeente Opgeheven",
        valid_until=MERGER - datetime.timedelta(days=1),
        province=province,
    )
    new = OrganisationFactory(
        code="gm1999", official_name="gemeente Nieuw", valid_from=MERGER, province=province
    )
    Succession.objects.create(
        predecessor=merged, successor=new, date=MERGER, kind=SuccessionKind.MERGER
    )


def test_it_lists_the_organisations_that_exist_today(client, register):
    response = client.get("/organisaties")
    assert response.status_code == 200
    assert codes(response) == ["gm1999", "pv26", "ws0155"]  # ordered by name
    assert "3 organisaties geldig op" in response.content.decode()


def test_it_filters_on_kind(client, register):
    assert codes(client.get("/organisaties?soort=provincie")) == ["pv26"]
    assert codes(client.get("/organisaties?soort=waterschap")) == ["ws0155"]


def test_it_filters_on_family(client, register):
    family = FamilyFactory(name="Waterschappen", kinds=[Kind.WATER_BOARD])
    response = client.get(f"/organisaties?familie={family.pk}")
    assert codes(response) == ["ws0155"]
    assert family.get_absolute_url() == f"/organisaties?familie={family.pk}"


def test_it_searches_names_and_codes(client, register):
    assert codes(client.get("/organisaties?zoek=nieuw")) == ["gm1999"]
    assert codes(client.get("/organisaties?zoek=WS0155")) == ["ws0155"]


def test_it_shows_the_register_of_a_past_day(client, register):
    # On the day of the round tables the merged municipality still existed, its successor not.
    response = client.get("/organisaties?soort=gemeente&peildatum=2015-06-26")
    assert codes(response) == ["gm0000"]
    assert "1 organisatie geldig op 26 juni 2015." in response.content.decode()
    # Today it is the other way round.
    assert codes(client.get("/organisaties?soort=gemeente")) == ["gm1999"]


def test_it_takes_a_dutch_date_too(client, register):
    assert codes(client.get("/organisaties?soort=gemeente&peildatum=26-06-2015")) == ["gm0000"]


def test_it_counts_the_end_date_as_a_day_of_existence(client, register):
    assert codes(client.get("/organisaties?soort=gemeente&peildatum=2018-12-31")) == ["gm0000"]
    assert codes(client.get("/organisaties?soort=gemeente&peildatum=2019-01-01")) == ["gm1999"]


@pytest.mark.parametrize("day", ["2015-02-31", "26-13-2015", "gisteren"])
def test_it_explains_an_invalid_date_and_keeps_it(client, register, day):
    response = client.get(f"/organisaties?soort=provincie&peildatum={day}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een datum in als DD-MM-JJJJ, bijvoorbeeld 26-06-2015." in html
    assert 'id="id_peildatum_error"' in html
    assert f'value="{day}"' in html
    assert 'aria-invalid="true"' in html
    assert '<option value="provincie" selected>' in html  # the other filters stay too
    # No list, and no count "valid today" that would pretend the date was understood.
    assert codes(response) == []
    assert "geldig op" not in html


def test_it_explains_an_unknown_family(client, register):
    response = client.get("/organisaties?familie=999")
    assert response.status_code == 200
    assert 'id="id_familie_error"' in response.content.decode()


def test_it_shows_pages_of_fifty_and_keeps_the_filters(client, db):
    for n in range(PAGE_SIZE + 1):
        OrganisationFactory(code=f"gm{n:04d}", sort_name=f"gemeente {n:04d}")
    OrganisationFactory(code="pv26", kind=Kind.PROVINCE)

    first = client.get("/organisaties?soort=gemeente")
    assert len(codes(first)) == PAGE_SIZE
    assert "Pagina 1 van 2" in first.content.decode()
    assert 'href="?soort=gemeente&amp;pagina=2"' in first.content.decode()

    second = client.get("/organisaties?soort=gemeente&pagina=2")
    assert codes(second) == [f"gm{PAGE_SIZE:04d}"]
    assert 'href="?soort=gemeente&amp;pagina=1"' in second.content.decode()

    # A page past the end shows the last one rather than an error.
    assert codes(client.get("/organisaties?soort=gemeente&pagina=9")) == [f"gm{PAGE_SIZE:04d}"]


def test_it_issues_as_many_queries_for_fifty_rows_as_for_five(client, db):
    province = OrganisationFactory(code="pv26", kind=Kind.PROVINCE)
    FamilyFactory()

    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/organisaties?soort=gemeente")
        return len(codes(response)), len(queries)

    OrganisationFactory.create_batch(5, province=province)
    rows, few = queries_for_page()
    assert rows == 5
    OrganisationFactory.create_batch(PAGE_SIZE - 5, province=province)
    rows, many = queries_for_page()
    assert rows == PAGE_SIZE
    assert many == few
