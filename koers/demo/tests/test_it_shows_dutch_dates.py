"""Dates in the Dutch interface are Dutch: no "4 Aug 2015" on the demo's pages or in its mail.

The demo holds dates on nearly every page (the council meeting of 10 September 2015, the round
tables, the versions and their consultation period, commitments with milestones, contributions,
reader-reviewers' reactions), so its pages are the representative set.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from koers.consultation.models import Contribution, Reviewer, RoundTable
from koers.consultation.signup import send_login_link
from koers.council.models import CouncilMeeting
from koers.elaboration.models import Commitment
from koers.news.models import Issue, Post
from koers.organisations.models import Family

ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# An English month name or abbreviation next to a digit ("4 Aug 2015", "Sept. 10, 2015").
ENGLISH_DATE = re.compile(rf"\d\s*\b({ENGLISH_MONTHS})\b|\b({ENGLISH_MONTHS})\b\.?\s*\d")


def visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


def assert_dutch(text: str, where: str) -> None:
    found = [
        text[max(m.start() - 30, 0) : m.end() + 10].strip() for m in ENGLISH_DATE.finditer(text)
    ]
    assert not found, f"English dates on {where}: {found[:5]}"


def test_it_finds_an_english_date():
    assert_dutch("op 4 augustus 2015 en 10 sep 2015", "a Dutch text")
    with pytest.raises(AssertionError):
        assert_dutch("op 4 Aug 2015", "an English text")
    with pytest.raises(AssertionError):
        assert_dutch("Sept. 10, 2015", "an English text")


def pages(demo):
    slug = demo.slug
    meeting = CouncilMeeting.objects.filter(council__programme=demo).first()
    round_table = RoundTable.objects.filter(programme=demo).order_by("starts_at").first()
    contribution = Contribution.objects.filter(programme=demo).order_by("pk").first()
    commitment = (
        Commitment.objects.filter(programme=demo, transferred_from__isnull=False)
        .filter(milestones__isnull=False)
        .select_related("organisation")
        .first()
    )
    family = Family.objects.get(programme=demo, slug="gemeenten")
    office = [
        reverse("organisations:programme-detail", args=[slug]),
        reverse("council:council-meetings", args=[slug]),
        reverse("council:council-meeting", args=[slug, meeting.pk]),
        reverse("council:council-decisions", args=[slug]),
        reverse("consultation:roundtable-list", args=[slug]),
        round_table.get_absolute_url(),
        reverse("consultation:version-list", args=[slug]),
        reverse("consultation:version-detail", args=[slug, 1]),
        reverse("drafting:version-trace", args=[slug, 2]),
        reverse("consultation:contribution-list", args=[slug]),
        reverse("consultation:contribution-detail", args=[slug, contribution.pk]),
        reverse("consultation:reviewer-claims", args=[slug]),
        reverse("synthesis:processing-open", args=[slug]),
        reverse("synthesis:synthesis-run-list", args=[slug]),
        reverse("elaboration:elaboration-family", args=[slug, family.slug]),
        reverse("elaboration:organisation-commitments", args=[slug, commitment.organisation.code]),
        # The news and the newsletter: the archive, a post, a family's news, the issues.
        reverse("news:archive", args=[slug]),
        Post.objects.filter(programme=demo).order_by("number").first().get_absolute_url(),
        reverse("news:family-archive", args=[slug, family.slug]),
        reverse("news:issues", args=[slug]),
        Issue.objects.filter(programme=demo).order_by("number").first().get_absolute_url(),
        reverse("news:office", args=[slug]),
        reverse("news:newsletter-office", args=[slug]),
    ]
    reviewer = [reverse("consultation:reviewer-profile", args=[slug])]
    return [("bureau", url) for url in office] + [("meelezer", url) for url in reviewer]


@pytest.mark.django_db
def test_it_shows_dutch_dates_on_the_pages(demo):
    problems = []
    for username, url in pages(demo):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
        try:
            assert_dutch(visible_text(response.content.decode()), url)
        except AssertionError as problem:
            problems.append(str(problem).splitlines()[0])
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_it_shows_dutch_dates_in_mail(demo):
    mail.outbox = []
    with translation.override("nl"):
        send_login_link(Reviewer.objects.filter(programme=demo).exclude(email="").first())
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    client.post(reverse("elaboration:reminders-send", args=[demo.slug, "gemeenten"]))
    assert mail.outbox
    for message in mail.outbox:
        assert_dutch(message.subject + "\n" + message.body, message.subject)
        for content, _type in getattr(message, "alternatives", []):
            assert_dutch(visible_text(content), message.subject)


@pytest.mark.django_db
def test_it_writes_the_number_of_contributions_found_as_a_dutch_number(demo):
    client = Client()
    client.force_login(get_user_model().objects.get(username="bureau"))
    page = client.get(reverse("consultation:contribution-list", args=[demo.slug])).content.decode()
    total = Contribution.objects.filter(programme=demo).count()
    assert total >= 1000
    assert f"{total // 1000}.{total % 1000:03d} bijdragen gevonden." in page
