"""Koers settings: one module, read from the environment, SQLite by default.

Defaults are chosen so that one can check out the code and run it; production sets
DATABASE_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
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


SECRET_KEY = os.environ.get("SECRET_KEY", "koers-development-key-not-for-production")
DEBUG = envbool("DEBUG", "1")
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
    "django_tasks",
    "django_tasks_db",
    "koers.core",
    "koers.organisations",
    "koers.accounts",
    "koers.consultation",
    "koers.synthesis",
    "koers.agenda",
    "koers.documents",
    "koers.api",
]

MIDDLEWARE = [
    "koers.core.middleware.healthz_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if not os.environ.get("REDIS_URL")
        else "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "koers"),
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
    "EXCEPTION_HANDLER": "koers.api.problems.problem_exception_handler",
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
if os.environ.get("RATELIMIT_IP_META_KEY"):
    RATELIMIT_IP_META_KEY = os.environ["RATELIMIT_IP_META_KEY"]
