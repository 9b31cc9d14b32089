"""The API: a public version's steps with main activities, and its trace without private input."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.drafting import services

from .. import services as versions
from .fixtures import build_structure

pytestmark = pytest.mark.django_db


def api(agenda, number, what):
    return f"/api/v1/programmes/{agenda.programme.slug}/versions/{number}/{what}"


def test_it_lists_steps_with_their_main_activities(agenda, client):
    response = client.get(api(agenda, 1, "steps"))
    assert response.status_code == 200
    steps = response.json()["results"]
    assert [s["title"] for s in steps] == ["Stap 0", "Stap 1"]
    activity = steps[0]["mainActivities"][0]
    assert set(activity) == {
        "anchor",
        "position",
        "family",
        "title",
        "description",
        "intendedOutcome",
        "deadline",
        "responsible",
        "facilities",
    }
    assert activity["responsible"] == ["oin-logius"] and activity["deadline"] == "2017-12-31"
    assert {a["family"] for a in steps[0]["mainActivities"]} == {"gemeenten", "provincies"}
    only = client.get(api(agenda, 1, "steps") + "?family=provincies").json()["results"]
    assert {a["family"] for s in only for a in s["mainActivities"]} == {"provincies"}
    assert client.get(api(agenda, 1, "steps") + "?family=onbekend").status_code == 400
    assert client.get(api(agenda, 1, "steps") + "?soort=x").status_code == 400


def test_it_keeps_the_offices_working_text_out(agenda, client):
    # Version 2 is a draft whose consultation has not opened.
    assert client.get(api(agenda, 2, "steps")).status_code == 404
    assert client.get(api(agenda, 2, "changes")).status_code == 404
    agenda.programme.is_public = False
    agenda.programme.save()
    assert client.get(api(agenda, 1, "steps")).status_code == 404


def test_it_lists_the_trace_naming_published_input_only(agenda, client):
    paragraph = agenda.concept.paragraphs.first()
    services.change_paragraph(
        paragraph,
        "Anders.",
        summary="Uit de consultatie.",
        contributions=[agenda.published, agenda.private],
        themes=[agenda.theme],
        by=agenda.world.office,
    )
    versions.open_consultation(
        agenda.concept, opens_at=timezone.now() - datetime.timedelta(hours=1)
    )
    [change] = client.get(api(agenda, 2, "changes")).json()["results"]
    assert change["kind"] == "alinea" and change["action"] == "gewijzigd"
    assert change["anchor"] == str(paragraph.anchor)
    assert change["summary"] == "Uit de consultatie."
    assert change["contributionIds"] == [agenda.published.pk]
    assert change["themeIds"] == [agenda.theme.pk]
    assert "madeBy" not in change and "madeAt" in change


def test_it_answers_in_a_constant_number_of_queries(agenda, client):
    versions.open_consultation(
        agenda.concept, opens_at=timezone.now() - datetime.timedelta(hours=1)
    )
    services.add_step(
        agenda.concept,
        title="Eén",
        summary="Waarom.",
        themes=[agenda.theme],
        contributions=[agenda.published],
    )

    def count(what):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(api(agenda, 2, what)).status_code == 200
        return len(queries)

    small = (count("steps"), count("changes"))
    build_structure(
        agenda.concept,
        agenda.world,
        [agenda.world.family, agenda.provinces],
        agenda.facility,
        agenda.logius,
        steps=3,
        activities=2,
        summary="Meer.",
    )
    assert (count("steps"), count("changes")) == small
