import datetime

from django.utils import timezone

from ..constants import Publication
from ..models import Post
from ..services import save_post


def make_post(
    world,
    title="Nieuws",
    *,
    publication=Publication.NOW,
    when=None,
    body="Tekst.",
    families=(),
    tags="",
    by=None,
    **fields,
):
    post = Post(
        programme=world.programme,
        title=title,
        summary=f"Samenvatting van {title}.",
        body=body,
        **fields,
    )
    return save_post(
        post,
        publication=publication,
        when=when,
        families=families,
        tags_text=tags,
        by=by or world.office,
    )


def in_days(days: int):
    return timezone.now() + datetime.timedelta(days=days)
