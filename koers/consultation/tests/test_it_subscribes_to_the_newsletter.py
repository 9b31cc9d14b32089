"""Newsletter: double opt-in, and an unsubscribe link in every mail."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ..models import NewsletterSubscription
from .test_it_signs_up_reviewers import link_in, stamp

UNSUBSCRIBE = re.compile(r"http://[^/\s]+(/\S+/nieuwsbrief/afmelden/\S+)")


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def subscribe(client, world, email="abonnee@example.org"):
    return client.post(
        f"/programmas/{world.programme.slug}/nieuwsbrief",
        {"email": email, "shown_at": stamp(), "leave_empty": ""},
    )


def test_it_subscribes_with_double_opt_in(world):
    client = Client()
    response = subscribe(client, world, "Abonnee@Example.org")
    assert response.status_code == 302
    subscription = NewsletterSubscription.objects.get()
    assert subscription.email == "abonnee@example.org"
    assert subscription.confirmed_at is None
    message = mail.outbox[0]
    assert "Digitaal 2017" in message.subject
    assert UNSUBSCRIBE.search(message.body)
    assert "afmelden" in message.alternatives[0][0]
    path = link_in(message)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert client.post(path).status_code == 410


def test_it_sends_no_second_mail_to_a_subscriber(world):
    client = Client()
    subscribe(client, world)
    client.post(link_in(mail.outbox[0]))
    subscribe(client, world)
    assert len(mail.outbox) == 1


def test_it_unsubscribes_with_the_link_from_the_mail(world):
    client = Client()
    subscribe(client, world)
    client.post(link_in(mail.outbox[0]))
    path = UNSUBSCRIBE.search(mail.outbox[0].body).group(1)
    page = client.get(path)
    assert page.status_code == 200 and "niet meer ontvangen" in page.content.decode()
    assert NewsletterSubscription.objects.get().unsubscribed_at is None
    assert "U bent afgemeld" in client.post(path).content.decode()
    assert NewsletterSubscription.objects.get().unsubscribed_at is not None
    # The link keeps working (mail clients and people click twice).
    assert "U bent afgemeld" in client.get(path).content.decode()
    assert client.get(path[:-2] + "xx").status_code == 400


def test_it_resubscribes_after_unsubscribing(world):
    client = Client()
    subscribe(client, world)
    client.post(link_in(mail.outbox[0]))
    client.post(UNSUBSCRIBE.search(mail.outbox[0].body).group(1))
    subscribe(client, world)
    assert len(mail.outbox) == 2
    client.post(link_in(mail.outbox[1]))
    assert NewsletterSubscription.objects.get().unsubscribed_at is None


def test_it_keeps_an_invalid_address_and_says_so(world, client):
    response = client.post(
        f"/programmas/{world.programme.slug}/nieuwsbrief",
        {"email": "geen adres", "shown_at": stamp()},
    )
    assert response.status_code == 200
    assert 'value="geen adres"' in response.content.decode()
    assert 'id="id_email_error"' in response.content.decode()
    assert not NewsletterSubscription.objects.exists()
