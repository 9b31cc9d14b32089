"""The public pages: programmes with their families, organisations with their history, facilities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..constants import AdoptionState, Kind, SuccessionKind
from ..models import Succession
from .factories import (
    FacilityAdoptionFactory,
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
)

PERSONAS = [
    "office",
    "coordinator",
    "contributor",
    "council_member",
    "reviewer",
    "outsider",
    "public",
]


def test_it_lists_public_programmes_on_the_home_page(client, world):
    ProgrammeFactory(name="Geheim programma", is_public=False)
    html = client.get("/").content.decode()
    assert "Digitaal 2017" in html
    assert "Geheim programma" not in html


def test_it_shows_a_programme_with_its_families_and_their_counts(client, world):
    OrganisationFactory(valid_until=datetime.date(2015, 12, 31))  # merged away: not counted
    OrganisationFactory(kind=Kind.PROVINCE)  # another kind: not counted
    FamilyFactory(programme=world.programme, name="Provincies", kinds=[Kind.PROVINCE], position=1)

    response = client.get("/programmas/digitaal-2017")

    assert response.status_code == 200
    assert [(f.name, n) for f, n in response.context["families"]] == [
        ("Gemeenten", 2),
        ("Provincies", 1),
    ]
    html = response.content.decode()
    assert f'href="/organisaties?familie={world.family.pk}"' in html
    assert "Regieraad" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_a_public_programme_to_everyone(world, client_for, persona):
    user = dict(world.personas())[persona]
    assert client_for(user).get("/programmas/digitaal-2017").status_code == 200


@pytest.mark.parametrize(
    "persona, status",
    [
        ("office", 200),
        ("coordinator", 403),
        ("contributor", 403),
        ("council_member", 403),
        ("reviewer", 403),
        ("outsider", 403),
    ],
)
def test_it_shows_a_programme_that_is_not_public_only_to_its_office(
    world, client_for, persona, status
):
    world.programme.is_public = False
    world.programme.save()
    response = client_for(getattr(world, persona)).get("/programmas/digitaal-2017")
    assert response.status_code == status


def test_it_sends_the_public_to_the_login_page_for_a_programme_that_is_not_public(
    world, client_for
):
    world.programme.is_public = False
    world.programme.save()
    response = client_for(None).get("/programmas/digitaal-2017")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen?next=/programmas/digitaal-2017"


def test_it_answers_404_for_an_unknown_programme(client, db):
    assert client.get("/programmas/bestaat-niet").status_code == 404


def test_it_shows_an_organisation_with_its_predecessors_and_successors(client, db):
    merger = datetime.date(2019, 1, 1)
    old = OrganisationFactory(code="gm0001", official_name="gemeente Oud", valid_until=merger)
    other = OrganisationFactory(code="gm0002", official_name="gemeente Ander", valid_until=merger)
    new = OrganisationFactory(code="gm1999", official_name="gemeente Nieuw", valid_from=merger)
    for predecessor in (old, other):
        Succession.objects.create(
            predecessor=predecessor, successor=new, date=merger, kind=SuccessionKind.MERGER
        )

    html = client.get("/organisaties/gm0001").content.decode()
    assert "Deze organisatie bestaat niet meer." in html
    assert "Opvolgers" in html
    assert '<a class="utrecht-link" href="/organisaties/gm1999">gemeente Nieuw</a>' in html
    assert "samenvoeging, 1 januari 2019" in html

    html = client.get("/organisaties/gm1999").content.decode()
    assert "bestaat niet meer" not in html
    assert "Voorgangers" in html
    assert 'href="/organisaties/gm0001">gemeente Oud</a>' in html
    assert 'href="/organisaties/gm0002">gemeente Ander</a>' in html


def test_it_shows_the_families_an_organisation_belongs_to(client, world):
    html = client.get(world.organisation.get_absolute_url()).content.decode()
    assert "Digitaal 2017</a>: Gemeenten" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_adoptions_to_everyone_and_edit_links_to_who_may_change_them(
    world, client_for, persona
):
    FacilityAdoptionFactory(
        organisation=world.organisation,
        facility=FacilityFactory(slug="digid", name="DigiD"),
        state=AdoptionState.CONNECTED,
    )
    user = dict(world.personas())[persona]
    response = client_for(user).get(world.organisation.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "DigiD" in html and "aangesloten" in html
    may_change = persona in {"office", "contributor"}
    assert (f"/organisaties/{world.organisation.code}/aansluiting" in html) == may_change


def test_it_answers_404_for_an_unknown_organisation(client, db):
    assert client.get("/organisaties/gm0000").status_code == 404


def test_it_issues_as_many_queries_for_ten_adoptions_as_for_one(world, client_for):
    client = client_for(world.contributor)
    facilities = FacilityFactory.create_batch(10)

    def queries_for_detail():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(world.organisation.get_absolute_url())
        assert response.status_code == 200
        return len(response.context["organisation"].adoption_list), len(queries)

    FacilityAdoptionFactory(organisation=world.organisation, facility=facilities[0])
    adoptions, one = queries_for_detail()
    assert adoptions == 1
    for facility in facilities[1:]:
        FacilityAdoptionFactory(organisation=world.organisation, facility=facility)
    adoptions, ten = queries_for_detail()
    assert adoptions == 10
    assert ten == one


def test_it_lists_facilities_with_the_number_of_connected_organisations(client, db):
    digid = FacilityFactory(name="DigiD")
    FacilityFactory(name="eHerkenning")
    FacilityAdoptionFactory(facility=digid, state=AdoptionState.CONNECTED)
    FacilityAdoptionFactory(facility=digid, state=AdoptionState.CONNECTED)
    FacilityAdoptionFactory(facility=digid, state=AdoptionState.PLANNED)

    response = client.get("/voorzieningen")

    assert response.status_code == 200
    assert {f.name: f.connected for f in response.context["facilities"]} == {
        "DigiD": 2,
        "eHerkenning": 0,
    }
