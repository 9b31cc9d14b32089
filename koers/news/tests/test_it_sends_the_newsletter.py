"""The newsletter: segments and their count, the message and its headers, one-click
unsubscribe by POST only, and exactly-once delivery across an interrupted run."""

import email as email_parser
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from koers.accounts.models import MailFormat, NewsletterSubscription, new_subscription_token

from .. import newsletter
from ..constants import IssueState
from ..models import Delivery, Issue
from .helpers import make_post

pytestmark = pytest.mark.django_db


def _subscribers(world, n, *, families=(), **fields):
    subs = NewsletterSubscription.objects.bulk_create(
        NewsletterSubscription(
            programme=world.programme,
            email=f"lezer{i}-{len(families)}@example.org",
            confirmed_at=timezone.now(),
            **fields,
        )
        for i in range(n)
    )
    for sub in subs:
        sub.families.set(families)
    return subs


def _issue(world, **fields):
    post = make_post(world, "Rondetafel")
    issue = Issue(programme=world.programme, subject="Nieuwsbrief 1", intro="**Hallo**", **fields)
    return newsletter.save_issue(issue, posts=[post], families=[], by=world.office)


def test_it_counts_the_segment(world):
    _subscribers(world, 3)
    _subscribers(world, 2, families=[world.family])
    NewsletterSubscription.objects.create(programme=world.programme, email="nog@example.org")
    issue = _issue(world)
    assert newsletter.recipients(issue).count() == 5
    assert newsletter.recipients(issue, [world.family]).count() == 2


def test_it_sends_plain_and_html_with_one_click_unsubscribe_headers(world, settings):
    settings.SITE_URL = "https://koers.example.org"
    (sub,) = _subscribers(world, 1)
    issue = _issue(world)
    newsletter.start_sending(issue)
    newsletter.send_all(issue)
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<https://koers.example.org/afmelden/") and link.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Rondetafel" in message.body and "**" not in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "<strong>Hallo</strong>" in html
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT


def test_a_plain_subscriber_gets_plain_text_only(world):
    _subscribers(world, 1, format=MailFormat.PLAIN)
    issue = _issue(world)
    newsletter.start_sending(issue)
    newsletter.send_all(issue)
    assert mail.outbox[0].alternatives == []


def test_it_sends_a_test_to_the_office(world):
    issue = _issue(world)
    newsletter.send_test(issue, "bureau@example.org")
    assert mail.outbox[0].to == ["bureau@example.org"]
    assert mail.outbox[0].subject.startswith("[Test]")
    assert not Delivery.objects.exists()


def test_only_a_post_unsubscribes(client, world):
    (sub,) = _subscribers(world, 1)
    token = newsletter.subscription_token(sub)
    page = client.get(f"/afmelden/{token}")
    assert page.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is None
    answer = client.post(f"/afmelden/{token}", {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None


def test_one_click_needs_no_csrf_token(world):
    from django.test import Client

    (sub,) = _subscribers(world, 1)
    client = Client(enforce_csrf_checks=True)
    client.post(f"/afmelden/{newsletter.subscription_token(sub)}", {})
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None


@pytest.mark.parametrize("token", ["nep", "1" * 30, "WzEsMV0:1abc:def", "x" * 44, "x" * 43])
def test_a_forged_token_is_not_found(client, world, token):
    _subscribers(world, 2)
    assert client.post(f"/afmelden/{token}").status_code == 404
    assert client.get(f"/nieuwsbrief/abonnement/{token}").status_code == 404


def test_the_token_is_opaque_and_each_subscribers_own(world):
    """The links name a subscription by a random token: nothing in it can be read back to the
    subscriber, the programme or how many subscribers there are."""
    first, second = _subscribers(world, 2)
    tokens = [newsletter.subscription_token(s) for s in (first, second)]
    assert len(set(tokens)) == 2 and all(len(t) == 43 for t in tokens)
    for subscription, token in zip((first, second), tokens, strict=True):
        # Stored with the subscription, not derived from its ids (a signed value has colons).
        assert ":" not in token
        assert NewsletterSubscription.objects.get(token=token) == subscription
        assert newsletter.subscription_from_token(token) == subscription


def test_the_subscriber_chooses_families_and_format(client, world):
    (sub,) = _subscribers(world, 1)
    token = newsletter.subscription_token(sub)
    client.post(
        f"/nieuwsbrief/abonnement/{token}", {"families": [world.family.pk], "format": "plain"}
    )
    sub.refresh_from_db()
    assert sub.format == "plain" and list(sub.families.all()) == [world.family]


class Interrupted(Exception):
    """The worker dies: not a failure of an address."""


def test_an_interrupted_run_sends_the_rest_exactly_once(world, settings):
    settings.EMAIL_BACKEND = "koers.news.tests.test_it_sends_the_newsletter.DyingBackend"
    DyingBackend.allowed = 4
    subs = _subscribers(world, 10)
    issue = _issue(world)
    newsletter.start_sending(issue)
    with pytest.raises(Interrupted):
        newsletter.send_all(issue)
    assert len(mail.outbox) == 4
    DyingBackend.allowed = None
    newsletter.send_all(issue)
    newsletter.send_all(issue)  # a third run finds nothing left
    received = sorted(m.to[0] for m in mail.outbox)
    assert received == sorted(s.email for s in subs)


class DyingBackend(EmailBackend):
    allowed = None

    def send_messages(self, messages):
        if DyingBackend.allowed is not None:
            if DyingBackend.allowed == 0:
                raise Interrupted
            DyingBackend.allowed -= 1
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        if messages[0].to[0].startswith("kapot"):
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"unknown")})
        return super().send_messages(messages)


