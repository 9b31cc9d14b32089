import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ..constants import Kind
from .factories import FamilyFactory, OrganisationFactory, ProgrammeFactory


def run(*args):
    out = io.StringIO()
    call_command("organisations", "list", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register(db):
    OrganisationFactory(
        code="gm0001", official_name="gemeente Oud", valid_until=datetime.date(2018, 12, 31)
    )
    OrganisationFactory(
        code="gm0002", official_name="gemeente Nieuw", valid_from=datetime.date(2019, 1, 1)
    )
    OrganisationFactory(code="pv20", kind=Kind.PROVINCE, official_name="provincie Groningen")
    programme = ProgrammeFactory(slug="digitaal-2017")
    FamilyFactory(programme=programme, slug="gemeenten", kinds=[Kind.MUNICIPALITY])


def test_it_counts_organisations_valid_on_a_date(register):
    assert run("--kind", "gemeente", "--on", "2015-06-26", "--count").strip() == "1"
    assert run("--kind", "gemeente", "--on", "2026-11-28", "--count").strip() == "1"
    assert run("--on", "2026-11-28", "--count").strip() == "2"


def test_it_lists_a_family_as_csv_and_json(register):
    rows = list(csv.DictReader(io.StringIO(run("--family", "gemeenten", "--on", "2015-06-26"))))
    assert [r["code"] for r in rows] == ["gm0001"]
    assert rows[0]["valid_until"] == "2018-12-31"
    data = json.loads(run("--family", "gemeenten", "--on", "2020-01-01", "--format", "json"))
    assert [r["code"] for r in data] == ["gm0002"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--on", "26-06-2015"], "--on '26-06-2015': expected a date as YYYY-MM-DD"),
        (["--family", "dorpen"], "--family 'dorpen': no such family (known: gemeenten)"),
        (["--kind", "stad"], "--kind 'stad': unknown"),
    ],
)
def test_it_names_the_bad_argument(register, args, message):
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert message in str(excinfo.value)


def test_it_asks_for_the_programme_when_a_family_slug_is_ambiguous(register):
    FamilyFactory(programme=ProgrammeFactory(slug="ander"), slug="gemeenten")
    with pytest.raises(CommandError, match="add --programme"):
        run("--family", "gemeenten")
    assert (
        run(
            "--family", "gemeenten", "--programme", "ander", "--on", "2020-01-01", "--count"
        ).strip()
        == "1"
    )
