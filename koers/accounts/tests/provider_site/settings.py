"""A small OpenID Connect provider (django-oidc-provider) for the sign-on tests.

Not part of Koers: serve.py runs it in a process of its own, on 127.0.0.1 and a free port.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "provider-site-for-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
SITE_URL = os.environ["PROVIDER_URL"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "koers.accounts.tests.provider_site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PROVIDER_DATABASE"]}
}
# Tables straight from the models (quicker to start than running every migration).
MIGRATION_MODULES = {app: None for app in ["auth", "contenttypes", "sessions", "oidc_provider"]}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LOGIN_URL = "/login/"
OIDC_USERINFO = "koers.accounts.tests.provider_site.settings.userinfo"


def userinfo(claims, user):
    claims["email"] = user.email
    # The test's accounts named "unverified…" have an address the provider did not verify.
    claims["email_verified"] = not user.username.startswith("unverified")
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
