"""The news and newsletter pages pass axe-core's WCAG 2.1 A/AA rules in Debian's Chromium, for
the public (the archive, a post, a family's news, the issues and an issue, the unsubscribe and
subscription pages) and for the office (managing the news with a suggestion of Koers, the post
form with an error, the issue form, the preview, the send confirmation, the figures)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import NewsletterSubscription, RoleKind
from koers.core.tests.browser import (
    PASSWORD,
    assert_accessible,
    logged_in,
    open_page,
    serve,
    submit,
)
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import (
    FamilyFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

from .. import newsletter
from ..constants import IssueState, Publication
from ..models import Issue, Post
from ..services import save_post, suggest_from_event

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

SLUG = "digitaal-2017"
BODY = (
    "De ronde tafels:\n\n- **16 juni**: grote gemeenten\n- **25 juni**: kleine gemeenten\n\n"
    "[Lees de voorzet](/programmas/digitaal-2017)."
)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(
            slug=SLUG,
            name="Digitaal 2017",
            starts_on=datetime.date(2015, 1, 1),
            deadline=datetime.date(2017, 12, 31),
        )
        towns = FamilyFactory(
            programme=programme, slug="gemeenten", name="Gemeenten", kinds=[Kind.MUNICIPALITY]
        )
        FamilyFactory(
            programme=programme, slug="provincies", name="Provincies", kinds=[Kind.PROVINCE]
        )
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        posts = [
            save_post(
                Post(programme=programme, title=title, summary=f"Over {title.lower()}.", body=BODY),
                publication=Publication.NOW,
                families=families,
                tags_text=tags,
                by=office,
            )
            for title, families, tags in [
                ("Digitaal 2017 van start", [], "programma"),
                ("Uitnodiging: ronde tafels voor gemeenten", [towns], "ronde tafels, consultatie"),
                ("Regieraad stelt de agenda vast", [], "agenda"),
            ]
        ]
        suggest_from_event(
            None,
            programme=programme,
            kind="agenda-vastgesteld",
            title="Agenda 3 vastgesteld door de regieraad",
            url=f"/programmas/{SLUG}/agenda/3",
        )
        sent = newsletter.save_issue(
            Issue(programme=programme, subject="Nieuwsbrief mei", intro="Schrijf u *nu* in."),
            posts=posts[:2],
            families=[],
            by=office,
        )
        Issue.objects.filter(pk=sent.pk).update(
            state=IssueState.SENT, sending_started_at=timezone.now(), sent_at=timezone.now()
        )
        newsletter.save_issue(
            Issue(programme=programme, subject="Nieuwsbrief juni", intro="De agenda."),
            posts=posts[2:],
            families=[towns],
            by=office,
        )
        reader = NewsletterSubscription.objects.create(
            programme=programme, email="lezer@example.org", confirmed_at=timezone.now()
        )
        reader.families.set([towns])
        NewsletterSubscription.objects.create(
            programme=programme, email="ander@example.org", confirmed_at=timezone.now()
        )
        yield {"url": url, "token": newsletter.subscription_token(reader), "posts": posts}


def page(site, name, *args):
    return site["url"] + reverse(name, args=args)


def test_it_has_no_violations_for_the_public(site, visitor):
    for url in [
        page(site, "news:archive", SLUG),
        site["url"] + site["posts"][1].get_absolute_url(),
        page(site, "news:family-archive", SLUG, "gemeenten"),
        page(site, "news:issues", SLUG),
        page(site, "news:issue", SLUG, 1),
        page(site, "news:unsubscribe", site["token"]),
        page(site, "news:subscription", site["token"]),
    ]:
        open_page(visitor, url)
        assert_accessible(visitor)


def test_it_has_no_violations_for_the_office(site, browser):
    with logged_in(browser, site, "bureau") as office:
        for url in [
            page(site, "news:office", SLUG),
            page(site, "news:newsletter-office", SLUG),
            page(site, "news:issue-create", SLUG),
            page(site, "news:issue-edit", SLUG, 2),
            page(site, "news:issue-preview", SLUG, 2),
            page(site, "news:issue-send", SLUG, 2),
        ]:
            open_page(office, url)
            assert_accessible(office)
        # The post form, sent without a title: the error and what was typed.
        open_page(office, page(site, "news:post-create", SLUG))
        assert_accessible(office)
        office.fill("#id_summary", "Een samenvatting zonder titel.")
        submit(office)
        assert office.locator(".utrecht-form-field-error-message, .utrecht-alert").count()
        assert_accessible(office)
