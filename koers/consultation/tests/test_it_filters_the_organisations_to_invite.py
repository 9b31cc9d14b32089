"""Inviting part of a long list of organisations: the list filters by name, province and size
class, without JavaScript, and what was ticked survives every filter until it is saved."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.organisations.constants import Kind
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

from .test_it_manages_round_tables import make_round_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(world):
    """Two provinces and five municipalities of known size; Utrecht and Amsterdam invited."""
    utrecht = OrganisationFactory(
        code="pv26", kind=Kind.PROVINCE, official_name="provincie Utrecht", short_name="Utrecht"
    )
    holland = OrganisationFactory(
        code="pv27",
        kind=Kind.PROVINCE,
        official_name="provincie Noord-Holland",
        short_name="Noord-Holland",
    )
    world.organisation.province, world.organisation.inhabitants = utrecht, 338_000
    world.organisation.save()
    world.other_organisation.province, world.other_organisation.inhabitants = holland, 850_000
    world.other_organisation.save()
    bergen = OrganisationFactory(
        official_name="gemeente Bergen (NH)", province=holland, inhabitants=30_000
    )
    woudenberg = OrganisationFactory(
        official_name="gemeente Woudenberg", province=utrecht, inhabitants=13_000
    )
    unknown = OrganisationFactory(official_name="gemeente Zonder Gegevens")
    round_table = make_round_table(world)  # Utrecht and Amsterdam invited
    return {
        "round_table": round_table,
        "utrecht": utrecht,
        "holland": holland,
        "gm_utrecht": world.organisation,
        "amsterdam": world.other_organisation,
        "bergen": bergen,
        "woudenberg": woudenberg,
        "unknown": unknown,
    }


def page(places, name="consultation:roundtable-invitations"):
    round_table = places["round_table"]
    return reverse(name, args=[round_table.programme.slug, round_table.pk])


def shown(html: str) -> set[int]:
    """The organisations offered as a checkbox."""
    return {int(pk) for pk in re.findall(r'type="checkbox"[^>]*value="(\d+)"', html)}


def ticked(html: str) -> set[int]:
    """The organisations the form will post: ticked checkboxes and hidden inputs."""
    found = set()
    for tag in re.findall(
        r'<input type="(?:checkbox|hidden)"[^>]*name="organisations"[^>]*>', html
    ):
        if 'type="hidden"' in tag or " checked" in tag:
            found.add(int(re.search(r'value="(\d+)"', tag).group(1)))
    return found


def pks(places, *names):
    return {places[n].pk for n in names}


def filtered(client, places, query, name="consultation:roundtable-invitations"):
    """The page after "Filter", with Utrecht and Amsterdam ticked as stored."""
    ticked_now = sorted(pks(places, "gm_utrecht", "amsterdam"))
    response = client.post(
        page(places, name), {"organisations": ticked_now, "filter": "toepassen", **query}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_filters_by_province_size_class_and_name(world, places, client_for):
    client = client_for(world.office)
    everyone = pks(places, "gm_utrecht", "amsterdam", "bergen", "woudenberg", "unknown")
    assert shown(client.get(page(places)).content.decode()) == everyone
    cases = [
        ({"province": places["utrecht"].pk}, {"gm_utrecht", "woudenberg"}),
        ({"size_class": "10000-20000"}, {"woudenberg"}),
        ({"size_class": "250000-meer"}, {"gm_utrecht", "amsterdam"}),
        ({"size_class": "onbekend"}, {"unknown"}),
        ({"search": "BERGEN"}, {"bergen"}),
        ({"search": "woudenberg", "province": places["holland"].pk}, set()),
        ({"province": places["holland"].pk, "size_class": "20000-50000"}, {"bergen"}),
    ]
    for query, expected in cases:
        html = filtered(client, places, query)
        assert shown(html) == pks(places, *expected), query
    html = filtered(client, places, {"search": "bergen"})
    assert "1 van 5 organisaties getoond, 2 gekozen." in html
    # Each choice says how many of the list it holds.
    assert re.search(r">Utrecht \(2\)</option>", html)
    assert re.search(r">inwonertal onbekend \(1\)</option>", html)


def test_it_keeps_what_was_ticked_through_a_filter_and_saves_it(world, places, client_for):
    client = client_for(world.office)
    # Ticked Woudenberg, then filtered on Noord-Holland: nothing is saved yet, and Utrecht and
    # Woudenberg (not shown) go along with the form.
    response = client.post(
        page(places),
        {
            "organisations": sorted(pks(places, "gm_utrecht", "amsterdam", "woudenberg")),
            "province": places["holland"].pk,
            "filter": "toepassen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert shown(html) == pks(places, "amsterdam", "bergen")
    assert ticked(html) == pks(places, "gm_utrecht", "amsterdam", "woudenberg")
    assert "2 gekozen organisaties vallen buiten het filter en blijven gekozen." in html
    assert "nog niet bewaard" in html
    assert set(places["round_table"].invited.all()) == {places["gm_utrecht"], places["amsterdam"]}
    # Saving posts the ticked ones, shown or not.
    response = client.post(
        page(places),
        {
            "organisations": sorted(ticked(html) | pks(places, "bergen")),
            "province": places["holland"].pk,
        },
    )
    assert response.status_code == 302
    assert set(places["round_table"].invited.all()) == {
        places[n] for n in ("gm_utrecht", "amsterdam", "woudenberg", "bergen")
    }


def test_it_ticks_and_unticks_only_what_is_shown(world, places, client_for):
    client = client_for(world.office)
    chosen = sorted(pks(places, "gm_utrecht", "amsterdam"))
    html = client.post(
        page(places), {"organisations": chosen, "search": "berg", "tick": "alle:getoond"}
    ).content.decode()
    assert ticked(html) == pks(places, "gm_utrecht", "amsterdam", "bergen", "woudenberg")
    html = client.post(
        page(places),
        {
            "organisations": sorted(ticked(html)),
            "province": places["utrecht"].pk,
            "tick": f"geen:{world.family.pk}",
        },
    ).content.decode()
    assert ticked(html) == pks(places, "amsterdam", "bergen")
    assert "Gemeenten: 2 van 5 gekozen, 2 getoond" in html
    # Clearing the filter shows all again and keeps the choice.
    html = client.post(
        page(places),
        {"organisations": sorted(ticked(html)), "search": "berg", "filter": "wissen"},
    ).content.decode()
    assert shown(html) == pks(places, "gm_utrecht", "amsterdam", "bergen", "woudenberg", "unknown")
    assert ticked(html) == pks(places, "amsterdam", "bergen")
    assert 'value="berg"' not in html


def test_it_filters_the_attendance_too(world, places, client_for):
    places["round_table"].invited.add(places["bergen"])
    client = client_for(world.coordinator)
    html = filtered(client, places, {"search": "bergen"}, "consultation:roundtable-attendance")
    assert shown(html) == pks(places, "bergen")


ODD = ["²", "9" * 30, "-1", "٣", "<b>x</b>", "0"]


@pytest.mark.parametrize("odd", ODD)
def test_it_refuses_odd_filter_values_at_their_field(world, places, client_for, odd):
    client = client_for(world.office)
    html = filtered(client, places, {"province": odd, "size_class": odd, "search": "berg"})
    assert 'id="id_province_error"' in html and 'id="id_size_class_error"' in html
    assert "<b>x</b>" not in html
    # The valid part of the filter still applies.
    assert shown(html) == pks(places, "bergen", "woudenberg")
    response = client.post(
        page(places), {"organisations": [odd, places["bergen"].pk], "province": odd}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "kies organisaties uit de lijst" in html
    assert ticked(html) == pks(places, "bergen")  # what could be ticked stays ticked
    assert places["round_table"].invited.count() == 2


def _queries(client, places, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        filtered(client, places, query)
    return len(captured)


def test_it_filters_with_as_many_queries_for_5_as_for_60_organisations(
    world, places, client_for, django_assert_max_num_queries
):
    client = client_for(world.office)
    other = FamilyFactory(programme=world.programme, slug="provincies", kinds=[Kind.PROVINCE])
    places["round_table"].families.add(other)
    query = {"province": places["utrecht"].pk, "search": "gemeente", "family": world.family.pk}
    few = _queries(client, places, query)
    OrganisationFactory.create_batch(55, province=places["utrecht"], inhabitants=20_000)
    places["round_table"].invited.set(world.family.members())
    with django_assert_max_num_queries(few):
        html = filtered(client, places, query)
    assert len(shown(html)) == 57


def test_it_refuses_a_save_over_someone_elses_and_keeps_the_ticks(world, places, client_for):
    client = client_for(world.office)
    html = client.get(page(places)).content.decode()
    token = re.search(r'name="opgeslagen" value="([0-9a-f]+)"', html).group(1)
    # A colleague saves another choice while this page is open.
    colleague = client_for(world.office)
    other = colleague.get(page(places)).content.decode()
    other_token = re.search(r'name="opgeslagen" value="([0-9a-f]+)"', other).group(1)
    saved = colleague.post(
        page(places), {"organisations": [places["bergen"].pk], "opgeslagen": other_token}
    )
    assert saved.status_code == 302

    mine = sorted(pks(places, "gm_utrecht", "woudenberg"))
    response = client.post(page(places), {"organisations": mine, "opgeslagen": token})

    assert response.status_code == 409
    assert "Iemand anders heeft deze keuze intussen opgeslagen" in response.content.decode()
    assert ticked(response.content.decode()) == set(mine)
    assert set(places["round_table"].invited.values_list("pk", flat=True)) == {places["bergen"].pk}
    # Saved again from the refused page, knowing the colleague's choice, it is kept.
    again = re.search(r'name="opgeslagen" value="([0-9a-f]+)"', response.content.decode()).group(1)
    assert (
        client.post(page(places), {"organisations": mine, "opgeslagen": again}).status_code == 302
    )
    assert set(places["round_table"].invited.values_list("pk", flat=True)) == set(mine)
