"""Koers's routes as they are with sign-on configured (koers/urls.py adds these when
OIDC_RP_CLIENT_ID is set at start-up; a test cannot restart, so it points ROOT_URLCONF here)."""

from koers import urls as koers_urls
from koers.accounts import oidc

urlpatterns = oidc.urlpatterns() + koers_urls.urlpatterns
handler400 = koers_urls.handler400
handler403 = koers_urls.handler403
handler404 = koers_urls.handler404
handler500 = koers_urls.handler500
