"""Production settings come from the environment, and the operator guide's set passes Django's
deployment checks.

koers/settings.py is executed afresh with an environment of the test's choosing (runpy), so
nothing here changes the settings the rest of the suite runs with.
"""

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "koers" / "settings.py"
GUIDE = ROOT / "docs" / "operator-guide.md"
# Variables that would leak from the machine's environment into the settings read here.
READ = [
    "DEBUG",
    "SECRET_KEY",
    "REDIS_URL",
    "DATABASE_URL",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
]


@pytest.fixture
def read_settings(monkeypatch, tmp_path):
    """Execute koers/settings.py with exactly the given variables set; its names as a dict."""

    def read(**environ) -> dict:
        for name in READ:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("KOERS_VAR_DIR", str(tmp_path))
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return read


def guide_environment() -> dict[str, str]:
    """The variables of the operator guide's production environment file, as written there."""
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"```sh\n# /etc/koers/env\n(.*?)```", text, re.S)
    assert block, "docs/operator-guide.md has no ```sh block that starts with # /etc/koers/env"
    pairs = [line.split("=", 1) for line in block.group(1).splitlines() if "=" in line]
    return {name.strip(): value.strip() for name, value in pairs if not name.startswith("#")}


def test_it_refuses_the_development_key_without_debug(read_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        read_settings(DEBUG="0")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        read_settings(DEBUG="0", SECRET_KEY="")


def test_it_runs_on_the_development_key_with_debug(read_settings):
    assert read_settings()["DEBUG"] is True
    assert read_settings(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))["DEBUG"] is False


def test_it_leaves_https_off_for_a_development_machine(read_settings):
    values = read_settings()
    assert not values["SESSION_COOKIE_SECURE"] and not values["CSRF_COOKIE_SECURE"]
    assert not values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in values


def test_it_reads_https_and_cookies_from_the_environment(read_settings):
    values = read_settings(
        SESSION_COOKIE_SECURE="1",
        CSRF_COOKIE_SECURE="1",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_it_allows_no_inline_script_or_style(read_settings):
    directives = read_settings()["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert not any("unsafe" in source for sources in directives.values() for source in sources)


def test_it_never_counts_in_the_memory_of_one_process(read_settings):
    """Rate limits count in a cache every server process shares: the database, or Redis."""
    default = read_settings()["CACHES"]["default"]
    assert default["BACKEND"] == "koers.core.cache.CountingDatabaseCache"
    redis = read_settings(REDIS_URL="redis://cache.example.org:6379/0")["CACHES"]["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.example.org:6379/0"


def test_it_passes_the_deployment_checks_with_the_operator_guides_variables(tmp_path):
    """`koers check --deploy` with the guide's production environment: not one warning."""
    environ = guide_environment()
    assert environ.get("DEBUG") == "0"
    # The guide cannot print a key; every operator makes their own.
    environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in READ and not name.startswith(("DJANGO_", "KOERS_"))
    }
    env.update(environ, KOERS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="koers.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output, output
