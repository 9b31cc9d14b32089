"""The theme page explains a theme: the phrases its input shares, who raises it most, and what
the last analysis changed; in a fixed number of queries, with what each reader may read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..constants import RunMode, RunState
from ..models import ThemeAssignment
from ..services import request_run

pytestmark = pytest.mark.django_db


def _page(client, user, theme):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(theme.get_absolute_url())
    return response, len(queries)


def test_it_explains_a_theme_per_persona(consulted, client):
    world = consulted.world
    run = request_run(world.programme, by=world.office, mode=RunMode.FULL)
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    water = ThemeAssignment.objects.get(contribution_id=consulted.ids("water")[0]).theme
    websites = ThemeAssignment.objects.get(contribution_id=consulted.ids("websites")[0]).theme

    response, small = _page(client, world.office, water)
    page = response.content.decode()
    assert "Waarom deze inbreng bij elkaar staat" in page
    assert "Waterschappen (7)" in page  # the family that raises it
    assert "Sinds de vorige analyse" in page and "7 bijdragen erbij" in page
    assert response.context["explained"]["phrases"][0][1] >= 2
    _response, big = _page(client, world.office, websites)
    assert big == small  # constant in the size of the theme

    response, _n = _page(client, world.council_member, water)
    assert response.status_code == 200 and "Waterschappen (7)" in response.content.decode()
    response, _n = _page(client, world.outsider, water)
    assert response.status_code in (403, 404)
