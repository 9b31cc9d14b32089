import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..constants import Channel, Publication
from ..models import Contribution


def reaction(world, **fields):
    return Contribution.objects.create(
        programme=world.programme,
        channel=Channel.REVIEWER,
        family=world.family,
        text="Jan Jansen van de balie (06-12345678) is onbeschoft",
        **fields,
    )


def test_it_lets_only_the_office_moderate(world, client_for):
    contribution = reaction(world)
    queue = reverse("consultation:contribution-moderation", args=[world.programme.slug])
    actions = [
        reverse(name, args=[world.programme.slug, contribution.pk])
        for name in (
            "consultation:contribution-hide",
            "consultation:contribution-unhide",
            "consultation:contribution-approve",
        )
    ]
    for persona, user in world.personas():
        client = client_for(user)
        response = client.get(queue)
        posts = [client.post(url, {"reason": "privé"}) for url in actions]
        if persona == "office":
            assert response.status_code == 200
            assert all(p.status_code == 302 for p in posts)
        elif user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
            assert all("/inloggen" in p.url for p in posts)
        else:
            assert response.status_code == 403, persona
            assert all(p.status_code == 403 for p in posts), persona


def test_it_hides_with_a_reason_and_keeps_the_text_in_history(world, client_for):
    contribution = reaction(world, publication=Publication.NAMED, author_name="Piet")
    client = client_for(world.office)
    url = reverse("consultation:contribution-hide", args=[world.programme.slug, contribution.pk])
    response = client.post(url, {"reason": "persoonsgegevens", "back_to": "moderatie"})
    assert response.url == reverse(
        "consultation:contribution-moderation", args=[world.programme.slug]
    )
    contribution.refresh_from_db()
    assert contribution.is_hidden and contribution.hidden_reason == "persoonsgegevens"
    assert contribution.hidden_by == world.office and contribution.moderated_at
    assert "06-12345678" in contribution.text  # nothing is deleted
    assert not Contribution.objects.published().filter(pk=contribution.pk).exists()
    latest = contribution.history.first()
    assert latest.is_hidden and latest.history_user == world.office
    assert "06-12345678" in contribution.history.last().text
    detail = client.get(contribution.get_absolute_url()).content.decode()
    assert "persoonsgegevens" in detail and "bureau" in detail

    client.post(
        reverse("consultation:contribution-unhide", args=[world.programme.slug, contribution.pk])
    )
    contribution.refresh_from_db()
    assert not contribution.is_hidden and contribution.hidden_reason == ""
    assert contribution.history.first().history_user == world.office
    assert contribution.history.count() == 3


def test_it_asks_for_a_reason(world, client_for):
    contribution = reaction(world)
    url = reverse("consultation:contribution-hide", args=[world.programme.slug, contribution.pk])
    response = client_for(world.office).post(url, {"reason": " "})
    assert response.status_code == 400
    assert "id_reason_error" in response.content.decode()
    contribution.refresh_from_db()
    assert not contribution.is_hidden


def test_it_queues_unjudged_reviewer_input_and_flagged_input(world, client_for):
    waiting = reaction(world)
    judged = reaction(world, moderated_at=timezone.now())
    flagged = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.IMPORT,
        text="Gemeld",
        moderated_at=timezone.now(),
        flagged_at=timezone.now() + timezone.timedelta(seconds=1),
        flag_reason="scheldwoord",
    )
    Contribution.objects.create(programme=world.programme, channel=Channel.IMPORT, text="Bestand")
    client = client_for(world.office)
    queue = reverse("consultation:contribution-moderation", args=[world.programme.slug])
    shown = {c.pk for c in client.get(queue).context["page"].object_list}
    assert shown == {waiting.pk, flagged.pk}
    assert judged.pk not in shown
    client.post(
        reverse("consultation:contribution-approve", args=[world.programme.slug, waiting.pk])
    )
    shown = {c.pk for c in client.get(queue).context["page"].object_list}
    assert shown == {flagged.pk}
    waiting.refresh_from_db()
    assert waiting.history.first().history_user == world.office


def test_it_lists_hidden_input(world, client_for):
    hidden = reaction(world, is_hidden=True, hidden_reason="spam", hidden_at=timezone.now())
    reaction(world)
    queue = reverse("consultation:contribution-moderation", args=[world.programme.slug])
    response = client_for(world.office).get(queue, {"toon": "verborgen"})
    assert [c.pk for c in response.context["page"].object_list] == [hidden.pk]


@pytest.mark.parametrize("toon", ["", "verborgen"])
def test_it_keeps_the_queue_at_a_constant_number_of_queries(world, client_for, toon):
    client = client_for(world.office)
    queue = reverse("consultation:contribution-moderation", args=[world.programme.slug])
    counts = []
    for n in (5, 45):
        for _ in range(n):
            reaction(world, is_hidden=bool(toon), hidden_by=world.office)
        with CaptureQueriesContext(connection) as queries:
            client.get(queue, {"toon": toon})
        counts.append(len(queries))
    assert counts[0] == counts[1]
