"""The contribution pages pass axe-core's WCAG 2.1 A/AA rules in a real browser.

Follows koers/core/tests/test_it_is_accessible.py: one live server for the module, Debian's
Chromium, data built once: a programme with a family, a few organisations, a draft with a
paragraph and contributions from several channels (one hidden, one waiting for moderation).
"""

import datetime
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from koers.accounts.models import RoleKind
from koers.consultation.constants import Channel
from koers.consultation.models import AgendaVersion, Contribution, Paragraph, Section
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "core" / "tests" / "vendor" / "axe.min.js"
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
PASSWORD = "geheim-wachtwoord"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_world():
    programme = ProgrammeFactory(slug="inbreng-toegankelijk", name="Digitaal 2017")
    family = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
    organisations = OrganisationFactory.create_batch(5)
    opened = timezone.now() - datetime.timedelta(days=3)
    version = AgendaVersion.objects.create(
        programme=programme, number=1, title="Voorzet", consultation_opens_at=opened
    )
    section = Section.objects.create(version=version, position=1, title="Digitaal als standaard")
    paragraph = Paragraph.objects.create(
        version=version, section=section, position=1, text="Alle diensten zijn digitaal."
    )
    office = UserFactory(username="inbreng-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    contributions = []
    for n, channel in enumerate([Channel.IMPORT, Channel.EMAIL, Channel.REVIEWER] * 4):
        contribution = Contribution.objects.create(
            programme=programme, version=version, channel=channel, family=family,
            organisation=organisations[n % 5], author_name=f"Auteur {n}",
            text=f"Inbreng {n}: maak de websites gebruiksvriendelijker en houd de balie open.",
            is_hidden=n == 4, hidden_reason="persoonsgegevens" if n == 4 else "",
        )  # fmt: skip
        contribution.paragraphs.set([paragraph])
        contributions.append(contribution)
    contribution = contributions[0]
    contribution._history_user = office
    contribution.text += " Aangevuld."
    contribution.save()
    return {"programme": programme, "contribution": contribution}


@pytest.fixture(scope="module")
def site(django_db_blocker):
    # Uploaded files wait in a folder of the test's own, not in the real var/.
    overrides = override_settings(
        PASSWORD_HASHERS=FAST_HASHERS, VAR_DIR=Path(tempfile.mkdtemp(prefix="koers-a11y-"))
    )
    overrides.enable()
    server = LiveServer("localhost")
    try:
        with django_db_blocker.unblock():
            world = build_world()
        yield {"url": server.url, **world}
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
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's Chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def visitor(browser):
    page = browser.new_context(locale="nl-NL").new_page()
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def office(browser, site):
    page = browser.new_context(locale="nl-NL").new_page()
    open_page(page, site["url"] + "/inloggen")
    page.fill("#id_username", "inbreng-bureau")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form.koers-form button[type=submit]")
    yield page
    page.context.close()


def open_page(page, url: str, *, status: int = 200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"


def assert_accessible(page):
    empty = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && !s.cssRules.length).map(s => s.href)"
    )
    assert not empty, f"stylesheets did not load on {page.url}: {empty}"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )["violations"]
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {json.dumps(n['target'])}: {n['failureSummary']!r}" for n in v["nodes"][:5]]
    assert not violations, f"axe found on {page.url}:\n" + "\n".join(lines)


def url(site, rest=""):
    return f"{site['url']}/programmas/{site['programme'].slug}/inbreng{rest}"


def submit(page, selector="form.koers-form button[type=submit]"):
    with page.expect_navigation():
        page.click(selector)


def test_it_has_no_violations_on_the_list_and_its_filter_errors(site, office):
    open_page(office, url(site))
    assert office.locator("table tbody tr").count() == 12
    assert_accessible(office)
    open_page(office, url(site, "?van=31-02-2016&q=balie"))
    assert office.locator("#id_van_error").is_visible()
    assert office.input_value("#id_van") == "31-02-2016"
    assert_accessible(office)


def test_it_has_no_violations_on_the_detail_with_history(site, office):
    open_page(office, url(site, f"/{site['contribution'].pk}"))
    assert office.locator("table tbody tr").count() == 2
    assert_accessible(office)
    submit(office, "form[action$=verbergen] button[type=submit]")
    assert office.locator("#id_reason_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_the_moderation_queue(site, office):
    open_page(office, url(site, "/moderatie"))
    assert office.locator("article").count() == 4
    assert_accessible(office)


def test_it_has_no_violations_through_the_import(site, office, tmp_path):
    open_page(office, url(site, "/importeren"))
    assert_accessible(office)
    mapped = tmp_path / "eigen.csv"
    mapped.write_text("Opmerking;Wie\nMeer balies;onbekend\n", encoding="utf-8")
    office.set_input_files("#id_bestand", str(mapped))
    submit(office)
    assert office.locator("#id_map_text").is_visible()
    assert_accessible(office)
    office.select_option("#id_map_text", "Opmerking")
    office.select_option("#id_map_organisation", "Wie")
    submit(office)
    assert office.locator("table tbody tr").count() == 1  # the unknown organisation
    assert_accessible(office)


def test_it_has_no_violations_on_the_position_paper_form_with_errors(site, office):
    open_page(office, url(site, "/position-paper"))
    office.fill("#id_text", "Onze visie")
    office.fill("#id_submitted_on", "31-02-2016")
    submit(office)
    assert office.locator("#id_submitted_on_error").is_visible()
    assert office.input_value("#id_text") == "Onze visie"
    assert_accessible(office)
