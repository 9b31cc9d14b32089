"""The demo's news: Digitaal 2017's posts from 2015 to its deadline, sent newsletter issues with
their deliveries, and subscribers who follow every family; Koers's own events of the story are
told in it with the story's dates, not suggested on the day of loading."""

import datetime

import pytest
from django.db.models import Max, Min
from django.test import Client
from django.urls import reverse

from koers.accounts.models import NewsletterSubscription
from koers.demo.texts import TZ
from koers.news.constants import IssueState, PostState
from koers.news.models import Delivery, Issue, Post
from koers.organisations.models import Family


@pytest.mark.django_db
def test_its_posts_span_the_programme_from_2015_to_2017(demo):
    posts = Post.objects.filter(programme=demo).published()
    assert 15 <= posts.count() <= 25
    assert not Post.objects.filter(programme=demo).exclude(state=PostState.PUBLISHED).exists()
    span = posts.aggregate(first=Min("published_at"), last=Max("published_at"))
    assert span["first"].astimezone(TZ).year == 2015
    assert span["last"].astimezone(TZ).date() <= datetime.date(2017, 12, 31)
    assert {p.published_at.year for p in posts} == {2015, 2016, 2017}
    # The council's decision is among them, dated the day it was taken.
    decision = posts.get(title__icontains="regieraad stelt")
    assert decision.published_at.astimezone(TZ).date() == datetime.date(2015, 9, 10)
    assert posts.filter(families__isnull=False).exists()
    assert posts.filter(tags__isnull=False).distinct().count() == posts.count()
    assert posts.filter(body__contains="](/programmas/").exists()


@pytest.mark.django_db
def test_its_issues_were_sent_to_the_subscribers_of_the_day(demo):
    issues = Issue.objects.filter(programme=demo)
    assert issues.count() >= 3
    assert not issues.exclude(state=IssueState.SENT).exists()
    for issue in issues:
        deliveries = Delivery.objects.filter(issue=issue)
        assert deliveries.exists(), issue
        assert not deliveries.filter(sent_at__isnull=True).exists()
        assert not deliveries.filter(
            subscription__confirmed_at__gt=issue.sending_started_at
        ).exists()
        assert issue.posts.exists()
    assert issues.filter(families__isnull=False).exists()  # one went to a segment
    response = Client().get(reverse("news:issues", args=[demo.slug]))
    assert response.status_code == 200
    for issue in issues:
        assert issue.subject.encode() in response.content or issue.subject in response.text


@pytest.mark.django_db
def test_it_has_subscribers_in_every_family(demo):
    subscribers = NewsletterSubscription.objects.filter(programme=demo)
    assert subscribers.receiving().count() >= 50
    assert subscribers.filter(unsubscribed_at__isnull=False).exists()
    assert subscribers.filter(format="plain").exists()
    assert not subscribers.exclude(email__regex=r"@([a-z]+\.)?example\.(org|net)$").exists()
    for family in Family.objects.filter(programme=demo):
        assert subscribers.receiving().filter(families=family).exists(), family.slug


@pytest.mark.django_db
def test_koers_suggests_no_event_of_the_story_today(demo):
    assert not Post.objects.filter(programme=demo, state=PostState.SUGGESTED).exists()
