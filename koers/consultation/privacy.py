"""A reviewer's personal data: what they can download, how it is erased, and how long it is kept.

Contributions are input to a public decision and stay when their author leaves; what goes is
what says who wrote them (e-mail, name, the account and its login links).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.organisations.models import Programme

from .constants import Publication
from .models import Contribution, EmailToken, NewsletterSubscription, Reviewer


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_reviewer_data(reviewer: Reviewer) -> dict:
    """Everything Koers keeps about one reviewer, in a form they can read and take with them."""
    programme = reviewer.programme
    reactions = (
        Contribution.objects.filter(reviewer=reviewer)
        .select_related("version")
        .prefetch_related("paragraphs")
        .order_by("submitted_at", "pk")
    )
    subscription = NewsletterSubscription.objects.filter(
        programme=programme, email=reviewer.email
    ).first()
    organisation = reviewer.organisation
    return {
        "programma": {"naam": programme.name, "slug": programme.slug},
        "profiel": {
            "e-mailadres": reviewer.email,
            "naam": reviewer.name,
            "organisatie": organisation.official_name if organisation else None,
            "organisatiecode": organisation.code if organisation else None,
            "aangemeld_op": _moment(reviewer.created_at),
            "bevestigd_op": _moment(reviewer.confirmed_at),
            "organisatie_bevestigd": reviewer.organisation_claim,
            "organisatie_beoordeeld_op": _moment(reviewer.organisation_checked_at),
        },
        "toestemming": {
            "tekst": reviewer.consent_text,
            "gegeven_op": _moment(reviewer.consented_at),
        },
        "nieuwsbrief": {
            "aangemeld": bool(
                subscription and subscription.confirmed_at and not subscription.unsubscribed_at
            ),
            "bevestigd_op": _moment(subscription.confirmed_at) if subscription else None,
            "afgemeld_op": _moment(subscription.unsubscribed_at) if subscription else None,
        },
        "reacties": [
            {
                "id": contribution.pk,
                "agendaversie": contribution.version.number if contribution.version else None,
                "alineas": [str(p.anchor) for p in contribution.paragraphs.all()],
                "soort": contribution.stance,
                "tekst": contribution.text,
                "openbaarheid": contribution.publication,
                "goedgekeurde_tekst": contribution.published_text,
                "verborgen_door_moderatie": contribution.is_hidden,
                "ingediend_op": _moment(contribution.submitted_at),
                "gewijzigd_op": _moment(contribution.updated_at),
            }
            for contribution in reactions
        ],
    }


@transaction.atomic
def anonymise_reviewer(reviewer: Reviewer) -> Reviewer:
    """Erase who the reviewer is; their reactions stay, no longer tied to a name or account.

    The account is deleted (its roles go with it). Reactions published with a name become
    anonymous. Each reaction is saved one by one, so its history records that it was
    anonymised; the history rows themselves stay because they are the audit trail of who changed
    what (moderation and processing by the office depend on it), but the name is blanked in them
    too, or the erasure would only be skin-deep. History rows the reviewer made themselves lose
    their user when the account is deleted.
    """
    reviewer = Reviewer.objects.select_for_update().get(pk=reviewer.pk)
    if reviewer.anonymised_at is not None:
        return reviewer
    contributions = list(Contribution.objects.select_for_update().filter(reviewer=reviewer))
    for contribution in contributions:
        contribution.author_name = ""
        if contribution.publication == Publication.NAMED:
            contribution.publication = Publication.ANONYMOUS
        contribution.save()
    Contribution.history.filter(id__in=[c.pk for c in contributions]).update(author_name="")
    EmailToken.objects.filter(programme=reviewer.programme, email=reviewer.email).delete()
    user = reviewer.user
    reviewer.email = ""
    reviewer.name = ""
    reviewer.user = None
    reviewer.anonymised_at = timezone.now()
    reviewer.save()
    if user is not None:
        # Roles go first, one by one and attributed to nobody: left to the cascade, their history
        # rows would name the very user being deleted (the one making the request).
        for role in user.roles.all():
            role._history_user = None
            role.delete()
        user.delete()
    return reviewer


def programmes_past_retention(now: datetime.datetime):
    """Programmes whose last consultation closed longer ago than the retention period.

    A draft that is open without an end date keeps its programme's reviewers, and so does a
    programme that never set a closing date: retention counts from a known end only.
    """
    cutoff = now - datetime.timedelta(days=settings.REVIEWER_RETENTION_DAYS)
    return Programme.objects.annotate(
        last_close=Max("versions__consultation_closes_at"),
        open_ended=Count(
            "versions",
            filter=Q(
                versions__state=VersionState.DRAFT,
                versions__consultation_opens_at__isnull=False,
                versions__consultation_closes_at__isnull=True,
            ),
        ),
    ).filter(last_close__lt=cutoff, open_ended=0)


def purge_reviewers(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply the retention rules; running it twice changes nothing the second time."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.EMAIL_TOKEN_MAX_AGE)
    expired_reviewers = Reviewer.objects.filter(
        programme__in=programmes_past_retention(now),
        confirmed_at__isnull=False,
        anonymised_at__isnull=True,
    ).select_related("programme", "user")
    anonymised = 0
    for reviewer in expired_reviewers:
        anonymise_reviewer(reviewer)
        anonymised += 1
    _, unconfirmed = Reviewer.objects.filter(
        confirmed_at__isnull=True, created_at__lt=stale
    ).delete()
    _, subscriptions = NewsletterSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=stale
    ).delete()
    _, tokens = EmailToken.objects.filter(created_at__lt=stale).delete()
    return {
        "anonymised_reviewers": anonymised,
        "unconfirmed_signups": unconfirmed.get("consultation.Reviewer", 0),
        "unconfirmed_subscriptions": subscriptions.get("accounts.NewsletterSubscription", 0),
        "spent_links": tokens.get("consultation.EmailToken", 0),
    }
