"""Sign-on with an organisation account: OpenID Connect through mozilla-django-oidc.

Loaded only when settings.OIDC_ENABLED (OIDC_RP_CLIENT_ID is set). The provider says who a
person is; what they may do stays with the `Role` rows granted in Koers
(docs/adr/0016-sign-on-roles-stay-in-koers.md): this module never creates or changes a role.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import resolve_url
from django.urls import path
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """Matches the provider's person to a Koers account by verified e-mail address.

    An existing account with that address (a local one too) is used, not duplicated; otherwise
    an account without password and without roles is made.
    """

    def verify_claims(self, claims):
        # Only an address the provider has verified may name an account.
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def _verify_jws(self, payload, key):
        # mozilla-django-oidc checks signature, algorithm, expiry and nonce; the token must also
        # come from the configured provider and be meant for this client.
        claims = super()._verify_jws(payload, key)
        if claims.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from another issuer.")
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        return claims

    def create_user(self, claims):
        User = get_user_model()
        email = claims["email"].strip()
        username = base = email[:150]
        suffix = 1
        while User.objects.filter(username__iexact=username).exists():
            suffix += 1
            username = f"{base[: 150 - len(str(suffix)) - 1]}-{suffix}"
        user = User(
            username=username,
            email=email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()
        user.save()
        return user


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer; a refused sign-on goes back to /inloggen with a message."""

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggen met uw organisatieaccount is niet gelukt. Probeer het opnieuw, of log "
                "in met uw gebruikersnaam en wachtwoord."
            ),
        )
        return super().login_failure()


def provider_logout_url(request) -> str:
    """Where logging out leads: the provider's end_session_endpoint when the person signed on
    there and the provider has one (so its session ends too), otherwise Koers's home page."""
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return home
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(home),
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


def urlpatterns():
    """The routes that exist only when sign-on is configured; put before Koers's own logout."""
    return [
        path(
            "oidc/authenticate/",
            OIDCAuthenticationRequestView.as_view(),
            name="oidc_authentication_init",
        ),
        path("oidc/callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
        path("uitloggen", OIDCLogoutView.as_view(), name="logout"),
    ]
