"""Sign-on with an organisation account, against a real OpenID Connect provider.

The provider (django-oidc-provider, koers/accounts/tests/provider_site) runs in a process of its
own on 127.0.0.1; the test logs in there over HTTP as the person's browser would, and Koers
exchanges the code at the provider's token endpoint and checks the ID token with its JWKS.
"""

import json
import runpy
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from koers.accounts.models import Role, RoleKind

pytest.importorskip(
    "mozilla_django_oidc", reason="mozilla-django-oidc is not installed (pip install -e '.[dev]')"
)
pytest.importorskip(
    "oidc_provider",
    reason="django-oidc-provider, the test's OpenID Connect provider, is not installed "
    "(pip install -e '.[dev]')",
)

CLIENT_ID = "koers"
CLIENT_SECRET = "koers-client-secret"
PEOPLE = [
    {
        "username": "ambtenaar",
        "password": "pw-ambtenaar",
        "email": "a.ambtenaar@example.nl",
        "first_name": "Anna",
        "last_name": "Ambtenaar",
    },
    {"username": "collega", "password": "pw-collega", "email": "Collega@Utrecht.example.nl"},
    {"username": "unverified", "password": "pw-unverified", "email": "onbekend@example.nl"},
]
PASSWORDS = {person["username"]: person["password"] for person in PEOPLE}


@pytest.fixture(scope="module", autouse=True)
def provider_process():
    """Started first, so the provider starts while the test database and `world` are made."""
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": "http://testserver/oidc/callback/",
        "post_logout_redirect_uri": "http://testserver/",
        "people": PEOPLE,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "koers.accounts.tests.provider_site.serve", json.dumps(config)],
        cwd=Path(django_settings.BASE_DIR),
        stdout=subprocess.PIPE,
        text=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def provider(provider_process):
    """The provider's address, once it answers."""
    line = provider_process.stdout.readline()
    assert line, "the OpenID Connect provider did not start"
    return json.loads(line)["url"]


@pytest.fixture
def sign_on(settings, provider):
    """Koers with sign-on configured as the operator guide says, for the provider above."""
    # OIDC_ENABLED stays as it is: koers/urls.py reads it once, and the routes come from
    # ROOT_URLCONF below.
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{provider}/end-session"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
    settings.OIDC_USE_NONCE = True
    settings.OIDC_TIMEOUT = 10
    settings.OIDC_STORE_ID_TOKEN = True
    settings.OIDC_OP_LOGOUT_URL_METHOD = "koers.accounts.oidc.provider_logout_url"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "koers.accounts.oidc.OrganisationAccountBackend",
    ]
    settings.ROOT_URLCONF = "koers.accounts.tests.oidc_urls"
    return provider


class _Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


