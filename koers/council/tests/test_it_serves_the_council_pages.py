"""The council pages with every persona: the office prepares but does not decide, a council member
of the programme decides, a council member of another programme and a contributor do neither;
the decision list is public for a public programme. Query counts do not grow with the meeting."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState
from koers.organisations.tests.factories import ProgrammeFactory, RoleFactory, UserFactory

from .. import services as council
from ..constants import Decision, RecommendationAction, RecommendationStatus
from ..models import CouncilMeeting

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
        by=agenda.world.office,
    )


@pytest.fixture
def foreign_member(db):
    """A council member of another programme."""
    other = ProgrammeFactory(slug="ander-programma")
    user = UserFactory(username="ander-raadslid")
    RoleFactory(user=user, programme=other, kind=RoleKind.COUNCIL_MEMBER)
    return user


def url(name, meeting, *args):
    return reverse(name, args=[meeting.council.programme.slug, meeting.pk, *args])


def first_paragraph(meeting):
    return meeting.version.paragraphs.order_by("section__position", "position").first()


def proposal(meeting):
    return {
        "recommendation-paragraph": first_paragraph(meeting).pk,
        "recommendation-action": RecommendationAction.REPLACE,
        "recommendation-passage": "in 2017",
        "recommendation-new_text": "in 2018",
        "recommendation-motivation": "Haalbaarder.",
    }


def test_it_shows_the_meetings_to_the_office_and_the_council_only(
    agenda, meeting, client_for, foreign_member
):
    world = agenda.world
    expected = {
        "office": 200,
        "council_member": 200,
        "coordinator": 403,
        "contributor": 403,
        "reviewer": 403,
        "outsider": 403,
        "public": 302,
    }
    for name, user in world.personas():
        client = client_for(user)
        for page in (
            reverse("council:council-meetings", args=[world.programme.slug]),
            url("council:council-meeting", meeting),
        ):
            assert client.get(page).status_code == expected[name], (name, page)
    assert (
        client_for(foreign_member).get(url("council:council-meeting", meeting)).status_code == 403
    )


def test_it_lets_the_office_plan_and_prepare_but_not_decide(agenda, meeting, client_for):
    office = client_for(agenda.world.office)
    page = reverse("council:council-meetings", args=[agenda.programme.slug])
    assert "Plan de vergadering" in office.get(page).content.decode()
    response = office.post(
        reverse("council:council-meeting-create", args=[agenda.programme.slug]),
        {
            "title": "Regieraad juli",
            "starts_at": "2016-07-12 10:00",
            "location": "Utrecht",
            "version": meeting.version.pk,
        },
    )
    planned = CouncilMeeting.objects.get(title="Regieraad juli")
    assert response.status_code == 302 and response.url == url("council:council-meeting", planned)
    section = meeting.version.sections.order_by("position").first()
    response = office.post(url("council:council-item-add", meeting), {"item-section": section.pk})
    item = meeting.items.get()
    assert response.status_code == 302 and item.title == section.title
    # The office may file a recommendation on a member's behalf ...
    assert (
        office.post(
            url("council:council-recommendation-add", meeting), proposal(meeting)
        ).status_code
        == 302
    )
    rec = meeting.recommendations.get()
    # ... but decides nothing.
    decide = {f"item-{item.pk}-decision": Decision.AGREE}
    assert (
        office.post(url("council:council-item-decide", meeting, item.pk), decide).status_code == 403
    )
    assert (
        office.post(
            url("council:council-recommendation-decide", meeting, rec.pk),
            {"decision": "aangenomen"},
        ).status_code
        == 403
    )
    assert office.post(url("council:council-meeting-adopt", meeting)).status_code == 403
    assert (
        "Stel de agenda vast"
        not in office.get(url("council:council-meeting", meeting)).content.decode()
    )


def test_it_lets_a_council_member_decide_in_their_own_council_only(
    agenda, meeting, client_for, foreign_member
):
    section = meeting.version.sections.order_by("position").first()
    item = council.add_item(meeting, section=section, by=agenda.world.office)
    rec = council.propose_recommendation(
        meeting,
        paragraph=first_paragraph(meeting),
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
    )
    decide = {f"item-{item.pk}-decision": Decision.AGREE, f"item-{item.pk}-minutes": "Akkoord."}

    foreign = client_for(foreign_member)
    assert (
        foreign.post(url("council:council-item-decide", meeting, item.pk), decide).status_code
        == 403
    )
    assert (
        foreign.post(
            url("council:council-recommendation-decide", meeting, rec.pk),
            {"decision": "aangenomen"},
        ).status_code
        == 403
    )
    assert foreign.post(url("council:council-meeting-adopt", meeting)).status_code == 403
    assert (
        foreign.post(
            url("council:council-recommendation-add", meeting), proposal(meeting)
        ).status_code
        == 403
    )

    contributor = client_for(agenda.world.contributor)
    for name, args, data in (
        ("council:council-item-add", [], {"item-title": "Rondvraag"}),
        ("council:council-item-decide", [item.pk], decide),
        ("council:council-recommendation-add", [], proposal(meeting)),
        ("council:council-recommendation-decide", [rec.pk], {"decision": "aangenomen"}),
        ("council:council-meeting-hold", [], {"meeting-minutes": "Gehouden."}),
        ("council:council-meeting-adopt", [], {}),
    ):
        assert contributor.post(url(name, meeting, *args), data).status_code == 403, name
    assert (
        contributor.post(
            reverse("council:council-meeting-create", args=[agenda.programme.slug]), {}
        ).status_code
        == 403
    )

    member = client_for(agenda.world.council_member)
    assert (
        member.post(
            url("council:council-item-add", meeting), {"item-title": "Rondvraag"}
        ).status_code
        == 403
    )
    assert (
        member.post(url("council:council-item-decide", meeting, item.pk), decide).status_code == 302
    )
    response = member.post(
        url("council:council-recommendation-decide", meeting, rec.pk),
        {"decision": "aangenomen", "confirmed": "1"},
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    item.refresh_from_db()
    assert (
        rec.status == RecommendationStatus.ACCEPTED
        and rec.decided_by == agenda.world.council_member
    )
    assert (item.decision, item.minutes) == (Decision.AGREE, "Akkoord.")
    response = member.post(url("council:council-meeting-adopt", meeting), {"confirmed": "1"})
    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.adopted_version is not None
    assert meeting.adopted_version.paragraphs.filter(text__contains="in 2018").exists()
    page = member.get(url("council:council-meeting", meeting)).content.decode()
    assert "Stel de agenda vast" not in page and "Aannemen" not in page


def test_it_keeps_the_input_and_says_what_is_wrong(agenda, meeting, client_for):
    member = client_for(agenda.world.council_member)
    data = proposal(meeting) | {"recommendation-passage": "in 2020"}
    response = member.post(url("council:council-recommendation-add", meeting), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "vanaf „2020” niet meer" in html
    assert "Haalbaarder." in html and 'id="id_recommendation-passage_error"' in html
    assert not meeting.recommendations.exists()

    item = council.add_item(meeting, section=meeting.version.sections.first())
    response = member.post(
        url("council:council-item-decide", meeting, item.pk),
        {f"item-{item.pk}-decision": Decision.AMEND, f"item-{item.pk}-amended_text": ""},
    )
    assert response.status_code == 400
    assert "Schrijf de gewijzigde tekst die de regieraad vaststelt." in response.content.decode()

    office = client_for(agenda.world.office)
    response = office.post(
        reverse("council:council-meeting-create", args=[agenda.programme.slug]),
        {"title": "Te laat", "starts_at": "morgen", "version": meeting.version.pk},
    )
    assert response.status_code == 400
    assert "Vul datum en tijd in als" in response.content.decode()


def test_it_refuses_adoption_with_open_items_and_names_them(agenda, meeting, client_for):
    council.add_item(meeting, title="Rondvraag", by=agenda.world.office)
    member = client_for(agenda.world.council_member)
    page = member.get(url("council:council-meeting", meeting)).content.decode()
    assert "Over agendapunt &#x27;Rondvraag&#x27; is nog niet besloten." in page
    response = member.post(
        url("council:council-meeting-adopt", meeting), {"confirmed": "1"}, follow=True
    )
    assert "De agenda is nog niet vastgesteld." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.adopted_version is None


def test_it_publishes_the_decision_list(agenda, meeting, client_for):
    member = agenda.world.council_member
    item = council.add_item(meeting, title="Rondvraag")
    council.decide_item(item, decision=Decision.AGREE, minutes="Interne notitie.", by=member)
    rec = council.propose_recommendation(
        meeting,
        paragraph=first_paragraph(meeting),
        action=RecommendationAction.REPLACE,
        passage="in 2017",
        new_text="in 2018",
        motivation="Haalbaarder.",
    )
    council.decide_recommendation(rec, accept=True, by=member)
    council.plan_meeting(
        agenda.programme, version=meeting.version, title="Nog niets besloten", starts_at=STARTS
    )
    page = reverse("council:council-decisions", args=[agenda.programme.slug])
    for _name, user in agenda.world.personas():
        response = client_for(user).get(page)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Rondvraag" in html and "in 2018" in html and "Haalbaarder." in html
        assert "Nog niets besloten" not in html and "Interne notitie." not in html
    agenda.programme.is_public = False
    agenda.programme.save()
    assert client_for(None).get(page).status_code == 302
    assert client_for(agenda.world.outsider).get(page).status_code == 403
    assert client_for(agenda.world.council_member).get(page).status_code == 200


def grow(agenda, meeting, n):
    member = agenda.world.council_member
    paragraph = first_paragraph(meeting)
    for section in meeting.version.sections.all():
        for i in range(n):
            item = council.add_item(meeting, title=f"Punt {i}", section=section)
            council.decide_item(
                item, decision=Decision.AMEND, amended_text=f"Tekst {i}.", by=member
            )
    for i in range(n):
        rec = council.propose_recommendation(
            meeting,
            paragraph=paragraph,
            action=RecommendationAction.INSERT,
            new_text=f"Zin {i}.",
            motivation="Meer.",
        )
        council.decide_recommendation(rec, accept=i % 2 == 0, by=member)
        council.propose_recommendation(
            meeting,
            paragraph=paragraph,
            action=RecommendationAction.REPLACE,
            passage="2017",
            new_text="2018",
            motivation="Later.",
        )


def count_queries(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["office", "council_member"])
def test_it_reads_the_meeting_pages_in_a_fixed_number_of_queries(
    agenda, meeting, client_for, persona
):
    client = client_for(getattr(agenda.world, persona))
    pages = [
        url("council:council-meeting", meeting),
        reverse("council:council-meetings", args=[agenda.programme.slug]),
        reverse("council:council-decisions", args=[agenda.programme.slug]),
    ]
    grow(agenda, meeting, 1)
    small = [count_queries(client, page) for page in pages]
    grow(agenda, meeting, 4)
    for _i in range(3):
        council.plan_meeting(
            agenda.programme, version=meeting.version, title="Later", starts_at=STARTS
        )
    assert [count_queries(client, page) for page in pages] == small
