"""The URL x role matrix: every URL of Koers, requested by every persona, against one table.

The URLs come from the resolver, so a new URL without a row in koers/accounts/tests/url_matrix.py
fails here, as does a row for a URL that no longer exists. Each URL is filled with real objects
of one world (matrix_world.py) and requested with GET by eight personas; every link on a page
that opened is followed by the same persona, and must open too. Every URL that takes a form is
then POSTed by every persona that may not change it, which must be refused and must change
nothing in the database.

One world for the module, and one test per question and persona that collects every mismatch
and reports them as one table (URL, persona, expected, got): about 2,100 GETs, 1,300 links and
600 POSTs, instead of a test per request. Each persona's tests are a unit of work of their own
for the test workers (koers/conftest.py), so that the personas are requested side by side.
"""

import functools
import hashlib
import inspect
import re
import time
from collections import defaultdict
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, path, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.views.decorators.http import require_POST

from . import url_matrix
from .matrix_world import (
    ADMIN,
    ANONYMOUS,
    OFFICE,
    OTHER_OFFICE,
    PERSONAS,
    build_world,
    url_arguments,
)

# The admin (/beheer/) is Django's own, with its own tests: only its front door is in the
# matrix. Unnamed routes (the API's catch-all 404, the admin's) cannot be reversed.
ADMIN_ROUTES = {"admin:index", "admin:login"}
# A form that reaches these answers with a refusal; anything else from a persona that may not
# change the object is a mismatch.
REFUSALS = {"login", "403", "404", "405"}
# Where a refused visitor is asked to log in: the site, the admin, a reviewer's mailed link.
LOGIN_PAGES = {"login", "admin:login", "consultation:reviewer-login-link"}
# Links a page may carry to somewhere its reader may not go: Django's admin login links to the
# admin's index; the public response report links to the dispositions table, which only the
# office, the council and the coordinators download (a dead link for the rest, reported).
LINKS_ELSEWHERE = {("admin:login", "admin:index")}
# Links to PDFs are not followed: each is answered by the same view and access check as its ODT
# twin, which is, and rendering them all would take longer than the rest of the matrix.
HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)')
# Not the product's data: sessions change when the test client logs in.
UNCHECKED_TABLES = {"django_session"}
# What a denied persona POSTs: a plausible form, so a missing check would show as a change
# rather than as a form error.
PAYLOAD = {
    "title": "Matrix",
    "text": "Matrix",
    "introduction": "Matrix",
    "label": "Matrix",
    "name": "Matrix",
    "reason": "Matrix",
    "summary": "Matrix",
    "motivation": "Matrix",
    "minutes": "Matrix",
    "description": "Matrix",
    "what": "Matrix",
    "owner": "Matrix",
    "direction": "omhoog",
    "confirmed": "1",
    "state": "concept",
    "decision": "akkoord",
    "accept": "1",
    "outcome": "niet",
    "confirm": "1",
    "email": "matrix@example.org",
    "consent": "on",
    "markdown": "## Matrix",
    "mode": "volledig",
    "theme_count": "5",
    "threshold": "50",
    "target": "1",
    "share": "50",
}


def _parameters(pattern) -> set[str]:
    if isinstance(pattern, RoutePattern):
        return set(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return set(pattern.regex.groupindex)
    return set()


def url_routes() -> dict[str, tuple[set[str], object]]:
    """{url name (with namespace): (parameter names, view)} of every named route."""
    found: dict[str, tuple[set[str], object]] = {}

    def walk(patterns, namespace: str, parameters: set[str]):
        for entry in patterns:
            names = parameters | _parameters(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, inner, names)
            elif isinstance(entry, URLPattern) and entry.name:
                name = namespace + entry.name
                if name.startswith("admin:") and name not in ADMIN_ROUTES:
                    continue
                found.setdefault(name, (names, entry.callback))

    walk(get_resolver().url_patterns, "", set())
    return found


def _source(function, depth: int = 2) -> str:
    """The source of a view and of the functions of Koers it calls (forms handled in helpers)."""
    function = inspect.unwrap(function)
    try:
        text = inspect.getsource(function)
    except (OSError, TypeError):
        return ""
    if depth and hasattr(function, "__code__"):
        for name in function.__code__.co_names:
            called = function.__globals__.get(name)
            if inspect.isfunction(called) and called.__module__.startswith("koers."):
                text += _source(called, depth - 1)
    return text


@functools.cache
def takes_post(view) -> bool:
    """Whether a view handles POST: class-based views by their methods, functions by source."""
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is not None:
        actions = getattr(view, "actions", None)
        return "post" in actions if actions else hasattr(view_class, "post")
    return "POST" in _source(view)


def cases(world) -> dict[str, str]:
    """{row key: URL} for every row of the table whose URL exists (the rows of URLs that are
    gone, and URLs without a row, are the completeness test's to report)."""
    defaults, per_route, variants = url_arguments(world)
    routes = url_routes()
    urls = {}
    for key in url_matrix.expected_get():
        assert "@" not in key or key in variants, f"{key}: no objects in url_arguments"
        name, overrides = variants.get(key, (key, {}))
        if name not in routes:
            continue
        overrides = {**per_route.get(name, {}), **overrides}
        query = overrides.pop("?", "")
        parameters = routes[name][0]
        missing = parameters - overrides.keys() - defaults.keys()
        assert not missing, f"{key}: no value for {sorted(missing)} (see url_arguments)"
        kwargs = {p: overrides.get(p, defaults.get(p)) for p in parameters}
        urls[key] = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
    return urls


def outcome(response) -> str:
    """The status class the table speaks of: 200, login, 302 (elsewhere), or the status."""
    status = response.status_code
    if 200 <= status < 300:
        return "200"
    if status in (301, 302, 303, 307, 308):
        try:
            match = resolve(urlsplit(response["Location"]).path)
        except Resolver404:
            return "302"
        return "login" if match.view_name in LOGIN_PAGES else "302"
    return str(status)


def clients(world, personas=PERSONAS) -> dict[str, Client]:
    made = {}
    for persona in personas:
        client = Client(raise_request_exception=False)
        user = world.users[persona]
        if user is not None:
            client.force_login(user)
        made[persona] = client
    return made


def fingerprint() -> str:
    """Every row of every table of the product, hashed: a refused POST must leave it as it was."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in UNCHECKED_TABLES or model._meta.proxy:
                continue
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 (table names)
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    digest.update(str(len(mail.outbox)).encode())
    return digest.hexdigest()


def row_changes() -> int:
    """How many rows this connection has inserted, updated or deleted so far: a cheap witness
    that a POST wrote nothing, so that the whole database is hashed only after one that did."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_all_tables"
            )
        return int(cursor.fetchone()[0]) + len(mail.outbox)


