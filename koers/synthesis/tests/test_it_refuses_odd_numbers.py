"""Ticked contribution numbers that were tampered with: "²" passes str.isdigit() but not int(),
and a number past 2**63 - 1 overflows SQLite. A message, or the box is simply not ticked."""

import pytest
from django.urls import reverse

from ..constants import Outcome
from ..models import Disposition

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"
ODD = ["²", "٣", "9" * 30, "0", "-4"]


def test_it_keeps_only_real_numbers_ticked_when_moving_fails(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("synthesis:theme-move", args=[SLUG, sorted_input.websites.pk])
    response = client.post(url, {"contributions": ODD, "target": sorted_input.water.pk})
    assert response.status_code == 400
    assert response.context["selected"] == set()


def test_it_refuses_odd_numbers_when_disposing_from_the_open_list(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("synthesis:processing-open", args=[SLUG])
    data = {"contributions": ODD, "outcome": Outcome.ADOPTED, "reason": "Zo."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Disposition.objects.exists()


def test_it_ignores_odd_exceptions_when_disposing_a_theme(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("synthesis:theme-dispose", args=[SLUG, sorted_input.websites.pk])
    response = client.post(url, {"exceptions": ODD, "to_page": "1"})
    assert response.status_code == 200
    assert response.context["exceptions"] == set()
