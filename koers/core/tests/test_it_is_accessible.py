"""Every page passes axe-core's WCAG 2.1 A/AA rules in a real browser, with realistic data.

The register, the facility catalogue and the demo programme are loaded once for the module and
served by pytest-django's live server to Debian's Chromium (never a downloaded browser). Its
`live_server` fixture would put every test in `transactional_db`, which flushes the database
after each test and would mean reloading 1,401 organisations per page, so the module starts the
same live server class itself, loads the data once and flushes when it is done.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from koers.core.demo import load_demo
from koers.organisations.constants import Kind
from koers.organisations.models import Family, Organisation
from koers.organisations.services import import_facilities, import_register

# django_db: the module needs the test database (it is only created for tests that ask for it).
# Each test runs in a transaction that is rolled back; the module's data is loaded outside them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

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
# 1280 CSS pixels zoomed to 400 %: content must reflow without sideways scrolling (WCAG 1.4.10).
NARROW = {"width": 320, "height": 640}
# The demo creates six accounts and the browser logs in with them: a fast hasher will do.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A live server with the real register and the demo programme, loaded once."""
    overrides = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    overrides.enable()
    server = LiveServer("localhost")
    try:
        with django_db_blocker.unblock():
            import_register()
            import_facilities()
            programme = load_demo()
            merged = (
                Organisation.objects.of_kind(Kind.MUNICIPALITY)
                .filter(valid_until__isnull=False, successions_out__isnull=False)
                .order_by("-valid_until", "code")
                .first()
            )
            family = Family.objects.get(programme=programme, slug="gemeenten")
        yield {"url": server.url, "programme": programme, "merged": merged, "family": family}
    finally:
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        overrides.disable()


@pytest.fixture(scope="module", autouse=True)
def _database_open(django_db_blocker):
    """The server thread reads the database while the browser waits for it."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def browser(site):
    """Chromium, started after the data is loaded and stopped before it is flushed.

    Playwright's sync API keeps an event loop in this thread, and Django refuses database work
    in a thread with a running loop. Nothing here awaits while the ORM runs (each test's
    transaction is opened and rolled back between browser calls), so the check is lifted.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's Chromium")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser, **options):
    return browser.new_context(locale="nl-NL", **options).new_page()


