"""Koers's own events arrive in the news stream as suggestions the office publishes with one
click or dismisses: a version opened for consultation, the concept published, the council's
decisions, the agenda adopted, a reporting round on progress."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as agenda
from koers.agenda.constants import VersionState
from koers.core import events
from koers.council import services as council
from koers.monitoring import services as monitoring
from koers.organisations.models import Council

from ..constants import PostState
from ..models import Post

pytestmark = pytest.mark.django_db


def kinds(world):
    return set(Post.objects.filter(programme=world.programme).values_list("event_kind", flat=True))


def test_each_kind_of_event_arrives_as_a_suggestion(world, django_capture_on_commit_callbacks):
    # Without a council the office adopts the agenda itself.
    Council.objects.filter(programme=world.programme).delete()
    with django_capture_on_commit_callbacks(execute=True):
        version = agenda.create_version(world.programme, title="Voorzet", by=world.office)
        agenda.open_consultation(version, opens_at=timezone.now(), by=world.office)
        agenda.move_version(version, VersionState.CONCEPT, by=world.office)
        agenda.move_version(version, VersionState.ADOPTED, by=world.office)
        monitoring.open_round(
            world.programme,
            period="2016-Q4",
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            by=world.office,
        )
    assert kinds(world) == {
        events.CONSULTATION_OPENED,
        events.CONCEPT_PUBLISHED,
        events.AGENDA_ADOPTED,
        events.PROGRESS_ROUND,
    }
    assert set(Post.objects.values_list("state", flat=True)) == {PostState.SUGGESTED}
    assert all(post.event_url.startswith("/programmas/") for post in Post.objects.all())


def test_the_councils_decisions_and_adoption_arrive(world, django_capture_on_commit_callbacks):
    assert Council.objects.filter(programme=world.programme).exists()
    with django_capture_on_commit_callbacks(execute=True):
        version = agenda.create_version(world.programme, title="Voorzet", by=world.office)
        version = agenda.move_version(version, VersionState.CONCEPT, by=world.office)
    Post.objects.all().delete()
    meeting = council.plan_meeting(
        world.programme,
        version=version,
        title="Regieraad juni",
        starts_at=timezone.now(),
        by=world.office,
    )
    with django_capture_on_commit_callbacks(execute=True):
        council.hold_meeting(meeting, minutes="Besloten.", by=world.council_member)
        council.adopt_version(meeting, by=world.council_member)
    assert kinds(world) == {events.COUNCIL_DECIDED, events.AGENDA_ADOPTED}


def test_the_same_event_twice_is_one_suggestion(world):
    for _ in range(2):
        events.programme_event.send(
            sender="test",
            programme=world.programme,
            kind=events.CONCEPT_PUBLISHED,
            title="Concept 2 gepubliceerd",
            url="/x",
            date=timezone.now(),
        )
    assert Post.objects.count() == 1


def suggest(world):
    events.programme_event.send(
        sender="test",
        programme=world.programme,
        kind=events.CONCEPT_PUBLISHED,
        title="Concept 2 gepubliceerd",
        url="/programmas/x/agenda/2",
        date=timezone.now(),
    )
    return Post.objects.get()


def test_the_office_publishes_a_suggestion_with_one_click(world, client):
    post = suggest(world)
    archive = reverse("news:archive", args=[world.programme.slug])
    assert "Concept 2 gepubliceerd" not in client.get(archive).content.decode()
    client.force_login(world.office)
    office = client.get(reverse("news:office", args=[world.programme.slug])).content.decode()
    assert "Concept 2 gepubliceerd" in office
    url = reverse("news:suggestion-publish", args=[world.programme.slug, post.number])
    assert client.post(url).status_code == 302
    post.refresh_from_db()
    assert post.is_live
    client.logout()
    assert "Concept 2 gepubliceerd" in client.get(archive).content.decode()


def test_the_office_dismisses_a_suggestion_and_others_may_not(world, client):
    post = suggest(world)
    url = reverse("news:suggestion-dismiss", args=[world.programme.slug, post.number])
    client.force_login(world.council_member)
    assert client.post(url).status_code == 403
    client.force_login(world.office)
    assert client.post(url).status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.DISMISSED
    # A dismissed suggestion is not offered again.
    assert client.post(url).status_code == 403
