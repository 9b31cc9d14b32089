"""How long a newsletter subscriber's address is kept.

As for reader-reviewers (koers/consultation/privacy.py): an unconfirmed sign-up is deleted once
its link expired (EMAIL_TOKEN_MAX_AGE, by `koers purge-reviewers`), and an address that left the
list is deleted NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS after leaving (by this module), with its
delivery records. The grace period lets a late click on an old mail still find the subscription
and say "you are unsubscribed" rather than "unknown link", and keeps the month's figures.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from koers.accounts.models import NewsletterSubscription


def purge_subscribers(now=None) -> dict:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS)
    _, deleted = NewsletterSubscription.objects.filter(unsubscribed_at__lt=cutoff).delete()
    return {
        "unsubscribed": deleted.get("accounts.NewsletterSubscription", 0),
        "deliveries": deleted.get("news.Delivery", 0),
    }
