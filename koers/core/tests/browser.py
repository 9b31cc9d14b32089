"""The browser harness of the accessibility tests: Debian's Chromium, axe-core, a live server.

A test module loads it with `pytest_plugins = ["koers.core.tests.browser"]`, which gives it the
`browser` and `visitor` fixtures, and defines a module-scoped `site` fixture of its own: a dict
with at least the server's "url", made with `serve()`. Chromium never comes from a download.

Each module loads its data once and shares it between its tests. pytest-django's `live_server`
fixture would put every test in `transactional_db`, which flushes the database after each test,
so `serve()` starts the same live server class itself and flushes once when the module is done.

The modules import the helpers before `pytest_plugins` is read, too late for pytest to rewrite
the asserts here; they carry their own messages instead (PYTEST_DONT_REWRITE).
"""

import json
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core import management
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from .database import migrate_from_copy

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The browser logs in with the accounts a module makes: a fast hasher will do.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The password of the accounts the modules make with UserFactory.
PASSWORD = "geheim-wachtwoord"


def is_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name == ":memory:" or name.startswith("test_")


@contextmanager
def own_test_database(django_db_blocker):
    """The test database, whatever else was collected.

    pytest-django creates it only when a collected test asks for it. The modules share one
    module's data and load it outside any test; should the database not be set up for them, they
    set it up themselves rather than write to (and flush) the development database.
    """
    if is_test_database():
        yield
        return
    call_command = management.call_command
    # Migrated from the kept copy, as pytest-django's own setup does (koers/conftest.py).
    management.call_command = migrate_from_copy(call_command)
    try:
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    finally:
        management.call_command = call_command
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@contextmanager
def serve(django_db_blocker, **overrides):
    """A live server on the test database, open to the module for as long as it runs.

    The database stays unblocked throughout: the module loads its data in it, and the server
    thread reads it while the browser waits. When the module is done the server stops and the
    database is flushed. `overrides` are settings for the module, on top of the fast hasher.
    """
    with own_test_database(django_db_blocker), django_db_blocker.unblock():
        assert is_test_database(), f"not a test database: {connection.settings_dict['NAME']}"
        settings = override_settings(**{"PASSWORD_HASHERS": FAST_HASHERS, **overrides})
        settings.enable()
        server = LiveServer("localhost")
        try:
            yield server.url
        finally:
            finish_requests()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # While Playwright's loop runs in this thread, Django keeps this thread's database
            # connections per context (asgiref's Local), so the one the module used is not
            # the one the session will close; left open, it kept PostgreSQL from dropping the
            # test database at the end. (SQLite in memory ignores the close.)
            connection.close()
            settings.disable()


def finish_requests(timeout: float = 5.0) -> None:
    """Wait for the live server's request threads, whose tabs are closed by now, to end.

    The server answers each connection in a thread of its own that it does not wait for, and on
    SQLite in memory those threads share this thread's database connection. A thread that ended
    after the server stopped closed that connection from the wrong thread (a warning in the
    report, under load), and one still querying while the module's data is flushed could
    break the flush.
    """
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture(scope="session")
def chromium():
    """Chromium, started once per test process by the first module that needs it.

    Starting Playwright's driver and the browser takes seconds; every module used to do it again.
    Each test opens a tab in a browser context of its own (`tab`), so nothing is shared between
    modules but the process. Playwright's sync API keeps an event loop in this thread, and Django
    refuses database work in a thread with a running loop. Nothing here awaits while the ORM runs
    (each test's transaction is opened and rolled back between browser calls), so the check is
    lifted for as long as the browser runs; no view of Koers is asynchronous.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's Chromium")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser(site, chromium):
    """The browser, once the module's data is loaded (`site`)."""
    return chromium


# What Chromium logs when the Content-Security-Policy refuses something, per tab.
_csp_violations: dict = {}


def watch_csp(page):
    """Record every Content-Security-Policy violation Chromium reports on the console."""
    found = _csp_violations.setdefault(page, [])

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", on_console)


def assert_no_csp_violations(page):
    """Nothing on the page was refused by the Content-Security-Policy since the last check.

    An inline script, <style> or style attribute would be: the policy allows neither, so what
    it refuses is a part of a page that does not work (settings.CONTENT_SECURITY_POLICY).
    """
    found = _csp_violations.get(page, [])
    violations, found[:] = list(found), []
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@contextmanager
def tab(browser, **options):
    """A tab of its own (a new browser context: no cookies), in Dutch."""
    page = browser.new_context(locale="nl-NL", **options).new_page()
    watch_csp(page)
    try:
        yield page
    finally:
        _csp_violations.pop(page, None)
        page.context.close()


@contextmanager
def logged_in(browser, site, username: str, password: str = PASSWORD):
    """A tab logged in as `username` through the login form, posted from the tab's own cookie
    jar without drawing the form and the page after it: the form itself is walked by the
    journeys and the refused logins, and drawing it for every other tab took a second each."""
    with tab(browser) as page:
        post_login(page, site, username, password)
        yield page


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def post_login(page, site, username: str, password: str = PASSWORD):
    """Log the tab in by posting the login form as the browser would (its token, its cookies);
    a refused login answers the form again, not a redirect."""
    url = site["url"] + reverse("login")
    form = page.context.request.get(url)
    token = CSRF_FIELD.search(form.text())
    assert token, f"no form token on {url}"
    answer = page.context.request.post(
        url,
        form={"csrfmiddlewaretoken": token[1], "username": username, "password": password},
        headers={"Referer": url},
        max_redirects=0,
    )
    assert answer.status == 302, f"logging in as {username} answered {answer.status}"


@pytest.fixture(scope="module")
def visitor(browser):
    """One anonymous tab for all public pages: the stylesheets are fetched once."""
    with tab(browser) as page:
        yield page


def open_page(page, url: str, *, status: int = 200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert_no_csp_violations(page)


def submit(page, selector: str = "form.koers-form button[type=submit]"):
    with page.expect_navigation():
        page.click(selector)


def log_in(page, site, username: str, password: str = PASSWORD, *, fails=False):
    open_page(page, site["url"] + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page)
    logged_in = page.locator("form.koers-logout").count() == 1
    assert logged_in != fails, f"logging in as {username} {'worked' if logged_in else 'failed'}"


def axe_violations(page) -> list[dict]:
    # Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
    if page.evaluate("typeof axe") == "undefined":
        page.evaluate(AXE.read_text())
    # Only violations are wanted, and the CSS selectors that name each node cost as much as the
    # checks on a long page: they are asked for again when there is something to report.
    fast = {"resultTypes": ["violations"], "selectors": False}
    if not page.evaluate(AXE_RUN, [WCAG_TAGS, fast]):
        return []
    return page.evaluate(AXE_RUN, [WCAG_TAGS, {"resultTypes": ["violations"]}])


AXE_RUN = """([tags, options]) => axe.run(document, {runOnly: {type: 'tag', values: tags}, ...options})
    .then(result => result.violations)"""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']!r}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_styled(page):
    """Contrast is only checked for real when the NL Design System stylesheets did load."""
    empty = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && !s.cssRules.length).map(s => s.href)"
    )
    assert not empty, f"stylesheets did not load on {page.url}: {empty}"


def assert_accessible(page):
    """The page is styled, keeps to the CSP and axe-core finds no WCAG 2.1 A/AA violations."""
    assert_styled(page)
    assert_no_csp_violations(page)
    violations = axe_violations(page)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