@pytest.fixture(scope="module")
def visitor(browser):
    """One anonymous tab for all public pages: the stylesheets are fetched once."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def phone(browser):
    """An anonymous tab as narrow as a phone, or a desktop browser zoomed to 400 %."""
    page = new_page(browser, viewport=NARROW)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def contributor(browser, site):
    """A tab logged in as the demo contributor of gemeente Utrecht (gm0344)."""
    page = new_page(browser)
    log_in(page, site, "bijdrager")
    yield page
    page.context.close()


@pytest.fixture
def page(browser):
    """A fresh tab, for a test that changes the session for good (the language)."""
    page = new_page(browser)
    yield page
    page.context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']!r}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page):
    assert_styled(page)
    violations = axe_violations(page)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"


def assert_styled(page):
    """Contrast is only checked for real when the NL Design System stylesheets did load."""
    empty = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && !s.cssRules.length).map(s => s.href)"
    )
    assert not empty, f"stylesheets did not load on {page.url}: {empty}"


def open_page(page, url: str, *, status: int = 200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"


def submit(page, selector: str):
    with page.expect_navigation():
        page.click(selector)


def log_in(page, site, username: str, password: str = settings.DEMO_PASSWORD, *, fails=False):
    open_page(page, site["url"] + "/inloggen")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page, "form.koers-form button[type=submit]")
    logged_in = page.locator("form.koers-logout").count() == 1
    assert logged_in != fails, f"logging in as {username} {'worked' if logged_in else 'failed'}"


# name: (path, a selector that shows the page is in the state we mean to check)
PUBLIC_PAGES = {
    "home": (lambda site: "/", ".koers-cards"),
    "programme": (lambda site: site["programme"].get_absolute_url(), "table tbody tr"),
    "register": (lambda site: "/organisaties", ".koers-pagination"),
    "register_filtered": (
        lambda site: (
            f"/organisaties?q=&familie={site['family'].pk}&soort=gemeente&peildatum=2015-06-26"
        ),
        "table tbody tr",
    ),
    "register_invalid_date": (
        lambda site: "/organisaties?peildatum=26-13-2015",
        "#id_peildatum_error",
    ),
    "register_page_2": (lambda site: "/organisaties?pagina=2", "a[rel=prev]"),
    "current_organisation": (lambda site: "/organisaties/gm0344", "table tbody tr + tr"),
    "merged_organisation": (
        lambda site: site["merged"].get_absolute_url(),
        "h3:text-is('Opvolgers') + ul a",
    ),
    "facilities": (lambda site: "/voorzieningen", "table tbody tr"),
    "login": (lambda site: "/inloggen", "#id_password"),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_it_has_no_violations_on_public_pages(site, visitor, name):
    path, shows = PUBLIC_PAGES[name]
    open_page(visitor, site["url"] + path(site))
    assert visitor.locator(shows).first.is_visible(), f"{name} does not show {shows}"
    assert_accessible(visitor)


@pytest.mark.parametrize(
    "name", ["register_invalid_date", "programme", "current_organisation", "facilities"]
)
def test_it_reflows_on_a_narrow_screen(site, phone, name):
    path, shows = PUBLIC_PAGES[name]
    open_page(phone, site["url"] + path(site))
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{name} scrolls sideways: {width} px wide"
    # Wide tables scroll in their own box, which keyboard users must be able to reach.
    assert_accessible(phone)


def test_it_has_no_violations_on_a_failed_login(site, visitor):
    log_in(visitor, site, "bijdrager", "niet-het-wachtwoord", fails=True)
    assert visitor.locator("[role=alert]").is_visible()
    assert_accessible(visitor)


def test_it_has_no_violations_for_a_contributor(site, contributor):
    open_page(contributor, site["url"] + "/organisaties/gm0344")
    assert contributor.locator("a[href*=aansluiting]").first.is_visible()
    assert_accessible(contributor)
    open_page(contributor, site["url"] + "/organisaties/gm0344/aansluiting?voorziening=digid")
    assert_accessible(contributor)


def test_it_has_no_violations_on_the_adoption_form_with_errors(site, contributor):
    open_page(contributor, site["url"] + "/organisaties/gm0344/aansluiting")
    contributor.fill("#id_date", "31-02-2016")
    submit(contributor, "form.koers-form button[type=submit]")
    assert contributor.locator("#id_date_error").is_visible()
    assert contributor.locator("#id_facility_error").is_visible()
    assert contributor.input_value("#id_date") == "31-02-2016"
    assert_accessible(contributor)


def test_it_has_no_violations_on_the_error_pages(site, contributor):
    open_page(contributor, site["url"] + "/organisaties/gm0363/aansluiting", status=403)
    assert_accessible(contributor)
    open_page(contributor, site["url"] + "/organisaties/bestaat-niet", status=404)
    assert_accessible(contributor)


def test_it_has_no_violations_in_english(site, page):
    open_page(page, site["url"] + "/organisaties")
    page.select_option("#taal", "en")
    submit(page, "form.koers-language button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Organisation register"
    assert_accessible(page)


def test_it_moves_focus_to_the_main_content_with_the_skip_link(site, visitor):
    open_page(visitor, site["url"] + "/organisaties")
    visitor.keyboard.press("Tab")
    focused = visitor.evaluate(
        "() => [document.activeElement.getAttribute('href'), document.activeElement.innerText]"
    )
    assert focused == ["#inhoud", "Naar de inhoud"]
    # Hidden off-screen until focused, then shown in the viewport.
    top, height = visitor.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.height] }"
    )
    assert top >= 0 and height > 0
    visitor.keyboard.press("Enter")
    assert visitor.evaluate("() => document.activeElement.id") == "inhoud"
    # The next Tab continues inside the main content, not back in the header, and shows where
    # focus is (WCAG 2.4.7).
    visitor.keyboard.press("Tab")
    assert visitor.evaluate("() => !!document.activeElement.closest('main')")
    outline = visitor.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)] }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
