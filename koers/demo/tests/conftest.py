"""The demo, loaded once for all the tests of this package and rolled back after them.

Loading the real register and the default demo takes about ten seconds, so it happens once per
test process (pytest-xdist hands each worker the tests of a package one after the other). The
load runs in a transaction that stays open while the tests run; each test runs in a savepoint
inside it (pytest-django's `django_db`), so what a test adds is undone after it, and rolling the
load back leaves the database empty for the tests of other packages.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from koers.demo.consultation import DEFAULT_CONTRIBUTIONS
from koers.organisations.models import Programme

# The default demo: what people see first.
CONTRIBUTIONS = DEFAULT_CONTRIBUTIONS
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo programme in the test database (hence django_db_setup first), loaded as on a fresh
    install: `koers demo` imports the register itself when there is none."""
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demo", contributions=CONTRIBUTIONS, stdout=io.StringIO())
        yield Programme.objects.get(slug="digitaal-2017")
        transaction.set_rollback(True)
