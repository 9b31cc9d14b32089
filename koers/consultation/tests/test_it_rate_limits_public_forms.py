"""Abuse: rate limits answer 429, honeypot and too-fast submissions are refused gently."""

import datetime
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ..forms_reviewers import form_stamp
from ..models import Contribution, NewsletterSubscription, Reviewer
from .test_it_signs_up_reviewers import confirmed_reviewer, make_draft, sign_up, stamp


@pytest.fixture(autouse=True)
def _fresh_counters(time_machine):
    # The limits count per window of a minute, which starts at a moment of its own for each
    # client: with the clock standing still, the third post of a test is the third in its
    # window whenever the suite runs (a window that ended between two posts let one through).
    time_machine.move_to(datetime.datetime(2026, 1, 5, 10, 0, 30, tzinfo=datetime.UTC), tick=False)
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    "path", ["meelezen", "nieuwsbrief", "meelezen/inloglink"], ids=["signup", "newsletter", "login"]
)
def test_it_answers_429_after_the_limit(world, settings, path):
    settings.PUBLIC_FORM_RATE = "2/m"
    client = Client()
    url = f"/programmas/{world.programme.slug}/{path}"
    data = {"email": "x@example.org", "shown_at": stamp()}
    assert client.post(url, data).status_code != 429
    assert client.post(url, data).status_code != 429
    response = client.post(url, data)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Even geduld" in response.content.decode()
    # Reading the page is never limited.
    assert client.get(url).status_code == 200


def test_it_limits_reactions_per_reviewer(world, settings):
    settings.REACTION_RATE = "2/m"
    _version, paragraph = make_draft(world)
    _reviewer, client = confirmed_reviewer(world)
    url = f"/programmas/{world.programme.slug}/agenda/1/alinea/{paragraph.anchor}/reageren"
    data = {"stance": "eens", "text": "Goed plan.", "publication": "niet"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert Contribution.objects.count() == 2


def test_it_refuses_a_filled_honeypot_and_keeps_what_was_typed(world, client):
    response = sign_up(client, world, leave_empty="http://spam.example", name="Bot Bouwer")
    assert response.status_code == 200
    page = response.content.decode()
    assert "verborgen controleveld" in page
    assert 'value="Bot Bouwer"' in page and 'value="lezer@example.org"' in page
    assert 'value="http://spam.example"' not in page
    assert not Reviewer.objects.exists() and not mail.outbox


def test_it_refuses_a_form_sent_too_fast(world, client):
    response = sign_up(client, world, shown_at=form_stamp())
    assert response.status_code == 200
    assert "sneller binnen dan iemand het kan invullen" in response.content.decode()
    assert not Reviewer.objects.exists()


def test_it_refuses_a_forged_time_stamp_and_offers_a_fresh_one(world, client):
    response = client.post(
        f"/programmas/{world.programme.slug}/nieuwsbrief",
        {"email": "a@example.org", "shown_at": str(time.time() - 60)},
    )
    assert "sneller binnen" in response.content.decode()
    assert response.context["form"].data["shown_at"] != str(time.time() - 60)
    assert not NewsletterSubscription.objects.exists()


def test_it_counts_clients_behind_a_proxy_and_requests_without_its_header(world, settings):
    """The proxy's header tells clients apart; a request that did not pass the proxy (no header)
    is counted by its own address instead of failing."""
    settings.PUBLIC_FORM_RATE = "1/m"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    url = f"/programmas/{world.programme.slug}/nieuwsbrief"
    data = {"email": "x@example.org", "shown_at": stamp()}
    client = Client()
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 192.0.2.1"}
    assert client.post(url, data, **first).status_code != 429
    assert client.post(url, data, **first).status_code == 429
    # Another client behind the same proxy has a count of its own.
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code != 429
    # No header at all: counted by REMOTE_ADDR, not a server error.
    assert client.post(url, data).status_code != 500
