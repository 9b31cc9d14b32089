from django.db import models
from django.utils.translation import gettext_lazy as _


class PostState(models.TextChoices):
    """What is stored. Scheduled is not a state of its own: a published post whose
    published_at lies in the future (PostQuerySet.published decides, no worker needed)."""

    SUGGESTED = "voorgesteld", _("voorgesteld door Koers")
    DRAFT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")
    DISMISSED = "afgewezen", _("afgewezen")


class Publication(models.TextChoices):
    """What the office chooses in the form."""

    DRAFT = "concept", _("Concept: nog niet zichtbaar")
    SCHEDULED = "gepland", _("Gepland: verschijnt vanzelf op het gekozen moment")
    NOW = "nu", _("Nu publiceren")


PER_PAGE = 20
FEED_ITEMS = 30
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_KINDS = (".jpg", ".jpeg", ".png", ".webp")


class IssueState(models.TextChoices):
    DRAFT = "concept", _("concept")
    SENDING = "verzenden", _("wordt verzonden")
    SENT = "verzonden", _("verzonden")


# A delivery that failed this often is skipped, and its subscriber marked bouncing.
MAX_DELIVERY_ATTEMPTS = 3
# Deliveries a worker reads at a time and sends over one SMTP connection (a mail server may
# limit the messages per connection); each message is still committed on its own.
DELIVERY_BATCH = 500