def log_in_at_provider(authorize_url: str, username: str) -> str:
    """What the person does in the browser: open the provider's page, log in there, and be
    sent back. Returns the address the provider sends the browser back to."""
    browser = requests.Session()
    answer = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    login_page = urljoin(authorize_url, answer.headers["Location"])
    form = _Form()
    form.feed(browser.get(login_page, timeout=10).text)
    form.fields.update(username=username, password=PASSWORDS[username])
    answer = browser.post(login_page, data=form.fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    answer = browser.get(urljoin(login_page, answer.headers["Location"]), allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def sign_on_as(client, username: str, provider: str):
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{provider}/authorize?")
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    back = log_in_at_provider(authorize, username)
    assert back.startswith("http://testserver/oidc/callback/?code=")
    return client.get(back)


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


@pytest.mark.django_db
def test_it_signs_on_with_no_role_until_the_office_grants_one(client, world, sign_on):
    login_page = client.get(reverse("login"))
    assert "Inloggen met uw organisatieaccount" in login_page.content.decode()

    answer = sign_on_as(client, "ambtenaar", sign_on)

    assert answer.status_code == 302 and answer["Location"] == reverse("home")
    user = logged_in_user(client)
    assert (user.username, user.email, user.first_name) == (
        "a.ambtenaar@example.nl",
        "a.ambtenaar@example.nl",
        "Anna",
    )
    assert not user.has_usable_password()
    assert not Role.objects.filter(user=user).exists()
    moderation = reverse("consultation:contribution-moderation", args=[world.programme.slug])
    assert client.get(moderation).status_code == 403

    Role.objects.create(user=user, programme=world.programme, kind=RoleKind.OFFICE)

    assert client.get(moderation).status_code == 200


@pytest.mark.django_db
def test_it_links_an_existing_local_account_by_its_email(client, world, sign_on):
    world.contributor.email = "collega@utrecht.example.nl"
    world.contributor.save()
    accounts = get_user_model().objects.count()

    sign_on_as(client, "collega", sign_on)

    assert logged_in_user(client) == world.contributor
    assert get_user_model().objects.count() == accounts
    # Its roles are those granted in Koers, untouched by the sign-on.
    assert list(world.contributor.roles.values_list("kind", flat=True)) == [RoleKind.CONTRIBUTOR]


@pytest.mark.django_db
def test_it_refuses_an_address_the_provider_did_not_verify(client, sign_on):
    accounts = get_user_model().objects.count()

    answer = sign_on_as(client, "unverified", sign_on)

    assert answer.status_code == 302 and answer["Location"] == reverse("login")
    assert logged_in_user(client) is None
    assert get_user_model().objects.count() == accounts
    assert (
        "Inloggen met uw organisatieaccount is niet gelukt"
        in client.get(reverse("login")).content.decode()
    )


@pytest.mark.django_db
def test_it_refuses_a_wrong_state(client, sign_on):
    authorize = client.get(reverse("oidc_authentication_init"))["Location"]
    back = log_in_at_provider(authorize, "ambtenaar")
    code = parse_qs(urlsplit(back).query)["code"][0]

    answer = client.get(reverse("oidc_authentication_callback"), {"code": code, "state": "vals"})

    assert answer.status_code == 400
    assert logged_in_user(client) is None


@pytest.mark.django_db
def test_it_logs_out_of_koers_and_of_the_provider(client, sign_on):
    sign_on_as(client, "ambtenaar", sign_on)

    answer = client.post(reverse("logout"))

    assert logged_in_user(client) is None
    assert answer.status_code == 302
    end_session = urlsplit(answer["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == (
        f"{sign_on}/end-session"
    )
    query = parse_qs(end_session.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["id_token_hint"][0]


@pytest.mark.django_db
def test_it_offers_no_sign_on_when_it_is_not_configured(client):
    assert "organisatieaccount" not in client.get(reverse("login")).content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404


@pytest.mark.django_db
def test_it_refuses_an_id_token_from_another_issuer(client, settings, sign_on):
    settings.OIDC_OP_ISSUER = "https://login.elders.example.org"

    answer = sign_on_as(client, "ambtenaar", sign_on)

    # Refused as a forged token is (the security log names the issuer), like a wrong state.
    assert answer.status_code == 400
    assert logged_in_user(client) is None


OIDC_ENVIRONMENT = {
    "OIDC_RP_CLIENT_ID": "koers",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_ISSUER": "https://login.example.nl",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.nl/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.nl/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.nl/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.nl/jwks",
}


def read_settings(monkeypatch, tmp_path, **environ) -> dict:
    """koers/settings.py executed afresh with these sign-on variables (and no others)."""
    for name in [*OIDC_ENVIRONMENT, "OIDC_OP_LOGOUT_ENDPOINT", "OIDC_RP_SCOPES"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KOERS_VAR_DIR", str(tmp_path))
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(django_settings.BASE_DIR) / "koers" / "settings.py"))


def test_it_is_off_without_a_client_id(monkeypatch, tmp_path):
    read = read_settings(monkeypatch, tmp_path)

    assert read["OIDC_ENABLED"] is False
    assert not any("oidc" in backend for backend in read["AUTHENTICATION_BACKENDS"])


def test_it_turns_on_with_pkce_nonce_and_rs256(monkeypatch, tmp_path):
    read = read_settings(monkeypatch, tmp_path, **OIDC_ENVIRONMENT)

    assert read["OIDC_ENABLED"] is True
    assert read["AUTHENTICATION_BACKENDS"][-1] == "koers.accounts.oidc.OrganisationAccountBackend"
    assert read["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert (read["OIDC_USE_PKCE"], read["OIDC_USE_NONCE"], read["OIDC_RP_SIGN_ALGO"]) == (
        True,
        True,
        "RS256",
    )


def test_it_names_what_is_missing_when_half_configured(monkeypatch, tmp_path):
    environ = dict(OIDC_ENVIRONMENT)
    del environ["OIDC_OP_JWKS_ENDPOINT"], environ["OIDC_OP_ISSUER"]

    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_ISSUER, OIDC_OP_JWKS_ENDPOINT are"):
        read_settings(monkeypatch, tmp_path, **environ)


@pytest.mark.django_db
def test_it_locks_sign_on_from_an_address_after_refused_ones(client, settings, sign_on):
    settings.AXES_FAILURE_LIMIT = 1
    sign_on_as(client, "unverified", sign_on)

    answer = sign_on_as(client, "ambtenaar", sign_on)

    assert answer.status_code == 429
    assert logged_in_user(client) is None
