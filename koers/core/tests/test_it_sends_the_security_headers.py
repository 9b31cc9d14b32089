"""Every page carries the Content-Security-Policy; pages with personal data are kept private.

(The API's JSON keeps the policy its own middleware sets, `frame-ancestors 'none'`.)
"""

import pytest
from django.conf import settings as django_settings

from koers.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


@pytest.mark.parametrize(
    "path,status",
    [
        ("/", 200),
        ("/inloggen", 200),
        ("/organisaties", 200),
        ("/beheer/login/", 200),
        ("/bestaat-niet", 404),
    ],
)
def test_it_sends_a_policy_without_inline_scripts_or_styles(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_it_sends_the_policy_to_logged_in_users(client, world):
    client.force_login(world.office)
    response = client.get(world.programme.get_absolute_url())
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_it_leaves_public_pages_to_anonymous_visitors_cacheable(client):
    response = client.get("/organisaties")
    assert "private" not in cache_control(response)
    assert "no-store" not in cache_control(response)


@pytest.mark.parametrize("path", ["/", "/organisaties", "/api/v1/organisations"])
def test_it_keeps_pages_to_logged_in_users_private(client, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_it_keeps_a_request_with_a_session_private(client):
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "een-sessie"
    assert {"private", "no-store"} <= cache_control(client.get("/organisaties"))


def test_it_keeps_the_answer_to_a_login_private(client):
    """The response that sets the session cookie is itself personal."""
    UserFactory(username="iemand")
    response = client.post("/inloggen", {"username": "iemand", "password": "geheim-wachtwoord"})
    assert response.status_code == 302
    assert django_settings.SESSION_COOKIE_NAME in response.cookies
    assert {"private", "no-store"} <= cache_control(response)


def test_it_redirects_to_https_and_sends_hsts_behind_a_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/organisaties", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/organisaties"
    response = client.get("/organisaties", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
