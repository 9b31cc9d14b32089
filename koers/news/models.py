"""The programme's news: posts written by the office and the events Koers suggests.

A post's address is its number within the programme (`/nieuws/<number>/<slug>`); the slug
follows the title, and an old slug redirects to the current one, so a changed title never
breaks a link. A post is a draft, published, or published with a time in the future
(scheduled: it appears by itself, the QuerySet decides). Koers's own events arrive as
suggested posts that the office publishes with one click or dismisses.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from koers.core.history import HistoricalRecords
from koers.organisations.models import Family, Programme

from .constants import IssueState, PostState
from .querysets import IssueQuerySet, PostQuerySet


class Tag(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="news_tags")
    name = models.CharField(_("naam"), max_length=60)
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="unique_news_tag"),
        ]

    def __str__(self):
        return self.name


class Post(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=200, editable=False)
    summary = models.TextField(_("samenvatting"), max_length=500)
    body = models.TextField(_("tekst"), blank=True, help_text=_("In Markdown."))
    image = models.ImageField(_("afbeelding"), upload_to="nieuws/%Y/", blank=True)
    image_alt = models.CharField(
        _("tekstalternatief van de afbeelding"), max_length=250, blank=True
    )
    families = models.ManyToManyField(
        Family, blank=True, related_name="posts", verbose_name=_("families")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="posts", verbose_name=_("onderwerpen")
    )
    state = models.CharField(max_length=20, choices=PostState.choices, default=PostState.DRAFT)
    published_at = models.DateTimeField(_("publicatiemoment"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set on a post Koers suggested: which event, where it happened, and when.
    event_kind = models.CharField(max_length=40, blank=True, editable=False)
    event_url = models.CharField(max_length=300, blank=True, editable=False)
    event_key = models.CharField(max_length=400, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[families, tags], excluded_fields=["updated_at"])
    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-published_at", "-number"]
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_post_number"),
            models.UniqueConstraint(
                fields=["programme", "event_key"],
                condition=~Q(event_key=""),
                name="one_post_per_event",
            ),
        ]
        indexes = [models.Index(fields=["programme", "state", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:200] or "bericht"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("news:post", args=[self.programme.slug, self.number, self.slug])

    @property
    def is_live(self) -> bool:
        return (
            self.state == PostState.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.state == PostState.PUBLISHED and not self.is_live

    @property
    def status_label(self):
        if self.is_scheduled:
            return _("gepland")
        return self.get_state_display()


class Issue(models.Model):
    """A newsletter issue: chosen posts plus the office's own text, sent once to a segment of
    the programme's confirmed subscribers (all of them, or those following chosen families)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="issues")
    number = models.PositiveIntegerField(editable=False)
    subject = models.CharField(_("onderwerp"), max_length=200)
    intro = models.TextField(_("tekst"), blank=True, help_text=_("In Markdown."))
    posts = models.ManyToManyField(
        Post, blank=True, related_name="issues", verbose_name=_("berichten")
    )
    families = models.ManyToManyField(
        Family,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor wie deze families volgt"),
        help_text=_("Leeg: alle bevestigde abonnees van het programma."),
    )
    state = models.CharField(max_length=20, choices=IssueState.choices, default=IssueState.DRAFT)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    sending_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[posts, families], excluded_fields=["updated_at"])
    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-number"]
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_issue_number"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("news:issue", args=[self.programme.slug, self.number])


class Delivery(models.Model):
    """One issue to one subscriber: created for every recipient when sending starts, so the
    worker knows what is left; `sent_at` is committed right after the mail server accepted it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        "accounts.NewsletterSubscription", on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscription"], name="one_delivery_each"),
        ]
        indexes = [models.Index(fields=["issue", "sent_at", "attempts"])]

    def __str__(self):
        return f"{self.issue} → {self.subscription_id}"
