"""The office composes an issue, previews it, sends a test and then the issue; nobody else may.
The sent issue is in the public archive; subscriber figures never show an address."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import NewsletterSubscription

from .. import newsletter
from ..constants import IssueState
from ..models import Issue
from .helpers import make_post

pytestmark = pytest.mark.django_db


def _url(world, name, *args):
    return reverse(f"news:{name}", args=[world.programme.slug, *args])


def _subscribe(world, email, families=()):
    sub = NewsletterSubscription.objects.create(
        programme=world.programme, email=email, confirmed_at=timezone.now()
    )
    sub.families.set(families)
    return sub


def _compose(client, world, **extra):
    post = make_post(world, "Rondetafel in maart")
    data = {"subject": "Nieuwsbrief maart", "intro": "Welkom *allen*.", "posts": [post.pk]}
    return client.post(_url(world, "issue-create"), {**data, **extra})


def test_the_office_composes_previews_tests_and_sends(
    world, client, django_capture_on_commit_callbacks
):
    _subscribe(world, "een@example.org")
    _subscribe(world, "twee@example.org", [world.family])
    world.office.email = "bureau@example.org"
    world.office.save()
    client.force_login(world.office)
    answer = _compose(client, world, families=[world.family.pk])
    issue = Issue.objects.get()
    assert answer.url == _url(world, "issue-preview", issue.number)
    preview = client.get(answer.url).content.decode()
    assert "Gaat bij verzenden naar 1 abonnee" in preview
    assert "&lt;em&gt;allen&lt;/em&gt;" in preview  # the HTML, escaped into the iframe's srcdoc
    assert "Rondetafel in maart" in preview
    assert "een@example.org" not in preview and "twee@example.org" not in preview
    # The personal links show as the subscriber's own, not as the stand-ins of the sending.
    assert "KOERS-LINK" not in preview and "\x00" not in preview
    assert "/afmelden/\N{HORIZONTAL ELLIPSIS}" in preview
    assert "## " not in preview  # the plain text is plain, not Markdown

    client.post(_url(world, "issue-test", issue.number))
    confirm = client.get(_url(world, "issue-send", issue.number)).content.decode()
    assert "1 abonnee" in confirm
    client.post(_url(world, "issue-send", issue.number))
    issue.refresh_from_db()
    assert issue.state in (IssueState.SENDING, IssueState.SENT)
    assert issue.deliveries.count() == 1
    # The test backend runs tasks at once: the test and the issue itself went out.
    assert sorted(m.to[0] for m in mail.outbox) == ["bureau@example.org", "twee@example.org"]
    # A sent issue can no longer be changed or sent again.
    assert client.post(_url(world, "issue-send", issue.number)).status_code == 403
    assert client.get(_url(world, "issue-edit", issue.number)).status_code == 403


@pytest.mark.parametrize(
    "persona", ["coordinator", "contributor", "council_member", "reviewer", "outsider"]
)
def test_nobody_but_the_office_composes_or_sends(world, client, persona):
    issue = newsletter.save_issue(
        Issue(programme=world.programme, subject="x"), posts=[], families=[]
    )
    client.force_login(getattr(world, persona))
    assert client.post(_url(world, "issue-create"), {"subject": "y"}).status_code == 403
    assert client.post(_url(world, "issue-send", issue.number)).status_code == 403
    assert client.post(_url(world, "issue-test", issue.number)).status_code == 403
    assert client.get(_url(world, "newsletter-office")).status_code == 403
    assert client.get(_url(world, "issue", issue.number)).status_code == 404  # a draft
    assert Issue.objects.get().state == IssueState.DRAFT


def test_a_stale_edit_is_refused(world, client):
    client.force_login(world.office)
    _compose(client, world)
    issue = Issue.objects.get()
    page = client.get(_url(world, "issue-edit", issue.number))
    state = page.context["form"].loaded_as
    Issue.objects.filter(pk=issue.pk).update(subject="Door een collega")
    answer = client.post(
        _url(world, "issue-edit", issue.number), {"subject": "Mijn versie", "loaded_as": state}
    )
    assert answer.status_code == 409
    assert Issue.objects.get().subject == "Door een collega"


def test_bad_input_keeps_what_was_typed(world, client):
    client.force_login(world.office)
    answer = client.post(_url(world, "issue-create"), {"subject": "", "intro": "Mijn tekst"})
    assert answer.status_code == 400 and "Mijn tekst" in answer.content.decode()
    assert client.get(_url(world, "issue-preview", "9" * 30)).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_archive_shows_sent_issues_in_constant_queries(world, client):
    def sent(n):
        issue = newsletter.save_issue(
            Issue(programme=world.programme, subject=f"Nummer {n}"), posts=[], families=[]
        )
        Issue.objects.filter(pk=issue.pk).update(state=IssueState.SENT, sent_at=timezone.now())

    sent(1)
    newsletter.save_issue(
        Issue(programme=world.programme, subject="Nog geheim"), posts=[], families=[]
    )
    few = _queries(client, _url(world, "issues"))
    for n in range(2, 8):
        sent(n)
    assert _queries(client, _url(world, "issues")) == few
    page = client.get(_url(world, "issues")).content.decode()
    assert "Nummer 7" in page and "Nog geheim" not in page
    assert client.get(_url(world, "issue", 1)).status_code == 200


def test_the_office_sees_figures_and_growth_not_addresses(world, client):
    _subscribe(world, "geheim@example.org")
    NewsletterSubscription.objects.create(programme=world.programme, email="nieuw@example.org")
    client.force_login(world.office)
    page = client.get(_url(world, "newsletter-office")).content.decode()
    assert "geheim@example.org" not in page and "nieuw@example.org" not in page
    assert "Groei per maand" in page


def test_the_api_lists_sent_issues_only(world, client):
    post = make_post(world, "Concept gepubliceerd")
    issue = newsletter.save_issue(
        Issue(programme=world.programme, subject="Verzonden nummer", intro="*Hoi*"),
        posts=[post],
        families=[],
    )
    Issue.objects.filter(pk=issue.pk).update(state=IssueState.SENT, sent_at=timezone.now())
    newsletter.save_issue(
        Issue(programme=world.programme, subject="Concept"), posts=[], families=[]
    )
    url = f"/api/v1/programmes/{world.programme.slug}/newsletters"
    few = _queries(client, url)
    data = client.get(url).json()
    (item,) = data["results"]
    assert item["subject"] == "Verzonden nummer" and item["postNumbers"] == [post.number]
    assert item["textHtml"] == "<p><em>Hoi</em></p>"
    for n in range(3):
        more = newsletter.save_issue(
            Issue(programme=world.programme, subject=f"N{n}"), posts=[post], families=[]
        )
        Issue.objects.filter(pk=more.pk).update(state=IssueState.SENT, sent_at=timezone.now())
    assert _queries(client, url) == few