def test_a_failing_address_is_skipped_after_three_attempts(world, settings):
    settings.EMAIL_BACKEND = "koers.news.tests.test_it_sends_the_newsletter.RefusingBackend"
    _subscribers(world, 2)
    broken = NewsletterSubscription.objects.create(
        programme=world.programme, email="kapot@example.org", confirmed_at=timezone.now()
    )
    issue = _issue(world)
    newsletter.start_sending(issue)
    newsletter.send_all(issue)
    assert len(mail.outbox) == 2
    delivery = Delivery.objects.get(subscription=broken)
    assert delivery.attempts == 3 and delivery.sent_at is None and "unknown" in delivery.error
    broken.refresh_from_db()
    assert broken.bouncing_at is not None
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT


def test_unsubscribed_addresses_are_deleted_after_the_retention(world, settings):
    import datetime
    from io import StringIO

    from django.core.management import call_command

    settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS = 30
    gone, recent, staying = _subscribers(world, 3)
    NewsletterSubscription.objects.filter(pk=gone.pk).update(
        unsubscribed_at=timezone.now() - datetime.timedelta(days=31)
    )
    NewsletterSubscription.objects.filter(pk=recent.pk).update(unsubscribed_at=timezone.now())
    out = StringIO()
    call_command("purge_subscribers", stdout=out)
    assert "deleted unsubscribed addresses: 1" in out.getvalue()
    assert set(NewsletterSubscription.objects.all()) == {recent, staying}


def _same_boundary(data: bytes, like: bytes) -> bytes:
    found, wanted = (re.search(rb'boundary="([^"]+)"', d) for d in (data, like))
    return data.replace(found.group(1), wanted.group(1)) if found else data


@pytest.mark.parametrize("intro", ["**Hé**", "Een heel lange regel " * 60])
def test_each_message_is_what_django_would_assemble(world, intro):
    # The issue's form is assembled once and filled in per subscriber; the result must be the
    # message Django builds for that subscriber itself (the multipart boundary aside). A body
    # too long for 8bit lines, and addresses Django encodes or folds, are assembled per message.
    post = make_post(world, "Rondetafel – één")
    issue = newsletter.save_issue(
        Issue(programme=world.programme, subject="Nieuwsbrief – " + "lang " * 20, intro=intro),
        posts=[post],
        families=[],
    )
    prepared = newsletter.PreparedIssue(issue)
    assert all(prepared.forms.values()) == (intro == "**Hé**")
    addresses = ["lezer@example.org", "jösé@exämple.org", "x" * 80 + "@example.org"]
    for number, email in enumerate(addresses, start=1):
        token = new_subscription_token()
        for format in MailFormat.values:
            message = prepared.message(number, email, format, token)
            filled = message.message().as_bytes(linesep="\r\n")
            django = super(newsletter.IssueMessage, message).message().as_bytes(linesep="\r\n")
            assert (message.assembled is not None) == (intro == "**Hé**" and number == 1)
            assert filled == _same_boundary(django, filled)
            assert set(re.findall(rb"/afmelden/([\w-]+)>", filled)) == {token.encode()}


def test_a_message_sent_again_has_the_same_message_id(world):
    # A worker killed between the mail server's accept and its commit sends that one message
    # again on restart: it must be recognisable as the same message.
    issue = _issue(world)

    def message_id(prepared, number, email):
        message = prepared.message(number, email, MailFormat.values[0], "t" * 43)
        sent = message.message().as_bytes()
        return email_parser.message_from_bytes(sent)["Message-ID"]

    first = message_id(newsletter.PreparedIssue(issue), 7, "lezer@example.org")
    assert first == message_id(newsletter.PreparedIssue(issue), 7, "lezer@example.org")
    assert first != message_id(newsletter.PreparedIssue(issue), 8, "ander@example.org")
    assert first.startswith(f"<nieuwsbrief-{issue.pk}-7@")
