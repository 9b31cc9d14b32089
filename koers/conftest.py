"""Shared fixtures: one programme with a family, and a persona for every role.

Every view with access rules is tried with each persona (see CONTRIBUTING.md, "Tests").
"""

import copy
import logging
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client, override_settings

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

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEST_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True, scope="session")
def quiet_refusals():
    """Django logs every 4xx answer as a warning, and pytest formats each record (a 403 or 404
    with its traceback) for the report of a test that passed. Thousands of refusals are what the
    access tests ask for; a server error is still logged (and shown when its test fails)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


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
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Tasks run at once in tests; one test drives the real database worker explicitly.
    settings.TASKS = IMMEDIATE_TASKS
    # Memory is enough in one test process; production shares counters through the database or
    # Redis (koers/core/tests/test_it_shares_the_cache_between_processes.py proves it).
    settings.CACHES = TEST_CACHES
    # A login writes its session; in memory that costs a dict entry instead of an INSERT inside
    # the test's transaction. What sessions hold is the same, and no code reads their table.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    # WhiteNoise reads the headers of every static file each time a middleware chain is built,
    # which a test client does on its first request: a quarter of the suite's time. Looking a
    # file up when it is asked for, as in development, serves the same files with the same
    # headers.
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def adopted_documents(request):
    """An adoption stores its documents (page, PDF and ODT, whole and per family, in every
    language) through the task queue, which runs at once in tests: seconds of WeasyPrint for
    each adoption, in every test that adopts a version. Only the tests marked
    `stores_documents` ask for that; the others still get any document they open, made on its
    first request (koers/documents/stored.py)."""
    if request.node.get_closest_marker("stores_documents"):
        yield
        return
    from koers.agenda.signals import version_moved
    from koers.documents import stored

    uid = "documents-store-adopted"
    version_moved.disconnect(dispatch_uid=uid)
    yield
    version_moved.connect(stored.on_version_moved, dispatch_uid=uid)


def build_world() -> World:
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


def _commits(item) -> bool:
    """Whether a test needs its writes committed: the database is flushed after it, so it
    cannot run inside a transaction of its module."""
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(item.fixturenames)
        or item.get_closest_marker("browser")
    )


def _uses_shared(item, name: str) -> bool:
    """Whether `item` asks for the fixture `name` defined here (not a module's own of that name)."""
    definitions = item._fixtureinfo.name2fixturedefs.get(name) or ()
    return bool(definitions) and definitions[-1].func.__module__ in SHARED_FIXTURE_MODULES


SHARED_FIXTURE_MODULES = {__name__, "koers.agenda.tests.fixtures"}


@pytest.fixture(scope="module")
def module_data(request, django_db_setup, django_db_blocker):
    """The world (and the agenda, when a test of the module asks for it), made once for the
    module in a transaction that is rolled back after its last test.

    Each test runs in a savepoint inside that transaction (pytest-django's `db`), so what a test
    writes is undone after it, as Django's `TestCase.setUpTestData` does; `world` and `agenda`
    give each test a deep copy of the objects, so what a test changes on them stays its own.
    Making them anew for each test took a fifth of the suite. A module with a test whose writes
    must be committed makes them per test, as before.
    """
    items = [i for i in request.session.items if i.module is request.module]
    if not any(_uses_shared(i, "world") for i in items) or any(_commits(i) for i in items):
        yield None
        return
    from koers.agenda.tests.fixtures import build_agenda

    # The database is open only while the objects are made and rolled back: in between, a test
    # of the module reaches it through pytest-django's `db` like any other (a test that does not
    # ask for it fails, instead of writing into the module's transaction past its savepoints).
    module_transaction = transaction.atomic()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with django_db_blocker.unblock():
            module_transaction.__enter__()
            world = build_world()
            needs_agenda = any(_uses_shared(i, "agenda") for i in items)
            agenda = build_agenda(world) if needs_agenda else None
        try:
            yield {"world": world, "agenda": agenda}
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                module_transaction.__exit__(None, None, None)


def add_to_module_data(request, module_data, django_db_blocker, name: str, build) -> bool:
    """Make `build(module_data)` once for the module, inside its transaction, and keep it in
    `module_data[name]`, so that each test gets its own copy of it with the world (`shared_copy`).
    For the data of a package's fixtures that every test of a module starts from (an analysed
    consultation, say); `request` is that of the module-scoped fixture that calls this.

    False, and nothing made, when the module makes its data per test (`module_data` is None) or
    when one of its tests that share the world does not ask for this fixture: it would find the
    data in its database.
    """
    if module_data is None:
        return False
    fixture = request.fixturename
    items = [i for i in request.session.items if i.module is request.module]
    if any(_uses_shared(i, "world") and fixture not in i.fixturenames for i in items):
        return False
    if name not in module_data:
        with (
            override_settings(PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS),
            django_db_blocker.unblock(),
        ):
            module_data[name] = build(module_data)
    return True


@pytest.fixture
def shared_copy(module_data, db):
    """This test's own copy of the module's objects (one copy, so `agenda.world is world`)."""
    return copy.deepcopy(module_data)


@pytest.fixture
def world(shared_copy) -> World:
    return shared_copy["world"] if shared_copy else build_world()


@pytest.fixture
def client_for():
    """A test client logged in as `user` (anonymous for None)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


# Modules whose parametrized tests are split by parameter into units of work of their own: the
# URL x role matrix requests every page as each persona, a fifth of the suite's time in one
# module, and the world it needs is made in less than half a second.
SPREAD_BY_PARAMETER = {"koers/accounts/tests/test_it_grants_each_role_its_urls.py"}


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, except that the demo's test modules go to one worker, one after the
    other: they share one loaded demo per package (koers/demo/tests/conftest.py), which would
    otherwise be loaded again each time a worker came back to the package. The modules of
    SPREAD_BY_PARAMETER go out as one unit per parameter."""
    from xdist.scheduler import LoadFileScheduling

    class DemoTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path.startswith("koers/demo/tests/"):
                return "koers/demo/tests"
            if path in SPREAD_BY_PARAMETER and nodeid.endswith("]"):
                return path + "[" + nodeid.rsplit("[", 1)[1]
            return path

    return DemoTogether(config, log)
