"""Writes of the news: saving a post with its families and tags, publishing and dismissing
Koers's suggestions, and turning a programme event into a suggestion."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.core.concurrency import lock_parent, next_position
from koers.organisations.models import Programme

from .constants import PostState, Publication
from .models import Post, Tag


def _attribute(post: Post, by) -> Post:
    if by is not None:
        post._history_user = by
    return post


def tags_from_text(programme: Programme, text: str) -> list[Tag]:
    """The programme's tags named in `text` (comma-separated), made when new."""
    wanted = {}
    for name in (text or "").split(","):
        name = " ".join(name.split())[:60]
        slug = slugify(name)[:60]
        if slug and slug not in wanted:
            wanted[slug] = name
    existing = {t.slug: t for t in Tag.objects.filter(programme=programme, slug__in=wanted)}
    for slug, name in wanted.items():
        if slug not in existing:
            existing[slug] = Tag.objects.create(programme=programme, slug=slug, name=name)
    return [existing[slug] for slug in wanted]


def apply_publication(post: Post, publication: str, when=None) -> None:
    if publication == Publication.DRAFT:
        post.state = PostState.DRAFT
    elif publication == Publication.SCHEDULED:
        post.state, post.published_at = PostState.PUBLISHED, when
    else:
        post.state = PostState.PUBLISHED
        # Published before stays published at its first moment: the feed's order is stable.
        if post.published_at is None or post.published_at > timezone.now():
            post.published_at = timezone.now()


@transaction.atomic
def save_post(post: Post, *, publication: str, when=None, families=(), tags_text="", by=None):
    """Create or update a post; a new one takes the next number of its programme."""
    apply_publication(post, publication, when)
    if post.pk is None:
        lock_parent(post.programme)
        post.number = next_position(Post.objects.filter(programme=post.programme), "number") or 1
        post.author = by
    _attribute(post, by).save()
    post.families.set(families)
    post.tags.set(tags_from_text(post.programme, tags_text))
    return post


@transaction.atomic
def publish_suggestion(post: Post, *, by=None) -> Post:
    post.state = PostState.PUBLISHED
    post.published_at = timezone.now()
    _attribute(post, by).save(update_fields=["state", "published_at", "updated_at"])
    return post


@transaction.atomic
def dismiss_suggestion(post: Post, *, by=None) -> Post:
    post.state = PostState.DISMISSED
    _attribute(post, by).save(update_fields=["state", "updated_at"])
    return post


def suggest_from_event(sender, *, programme, kind, title, url="", date=None, **kwargs):
    """A suggested post for an event of the programme; the same event twice makes one post."""
    key = f"{kind}|{url}|{title}"[:400]
    if Post.objects.filter(programme=programme, event_key=key).exists():
        return None
    post = Post(
        programme=programme,
        title=str(title)[:200],
        summary=str(title)[:500],
        body=f"[{_('Lees verder')}]({url})" if url else "",
        state=PostState.SUGGESTED,
        event_kind=kind,
        event_url=url,
        event_key=key,
        created_at=date or timezone.now(),
    )
    try:
        with transaction.atomic():
            lock_parent(programme)
            post.number = next_position(Post.objects.filter(programme=programme), "number") or 1
            post.save()
    except IntegrityError:  # the same event, announced twice at once
        return None
    return post
