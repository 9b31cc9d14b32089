"""The council's meetings in the public API: decisions and recommendations, no names, no
minutes, public programmes only, a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState

from .. import services as council
from ..constants import Decision, RecommendationAction

STARTS = timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0))


@pytest.fixture
def meeting(agenda):
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    agenda.concept.refresh_from_db()
    meeting = council.plan_meeting(
        agenda.programme,
        version=agenda.concept,
        title="Regieraad juni",
        starts_at=STARTS,
        location="Den Haag",
    )
    section = agenda.concept.sections.order_by("position").first()
    item = council.add_item(meeting, section=section)
    council.decide_item(
        item,
        decision=Decision.AGREE,
        minutes="Mevrouw Jansen: akkoord.",
        by=agenda.world.council_member,
    )
    paragraph = section.paragraphs.order_by("position").first()
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=agenda.world.council_member,
    )
    council.decide_recommendation(rec, accept=True, by=agenda.world.council_member)
    return meeting


def base(agenda):
    return f"/api/v1/programmes/{agenda.programme.slug}/council-meetings"


def test_it_lists_and_shows_meetings_without_names_or_minutes(agenda, meeting):
    client = APIClient()
    listing = client.get(base(agenda)).json()
    assert listing["count"] == 1
    [row] = listing["results"]
    assert row == {
        "id": meeting.pk,
        "title": "Regieraad juni",
        "startsAt": row["startsAt"],
        "location": "Den Haag",
        "state": "gepland",
        "versionNumber": agenda.concept.number,
        "adoptedVersionNumber": None,
        "itemCount": 1,
        "recommendationCount": 1,
    }
    detail = client.get(f"{base(agenda)}/{meeting.pk}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["items"][0]["decision"] == "akkoord"
    assert body["items"][0]["sectionAnchor"] == str(meeting.items.get().section.anchor)
    [rec] = body["recommendations"]
    assert (rec["action"], rec["passage"], rec["newText"], rec["status"]) == (
        "vervangen",
        "in 2017",
        "in 2018",
        "aangenomen",
    )
    text = detail.content.decode()
    assert "Jansen" not in text and "regieraad" not in text.replace("Regieraad juni", "")
    assert client.get(f"{base(agenda)}/{meeting.pk}?x=1").status_code == 400
    assert client.get(f"{base(agenda)}/999999").status_code == 404


def test_it_answers_only_for_public_programmes(agenda, meeting):
    agenda.programme.is_public = False
    agenda.programme.save()
    client = APIClient()
    assert client.get(base(agenda)).status_code == 404
    assert client.get(f"{base(agenda)}/{meeting.pk}").status_code == 404


def test_it_reads_meetings_in_a_fixed_number_of_queries(agenda, meeting):
    client = APIClient()

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = (count(base(agenda)), count(f"{base(agenda)}/{meeting.pk}"))
    for i in range(4):
        council.add_item(meeting, title=f"Punt {i}")
        council.plan_meeting(
            agenda.programme, version=agenda.concept, title=f"Later {i}", starts_at=STARTS
        )
        council.propose_recommendation(
            meeting,
            paragraph=agenda.concept.paragraphs.first(),
            action=RecommendationAction.INSERT,
            new_text=f"Zin {i}.",
            motivation="Meer.",
        )
    assert (count(base(agenda)), count(f"{base(agenda)}/{meeting.pk}")) == small
