import datetime

from koers.organisations.constants import AdoptionState, Kind
from koers.organisations.tests.factories import (
    FacilityAdoptionFactory,
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
)


def test_it_shows_a_programme_with_council_deadline_goal_and_families(client, world):
    FamilyFactory(programme=world.programme, slug="provincies", kinds=[Kind.PROVINCE], position=2)
    response = client.get("/api/v1/programmes/digitaal-2017")
    assert response.status_code == 200
    programme = response.json()
    assert programme["councilName"] == "Regieraad"
    assert programme["deadline"] == "2030-12-31"
    assert programme["goal"] == "Alle diensten digitaal."
    assert [f["slug"] for f in programme["families"]] == ["gemeenten", "provincies"]
    assert programme["families"][0]["kinds"] == ["gemeente"]


def test_it_lists_only_public_programmes(client, world):
    ProgrammeFactory(slug="intern", is_public=False)
    body = client.get("/api/v1/programmes").json()
    assert [p["slug"] for p in body["results"]] == ["digitaal-2017"]
    assert client.get("/api/v1/programmes/intern").status_code == 404


def test_it_shows_the_families_of_a_programme(client, world):
    other = FamilyFactory(slug="gemeenten")  # the same slug in another programme
    body = client.get("/api/v1/programmes/digitaal-2017/families").json()
    assert [f["name"] for f in body["results"]] == ["Gemeenten"]
    family = client.get("/api/v1/programmes/digitaal-2017/families/gemeenten").json()
    assert family["slug"] == "gemeenten"
    assert family["maxStaff"] is None
    other_url = f"/api/v1/programmes/{other.programme.slug}/families/gemeenten"
    assert client.get(other_url).json()["name"] == other.name
    assert client.get("/api/v1/programmes/digitaal-2017/families/steden").status_code == 404


def test_it_shows_an_organisation_in_camel_case(client, world):
    world.organisation.province = OrganisationFactory(
        code="pv26", kind=Kind.PROVINCE, official_name="provincie Utrecht", short_name="Utrecht"
    )
    world.organisation.municipality_code = "0344"
    world.organisation.inhabitants = 361_924
    world.organisation.customer_groups = ["burgers", "bedrijven"]
    world.organisation.save()
    body = client.get("/api/v1/organisations/gm0344").json()
    assert body["tooiUri"] == "https://identifier.overheid.nl/tooi/id/test/gm0344"
    assert body["municipalityCode"] == "0344"
    assert body["provinceCode"] == "pv26"
    assert body["officialName"] == "gemeente Utrecht"
    assert body["inhabitants"] == 361_924
    assert body["customerGroups"] == ["burgers", "bedrijven"]
    assert body["abbreviation"] is None
    assert body["validFrom"] is None


def test_it_shows_facilities_and_an_organisations_adoptions(client, world):
    digid = FacilityFactory(slug="digid", name="DigiD", for_citizens=True)
    FacilityAdoptionFactory(
        organisation=world.organisation,
        facility=digid,
        state=AdoptionState.PLANNED,
        date=datetime.date(2017, 3, 1),
    )
    facilities = client.get("/api/v1/facilities").json()["results"]
    assert [f["slug"] for f in facilities] == ["digid"]
    assert client.get("/api/v1/facilities/digid").json()["forCitizens"] is True
    adoptions = client.get("/api/v1/organisations/gm0344/facility-adoptions").json()
    assert adoptions["results"] == [
        {
            "facility": "digid",
            "facilityName": "DigiD",
            "state": "gepland",
            "date": "2017-03-01",
            "note": None,
        }
    ]
    assert client.get("/api/v1/organisations/gm0363/facility-adoptions").json()["count"] == 0
