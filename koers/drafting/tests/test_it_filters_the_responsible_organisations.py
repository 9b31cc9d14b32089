"""Choosing the responsible organisations of a main activity from a register of thousands: a
filter by family, province and name inside the form, which saves nothing and keeps what was
typed and ticked; codes can still be typed."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.agenda.models import MainActivity
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def create_url(agenda):
    return reverse(
        "drafting:main-activity-create", args=[agenda.programme.slug, agenda.draft.number]
    )


@pytest.fixture
def utrecht(agenda):
    """The province of Utrecht, with the municipality of Utrecht and Woudenberg in it."""
    province = OrganisationFactory(
        code="pv26", kind=Kind.PROVINCE, official_name="provincie Utrecht", short_name="Utrecht"
    )
    agenda.world.organisation.province = province
    agenda.world.organisation.save()
    agenda.logius.kind = Kind.AGENCY  # in no family of municipalities
    agenda.logius.save()
    OrganisationFactory(code="gm0351", official_name="gemeente Woudenberg", province=province)
    return province


def activity_data(agenda, **extra):
    data = {
        "step": agenda.draft.steps.first().pk,
        "family": agenda.world.family.pk,
        "title": "Eén loket",
        "deadline": "2017-06-01",
    }
    return data | extra


def offered(html: str) -> dict[str, bool]:
    """Code of each organisation offered to tick, and whether it is ticked."""
    found = {}
    for tag, code in re.findall(
        r'(<input type="checkbox"[^>]*name="responsible"[^>]*>) <label[^>]*>[^<]*'
        r'<span class="koers-choice__where">\(([\w-]+)',
        html,
    ):
        found[code] = " checked" in tag
    return found


def test_it_finds_organisations_by_family_province_and_name(agenda, utrecht, client_for):
    client = client_for(agenda.world.office)
    cases = [
        ({"org-family": agenda.world.family.pk}, {"gm0344", "gm0363", "gm0351"}),
        ({"org-province": utrecht.pk}, {"pv26", "gm0344", "gm0351"}),
        (
            {"org-family": agenda.world.family.pk, "org-province": utrecht.pk},
            {"gm0344", "gm0351"},
        ),
        ({"org-search": "logius"}, {"oin-logius"}),
        ({"org-search": "woudenberg", "org-family": agenda.world.family.pk}, {"gm0351"}),
        ({"org-search": "amsterdam", "org-province": utrecht.pk}, set()),
    ]
    for query, expected in cases:
        response = client.post(
            create_url(agenda), activity_data(agenda, **query, **{"org-filter": "toepassen"})
        )
        html = response.content.decode()
        assert response.status_code == 200, query
        assert set(offered(html)) == expected, query
    assert "Geen organisaties gevonden met dit filter." in html
    # Filtering saved nothing and kept what was typed.
    assert 'value="Eén loket"' in html
    assert not MainActivity.objects.filter(title="Eén loket").exists()


def test_it_keeps_the_ticked_ones_through_a_filter_and_saves_them_with_typed_codes(
    agenda, utrecht, client_for
):
    client = client_for(agenda.world.office)
    amsterdam = agenda.world.other_organisation
    html = client.post(
        create_url(agenda),
        activity_data(
            agenda,
            responsible=[amsterdam.pk],
            responsible_codes="oin-logius",
            **{"org-province": utrecht.pk, "org-filter": "toepassen"},
        ),
    ).content.decode()
    assert offered(html) == {"gm0363": True, "pv26": False, "gm0344": False, "gm0351": False}
    assert 'value="oin-logius"' in html
    # Enter in a text box presses the filter button: with a filter given, it filters again;
    # the save button saves, whatever the filter holds.
    data = activity_data(
        agenda,
        responsible=[amsterdam.pk, agenda.world.organisation.pk],
        responsible_codes="oin-logius",
        **{"org-province": utrecht.pk},
    )
    response = client.post(create_url(agenda), data | {"org-filter": "toepassen"})
    assert response.status_code == 200
    assert not MainActivity.objects.filter(title="Eén loket").exists()
    response = client.post(create_url(agenda), data)
    assert response.status_code == 302
    activity = MainActivity.objects.get(title="Eén loket")
    assert set(activity.responsible.all()) == {amsterdam, agenda.world.organisation, agenda.logius}
    # The edit page shows the stored ones ticked, and no filter results until asked.
    edit = reverse(
        "drafting:main-activity-edit",
        args=[agenda.programme.slug, agenda.draft.number, activity.anchor],
    )
    html = client.get(edit).content.decode()
    assert offered(html) == {"gm0363": True, "gm0344": True, "oin-logius": True}


def test_it_ticks_all_it_found_and_clears_the_filter(agenda, utrecht, client_for):
    client = client_for(agenda.world.office)
    html = client.post(
        create_url(agenda),
        activity_data(agenda, **{"org-province": utrecht.pk, "org-filter": "alle"}),
    ).content.decode()
    assert offered(html) == {"pv26": True, "gm0344": True, "gm0351": True}
    html = client.post(
        create_url(agenda),
        activity_data(
            agenda,
            responsible=[utrecht.pk],
            **{"org-province": utrecht.pk, "org-filter": "wissen"},
        ),
    ).content.decode()
    assert offered(html) == {"pv26": True}
    assert "Alle provincies</option>" in html and f'value="{utrecht.pk}" selected' not in html


ODD = ["²", "9" * 30, "-1", "٣", "abc"]


@pytest.mark.parametrize("odd", ODD)
def test_it_refuses_odd_values_with_a_message_where_they_are(agenda, client_for, odd):
    client = client_for(agenda.world.office)
    data = activity_data(
        agenda,
        responsible=[odd, agenda.logius.pk],
        **{"org-family": odd, "org-province": odd, "org-size_class": odd},
    )
    response = client.post(create_url(agenda), data | {"org-filter": "toepassen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_org-family_error"' in html and 'id="id_org-province_error"' in html
    assert offered(html) == {"oin-logius": True}
    response = client.post(create_url(agenda), data)
    assert response.status_code == 400
    assert 'id="id_responsible_error"' in response.content.decode()
    assert not MainActivity.objects.filter(title="Eén loket").exists()


def test_it_shows_at_most_50_with_how_many_it_found_in_constant_queries(
    agenda, utrecht, client_for, django_assert_max_num_queries
):
    client = client_for(agenda.world.office)
    data = activity_data(
        agenda,
        responsible=[agenda.logius.pk],
        **{"org-province": utrecht.pk, "org-search": "gemeente", "org-filter": "toepassen"},
    )
    with CaptureQueriesContext(connection) as captured:
        html = client.post(create_url(agenda), data).content.decode()
    assert "2 van 2 gevonden organisaties getoond." in html
    OrganisationFactory.create_batch(60, province=utrecht, valid_from=datetime.date(2000, 1, 1))
    with django_assert_max_num_queries(len(captured)):
        html = client.post(create_url(agenda), data).content.decode()
    assert "50 van 62 gevonden organisaties getoond." in html
    assert "Verfijn het filter om de rest te zien." in html
    assert len(offered(html)) == 51
