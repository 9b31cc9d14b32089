"""Shared fixtures: one programme with a family, and a persona for every role.

Every view with access rules is tried with each persona (see CONTRIBUTING.md, "Tests").
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)


@dataclass
class World:
    programme: object
    family: object
    organisation: object
    other_organisation: object
    office: object
    coordinator: object
    contributor: object
    council_member: object
    reviewer: object
    outsider: object

    def personas(self):
        """(name, user) for every role, with the public as None."""
        return [
            ("office", self.office),
            ("coordinator", self.coordinator),
            ("contributor", self.contributor),
            ("council_member", self.council_member),
            ("reviewer", self.reviewer),
            ("outsider", self.outsider),
            ("public", None),
        ]


# Fixtures shared by the tests of several apps.
pytest_plugins = ["koers.agenda.tests.fixtures"]

TEST_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Just before pytest-django creates the test database: take the migrated one from the
    copy kept under VAR_DIR when there is one (koers/core/tests/database.py)."""
    from django.core import management

    from koers.core.tests.database import migrate_from_copy

    management.call_command = migrate_from_copy(management.call_command)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, with the copy of the migrated database put away again once it is made:
    a test that migrates migrates for real."""
    from django.core import management

    management.call_command = getattr(
        management.call_command, "__wrapped__", management.call_command
    )
    yield


@pytest.fixture(autouse=True)
def test_settings(settings):
    # The production hasher is slow on purpose; tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once in tests; one test drives the real database worker explicitly.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Memory is enough in one test process; production shares counters through the database or
    # Redis (koers/core/tests/test_it_shares_the_cache_between_processes.py proves it).
    settings.CACHES = TEST_CACHES
    # WhiteNoise reads the headers of every static file each time a middleware chain is built,
    # which a test client does on its first request: a quarter of the suite's time. Looking a
    # file up when it is asked for, as in development, serves the same files with the same
    # headers.
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def world(db):
    programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
    family = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
    organisation = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
    other = OrganisationFactory(code="gm0363", official_name="gemeente Amsterdam")

    def person(username, kind=None, **scope):
        user = UserFactory(username=username)
        if kind:
            RoleFactory(user=user, programme=programme, kind=kind, **scope)
        return user

    return World(
        programme=programme,
        family=family,
        organisation=organisation,
        other_organisation=other,
        office=person("bureau", RoleKind.OFFICE),
        coordinator=person("coordinator", RoleKind.COORDINATOR, family=family),
        contributor=person("bijdrager", RoleKind.CONTRIBUTOR, organisation=organisation),
        council_member=person("regieraad", RoleKind.COUNCIL_MEMBER),
        reviewer=person("meelezer", RoleKind.REVIEWER),
        outsider=person("buitenstaander"),
    )


@pytest.fixture
def client_for():
    """A test client logged in as `user` (anonymous for None)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, except that the demo's test modules go to one worker, one after the
    other: they share one loaded demo per package (koers/demo/tests/conftest.py), which would
    otherwise be loaded again each time a worker came back to the package."""
    from xdist.scheduler import LoadFileScheduling

    class DemoTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "koers/demo/tests" if path.startswith("koers/demo/tests/") else path

    return DemoTogether(config, log)
