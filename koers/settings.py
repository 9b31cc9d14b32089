"""Koers settings: one module, read from the environment, SQLite by default.

Defaults are chosen so that one can check out the code and run it; production sets
DATABASE_URL, SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and the https settings at the end of this file
(docs/operator-guide.md lists them).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KOERS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "koers-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = envbool("DEBUG", "1")
# The development key is public (it is in this file): with it anyone can sign sessions and mail
# links. Refuse to run in production on it rather than warn in a log nobody reads.
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is not set (Koers would use the public development key). "
        "Set SECRET_KEY to 50 random characters, for example the output of "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`, "
        "or set DEBUG=1 on a development machine."
    )
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # Before django_tasks_db: its `db_worker` command is replaced by koers.core's, which adds
    # heartbeats and gives the tasks of dead workers back to the queue.
    "koers.core",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # The apps in the order of the cycle; each imports only those above it (see
    # docs/adr/0011-apps-follow-the-cycle.md and the contract in pyproject.toml).
    "koers.organisations",
    "koers.accounts",
    "koers.agenda",
    "koers.consultation",
    "koers.synthesis",
    "koers.drafting",
    "koers.council",
    "koers.elaboration",
    "koers.monitoring",
    "koers.news",
    "koers.documents",
    "koers.api",
    "koers.transfer",
    # Last: the demo (and `koers run`) may use every app above, and nothing uses it.
    "koers.demo",
]

MIDDLEWARE = [
    "koers.core.middleware.healthz_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "koers.core.middleware.private_cache_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.core.middleware.language_middleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "koers.api.middleware.api_version_middleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "koers" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.core.context_processors.navigation",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; DATABASE_URL selects PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'koers.sqlite3'}", conn_max_age=envint("CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # A 64 MB page cache and memory-mapped reads: the overviews aggregate over 100,000
            # rows, and SQLite's default 2 MB cache rereads index pages from disk for each.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
            ),
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out login before any password is checked (see "Login lockout").
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first; English through the same gettext catalogues.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "koers" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# koers/static holds the project-wide layout and the vendored NL Design System files.
STATICFILES_DIRS = [BASE_DIR / "koers" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

# Development mail lands as files under var/mail/; production sets EMAIL_BACKEND and SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Koers <koers@example.org>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Every task worker writes a heartbeat this often (seconds); so does a synthesis run while it works.
TASK_HEARTBEAT_SECONDS = envint("TASK_HEARTBEAT_SECONDS", 10)
# A worker without a heartbeat for this long is dead: the tasks it claimed go back to the queue
# (at most three attempts each), and /readyz answers 503 when no worker is alive.
TASK_WORKER_TIMEOUT = envint("TASK_WORKER_TIMEOUT", 60)
# A synthesis run without a heartbeat for this long is marked failed, so a new one can start.
SYNTHESIS_RUN_TIMEOUT = envint("SYNTHESIS_RUN_TIMEOUT", 120)

# The default cache holds the rate-limit counters, so every server process must see the same one:
# Redis when REDIS_URL is set, otherwise a table in the database (made by `koers migrate`, see
# koers/core/apps.py; koers/core/cache.py makes its increments safe between processes). Never
# per-process memory: two gunicorn workers would each count alone.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "koers.core.cache.CountingDatabaseCache",
            "LOCATION": "koers_cache",
            # Counters per client address and minute: room for many clients before culling.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "koers.api.pagination.LinkHeaderPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "koers.core.problems.problem_exception_handler",
    "NON_FIELD_ERRORS_KEY": "nonFieldErrors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": (
        "Programmes, families, organisations and facilities of Koers, read-only and public. "
        "Follows the NL API Design Rules: collections are paginated with `page` and `pageSize` "
        "and announce their pages in a `Link` header; every response carries `API-Version`; "
        "errors are problem details (`application/problem+json`), with `invalidParams` for "
        "query parameters that were not accepted."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {"name": "Koers", "email": "koers@example.org", "url": "https://example.org/koers"},
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    # An https site is named in full; otherwise (development) the path alone, relative to wherever
    # the document was fetched, rather than advertising a plain-http server.
    "SERVERS": [
        {
            "url": f"{SITE_URL}/api/v1" if SITE_URL.startswith("https://") else "/api/v1",
            "description": "Koers",
        }
    ],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "CAMELIZE_NAMES": True,
    "TAGS": [
        {"name": "programmes", "description": "Programmes and their families of organisations."},
        {"name": "organisations", "description": "The register of government organisations."},
        {"name": "facilities", "description": "Common portals and building blocks."},
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "koers.organisations.constants.Kind",
        "FacilityKindEnum": "koers.organisations.constants.FacilityKind",
        "SuccessionKindEnum": "koers.organisations.constants.SuccessionKind",
        "AdoptionStateEnum": "koers.organisations.constants.AdoptionState",
        "CustomerGroupEnum": "koers.organisations.constants.CustomerGroup",
        "ServiceDomainEnum": "koers.organisations.constants.ServiceDomain",
        "CountryEnum": "koers.organisations.countries.COUNTRY_CODES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.api.schema.document_shared_behaviour",
    ],
}

# The demo creates one account per role; this password is printed in the README.
DEMO_PASSWORD = os.environ.get("KOERS_DEMO_PASSWORD", "koers-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Reader-reviewers, newsletter and public forms (koers.consultation) ---
# How long reviewers' personal data is kept after their programme's consultation closed;
# `koers purge-reviewers` anonymises them afterwards.
REVIEWER_RETENTION_DAYS = envint("REVIEWER_RETENTION_DAYS", 365)
# E-mail links (confirm, log in) expire after this many seconds; unconfirmed sign-ups and spent
# links older than this are deleted by the same command.
EMAIL_TOKEN_MAX_AGE = envint("EMAIL_TOKEN_MAX_AGE", 3 * 24 * 3600)
# A newsletter address that unsubscribed is deleted this many days later, with its delivery
# records (`koers purge-subscribers`, koers.news).
NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS = envint("NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS", 30)
# Import files wait under VAR_DIR/imports between the check and the confirmation; `koers
# purge-imports` removes the ones never confirmed after this many hours.
IMPORT_UPLOAD_RETENTION_HOURS = envint("IMPORT_UPLOAD_RETENTION_HOURS", 48)
# Public forms: posts per client address (django-ratelimit syntax, e.g. "5/m"), and the fewest
# seconds a person takes between seeing a form and sending it (faster is a bot).
PUBLIC_FORM_RATE = os.environ.get("PUBLIC_FORM_RATE", "5/m")
REACTION_RATE = os.environ.get("REACTION_RATE", "30/m")
PUBLIC_FORM_MIN_SECONDS = envint("PUBLIC_FORM_MIN_SECONDS", 3)
# Counters live in the default cache: Redis when REDIS_URL is set, so all app servers count
# together. Behind a proxy, name the header that carries the client address.
# One function reads it (koers.core.middleware.client_address), for the rate limits and the login
# lockout alike; a request without the header is counted by REMOTE_ADDR rather than refused.
CLIENT_IP_HEADER = os.environ.get("RATELIMIT_IP_META_KEY", "")
RATELIMIT_IP_META_KEY = "koers.core.middleware.client_address"

# --- HTTPS, cookies and the Content-Security-Policy (docs/operator-guide.md, "Production") ---
# Off by default so that `make run` works over plain http on a developer's machine; the operator
# guide lists the production values, and `koers check --deploy` gives no warnings with them.
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "0")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "0")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
# Behind a proxy that terminates TLS, the header by which it says the request came over https
# (as Django spells it, e.g. HTTP_X_FORWARDED_PROTO). The proxy must set it itself.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")

# Scripts and styles only from files Koers serves itself: no inline <script>, <style> or style
# attribute (htmx's own indicator style is switched off in base.html). An injected tag runs nowhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the empty icon in base.html.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Login lockout (django-axes) ---
# Password logins, on /inloggen and /beheer/ alike, are refused for AXES_COOLOFF_MINUTES after
# AXES_FAILURE_LIMIT failures for one user name from one client address. Per pair, so that
# somebody guessing at an account cannot lock its owner out from elsewhere.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "koers.core.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# The client address as the rate limits see it (RATELIMIT_IP_META_KEY behind a proxy).
AXES_CLIENT_IP_CALLABLE = "koers.core.middleware.client_address"
# Successful logins are not recorded: an address and browser per login is personal data Koers
# does not need.
AXES_DISABLE_ACCESS_LOG = True

# --- Sign-on with an organisation account (OpenID Connect, optional) ---
# Off unless OIDC_RP_CLIENT_ID is set. Then /inloggen also offers "Inloggen met uw
# organisatieaccount" (mozilla-django-oidc; see docs/adr/0016-sign-on-roles-stay-in-koers.md):
# authorization code flow with PKCE, state and nonce, an RS256 ID token checked against the
# provider's JWKS. A person is matched by verified e-mail address, or created without roles:
# roles are granted in Koers only, never by the provider.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    _oidc_required = [
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_ISSUER",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ]
    _oidc_missing = [name for name in _oidc_required if not os.environ.get(name)]
    if _oidc_missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so sign-on with an organisation account is on, but "
            f"{', '.join(_oidc_missing)} {'is' if len(_oidc_missing) == 1 else 'are'} not set. "
            "Set them from the provider's /.well-known/openid-configuration "
            '(docs/operator-guide.md, "Sign-on with an organisation account").'
        )
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    # The ID token's `iss` and `aud` are checked against these (koers.accounts.oidc).
    OIDC_OP_ISSUER = os.environ["OIDC_OP_ISSUER"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    # The provider's end_session_endpoint, when it has one: logging out of Koers then also ends
    # the session at the provider.
    OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_USE_PKCE = True
    OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
    OIDC_USE_NONCE = True
    OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10)
    # Kept in the session only to name it to the provider's end_session_endpoint at logout.
    OIDC_STORE_ID_TOKEN = True
    OIDC_OP_LOGOUT_URL_METHOD = "koers.accounts.oidc.provider_logout_url"
    AUTHENTICATION_BACKENDS.append("koers.accounts.oidc.OrganisationAccountBackend")
