"""Signed, expiring, single-use e-mail links: reviewer sign-up, login links and the newsletter.

A link carries a random nonce signed with a timestamp. The signature proves we made it and tells
its age (expiry needs no database); the nonce's EmailToken row makes it single-use. The purpose
is part of the signer's salt, so a login link can never confirm a sign-up or the other way round.

Mail goes out through the task queue (koers.core.tasks.send_email). The production backend stores
the task in the same database transaction as the sign-up, so a sign-up that rolls back sends
nothing and needs no on_commit hook.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import Role, RoleKind
from koers.core.tasks import send_email
from koers.organisations.models import Organisation, Programme

from .constants import OrganisationClaim, TokenPurpose
from .models import EmailToken, NewsletterSubscription, Reviewer


class LinkError(Exception):
    """An e-mail link that cannot be used; `reason` says why, for the page that explains it."""

    reason = "invalid"


class LinkInvalid(LinkError):
    reason = "invalid"


class LinkExpired(LinkError):
    reason = "expired"


class LinkUsed(LinkError):
    reason = "used"


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"koers.consultation.email-link.{purpose}")


def normalise_email(email: str) -> str:
    # Addresses are compared case-insensitively in practice; one spelling keeps one row.
    return email.strip().lower()


def make_link_token(programme: Programme, email: str, purpose: str) -> str:
    nonce = secrets.token_urlsafe(32)
    EmailToken.objects.create(purpose=purpose, email=email, programme=programme, nonce=nonce)
    return _signer(purpose).sign(nonce)


def check_link_token(
    token: str, purpose: str, programme: Programme, *, max_age: int | None = None
) -> EmailToken:
    """The token row behind a link that may still be used, without using it up."""
    max_age = settings.EMAIL_TOKEN_MAX_AGE if max_age is None else max_age
    try:
        nonce = _signer(purpose).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    email_token = EmailToken.objects.filter(
        nonce=nonce, purpose=purpose, programme=programme
    ).first()
    if email_token is None:
        # Signed by us but gone: purged after expiry, or meant for another programme.
        raise LinkInvalid
    if email_token.used_at is not None:
        raise LinkUsed
    return email_token


def use_link_token(
    token: str, purpose: str, programme: Programme, *, max_age: int | None = None
) -> EmailToken:
    """Check a link and mark it used; of two simultaneous uses only one wins."""
    email_token = check_link_token(token, purpose, programme, max_age=max_age)
    now = timezone.now()
    won = EmailToken.objects.filter(pk=email_token.pk, used_at__isnull=True).update(used_at=now)
    if not won:
        raise LinkUsed
    email_token.used_at = now
    return email_token


def _absolute(path: str) -> str:
    # SITE_URL, not the request's Host header: a forged Host must not end up in a mail.
    return settings.SITE_URL.rstrip("/") + path


def _send(template: str, subject: str, to: str, context: dict) -> None:
    context = {"retention_days": settings.REVIEWER_RETENTION_DAYS, **context}
    body = render_to_string(f"consultation/email/{template}.txt", context)
    html_body = render_to_string(f"consultation/email/{template}.html", context)
    send_email.enqueue(subject=subject, body=body, to=[to], html_body=html_body)


def _link_valid_hours() -> int:
    return max(1, settings.EMAIL_TOKEN_MAX_AGE // 3600)


def send_confirmation(reviewer: Reviewer) -> None:
    programme = reviewer.programme
    token = make_link_token(programme, reviewer.email, TokenPurpose.REVIEWER_SIGNUP)
    _send(
        "reviewer_confirm",
        _("Bevestig uw aanmelding als meelezer van %(programme)s") % {"programme": programme},
        reviewer.email,
        {
            "programme": programme,
            "reviewer": reviewer,
            "link": _absolute(
                reverse("consultation:reviewer-confirm", args=[programme.slug, token])
            ),
            "hours": _link_valid_hours(),
        },
    )


def send_login_link(reviewer: Reviewer) -> None:
    programme = reviewer.programme
    token = make_link_token(programme, reviewer.email, TokenPurpose.LOGIN)
    _send(
        "reviewer_login",
        _("Uw inloglink voor %(programme)s") % {"programme": programme},
        reviewer.email,
        {
            "programme": programme,
            "reviewer": reviewer,
            "link": _absolute(reverse("consultation:reviewer-login", args=[programme.slug, token])),
            "profile_link": _absolute(
                reverse("consultation:reviewer-profile", args=[programme.slug])
            ),
            "hours": _link_valid_hours(),
        },
    )


@transaction.atomic
def sign_up_reviewer(
    programme: Programme,
    *,
    email: str,
    name: str = "",
    organisation: Organisation | None = None,
    consent_text: str,
) -> None:
    """Record an unconfirmed sign-up and mail a confirmation link.

    Someone who is already a confirmed reviewer gets a login link instead, and their profile is
    left alone: anyone can type an address, only its owner may change what it says.
    """
    email = normalise_email(email)
    reviewer = Reviewer.objects.select_for_update().filter(programme=programme, email=email).first()
    if reviewer is not None and reviewer.is_confirmed:
        send_login_link(reviewer)
        return
    if reviewer is None:
        reviewer = Reviewer(programme=programme, email=email)
    reviewer.name = name
    if reviewer.organisation_id != (organisation.pk if organisation else None):
        # A claim confirmed for one organisation says nothing about another.
        reviewer.organisation_claim = OrganisationClaim.CLAIMED
        reviewer.organisation_checked_at = None
        reviewer.organisation_checked_by = None
    reviewer.organisation = organisation
    reviewer.consent_text = consent_text
    reviewer.consented_at = timezone.now()
    reviewer.save()
    send_confirmation(reviewer)


def _user_for(reviewer: Reviewer):
    """A user of the reviewer's own, with no password: they log in with e-mail links.

    An existing account with the same address is deliberately not reused: an e-mail link must
    never open an account that holds more rights than reviewing (an office or council account),
    and deleting the reviewer's account must never delete such an account.
    """
    if reviewer.user_id:
        return reviewer.user
    user_model = get_user_model()
    user = user_model(
        username=f"meelezer-{secrets.token_hex(6)}",
        email=reviewer.email,
        first_name=reviewer.name[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def confirm_reviewer(token: str, programme: Programme) -> Reviewer:
    """Use a sign-up link: the reviewer is confirmed, gets an account and the reviewer role."""
    email_token = use_link_token(token, TokenPurpose.REVIEWER_SIGNUP, programme)
    reviewer = (
        Reviewer.objects.select_for_update()
        .filter(programme=programme, email=email_token.email, anonymised_at__isnull=True)
        .first()
    )
    if reviewer is None:
        raise LinkInvalid
    reviewer.user = _user_for(reviewer)
    reviewer.confirmed_at = reviewer.confirmed_at or timezone.now()
    reviewer.save()
    Role.objects.get_or_create(
        user=reviewer.user,
        programme=programme,
        kind=RoleKind.REVIEWER,
        family=None,
        organisation=None,
    )
    return reviewer


def request_login_link(programme: Programme, email: str) -> None:
    """Mail a login link to a confirmed reviewer, a fresh confirmation to an unconfirmed one.

    Unknown addresses get nothing, and the page says the same either way, so the form does not
    tell anyone who reviews.
    """
    email = normalise_email(email)
    reviewer = Reviewer.objects.filter(
        programme=programme, email=email, anonymised_at__isnull=True
    ).first()
    if reviewer is None:
        return
    if reviewer.is_confirmed:
        send_login_link(reviewer)
    else:
        send_confirmation(reviewer)


def log_in_reviewer(token: str, programme: Programme) -> Reviewer:
    email_token = use_link_token(token, TokenPurpose.LOGIN, programme)
    reviewer = (
        Reviewer.objects.select_related("user")
        .filter(
            programme=programme,
            email=email_token.email,
            confirmed_at__isnull=False,
            anonymised_at__isnull=True,
            user__isnull=False,
        )
        .first()
    )
    if reviewer is None:
        raise LinkInvalid
    return reviewer


# Newsletter ---------------------------------------------------------------------------------

_UNSUBSCRIBE_SALT = "koers.consultation.newsletter-unsubscribe"


def unsubscribe_url(subscription: NewsletterSubscription) -> str:
    """A link that never expires and may be used again: every newsletter mail carries one."""
    value = signing.dumps([subscription.pk, subscription.email], salt=_UNSUBSCRIBE_SALT)
    return _absolute(
        reverse("consultation:newsletter-unsubscribe", args=[subscription.programme.slug, value])
    )


def subscription_from_unsubscribe_value(value: str, programme: Programme) -> NewsletterSubscription:
    try:
        pk, email = signing.loads(value, salt=_UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid from error
    subscription = NewsletterSubscription.objects.filter(
        pk=pk, email=email, programme=programme
    ).first()
    if subscription is None:
        raise LinkInvalid
    return subscription


@transaction.atomic
def subscribe_to_newsletter(programme: Programme, email: str) -> None:
    """Double opt-in: nothing is sent to the address until its owner confirms."""
    email = normalise_email(email)
    subscription, _created = NewsletterSubscription.objects.get_or_create(
        programme=programme, email=email
    )
    if subscription.confirmed_at and not subscription.unsubscribed_at:
        # Already receiving it: no second mail, so the form cannot be used to flood a mailbox.
        return
    token = make_link_token(programme, email, TokenPurpose.NEWSLETTER)
    _send(
        "newsletter_confirm",
        _("Bevestig uw aanmelding voor de nieuwsbrief van %(programme)s")
        % {"programme": programme},
        email,
        {
            "programme": programme,
            "link": _absolute(
                reverse("consultation:newsletter-confirm", args=[programme.slug, token])
            ),
            "unsubscribe_link": unsubscribe_url(subscription),
            "hours": _link_valid_hours(),
        },
    )


@transaction.atomic
def confirm_newsletter(token: str, programme: Programme) -> NewsletterSubscription:
    email_token = use_link_token(token, TokenPurpose.NEWSLETTER, programme)
    subscription = NewsletterSubscription.objects.filter(
        programme=programme, email=email_token.email
    ).first()
    if subscription is None:
        raise LinkInvalid
    subscription.confirmed_at = timezone.now()
    subscription.unsubscribed_at = None
    subscription.save()
    return subscription


def unsubscribe_from_newsletter(subscription: NewsletterSubscription) -> None:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
