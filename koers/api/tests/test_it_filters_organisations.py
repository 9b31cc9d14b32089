import datetime

import pytest

from koers.organisations.constants import Kind, SuccessionKind
from koers.organisations.models import Succession
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory, ProgrammeFactory

URL = "/api/v1/organisations"


def codes(response):
    assert response.status_code == 200, response.content
    return [o["code"] for o in response.json()["results"]]


def invalid_params(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}


@pytest.fixture
def merger(db):
    """Two municipalities that merged on 1 January 2019 into a new one."""
    ended = [
        OrganisationFactory(code=code, official_name=name, valid_until=datetime.date(2018, 12, 31))
        for code, name in [("gm0001", "gemeente Oud-Ael"), ("gm0002", "gemeente Oud-Bree")]
    ]
    successor = OrganisationFactory(
        code="gm0003", official_name="gemeente Nieuw", valid_from=datetime.date(2019, 1, 1)
    )
    for predecessor in ended:
        Succession.objects.create(
            predecessor=predecessor,
            successor=successor,
            date=datetime.date(2019, 1, 1),
            kind=SuccessionKind.MERGER,
        )
    return successor


def test_it_lists_only_organisations_valid_today_by_default(client, merger):
    assert codes(client.get(URL)) == ["gm0003"]


def test_it_lists_organisations_valid_on_a_date(client, merger):
    assert codes(client.get(URL, {"validOn": "2018-12-31"})) == ["gm0001", "gm0002"]
    assert codes(client.get(URL, {"validOn": "2019-01-01"})) == ["gm0003"]


def test_it_shows_successions_as_codes_with_dates(client, merger):
    old = client.get(f"{URL}/gm0001").json()
    new = client.get(f"{URL}/gm0003").json()
    assert old["validUntil"] == "2018-12-31"
    assert old["successors"] == [{"code": "gm0003", "date": "2019-01-01", "kind": "samenvoeging"}]
    assert [p["code"] for p in new["predecessors"]] == ["gm0001", "gm0002"]
    assert new["successors"] == []


def test_it_rejects_a_malformed_date_naming_the_parameter(client, db):
    response = client.get(URL, {"validOn": "26-06-2015"})
    problem = response.json()
    assert problem["status"] == 400
    assert problem["title"] == "Bad Request"
    assert problem["detail"]
    assert invalid_params(response) == {
        "validOn": "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2015-06-26."
    }


def test_it_filters_on_kind(client, world):
    OrganisationFactory(code="pv26", kind=Kind.PROVINCE, official_name="provincie Utrecht")
    assert codes(client.get(URL, {"kind": "provincie"})) == ["pv26"]
    assert invalid_params(client.get(URL, {"kind": "stad"})).keys() == {"kind"}


def test_it_searches_names_and_codes(client, world):
    assert codes(client.get(URL, {"q": "utrecht"})) == ["gm0344"]
    assert codes(client.get(URL, {"q": "GM0363"})) == ["gm0363"]


def test_it_filters_on_family_membership(client, world):
    province = OrganisationFactory(code="pv26", kind=Kind.PROVINCE)
    provinces = FamilyFactory(programme=world.programme, slug="provincies", kinds=[Kind.PROVINCE])
    world.family.excluded.add(world.other_organisation)
    programme = {"programme": "digitaal-2017"}

    assert codes(client.get(URL, {**programme, "family": "gemeenten"})) == ["gm0344"]
    assert codes(client.get(URL, {**programme, "family": "provincies"})) == ["pv26"]
    # The family is unique across programmes, so the programme may be left out.
    assert codes(client.get(URL, {"family": "gemeenten"})) == ["gm0344"]
    # A programme alone: the members of any of its families.
    assert sorted(codes(client.get(URL, programme))) == ["gm0344", "pv26"]

    provinces.included.add(world.other_organisation)
    assert sorted(codes(client.get(URL, {"family": "provincies"}))) == ["gm0363", "pv26"]
    assert province.code in codes(client.get(URL, {"family": "provincies", "kind": "provincie"}))


def test_it_combines_family_and_validity(client, world, merger):
    response = client.get(URL, {"family": "gemeenten", "validOn": "2018-06-01"})
    assert sorted(codes(response)) == ["gm0001", "gm0002", "gm0344", "gm0363"]


def test_it_asks_for_the_programme_when_a_family_slug_is_ambiguous(client, world):
    FamilyFactory(programme=ProgrammeFactory(slug="provinciale-agenda"), slug="gemeenten")
    reasons = invalid_params(client.get(URL, {"family": "gemeenten"}))
    assert "digitaal-2017, provinciale-agenda" in reasons["family"]
    assert "programme" in reasons["family"]
    assert codes(client.get(URL, {"family": "gemeenten", "programme": "digitaal-2017"}))


def test_it_rejects_unknown_families_and_programmes(client, world):
    assert invalid_params(client.get(URL, {"family": "steden"})) == {
        "family": "Er is geen familie 'steden'."
    }
    reasons = invalid_params(client.get(URL, {"family": "steden", "programme": "digitaal-2017"}))
    assert reasons == {"family": "Het programma 'digitaal-2017' heeft geen familie 'steden'."}
    assert invalid_params(client.get(URL, {"programme": "onbekend"})).keys() == {"programme"}


def test_it_hides_families_of_programmes_that_are_not_public(client, world):
    FamilyFactory(programme=ProgrammeFactory(is_public=False), slug="geheim")
    assert invalid_params(client.get(URL, {"family": "geheim"})).keys() == {"family"}


def test_it_refuses_unknown_query_parameters(client, world):
    # A misspelt filter must not quietly return the unfiltered list.
    response = client.get(URL, {"valid_on": "2015-06-26", "kind": "gemeente"})
    assert invalid_params(response).keys() == {"valid_on"}
    assert response.json()["invalidParams"][0]["code"] == "unknown"
    assert invalid_params(client.get(f"{URL}/gm0344", {"page": "2"})).keys() == {"page"}
