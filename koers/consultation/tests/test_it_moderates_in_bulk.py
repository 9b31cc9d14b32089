"""Moderation in bulk: the office ticks contributions in the queue and approves or hides them in
one go, each as one by one (history names the person); what someone else judged, or what was
changed, after the page was shown is skipped and named, never overwritten."""

import re

import pytest
from django.urls import reverse

from ..constants import Channel
from ..models import Contribution

pytestmark = pytest.mark.django_db

SEEN = re.compile(r'name="seen" value="(\d+:[0-9a-f]+)"')


def reactions(world, n):
    return [
        Contribution.objects.create(
            programme=world.programme,
            channel=Channel.REVIEWER,
            family=world.family,
            text=f"Reactie {i}: de balie moet open blijven",
        )
        for i in range(n)
    ]


def queue_url(world):
    return reverse("consultation:contribution-moderation", args=[world.programme.slug])


def shown(client, world) -> list[str]:
    """What the queue page says it showed of each contribution, as its form posts it."""
    response = client.get(queue_url(world))
    assert response.status_code == 200
    return SEEN.findall(response.content.decode())


def judged(contributions) -> dict[int, tuple]:
    return {
        c.pk: (c.moderated_at is not None, c.is_hidden, c.hidden_reason)
        for c in Contribution.objects.filter(pk__in=[c.pk for c in contributions])
    }


def test_it_approves_exactly_the_ticked_contributions(world, client_for):
    made = reactions(world, 4)
    client = client_for(world.office)
    seen = shown(client, world)
    assert len(seen) == 4
    ticked = [made[0].pk, made[2].pk]
    response = client.post(
        queue_url(world), {"action": "approve", "contributions": ticked, "seen": seen}, follow=True
    )
    assert "2 bijdragen zijn in orde bevonden." in response.content.decode()
    assert judged(made) == {
        made[0].pk: (True, False, ""),
        made[1].pk: (False, False, ""),
        made[2].pk: (True, False, ""),
        made[3].pk: (False, False, ""),
    }
    # As one by one: the approved text becomes the public one, and history names the person.
    approved = Contribution.objects.get(pk=made[0].pk)
    assert approved.published_text == approved.text
    assert approved.history.first().history_user == world.office
    assert {c.pk for c in response.context["page"].object_list} == {made[1].pk, made[3].pk}


def test_it_hides_the_ticked_contributions_with_one_reason(world, client_for):
    made = reactions(world, 3)
    client = client_for(world.office)
    seen = shown(client, world)
    ticked = [made[1].pk, made[2].pk]
    refused = client.post(
        queue_url(world), {"action": "hide", "contributions": ticked, "seen": seen}
    )
    assert refused.status_code == 400
    assert "Geef een reden om te verbergen." in refused.content.decode()
    # What was ticked stays ticked for the second try.
    assert refused.context["selected"] == set(ticked)
    assert judged(made) == dict.fromkeys([c.pk for c in made], (False, False, ""))
    response = client.post(
        queue_url(world),
        {"action": "hide", "contributions": ticked, "seen": seen, "reason": "persoonsgegevens"},
        follow=True,
    )
    assert "2 bijdragen zijn verborgen." in response.content.decode()
    assert judged(made) == {
        made[0].pk: (False, False, ""),
        made[1].pk: (True, True, "persoonsgegevens"),
        made[2].pk: (True, True, "persoonsgegevens"),
    }
    hidden = Contribution.objects.get(pk=made[1].pk)
    assert hidden.hidden_by == world.office
    assert hidden.history.first().history_user == world.office


def test_it_skips_and_names_what_changed_after_the_page_was_shown(world, client_for):
    made = reactions(world, 3)
    client = client_for(world.office)
    seen = shown(client, world)
    # Meanwhile a colleague hides one and the reviewer rewrites another.
    colleague = client_for(world.office)
    colleague.post(
        reverse("consultation:contribution-hide", args=[world.programme.slug, made[0].pk]),
        {"reason": "scheldwoord"},
    )
    Contribution.objects.filter(pk=made[1].pk).update(text="Een nieuwe tekst die niemand las")
    response = client.post(
        queue_url(world),
        {"action": "approve", "contributions": [c.pk for c in made], "seen": seen},
        follow=True,
    )
    content = response.content.decode()
    assert "1 bijdrage is in orde bevonden." in content
    assert f"Inbreng {made[0].pk}, {made[1].pk} is overgeslagen" in content
    assert judged(made) == {
        made[0].pk: (True, True, "scheldwoord"),  # the colleague's judgement stands
        made[1].pk: (False, False, ""),  # the new text is not approved unread
        made[2].pk: (True, False, ""),
    }
    assert Contribution.objects.get(pk=made[1].pk).published_text == ""


def test_it_skips_a_contribution_without_what_the_page_showed(world, client_for):
    [reaction] = reactions(world, 1)
    response = client_for(world.office).post(
        queue_url(world), {"action": "approve", "contributions": [reaction.pk]}, follow=True
    )
    assert "is overgeslagen" in response.content.decode()
    assert judged([reaction]) == {reaction.pk: (False, False, "")}


def test_it_ticks_every_box_of_the_page_without_judging(world, client_for):
    made = reactions(world, 3)
    client = client_for(world.office)
    response = client.post(queue_url(world), {"tick": "all", "reason": "spam"})
    assert response.status_code == 200
    content = response.content.decode()
    for contribution in made:
        assert re.search(
            rf'value="{contribution.pk}" id="kies-{contribution.pk}"[^>]*checked', content
        )
    assert 'value="spam"' in content  # the typed reason stays
    assert judged(made) == dict.fromkeys([c.pk for c in made], (False, False, ""))
    response = client.post(queue_url(world), {"tick": "none", "contributions": [made[0].pk]})
    assert response.context["selected"] == set()


@pytest.mark.parametrize("data", [{"action": "approve"}, {"action": "weg"}, {}])
def test_it_says_what_is_missing(world, client_for, data):
    [reaction] = reactions(world, 1)
    if data.get("action") == "weg":
        data = data | {"contributions": [reaction.pk, "²", "9" * 30]}
    response = client_for(world.office).post(queue_url(world), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert judged([reaction]) == {reaction.pk: (False, False, "")}


def test_it_lets_only_the_office_moderate_in_bulk(world, client_for):
    [reaction] = reactions(world, 1)
    seen = shown(client_for(world.office), world)
    for persona, user in world.personas():
        if persona == "office":
            continue
        response = client_for(user).post(
            queue_url(world),
            {"action": "hide", "contributions": [reaction.pk], "seen": seen, "reason": "x"},
        )
        if user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona
    assert judged([reaction]) == {reaction.pk: (False, False, "")}


def test_it_leaves_input_of_another_programme_alone(world, client_for):
    from koers.organisations.tests.factories import ProgrammeFactory

    other = Contribution.objects.create(
        programme=ProgrammeFactory(), channel=Channel.REVIEWER, text="Elders"
    )
    client_for(world.office).post(
        queue_url(world),
        {
            "action": "approve",
            "contributions": [other.pk],
            "seen": [f"{other.pk}:{other.moderation_digest}"],
        },
    )
    assert judged([other]) == {other.pk: (False, False, "")}
