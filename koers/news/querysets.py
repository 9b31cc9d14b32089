from django.db import models
from django.utils import timezone

from .constants import PostState


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a scheduled post appears by itself once its time has come."""
        return self.filter(state=PostState.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        return self.filter(state=PostState.PUBLISHED, published_at__gt=now or timezone.now())

    def visible_to(self, user, programme):
        """The list form of `news.view_post` (koers/accounts/rules.py): the office sees every
        post of its programme (drafts, scheduled ones, Koers's suggestions); everyone else the
        published posts of a programme they may read."""
        posts = self.filter(programme=programme)
        if user.has_perm("news.manage_posts", programme):
            return posts
        if not user.has_perm("news.view_news", programme):
            return posts.none()
        return posts.published()

    def newest_first(self):
        return self.order_by("-published_at", "-number")

    def for_list(self):
        return self.select_related("programme").prefetch_related("tags", "families")


class IssueQuerySet(models.QuerySet):
    def sent(self):
        from .constants import IssueState

        return self.filter(state=IssueState.SENT)

    def visible_to(self, user, programme):
        """The list form of `news.view_issue`: the office sees every issue of its programme
        (drafts too); everyone else the sent issues of a programme they may read."""
        issues = self.filter(programme=programme)
        if user.has_perm("news.manage_newsletter", programme):
            return issues
        if not user.has_perm("news.view_news", programme):
            return issues.none()
        return issues.sent()
