"""The demo's council meeting, the adopted version and every family's elaboration, loaded once."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, FrozenVersionError
from koers.council.constants import Decision, MeetingState, RecommendationStatus
from koers.council.models import CouncilMeeting
from koers.drafting.models import Change
from koers.elaboration.models import Commitment, Milestone
from koers.monitoring.models import MilestonePlan

from ..council import load_council_demo
from ..elaboration import load_elaboration_demo


@pytest.mark.django_db
def test_it_holds_the_meeting_with_decisions(demo):
    meeting = CouncilMeeting.objects.get(council__programme=demo)
    assert meeting.state == MeetingState.HELD and meeting.minutes
    assert meeting.starts_at.date() == datetime.date(2015, 9, 10)
    items = list(meeting.items.all())
    concept = AgendaVersion.objects.get(programme=demo, number=2)
    assert {i.section_id for i in items if i.section_id} == set(
        concept.sections.values_list("pk", flat=True)
    )
    assert any(i.section_id is None for i in items)
    decisions = [i.decision for i in items]
    assert decisions.count(Decision.AMEND) == 1 and decisions.count(Decision.AGREE) >= 6
    amended = next(i for i in items if i.decision == Decision.AMEND)
    assert amended.amended_text and amended.minutes
    # The deferred item was decided again later that day; its history shows both.
    deferred = next(
        i for i in items if Decision.DEFER in i.history.values_list("decision", flat=True)
    )
    assert deferred.decision == Decision.AGREE
    assert not meeting.items.filter(decided_at__year__gt=2015).exists()


@pytest.mark.django_db
def test_it_accepts_and_rejects_recommendations(demo):
    meeting = CouncilMeeting.objects.get(council__programme=demo)
    recommendations = list(meeting.recommendations.all())
    assert 4 <= len(recommendations) <= 6
    statuses = {r.status for r in recommendations}
    assert statuses == {RecommendationStatus.ACCEPTED, RecommendationStatus.REJECTED}
    assert len({r.proposed_by_id for r in recommendations}) >= 3
    assert all(r.passage in r.paragraph.text for r in recommendations)
    assert all(r.proposed_at.year == 2015 and r.decided_at.year == 2015 for r in recommendations)


@pytest.mark.django_db
def test_it_adopts_a_frozen_version_based_on_the_concept(demo):
    meeting = CouncilMeeting.objects.get(council__programme=demo)
    adopted = AgendaVersion.objects.get(programme=demo, number=3)
    assert meeting.adopted_version == adopted
    assert adopted.state == VersionState.ADOPTED and adopted.based_on.number == 2
    assert adopted.adopted_at.date() == datetime.date(2015, 9, 10)
    changes = Change.objects.filter(version=adopted)
    accepted = meeting.recommendations.filter(status=RecommendationStatus.ACCEPTED).count()
    assert changes.count() >= accepted + 1
    assert all(c.summary.startswith("Besluit regieraad 10-09-2015") for c in changes)
    rejected = meeting.recommendations.filter(status=RecommendationStatus.REJECTED).first()
    same = adopted.paragraphs.get(anchor=rejected.paragraph.anchor)
    assert rejected.passage in same.text  # a rejected recommendation changed nothing
    paragraph = adopted.paragraphs.first()
    paragraph.text = "Anders"
    with pytest.raises(FrozenVersionError):
        paragraph.save()


@pytest.mark.django_db
def test_it_has_every_family_elaborate(demo):
    adopted = AgendaVersion.objects.get(programme=demo, number=3)
    today = datetime.date.today()
    for family in demo.families.all():
        members = family.members(today)
        elaborating = (
            Commitment.objects.filter(
                organisation__in=members,
                main_activity__version=adopted,
                main_activity__family=family,
            )
            .values("organisation")
            .distinct()
            .count()
        )
        assert elaborating >= 0.3 * members.count(), family.slug
        # ...and not all of them: the overview and the reminders have work to show.
        assert elaborating < members.count() or family.slug == "provincies", family.slug
    # As elaborated (the baseline), every milestone fits the deadline; the monitoring re-plans
    # some of them beyond it later.
    assert (
        not MilestonePlan.objects.baselines()
        .filter(
            commitment__main_activity__isnull=False,
            due_on__gt=datetime.date(2017, 12, 31),
        )
        .exists()
    )
    assert Milestone.objects.filter(commitment__main_activity__isnull=False).exists()
    assert Commitment.objects.filter(main_activity=None).exists()
    assert (
        Commitment.objects.exclude(depends_on=None)
        .filter(depends_on__abbreviation__in=["Logius", "RvIG", "KVK"])
        .exists()
    )


@pytest.mark.django_db
def test_it_transfers_the_work_of_merged_municipalities(demo, client):
    moved = Commitment.objects.filter(organisation__code="gm1948").exclude(transferred_from=None)
    assert {c.transferred_from.code for c in moved} == {"gm0844", "gm0846", "gm0860"}
    assert all(c.transferred_at.year in (2016, 2017) for c in moved)
    assert not Commitment.objects.filter(organisation__code__in=["gm0844", "gm0846", "gm0860"])
    client.force_login(get_user_model().objects.get(username="bureau"))
    page = client.get(f"/programmas/{demo.slug}/organisaties/gm1948/toezeggingen")
    assert "overgenomen van gemeente Veghel" in page.content.decode()


@pytest.mark.django_db
def test_it_adds_nothing_when_loaded_again(demo):
    counts = (Commitment.objects.count(), AgendaVersion.objects.count(), Change.objects.count())
    added = {**load_council_demo(demo), **load_elaboration_demo(demo)}
    assert added == {"versions": 0, "commitments": 0, "transferred": 0}
    assert (
        Commitment.objects.count(),
        AgendaVersion.objects.count(),
        Change.objects.count(),
    ) == counts
