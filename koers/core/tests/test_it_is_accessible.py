"""Every page passes axe-core's WCAG 2.1 A/AA rules in a real browser, with realistic data.

The register, the facility catalogue and the demo programme are loaded once for the module and
served to Debian's Chromium by the harness in koers/core/tests/browser.py.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from koers.organisations.constants import Kind
from koers.organisations.models import Family, Organisation, Programme
from koers.organisations.services import import_facilities, import_register

from .browser import assert_accessible, log_in, logged_in, open_page, serve, submit, tab

pytest_plugins = ["koers.core.tests.browser"]

# No django_db: the module's data is loaded outside the tests, and a failed login writes (the
# lockout counts it), which the live server cannot do while a test holds a transaction open.
pytestmark = pytest.mark.browser

# 1280 CSS pixels zoomed to 400 %: content must reflow without sideways scrolling (WCAG 1.4.10).
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A live server with the real register and the demo programme, loaded once."""
    with serve(django_db_blocker) as url:
        import_register()
        import_facilities()
        call_command("demo", stdout=io.StringIO())
        programme = Programme.objects.get(slug="digitaal-2017")
        merged = (
            Organisation.objects.of_kind(Kind.MUNICIPALITY)
            .filter(valid_until__isnull=False, successions_out__isnull=False)
            .order_by("-valid_until", "code")
            .first()
        )
        family = Family.objects.get(programme=programme, slug="gemeenten")
        yield {"url": url, "programme": programme, "merged": merged, "family": family}


@pytest.fixture(scope="module")
def phone(browser):
    """An anonymous tab as narrow as a phone, or a desktop browser zoomed to 400 %."""
    with tab(browser, viewport=NARROW) as page:
        yield page


@pytest.fixture(scope="module")
def contributor(browser, site):
    """A tab logged in as the demo contributor of gemeente Utrecht (gm0344)."""
    with logged_in(browser, site, "bijdrager", settings.DEMO_PASSWORD) as page:
        yield page


@pytest.fixture
def page(browser):
    """A fresh tab, for a test that changes the session for good (the language)."""
    with tab(browser) as page:
        yield page


# name: (path, a selector that shows the page is in the state we mean to check)
PUBLIC_PAGES = {
    "home": (lambda site: "/", ".koers-cards"),
    "programme": (lambda site: site["programme"].get_absolute_url(), "table tbody tr"),
    "register": (lambda site: "/organisaties", ".koers-pagination"),
    "register_filtered": (
        lambda site: (
            f"/organisaties?zoek=&familie={site['family'].pk}&soort=gemeente&peildatum=2015-06-26"
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
    contributor.fill("#id_date", "2016-02-29")
    submit(contributor)
    assert contributor.locator("#id_facility_error").is_visible()
    assert contributor.input_value("#id_date") == "2016-02-29"
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
