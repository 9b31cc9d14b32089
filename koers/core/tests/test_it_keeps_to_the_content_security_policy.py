"""The main pages, the admin and the lockout page run under the Content-Security-Policy in
Chromium without one refused script or style.

Every browser test checks this on every page it opens (koers/core/tests/browser.py, `open_page`
and `assert_accessible`); this module adds the pages no other browser test visits (the admin,
the lockout) and shows that the check itself notices a refused style.
"""

import pytest

from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

from .browser import (
    PASSWORD,
    assert_no_csp_violations,
    log_in,
    logged_in,
    open_page,
    serve,
    submit,
    tab,
)

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

PUBLIC = ["/", "/organisaties", "/organisaties/gm0344", "/voorzieningen", "/inloggen"]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker, AXES_FAILURE_LIMIT=2) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
        organisation = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
        UserFactory(username="beheerder", password=PASSWORD, is_staff=True, is_superuser=True)
        UserFactory(username="vergeetachtig", password=PASSWORD)
        yield {"url": url, "programme": programme, "organisation": organisation}


def test_it_notices_a_refused_style(site, browser):
    """The check that every browser test relies on: an inline style is reported, and fails."""
    with tab(browser) as page:
        open_page(page, site["url"] + "/")
        page.evaluate(
            "() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
        )
        page.wait_for_timeout(100)
        with pytest.raises(AssertionError, match="Content-Security-Policy violations"):
            assert_no_csp_violations(page)


@pytest.mark.parametrize("path", PUBLIC)
def test_it_keeps_to_the_policy_on_public_pages(site, visitor, path):
    open_page(visitor, site["url"] + path)
    # Styles came from files: the page is laid out, not bare HTML.
    assert visitor.evaluate("() => getComputedStyle(document.body).margin") == "0px"
    assert visitor.evaluate("() => typeof htmx") == "object", "htmx did not load"
    assert_no_csp_violations(visitor)


def test_it_keeps_to_the_policy_on_the_programme_page(site, visitor):
    open_page(visitor, site["url"] + site["programme"].get_absolute_url())
    assert_no_csp_violations(visitor)


def test_it_keeps_to_the_policy_in_the_admin(site, browser):
    organisation = site["organisation"]
    with tab(browser) as page:
        open_page(page, site["url"] + "/beheer/login/")
        page.fill("#id_username", "beheerder")
        page.fill("#id_password", PASSWORD)
        submit(page, "input[type=submit]")
        assert page.locator("#user-tools").is_visible()
        assert_no_csp_violations(page)
        for path in [
            "/beheer/",
            "/beheer/organisations/organisation/",
            f"/beheer/organisations/organisation/{organisation.pk}/change/",
            "/beheer/organisations/programme/add/",
            f"/beheer/organisations/organisation/{organisation.pk}/history/",
            "/beheer/auth/user/",
            "/beheer/accounts/loginattempt/",
        ]:
            open_page(page, site["url"] + path)
            page.wait_for_load_state("networkidle")
            assert_no_csp_violations(page)


def test_it_keeps_to_the_policy_on_the_lockout_page(site, browser):
    with tab(browser) as page:
        log_in(page, site, "vergeetachtig", "fout", fails=True)
        page.fill("#id_username", "vergeetachtig")
        page.fill("#id_password", "nog-steeds-fout")
        submit(page)
        assert page.locator("h1").inner_text() == "Inloggen tijdelijk geblokkeerd"
        assert page.locator("[role=alert]").is_visible()
        assert_no_csp_violations(page)


def test_it_keeps_to_the_policy_when_logged_in(site, browser):
    with logged_in(browser, site, "beheerder") as page:
        for path in PUBLIC[:3]:
            open_page(page, site["url"] + path)
        assert_no_csp_violations(page)
