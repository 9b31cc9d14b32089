"""The maturity pages per persona (figures public, an organisation's explanations under the rule
of its progress reports), a constant number of queries, and the API with its filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.organisations.tests.factories import OrganisationFactory

from ..models_maturity import Explanation
from .maturity_helpers import catalogue, observe

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"


def url(name, *args):
    return reverse(f"monitoring:{name}", args=[SLUG, *args])


@pytest.fixture
def observed(world):
    share, scale = catalogue(world)
    world.organisation.inhabitants = 350_000
    world.organisation.save()
    world.other_organisation.inhabitants = 850_000
    world.other_organisation.save()
    observe(share, world.organisation, "2016", 60, note="Telling van de afdeling.")
    observe(share, world.other_organisation, "2016", 80)
    observe(scale, world.organisation, "2016", 2)
    Explanation.objects.create(
        indicator=share,
        organisation=world.organisation,
        text="Vergunningen gaan in 2017 over op het landelijke loket.",
    )
    return share, scale


def test_the_figures_are_public_and_the_explanations_follow_the_progress_rule(
    world, observed, client_for
):
    readers = {"office", "coordinator", "contributor", "council_member"}
    for name, user in world.personas():
        client = client_for(user)
        listing = client.get(url("indicator-list"))
        assert listing.status_code == 200, name
        assert "Producten digitaal aan te vragen" in listing.content.decode()
        page = client.get(url("indicator-detail", "digitaal-aanvraagbaar"))
        assert page.status_code == 200, name
        text = page.content.decode()
        assert "verklaart" in text and "<svg" in text
        mine = client.get(url("organisation-maturity", world.organisation.code))
        assert mine.status_code == 200, name
        shown = "landelijke loket" in mine.content.decode()
        assert shown == (name in readers), name
    home = client_for(None).get(url("monitoring-home")).content.decode()
    assert url("indicator-list") in home


def test_the_maturity_page_shows_values_as_people_read_them(world, observed, client_for):
    # A percentage with its sign and a decimal comma; a level of a scale as its letter.
    text = client_for(None).get(url("organisation-maturity", world.organisation.code))
    cells = text.content.decode()
    assert ">60 %</td>" in cells
    assert ">C</td>" in cells


def test_the_indicator_page_explains_the_period_asked_for(world, observed, client_for):
    client = client_for(None)
    page = client.get(url("indicator-detail", "digitaal-aanvraagbaar") + "?periode=2016")
    text = page.content.decode()
    assert "Spreiding in 2016" in text
    assert "250.000 inwoners of meer" in text
    assert client.get(url("indicator-detail", "onbekend")).status_code == 404
    odd = url("indicator-detail", "digitaal-aanvraagbaar") + "?periode=2016-Q9"
    assert client.get(odd).status_code == 404
    empty = client.get(url("indicator-detail", "digitaal-aanvraagbaar") + "?periode=2012")
    assert "nog geen waarnemingen" in empty.content.decode()


def _count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_pages_read_a_constant_number_of_queries(world, observed, client_for):
    share, scale = observed
    client = client_for(world.office)
    addresses = [
        url("indicator-list"),
        url("indicator-detail", "digitaal-aanvraagbaar"),
        url("organisation-maturity", world.organisation.code),
        reverse("api:indicator-observation-list", args=[SLUG, "digitaal-aanvraagbaar"]),
        reverse("api:indicator-explanation", args=[SLUG, "digitaal-aanvraagbaar"]) + "?period=2016",
    ]
    before = [_count(client, a) for a in addresses]
    for n in range(6):
        organisation = OrganisationFactory(
            inhabitants=10_000 * (n + 1), customer_groups=["burgers"]
        )
        observe(share, organisation, "2016", 10 * n)
        observe(scale, organisation, "2016", n % 5)
    assert [_count(client, a) for a in addresses] == before


def api(*parts):
    return "/api/v1/programmes/" + "/".join([SLUG, *parts])


def test_the_api_lists_indicators_observations_and_the_explanation(world, observed, client):
    indicators = client.get(api("indicators")).json()["results"]
    assert [i["code"] for i in indicators] == ["digitaal-aanvraagbaar", "toegankelijkheid"]
    assert indicators[1]["levels"] == ["A", "B", "C", "D", "E"]
    rows = client.get(api("indicators", "digitaal-aanvraagbaar", "observations")).json()["results"]
    assert [(r["organisation"], r["value"]) for r in rows] == [("gm0344", 60), ("gm0363", 80)]
    assert "note" not in rows[0]
    only = api("indicators", "digitaal-aanvraagbaar", "observations") + "?organisation=gm0363"
    assert [r["organisation"] for r in client.get(only).json()["results"]] == ["gm0363"]
    family = api("indicators", "digitaal-aanvraagbaar", "observations") + "?family=gemeenten"
    assert len(client.get(family).json()["results"]) == 2
    none = api("indicators", "digitaal-aanvraagbaar", "observations") + "?period=2015"
    assert client.get(none).json()["results"] == []
    explained = client.get(
        api("indicators", "digitaal-aanvraagbaar", "explanation") + "?period=2016"
    )
    body = explained.json()
    assert body["count"] == 2
    size = next(f for f in body["factors"] if f["key"] == "grootteklasse")
    assert size["etaSquared"] is None  # both in the largest class
    assert size["groups"] == [{"label": "250.000 inwoners of meer", "count": 2, "mean": 70.0}]


@pytest.mark.parametrize(
    "query",
    [
        "observations?period=2016-Q5",
        "observations?organisation=gm9999",
        "observations?family=onbekend",
        "observations?soort=x",
        "explanation",
        "explanation?period=²",
    ],
)
def test_bad_filters_answer_a_problem(world, observed, client, query):
    response = client.get(api("indicators", "digitaal-aanvraagbaar", query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalidParams"]
