"""Password logins lock after AXES_FAILURE_LIMIT failures per user name and client address.

Both password logins are tried: the site's (/inloggen) and the admin's (/beheer/login/).
"""

import pytest

from koers.organisations.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord"
LOGINS = {"site": "/inloggen", "admin": "/beheer/login/"}
LOCKED = "Inloggen tijdelijk geblokkeerd"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    # The admin login asks for staff; the site login for any account.
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def user():
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


def attempt(client, login: str, username: str, password: str, address: str = "10.0.0.1", **meta):
    return client.post(
        LOGINS[login], {"username": username, "password": password}, REMOTE_ADDR=address, **meta
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, login: str, times: int, username: str = "beheerder", **kwargs):
    """`times` wrong passwords; the one that reaches the limit already gets the lockout page."""
    for _ in range(times):
        response = attempt(client, login, username, "fout", **kwargs)
    return response


@pytest.mark.parametrize("login", LOGINS)
def test_it_locks_the_account_from_that_address(client, user, limit, login):
    assert fail(client, login, limit - 1).status_code == 200, "the form again, with its error"
    assert fail(client, login, 1).status_code == 429
    # Now even the right password is refused, with a page that says why and for how long.
    response = attempt(client, login, "beheerder", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    text = response.content.decode()
    assert LOCKED in text
    assert "te vaak een verkeerd wachtwoord" in text
    assert "Probeer het over 15 minuten opnieuw" in text
    assert response["Retry-After"] == "900"


@pytest.mark.parametrize("login", LOGINS)
def test_it_lets_in_before_the_limit(client, user, limit, login):
    fail(client, login, limit - 1)
    attempt(client, login, "beheerder", PASSWORD)
    assert logged_in(client)


@pytest.mark.parametrize("login", LOGINS)
def test_it_locks_per_user_name_and_address(client, user, limit, login):
    """A stranger guessing at an account does not lock its owner out elsewhere."""
    UserFactory(username="ander", is_staff=True)
    fail(client, login, limit)
    # The same address with another user name, and the same user name from another address.
    assert attempt(client, login, "ander", "fout").status_code == 200
    attempt(client, login, "beheerder", PASSWORD, address="10.0.0.2")
    assert logged_in(client)


def test_it_counts_both_logins_together(client, user, limit):
    fail(client, "site", limit - 1)
    fail(client, "admin", 1)
    assert attempt(client, "site", "beheerder", PASSWORD).status_code == 429


def test_it_forgets_the_failures_after_a_login(client, user, limit):
    fail(client, "site", limit - 1)
    attempt(client, "site", "beheerder", PASSWORD)
    assert logged_in(client)
    client.logout()
    fail(client, "site", limit - 1)
    attempt(client, "site", "beheerder", PASSWORD)
    assert logged_in(client)


def test_it_lifts_the_lockout_after_the_cool_off(client, user, limit, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    fail(client, "site", limit)
    assert attempt(client, "site", "beheerder", PASSWORD).status_code == 429
    # As if the last failure were longer ago than the cool-off time.
    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=long_ago)
    attempt(client, "site", "beheerder", PASSWORD)
    assert logged_in(client)


def test_it_takes_the_address_from_the_proxys_header(client, user, limit, settings):
    """Behind a proxy every request comes from its address; the header tells clients apart."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    fail(client, "site", limit, HTTP_X_REAL_IP="192.0.2.7")
    assert (
        attempt(client, "site", "beheerder", PASSWORD, HTTP_X_REAL_IP="192.0.2.7").status_code
        == 429
    )
    # Another client behind the same proxy is not locked out.
    attempt(client, "site", "beheerder", PASSWORD, HTTP_X_REAL_IP="192.0.2.8")
    assert logged_in(client)
