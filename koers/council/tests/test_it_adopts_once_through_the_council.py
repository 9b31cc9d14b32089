"""In a programme with a council only the council adopts, and a concept is adopted once: a second
meeting on the same concept would start again from the concept, silently drop the first
adoption's changes and become the public agenda. Adoption and state moves ask for confirmation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as agenda_services
from koers.agenda.constants import AdoptedBy, VersionState
from koers.agenda.models import AgendaVersion
from koers.organisations.models import Council

from .. import services as council
from ..constants import Decision, RecommendationAction
from ..forms import MeetingForm
from ..models import CouncilMeeting

STARTS = timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0))
LATER = STARTS + datetime.timedelta(days=30)


@pytest.fixture
def concept(agenda):
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    agenda.concept.refresh_from_db()
    return agenda.concept


def plan(agenda, concept, title="Regieraad juni", starts_at=STARTS):
    return council.plan_meeting(
        agenda.programme, version=concept, title=title, starts_at=starts_at, by=agenda.world.office
    )


def adopt_with_a_change(agenda, meeting):
    member = agenda.world.council_member
    paragraph = meeting.version.paragraphs.order_by("section__position", "position").first()
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=member,
    )
    council.decide_recommendation(rec, accept=True, by=member)
    return council.adopt_version(meeting, by=member)


def test_it_refuses_to_adopt_a_concept_twice(agenda, concept):
    first = plan(agenda, concept)
    # Planned before the first adoption, as the meeting form offered the same concept.
    second = plan(agenda, concept, title="Regieraad juli", starts_at=LATER)
    adopted = adopt_with_a_change(agenda, first)
    assert adopted.adopted_by == AdoptedBy.COUNCIL
    versions_before = AgendaVersion.objects.count()

    assert council.adoption_blockers(second) == [
        f"Dit concept is al vastgesteld, als versie {adopted.number}; een concept wordt maar één "
        f"keer vastgesteld. Maak een nieuwe voorzet op basis van versie {adopted.number} om "
        "verder te gaan."
    ]
    with pytest.raises(ValidationError) as error:
        council.adopt_version(second, by=agenda.world.council_member)
    assert "al vastgesteld, als versie" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:
        plan(agenda, concept, title="Regieraad augustus")
    assert "al vastgesteld" in error.value.message_dict["version"][0]
    assert AgendaVersion.objects.count() == versions_before
    # The public agenda is still the first adoption, with its change.
    latest = AgendaVersion.objects.filter(programme=agenda.programme, state="vastgesteld")
    assert list(latest) == [adopted]
    assert adopted.paragraphs.filter(text__contains="in 2018").exists()


def test_the_meeting_form_no_longer_offers_an_adopted_concept(agenda, concept):
    form = MeetingForm(programme=agenda.programme)
    assert list(form.fields["version"].queryset) == [concept]
    adopt_with_a_change(agenda, plan(agenda, concept))
    form = MeetingForm(programme=agenda.programme)
    assert list(form.fields["version"].queryset) == []
    posted = MeetingForm(
        {"title": "Nog eens", "starts_at": "2016-07-14 10:00", "version": concept.pk},
        programme=agenda.programme,
    )
    assert not posted.is_valid()
    assert posted.errors["version"] == [
        "Kies een concept van dit programma dat nog niet is vastgesteld."
    ]


def test_the_database_refuses_a_second_adoption_of_one_concept(agenda, concept):
    first = plan(agenda, concept)
    second = plan(agenda, concept, title="Regieraad juli", starts_at=LATER)
    adopt_with_a_change(agenda, first)
    other = AgendaVersion.objects.create(programme=agenda.programme, number=99, title="Kopie")
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMeeting.objects.filter(pk=second.pk).update(adopted_version=other)


def test_the_office_cannot_adopt_where_a_council_adopts(agenda, concept, client_for):
    assert Council.objects.filter(programme=agenda.programme).exists()
    with pytest.raises(ValidationError) as error:
        agenda_services.move_version(concept, VersionState.ADOPTED, by=agenda.world.office)
    assert "stelt de regieraad de agenda vast" in error.value.messages[0]

    office = client_for(agenda.world.office)
    page = office.get(
        reverse("drafting:version-edit", args=[agenda.programme.slug, concept.number])
    )
    html = page.content.decode()
    assert "Status wijzigen in: vastgesteld" not in html
    assert "In dit programma stelt de regieraad het concept vast" in html
    response = office.post(
        reverse("drafting:version-move", args=[agenda.programme.slug, concept.number]),
        {"state": VersionState.ADOPTED, "confirmed": "1"},
        follow=True,
    )
    assert "stelt de regieraad de agenda vast" in response.content.decode()
    concept.refresh_from_db()
    assert concept.state == VersionState.CONCEPT


def test_the_office_adopts_without_a_council_and_the_trace_says_so(agenda, concept, client_for):
    Council.objects.filter(programme=agenda.programme).delete()
    office = client_for(agenda.world.office)
    move = reverse("drafting:version-move", args=[agenda.programme.slug, concept.number])
    # Unconfirmed: nothing happens, and the page says what to do.
    response = office.post(move, {"state": VersionState.ADOPTED}, follow=True)
    assert "Vink aan dat u weet dat dit niet terug kan" in response.content.decode()
    concept.refresh_from_db()
    assert concept.state == VersionState.CONCEPT

    office.post(move, {"state": VersionState.ADOPTED, "confirmed": "1"})
    concept.refresh_from_db()
    assert concept.state == VersionState.ADOPTED
    assert concept.adopted_by == AdoptedBy.OFFICE
    assert concept.history.first().history_change_reason == (
        "Vastgesteld door het programmabureau (geen regieraad)"
    )
    trace = office.get(
        reverse("drafting:version-trace", args=[agenda.programme.slug, concept.number])
    )
    assert "Vastgesteld door het programmabureau (geen regieraad)" in trace.content.decode()


def test_the_council_confirms_before_it_adopts(agenda, concept, client_for):
    meeting = plan(agenda, concept)
    item = council.add_item(meeting, title="Rondvraag", by=agenda.world.office)
    council.decide_item(item, decision=Decision.AGREE, by=agenda.world.council_member)
    member = client_for(agenda.world.council_member)
    adopt = reverse("council:council-meeting-adopt", args=[agenda.programme.slug, meeting.pk])
    page = member.get(reverse("council:council-meeting", args=[agenda.programme.slug, meeting.pk]))
    assert 'name="confirmed"' in page.content.decode()

    response = member.post(adopt, follow=True)
    assert "Vink aan dat u weet dat de vastgestelde agenda niet meer verandert" in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.adopted_version is None

    member.post(adopt, {"confirmed": "1"})
    meeting.refresh_from_db()
    assert meeting.adopted_version.adopted_by == AdoptedBy.COUNCIL
    trace = member.get(
        reverse(
            "drafting:version-trace", args=[agenda.programme.slug, meeting.adopted_version.number]
        )
    )
    assert "Vastgesteld door de regieraad" in trace.content.decode()


def test_a_decision_on_a_recommendation_is_confirmed_first(agenda, concept, client_for):
    meeting = plan(agenda, concept)
    paragraph = concept.paragraphs.order_by("section__position", "position").first()
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=agenda.world.council_member,
    )
    member = client_for(agenda.world.council_member)
    decide = reverse(
        "council:council-recommendation-decide", args=[agenda.programme.slug, meeting.pk, rec.pk]
    )
    response = member.post(decide, {"decision": "aangenomen"}, follow=True)
    assert "Vink aan dat u weet dat dit besluit vaststaat" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == "open"
    member.post(decide, {"decision": "aangenomen", "confirmed": "1"})
    rec.refresh_from_db()
    assert rec.status == "aangenomen"
