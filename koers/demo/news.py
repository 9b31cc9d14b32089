"""The demo's news: Digitaal 2017's posts from its start in January 2015 to its deadline, four
sent newsletter issues, and the newsletter's subscribers in every family.

- The posts (data/news.yaml) are the office's, published at their moment in the story, with
  their families and tags, and a history that starts then.
- Koers's own events of the story (the council's decisions, the adopted agenda) are among these
  posts as the office wrote them. The events Koers announces while the demo loads are not
  suggested (`unannounced`): they would arrive when the load commits, dated today. A suggestion
  an earlier version of the demo left behind is removed.
- The issues were sent at their moment: a delivery per subscriber it went to then, sent at
  once. No mail leaves.
- The subscribers (addresses at example.org and the like, from a fixed seed) signed up between
  the start and the deadline; each follows up to two families, some read plain text, a few
  left again.

Everything is written once with its own date; running it again adds nothing.
"""

import datetime
import random
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from koers.accounts.models import MailFormat, NewsletterSubscription
from koers.core.events import programme_event
from koers.news.constants import IssueState, PostState
from koers.news.models import Delivery, Issue, Post, Tag
from koers.organisations.models import Family, Programme

from .texts import TZ, moment, texts

TEXTS = texts("news")


@contextmanager
def unannounced():
    """Nobody hears of the programme events announced in the block (the demo tells its story's
    events itself, dated in the story): its receivers are set aside while it runs."""
    with programme_event.lock:
        receivers = programme_event.receivers
        programme_event.receivers = []
        programme_event.sender_receivers_cache.clear()
    try:
        yield
    finally:
        with programme_event.lock:
            programme_event.receivers = receivers
            programme_event.sender_receivers_cache.clear()


def load_news_demo(programme: Programme) -> dict[str, int]:
    """The posts, the subscribers and the sent issues, each once."""
    with transaction.atomic():
        if Post.objects.filter(programme=programme).exclude(state=PostState.SUGGESTED).exists():
            return {"posts": 0, "subscribers": 0, "issues": 0}
        left_behind = Post.objects.filter(programme=programme, state=PostState.SUGGESTED)
        Post.history.filter(id__in=list(left_behind.values_list("pk", flat=True))).delete()
        left_behind.delete()
        Post.history.filter(programme_id=programme.pk, history_type="-").delete()
        families = {f.slug: f for f in Family.objects.filter(programme=programme)}
        office = get_user_model().objects.filter(username="bureau").first()
        posts = _posts(programme, families, office)
        subscribers = _subscribers(programme, families)
        issues = _issues(programme, families, office, posts, subscribers)
        return {"posts": len(posts), "subscribers": len(subscribers), "issues": issues}


def _posts(programme, families, office) -> dict[str, Post]:
    tags = {}
    for spec in TEXTS["posts"]:
        for name in spec.get("tags", []):
            tags.setdefault(slugify(name), name)
    tags = {
        t.slug: t
        for t in Tag.objects.bulk_create(
            [Tag(programme=programme, slug=slug, name=name) for slug, name in tags.items()]
        )
    }
    posts = {}
    for number, spec in enumerate(sorted(TEXTS["posts"], key=lambda p: p["at"]), start=1):
        at = moment(spec["at"])
        post = Post(
            programme=programme,
            number=number,
            title=spec["title"],
            summary=" ".join(spec["summary"].split()),
            body=spec.get("body", ""),
            state=PostState.PUBLISHED,
            published_at=at,
            created_at=at - datetime.timedelta(hours=2),
            author=office,
        )
        post._history_date = post.created_at
        post._history_user = office
        post.save()
        post.families.set([families[slug] for slug in spec.get("families", [])])
        post.tags.set([tags[slugify(name)] for name in spec.get("tags", [])])
        posts[post.title] = post
    # The record of each post's writing carries its own moment (simple_history dates the
    # records of the tracked families and tags by the clock).
    for post in posts.values():
        post.history.update(history_date=post.created_at)
    for post in posts.values():
        Post.objects.filter(pk=post.pk).update(updated_at=post.published_at)
    return posts


def _subscribers(programme, families) -> list[NewsletterSubscription]:
    spec = TEXTS["subscribers"]
    rng = random.Random(2015)
    first, last = spec["first"], spec["last"]
    span = (last - first).days
    slugs = sorted(families)
    rows, chosen, seen = [], [], set()
    while len(rows) < spec["count"]:
        email = f"{rng.choice(spec['given'])}.{rng.choice(spec['family'])}@{rng.choice(spec['domains'])}"
        if email in seen:
            continue
        seen.add(email)
        day = first + datetime.timedelta(days=int(span * rng.random() ** 1.6))
        signed_up = datetime.datetime.combine(
            day, datetime.time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=TZ
        )
        left = None
        if rng.random() < spec["unsubscribed"]:
            left = signed_up + datetime.timedelta(days=rng.randint(30, 300))
            left = min(left, datetime.datetime(2017, 12, 20, 12, tzinfo=TZ))
        # The first ones follow each family in turn, so every family has its readers.
        if len(rows) < len(slugs):
            followed = [slugs[len(rows)]]
        else:
            followed = rng.sample(slugs, rng.choice([0, 0, 1, 1, 1, 2]))
        plain = rng.random() < spec["plain_text"]
        rows.append(
            NewsletterSubscription(
                programme=programme,
                email=email,
                confirmed_at=signed_up + datetime.timedelta(minutes=rng.randint(2, 240)),
                unsubscribed_at=left,
                format=MailFormat.PLAIN if plain else MailFormat.HTML,
            )
        )
        chosen.append((signed_up, followed))
    rows = NewsletterSubscription.objects.bulk_create(rows)
    for row, (signed_up, _followed) in zip(rows, chosen, strict=True):
        row.created_at = signed_up
    NewsletterSubscription.objects.bulk_update(rows, ["created_at"], batch_size=500)
    Through = NewsletterSubscription.families.through
    Through.objects.bulk_create(
        [
            Through(newslettersubscription_id=row.pk, family_id=families[slug].pk)
            for row, (_at, followed) in zip(rows, chosen, strict=True)
            for slug in followed
        ]
    )
    for row, (_at, followed) in zip(rows, chosen, strict=True):
        row.followed = set(followed)
    return rows


def _issues(programme, families, office, posts, subscribers) -> int:
    deliveries = []
    for number, spec in enumerate(TEXTS["issues"], start=1):
        at = moment(spec["at"])
        segment = spec.get("families", [])
        issue = Issue(
            programme=programme,
            number=number,
            subject=spec["subject"],
            intro=spec["intro"].strip(),
            state=IssueState.SENT,
            created_at=at - datetime.timedelta(days=3),
            sending_started_at=at,
            sent_at=at + datetime.timedelta(minutes=4),
            author=office,
        )
        issue._history_date = issue.created_at
        issue._history_user = office
        issue.save()
        issue.posts.set([posts[title] for title in spec["posts"]])
        issue.families.set([families[slug] for slug in segment])
        issue.history.update(history_date=issue.created_at)
        Issue.objects.filter(pk=issue.pk).update(updated_at=issue.sent_at)
        for subscriber in subscribers:
            receiving = subscriber.confirmed_at <= at and (
                subscriber.unsubscribed_at is None or subscriber.unsubscribed_at > at
            )
            if receiving and (not segment or subscriber.followed & set(segment)):
                deliveries.append(
                    Delivery(
                        issue=issue, subscription=subscriber, sent_at=issue.sent_at, attempts=1
                    )
                )
    Delivery.objects.bulk_create(deliveries, batch_size=500)
    return len(TEXTS["issues"])
