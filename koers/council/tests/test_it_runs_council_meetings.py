"""The council discusses the concept: agenda items, change recommendations, decisions, and the
adoption that makes a new, frozen version with the trace of what the council decided."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, FrozenVersionError
from koers.agenda.signals import version_moved
from koers.drafting import services
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change

from .. import services as council
from ..constants import Decision, MeetingState, RecommendationAction

STARTS = timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0))


@pytest.fixture
def meeting(agenda):
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    agenda.concept.refresh_from_db()
    return council.plan_meeting(
        agenda.programme,
        version=agenda.concept,
        title="Regieraad juni",
        starts_at=STARTS,
        location="Den Haag",
        by=agenda.world.office,
    )


def paragraphs(version):
    return list(version.paragraphs.order_by("section__position", "position"))


def sections(version):
    return list(version.sections.order_by("position"))


def test_it_plans_a_meeting_about_a_concept_only(agenda, meeting):
    assert meeting.council.programme == agenda.programme
    assert meeting.state == MeetingState.PLANNED
    with pytest.raises(ValidationError) as error:
        council.plan_meeting(
            agenda.programme, version=agenda.draft, title="Te vroeg", starts_at=STARTS
        )
    assert "concept" in error.value.message_dict["version"][0]


def test_it_adds_section_items_titled_after_the_section_and_general_items(agenda, meeting):
    section = sections(agenda.concept)[0]
    item = council.add_item(meeting, section=section, by=agenda.world.office)
    general = council.add_item(meeting, title="Rondvraag", by=agenda.world.office)
    assert (item.title, item.position) == ("Dienstverlening", 0)
    assert (general.section, general.position) == (None, 1)
    with pytest.raises(ValidationError):
        council.add_item(meeting, title="", section=None)
    with pytest.raises(ValidationError):
        council.add_item(meeting, section=sections(agenda.draft)[0])


def test_it_requires_the_passage_to_occur_in_the_paragraph(agenda, meeting):
    paragraph = paragraphs(agenda.concept)[0]
    for action in (RecommendationAction.REPLACE, RecommendationAction.DELETE):
        with pytest.raises(ValidationError) as error:
            council.propose_recommendation(
                meeting,
                paragraph=paragraph,
                action=action,
                passage="in 2020",
                new_text="in 2021",
                motivation="Later.",
                by=agenda.world.council_member,
            )
        assert error.value.message_dict["passage"] == [
            "Het begin van de passage staat in de alinea, maar vanaf „2020” niet meer. "
            "Kopieer de passage uit de tekst."
        ]
    # Insert without a passage goes at the end, so needs none.
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.INSERT,
        new_text="Ook op papier.",
        motivation="Inclusie.",
        by=agenda.world.council_member,
    )
    assert rec.proposed_by == agenda.world.council_member
    with pytest.raises(ValidationError) as error:
        council.propose_recommendation(
            meeting,
            paragraph=paragraphs(agenda.draft)[0],
            action=RecommendationAction.INSERT,
            new_text="x",
            motivation="y",
        )
    assert "paragraph" in error.value.message_dict


def test_it_applies_each_kind_of_recommendation():
    text = "Burgers kunnen in 2017 al hun zaken digitaal doen."
    apply = council.apply_recommendation
    assert apply(
        text,
        "vervangen",
        "in 2017",
        "in 2018",
    ) == text.replace("2017", "2018")
    assert apply(text, "schrappen", "al ", "") == "Burgers kunnen in 2017 hun zaken digitaal doen."
    assert apply(text, "invoegen", "zaken", "met de overheid") == (
        "Burgers kunnen in 2017 al hun zaken met de overheid digitaal doen."
    )
    assert apply(text, "invoegen", "", "Ook op papier.") == text + " Ook op papier."


def decide_everything(agenda, meeting):
    """Two items and two recommendations, all decided; returns the recommendations."""
    member = agenda.world.council_member
    first, second = sections(agenda.concept)
    opening = paragraphs(agenda.concept)[0]
    accepted = council.propose_recommendation(
        meeting,
        paragraph=opening,
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=member,
    )
    rejected = council.propose_recommendation(
        meeting,
        paragraph=opening,
        action=RecommendationAction.DELETE,
        passage="digitaal ",
        motivation="Overbodig.",
        by=member,
    )
    council.decide_recommendation(accepted, accept=True, by=member)
    council.decide_recommendation(rejected, accept=False, by=member)
    one = council.add_item(meeting, section=first, by=agenda.world.office)
    two = council.add_item(meeting, section=second, by=agenda.world.office)
    council.decide_item(one, decision=Decision.AGREE, minutes="Geen bezwaar.", by=member)
    council.decide_item(
        two,
        decision=Decision.AMEND,
        by=member,
        amended_text="Sluit aan op MijnOverheid, DigiD en eHerkenning.\n\nEn op de Berichtenbox.",
    )
    return accepted, rejected


def test_it_adopts_a_frozen_version_with_the_trace_of_the_decisions(
    agenda, meeting, django_capture_on_commit_callbacks
):
    accepted, rejected = decide_everything(agenda, meeting)
    received = []

    def listener(sender, version, previous, by, **kwargs):
        received.append((version.pk, version.state, previous, by))

    version_moved.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            adopted = council.adopt_version(meeting, by=agenda.world.council_member)
    finally:
        version_moved.disconnect(listener)

    adopted.refresh_from_db()
    meeting.refresh_from_db()
    assert adopted.state == VersionState.ADOPTED and adopted.adopted_at is not None
    assert adopted.based_on == agenda.concept
    assert meeting.adopted_version == adopted and meeting.state == MeetingState.HELD
    assert received == [(adopted.pk, VersionState.ADOPTED, "concept", agenda.world.council_member)]
    # The concept itself is untouched.
    agenda.concept.refresh_from_db()
    assert agenda.concept.state == VersionState.CONCEPT
    assert (
        paragraphs(agenda.concept)[0].text == "Burgers kunnen in 2017 al hun zaken digitaal doen."
    )

    texts = [p.text for p in paragraphs(adopted)]
    # Accepted: 2017 -> 2018; rejected: "digitaal" stays; the amended section has two paragraphs.
    assert texts == [
        "Burgers kunnen in 2018 al hun zaken digitaal doen.",
        "Andere kanalen blijven nodig.",
        "Sluit aan op MijnOverheid, DigiD en eHerkenning.",
        "En op de Berichtenbox.",
    ]
    # Anchors stay, so reactions and commitments still find their paragraph.
    assert paragraphs(adopted)[0].anchor == paragraphs(agenda.concept)[0].anchor
    assert adopted.steps.count() == agenda.concept.steps.count()
    changes = list(Change.objects.filter(version=adopted).order_by("pk"))
    assert [c.action for c in changes] == [
        ChangeAction.CHANGED,
        ChangeAction.CHANGED,
        ChangeAction.ADDED,
    ]
    assert all(c.summary.startswith("Besluit regieraad 14-06-2016: ") for c in changes)
    assert "Haalbaarder." in changes[0].summary
    assert "Voorzieningen" in changes[1].summary
    assert all(c.made_by == agenda.world.council_member for c in changes)

    # Frozen: no more changes, and the meeting is closed.
    with pytest.raises(FrozenVersionError):
        services.change_paragraph(paragraphs(adopted)[0], "Anders.", summary="Toch.")
    with pytest.raises(FrozenVersionError):
        services.add_step(adopted, title="Nog een stap", summary="Toch.")
    with pytest.raises(ValidationError):
        council.add_item(meeting, title="Nagekomen")
    with pytest.raises(ValidationError):
        council.adopt_version(meeting, by=agenda.world.council_member)


def test_it_refuses_adoption_while_anything_is_open_and_says_which(agenda, meeting):
    member = agenda.world.council_member
    first, second = sections(agenda.concept)
    council.propose_recommendation(
        meeting,
        paragraph=paragraphs(agenda.concept)[0],
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=member,
    )
    council.add_item(meeting, section=first)
    deferred = council.add_item(meeting, section=second)
    council.decide_item(deferred, decision=Decision.DEFER, minutes="Volgende keer.", by=member)
    versions_before = AgendaVersion.objects.count()

    with pytest.raises(ValidationError) as error:
        council.adopt_version(meeting, by=member)

    text = " ".join(error.value.messages)
    assert "wijzigingsvoorstel bij alinea 1.1 (Dienstverlening)" in text
    assert paragraphs(agenda.concept)[0].short_anchor not in text
    assert "Over agendapunt 'Dienstverlening' is nog niet besloten." in text
    assert "Agendapunt 'Voorzieningen' is aangehouden" in text
    assert AgendaVersion.objects.count() == versions_before
    meeting.refresh_from_db()
    assert meeting.adopted_version is None


def test_it_decides_a_recommendation_once_and_an_amendment_needs_text(agenda, meeting):
    member = agenda.world.council_member
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraphs(agenda.concept)[0],
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
        by=member,
    )
    council.decide_recommendation(rec, accept=False, by=member)
    assert (rec.decided_by, rec.status) == (member, "verworpen")
    with pytest.raises(ValidationError):
        council.decide_recommendation(rec, accept=True, by=member)
    item = council.add_item(meeting, section=sections(agenda.concept)[0])
    with pytest.raises(ValidationError) as error:
        council.decide_item(item, decision=Decision.AMEND, amended_text=" ", by=member)
    assert "amended_text" in error.value.message_dict


def test_it_carries_out_a_deletion_of_a_whole_paragraph(agenda, meeting):
    member = agenda.world.council_member
    paragraph = paragraphs(agenda.concept)[1]
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.DELETE,
        passage=paragraph.text,
        motivation="Vanzelfsprekend.",
        by=member,
    )
    council.decide_recommendation(rec, accept=True, by=member)
    adopted = council.adopt_version(meeting, by=member)
    assert not adopted.paragraphs.filter(anchor=paragraph.anchor).exists()
    assert Change.objects.get(version=adopted).action == ChangeAction.REMOVED
