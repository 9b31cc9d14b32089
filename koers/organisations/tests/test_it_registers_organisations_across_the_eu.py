"""Organisations in other EU/EEA countries: country, national identifier, import, family rules by
country, the API's country filter, and the register list at two sizes."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ..constants import Kind
from ..countries import country_names
from ..models import Organisation
from ..services import RegisterError, import_register
from .factories import FamilyFactory, OrganisationFactory


def record(code=None, **fields):
    data = {
        "kind": Kind.MUNICIPALITY,
        "official_name": f"Commune {code or fields.get('national_identifier')}",
        "short_name": f"Commune {code or fields.get('national_identifier')}",
        **fields,
    }
    if code:
        data["code"] = code
    return data


def write(tmp_path, organisations):
    path = tmp_path / "register.json"
    path.write_text(json.dumps({"organisations": organisations}), encoding="utf-8")
    return path


def test_the_country_list_is_the_eu_and_eea_with_dutch_names():
    names = country_names()
    assert len(names) == 30
    assert names["BE"] == "België" and names["NO"] == "Noorwegen" and names["NL"] == "Nederland"
    assert "GB" not in names and "CH" not in names


def test_it_validates_the_country(db):
    organisation = OrganisationFactory.build(country="GB")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "Onbekend land: GB" in str(error.value.message_dict["country"])
    assert OrganisationFactory().country == "NL"  # the default


def test_a_national_identifier_is_unique_within_its_country_only(db):
    OrganisationFactory(code="BE:0207", country="BE", national_identifier="0207")
    OrganisationFactory(code="FR:0207", country="FR", national_identifier="0207")
    OrganisationFactory(code="gm0001")  # no national identifier: several may lack one
    OrganisationFactory(code="gm0002")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(code="BE:other", country="BE", national_identifier="0207")


def test_it_imports_countries_and_forms_the_code_outside_the_netherlands(db, tmp_path):
    path = write(
        tmp_path,
        [
            record("gm0344", national_identifier="00000001001589623000"),
            record(country="BE", national_identifier="0207.446.759"),
            record("FR-paris", country="FR", national_identifier="217500016"),
        ],
    )
    result = import_register(path)
    assert result.created == 3
    by_code = {o.code: o for o in Organisation.objects.all()}
    assert by_code["gm0344"].country == "NL"
    assert by_code["BE:0207.446.759"].national_identifier == "0207.446.759"
    assert by_code["FR-paris"].country == "FR"
    assert import_register(path).unchanged == 3


@pytest.mark.parametrize(
    ("organisations", "message"),
    [
        (
            [record("ok", country="BE"), record("uk", country="GB")],
            r"organisation #2 \(uk\): unknown country 'GB'",
        ),
        (
            [
                record(country="FR", national_identifier="1"),
                record("FR-again", country="FR", national_identifier="1"),
            ],
            r"organisation #2 \(FR-again\): national_identifier '1' in FR is also that of FR:1",
        ),
        ([record(country="DE")], r"organisation #1 \(no code\): missing code"),
    ],
)
def test_it_refuses_a_bad_register_as_a_whole(db, tmp_path, organisations, message):
    with pytest.raises(RegisterError, match=message):
        import_register(write(tmp_path, organisations))
    assert not Organisation.objects.exists()


def test_it_refuses_a_national_identifier_the_register_already_gives_another(db, tmp_path):
    OrganisationFactory(code="BE:1", country="BE", national_identifier="1")
    path = write(
        tmp_path,
        [record("new", country="BE"), record("BE-1", country="BE", national_identifier="1")],
    )
    with pytest.raises(RegisterError, match="already belongs to BE:1"):
        import_register(path)
    assert list(Organisation.objects.values_list("code", flat=True)) == ["BE:1"]


def test_a_family_rule_may_name_countries(db):
    OrganisationFactory(code="gm0001")
    be = OrganisationFactory(code="BE:1", country="BE", national_identifier="1")
    OrganisationFactory(code="BE:2", country="BE", national_identifier="2", kind=Kind.PROVINCE)
    OrganisationFactory(code="FR:1", country="FR", national_identifier="1")
    in_be = FamilyFactory(kinds=[Kind.MUNICIPALITY], countries=["BE"])
    everywhere = FamilyFactory(programme=in_be.programme, kinds=[Kind.MUNICIPALITY])
    assert list(in_be.members()) == [be]
    assert everywhere.members().count() == 3
    counts = Organisation.objects.count_per_family([in_be, everywhere])
    assert counts == {in_be.pk: 1, everywhere.pk: 3}
    with pytest.raises(ValidationError, match="Onbekend land: XX"):
        FamilyFactory.build(countries=["XX"]).clean()


def test_the_api_filters_on_country_and_refuses_an_unknown_one(db, client):
    OrganisationFactory(code="gm0001")
    OrganisationFactory(code="BE:1", country="BE", national_identifier="1")
    response = client.get("/api/v1/organisations?country=BE")
    assert response.status_code == 200
    body = response.json()["results"]
    assert [(o["code"], o["country"], o["nationalIdentifier"]) for o in body] == [
        ("BE:1", "BE", "1")
    ]
    response = client.get("/api/v1/organisations?country=GB")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["country"]


def test_the_register_shows_countries_only_when_there_are_several(db, client):
    OrganisationFactory(code="gm0001")
    page = client.get(reverse("organisations:organisation-list")).content.decode()
    assert ">Land</th>" not in page and "Nederland</td>" not in page
    be = OrganisationFactory(code="BE:1", country="BE", national_identifier="0207")
    page = client.get(reverse("organisations:organisation-list")).content.decode()
    assert ">Land</th>" in page and "België</td>" in page and "Nederland</td>" in page
    page = client.get(reverse("organisations:organisation-list") + "?land=BE").content.decode()
    assert be.official_name in page and "gemeente Voorbeeld" not in page.replace(
        be.official_name, ""
    )
    detail = client.get(be.get_absolute_url()).content.decode()
    assert "België" in detail and "0207" in detail


def test_the_register_list_keeps_its_queries_at_two_sizes(db, client):
    def queries_for(n):
        for i in range(n):
            OrganisationFactory(country="DE", national_identifier=f"{n}-{i}")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("organisations:organisation-list") + "?pagina=2")
        assert response.status_code == 200
        return len(captured)

    assert queries_for(60) == queries_for(120)
