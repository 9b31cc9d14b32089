"""Pages that follow a relation which may be empty: a letter sent without family or
organisation, a decision whose author's account is gone, a history record without a person.

A dotted lookup as a template filter's argument (`a|default:b.c.d`) raises instead of yielding
"" when `b.c` is None; in the demo that broke 140 of 373 campaign pages.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from koers.consultation.models import Contribution

from ..constants import Outcome
from ..dispositions import dispose
from ..models import Disposition

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"


def test_it_shows_a_campaign_whose_letter_has_no_family_or_organisation(sorted_input, client_for):
    campaign = sorted_input.campaign
    Contribution.objects.filter(pk=campaign.representative_id).update(
        family=None, organisation=None
    )
    response = client_for(sorted_input.world.office).get(campaign.get_absolute_url())
    assert response.status_code == 200
    assert "Ingestuurd door onbekend" in response.content.decode()


def test_it_shows_a_disposition_whose_history_has_no_person(sorted_input, client_for):
    world = sorted_input.world
    contribution_id = sorted_input.website_ids[0]
    dispose([contribution_id], Outcome.ADOPTED, "Staat erin.", by=world.office)
    # A record written outside a request (a command, a migration) has no history_user.
    Disposition.history.update(history_user=None)
    path = reverse("synthesis:contribution-dispose", args=[SLUG, contribution_id])
    response = client_for(world.office).get(path)
    assert response.status_code == 200
    assert "onbekend" in response.content.decode()


def test_it_shows_a_common_thread_decided_by_a_removed_account(sorted_input, client_for):
    world = sorted_input.world
    gone = get_user_model().objects.create(username="vertrokken")
    theme = sorted_input.websites
    theme.common_thread_decision = True
    theme.common_thread_by = gone
    theme.save()
    gone.delete()  # common_thread_by is SET_NULL: the decision stays, its author is unknown
    client = client_for(world.office)
    for path in [reverse("synthesis:common-threads", args=[SLUG]), theme.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200, path