def report(title: str, rows: list[tuple], header=("URL", "persona", "expected", "got")) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    lines = [title, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the module, rolled back at its end."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def answered(matrix):
    """`answered(persona)`: that persona's GET pass as (urls, answers, links), made once for the
    tests that read it. Each persona's tests are a unit of their own for the test workers
    (koers/conftest.py, SPREAD_BY_PARAMETER), so the passes run side by side."""
    made = {}

    def answers_of(persona: str):
        if persona not in made:
            urls = cases(matrix)
            started, cpu = time.monotonic(), time.process_time()
            answers, links = get_answers(urls, clients(matrix, [persona]))
            elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
            print(
                f"GET as {persona}: {len(urls)} URLs, {len(links)} links followed,"
                f" in {elapsed:.1f} s ({cpu:.1f} s CPU)"
            )
            made[persona] = urls, answers, links
        return made[persona]

    return answers_of


def rows_missing_and_gone() -> tuple[list[str], list[str]]:
    """URL names without a GET row; rows (and variants, POST rows) for URLs that are gone."""
    names = set(url_routes())
    keys = {key.split("@")[0] for key in [*url_matrix.VARIANTS, *url_matrix.POST]}
    return sorted(names - url_matrix.GET.keys()), sorted((url_matrix.GET.keys() | keys) - names)


def forms_without_a_post_row() -> list[str]:
    routes = url_routes()
    forms = {name for name, (_parameters, view) in routes.items() if takes_post(view)}
    return sorted(forms - url_matrix.POST.keys())


def get_answers(urls: dict, personas: dict) -> tuple[dict, dict]:
    """Every URL GET by every persona: ({(row key, persona): outcome}, {(persona, link): (its
    outcome, the row keys of the pages that carry it)}) for the links on every page opened."""
    answers, links = {}, {}
    for persona, client in personas.items():
        seen = {url: None for url in urls.values()}
        found = defaultdict(set)
        for key, url in urls.items():
            response = client.get(url)
            answers[key, persona] = seen[url] = outcome(response)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                for href in HREF.findall(response.content.decode()):
                    found[unescape(href)].add(key)
        for href, keys in found.items():
            if href.startswith(("/static/", "/media/")) or href.endswith(".pdf"):
                continue
            if seen.get(href) is None:
                seen[href] = outcome(client.get(href))
            links[persona, href] = (seen[href], keys)
    return answers, links


def get_mismatches(urls: dict, answers: dict, expected: dict) -> list[tuple]:
    return [
        (key, persona, expected[key][persona], got)
        for (key, persona), got in answers.items()
        if got != expected[key][persona]
    ]


def dead_links(links: dict) -> list[tuple]:
    """(page, persona, link, what the link answers) for every link a persona cannot follow."""
    dead = []
    for (persona, href), (got, keys) in sorted(links.items()):
        if got in ("200", "302"):
            continue
        try:
            target = resolve(urlsplit(href).path).view_name
        except Resolver404:
            target = href
        for key in sorted(keys):
            if (key.split("@")[0], target) not in LINKS_ELSEWHERE:
                dead.append((key, persona, href, got))
    return dead


def post_mismatches(urls: dict, personas: dict, refused: dict) -> list[tuple]:
    """Every POST by a persona in `refused` ({row key: personas}) that was not refused or that
    changed a row (or sent a mail)."""
    mismatches = []
    before, changes = fingerprint(), row_changes()
    for key, denied in refused.items():
        for persona in denied:
            got = outcome(personas[persona].post(urls[key], PAYLOAD))
            written, changes = changes, row_changes()
            after = fingerprint() if changes != written else before
            if got not in REFUSALS or after != before:
                changed = " and changed the database" if after != before else ""
                mismatches.append((key, persona, "refused", got + changed))
                before = after
    return mismatches


def test_it_has_a_row_for_every_url_and_no_row_for_a_url_that_is_gone():
    missing, gone = rows_missing_and_gone()
    assert missing == [], "URLs without a row in url_matrix.GET"
    assert gone == [], "rows in url_matrix for URLs that no longer exist"


def test_it_knows_who_may_post_to_every_form():
    assert forms_without_a_post_row() == [], "forms without a row in url_matrix.POST"
    assert sorted(url_matrix.POST.keys() - url_matrix.expected_get().keys()) == []


# A URL configuration with one page more and one less than Koers's: what the two tests above
# must notice.
urlpatterns = [
    *[p for p in get_resolver("koers.urls").url_patterns if getattr(p, "name", "") != "home"],
    path("nieuwe-pagina", lambda request: None, name="matrix-new-page"),
    path("nieuw-formulier", require_POST(lambda request: None), name="matrix-new-form"),
]


def test_it_notices_a_url_without_a_row_and_a_row_without_a_url():
    with override_settings(ROOT_URLCONF=__name__):
        missing, gone = rows_missing_and_gone()
        forms = forms_without_a_post_row()
    assert {"matrix-new-form", "matrix-new-page"} <= set(missing)
    assert "home" in gone
    assert "matrix-new-form" in forms and "matrix-new-page" not in forms


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_every_get_as_the_table_says(answered, persona):
    urls, answers, _links = answered(persona)
    mismatches = get_mismatches(urls, answers, url_matrix.expected_get())
    assert not mismatches, report(f"{len(mismatches)} GET answers differ:", mismatches)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_links_only_to_pages_the_reader_may_open(answered, persona):
    _urls, _answers, links = answered(persona)
    dead = dead_links(links)
    assert not dead, report(
        f"{len(dead)} links lead where their reader may not go:",
        dead,
        header=("page", "persona", "link", "got"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_refuses_every_post_by_who_may_not_change_it(matrix, persona):
    urls = cases(matrix)
    refused = {k: [persona] for k, denied in url_matrix.refused_post().items() if persona in denied}
    started, cpu = time.monotonic(), time.process_time()
    mismatches = post_mismatches(urls, clients(matrix, [persona]), refused)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"POST as {persona}: {len(refused)} forms refused in {elapsed:.1f} s ({cpu:.1f} s CPU)")
    assert not mismatches, report(f"{len(mismatches)} POSTs were not refused:", mismatches)


@pytest.mark.django_db
def test_it_notices_a_post_that_is_not_refused_or_changes_something(matrix):
    urls = cases(matrix)
    personas = clients(matrix)
    # The office may hide a contribution: as if it were refused, both failures show.
    assert post_mismatches(urls, personas, {"consultation:contribution-hide": [OFFICE]}) == [
        ("consultation:contribution-hide", OFFICE, "refused", "302 and changed the database")
    ]
    # Opening a page that takes no form changes nothing, but is no refusal either.
    assert post_mismatches(urls, personas, {"home": [ANONYMOUS]}) == [
        ("home", ANONYMOUS, "refused", "200")
    ]


def test_it_notices_a_get_answered_otherwise_than_the_table_says():
    expected = {"home": dict.fromkeys(PERSONAS, "200")}
    answers = {("home", OFFICE): "200", ("home", ANONYMOUS): "login"}
    assert get_mismatches({"home": "/"}, answers, expected) == [("home", ANONYMOUS, "200", "login")]


def test_it_notices_a_link_its_reader_may_not_follow():
    links = {
        (ANONYMOUS, "/programmas/digitaal-2017/inbreng"): (
            "login",
            {"home", "consultation:version-list"},
        ),
        (ANONYMOUS, "/beheer/"): ("login", {"admin:login"}),
        (OFFICE, "/programmas/digitaal-2017/inbreng"): ("200", {"home"}),
    }
    assert dead_links(links) == [
        ("consultation:version-list", ANONYMOUS, "/programmas/digitaal-2017/inbreng", "login"),
        ("home", ANONYMOUS, "/programmas/digitaal-2017/inbreng", "login"),
    ]


def test_it_expands_a_rule_into_every_persona():
    assert set(url_matrix.OFFICE) == set(PERSONAS)
    assert url_matrix.OFFICE[ANONYMOUS] == "login"
    assert url_matrix.OFFICE[OFFICE] == url_matrix.OFFICE[ADMIN] == "200"
    assert url_matrix.OFFICE[OTHER_OFFICE] == "403"
    assert url_matrix.OWN_REVIEWER[ADMIN] == "403"
