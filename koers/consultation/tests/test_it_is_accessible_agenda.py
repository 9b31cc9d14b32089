"""The agenda pages pass axe-core's WCAG 2.1 A/AA rules in Debian's Chromium, and work by keyboard.

Same approach as koers/core/tests/test_it_is_accessible.py, with a small programme built from
factories instead of the whole register, so the module stays quick.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from django.urls import reverse
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from koers.accounts.models import RoleKind
from koers.consultation import versions
from koers.consultation.constants import Channel, Publication, Stance, VersionState
from koers.consultation.models import Reviewer
from koers.consultation.services import move_version, record_contribution
from koers.core.tests.test_it_is_accessible import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    WCAG_TAGS,
    describe,
)
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "geheim-wachtwoord"
DOCUMENT = """Het programma schrijft samen met alle overheden één agenda.

## Dienstverlening

Burgers en bedrijven kunnen in 2017 al hun zaken met de overheid **digitaal** doen.

Digitaal is de kwaliteitssprong; andere kanalen blijven nodig.

## Voorzieningen

Sluit aan op [MijnOverheid](https://mijn.overheid.nl), DigiD en eHerkenning.

- Berichtenbox
- Lopende zaken
"""


def is_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name == ":memory:" or name.startswith("test_")


@contextmanager
def own_test_database(django_db_blocker):
    """The test database, whatever else was collected.

    pytest-django creates it only when a collected test asks for `db`; these tests share one
    module's data and cannot. Run on their own they would otherwise write to (and flush) the
    real database, so they set it up themselves then.
    """
    if not is_test_database():
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=0)
    else:
        yield


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with own_test_database(django_db_blocker):
        yield from _site(django_db_blocker)


def _site(django_db_blocker):
    assert is_test_database(), f"not a test database: {connection.settings_dict['NAME']}"
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    overrides.enable()
    server = LiveServer("localhost")
    try:
        with django_db_blocker.unblock():
            programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
            municipalities = FamilyFactory(programme=programme, name="Gemeenten", position=1)
            provinces = FamilyFactory(programme=programme, name="Provincies", position=2)
            utrecht = OrganisationFactory(official_name="gemeente Utrecht")
            office = UserFactory(username="bureau", password=PASSWORD)
            RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
            reviewer = UserFactory(username="meelezer", password=PASSWORD)
            now = timezone.now()
            Reviewer.objects.create(
                programme=programme, user=reviewer, consent_text="Ja", consented_at=now,
                confirmed_at=now, name="Mila Meelezer",
            )  # fmt: skip

            adopted = versions.create_version(programme, title="Eerdere agenda")
            versions.import_markdown(adopted, DOCUMENT)
            move_version(adopted, VersionState.CONCEPT)
            move_version(adopted, VersionState.ADOPTED)
            draft = versions.copy_version(adopted)
            draft.title = "Voorzet implementatieagenda"
            draft.save()
            versions.open_consultation(draft, opens_at=now - timezone.timedelta(days=1))
            paragraphs = list(
                draft.paragraphs.select_related("section").order_by("section__position", "position")
            )
            last_section = draft.sections.order_by("position").last()
            paragraphs[1].families.set([municipalities, provinces])
            texts = [
                (municipalities, Publication.NAMED, Stance.AGREE, "Anna de Vries"),
                (municipalities, Publication.ANONYMOUS, Stance.CONCERN, "Bram"),
                (provinces, Publication.NAMED, Stance.SUGGESTION, "Carla Jansen"),
                (None, Publication.NONE, Stance.GENERAL, ""),
            ]
            for family, publication, stance, name in texts * 9:
                record_contribution(
                    programme, text=f"Een {stance} over deze alinea.\nTweede regel.",
                    channel=Channel.REVIEWER, paragraphs=[paragraphs[0]], family=family,
                    organisation=utrecht if family == municipalities else None,
                    publication=publication, stance=stance, author_name=name, version=draft,
                )  # fmt: skip
        yield {
            "url": server.url,
            "programme": programme,
            "draft": draft,
            "adopted": adopted,
            "paragraphs": paragraphs,
            "last_section": last_section,
        }
    finally:
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        overrides.disable()


@pytest.fixture(scope="module", autouse=True)
def _database_open(django_db_blocker):
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


def tab(browser, site, username=None):
    page = browser.new_context(locale="nl-NL").new_page()
    if username:
        open_page(page, site["url"] + reverse("login"))
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("form.koers-form button[type=submit]")
        assert page.locator("form.koers-logout").count() == 1, f"{username} is not logged in"
    return page


@pytest.fixture(scope="module")
def visitor(browser, site):
    page = tab(browser, site)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def office(browser, site):
    page = tab(browser, site, "bureau")
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def reviewer(browser, site):
    page = tab(browser, site, "meelezer")
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
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"


def detail_url(site, version="draft"):
    return site["url"] + site[version].get_absolute_url()


def office_url(site, name, *args, version="draft"):
    return site["url"] + reverse(name, args=[site["programme"].slug, site[version].number, *args])


def test_it_has_no_violations_on_the_public_agenda_pages(site, visitor):
    open_page(visitor, site["url"] + site["programme"].get_absolute_url())
    assert visitor.locator("a[href$='/agenda/2']").is_visible()
    assert_accessible(visitor)
    open_page(visitor, detail_url(site))
    assert visitor.locator("text=voor: Gemeenten, Provincies").is_visible()
    assert_accessible(visitor)
    open_page(visitor, site["url"] + reverse("version-list", args=[site["programme"].slug]))
    assert_accessible(visitor)


def test_it_has_no_violations_on_the_reactions_page(site, visitor):
    first = site["paragraphs"][0]
    open_page(visitor, detail_url(site) + f"/alinea/{first.anchor}")
    assert visitor.locator("text=Anna de Vries").first.is_visible()
    assert visitor.locator("a[rel=next]").is_visible()
    assert_accessible(visitor)


def test_it_reaches_every_paragraphs_links_by_keyboard_in_reading_order(site, reviewer):
    open_page(reviewer, detail_url(site))
    expected = reviewer.evaluate(
        "() => [...document.querySelectorAll('.koers-paragraph a')].map(a => a.href)"
    )
    assert len(expected) >= len(site["paragraphs"])
    reached = []
    for _ in range(60):
        reviewer.keyboard.press("Tab")
        href, in_paragraph = reviewer.evaluate(
            "() => [document.activeElement.href, !!document.activeElement.closest('.koers-paragraph')]"
        )
        if in_paragraph:
            reached.append(href)
        if len(reached) == len(expected):
            break
    assert reached == expected
    headings = reviewer.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2')].map(h => h.tagName)"
    )
    assert headings[0] == "H1" and headings.count("H1") == 1 and "H2" in headings
    assert_accessible(reviewer)


def test_it_has_no_violations_on_the_office_pages(site, office):
    first = site["paragraphs"][0]
    section = first.section
    pages = [
        site["url"] + reverse("version-manage", args=[site["programme"].slug]),
        office_url(site, "version-edit"),
        office_url(site, "version-edit", version="adopted"),
        office_url(site, "version-section-add"),
        office_url(site, "version-section-edit", section.anchor),
        office_url(site, "version-paragraph-add", section.anchor),
        office_url(site, "version-paragraph-edit", first.anchor),
        office_url(site, "version-paragraph-delete", first.anchor),
        office_url(site, "version-section-delete", site["last_section"].anchor),
        office_url(site, "version-period"),
        office_url(site, "version-import"),
    ]
    for url in pages:
        open_page(office, url)
        assert_accessible(office)


def test_it_has_no_violations_on_office_forms_with_errors_and_previews(site, office):
    open_page(office, office_url(site, "version-paragraph-edit", site["paragraphs"][1].anchor))
    office.fill("#id_text", "")
    with office.expect_navigation():
        office.click("form.koers-form button[type=submit]")
    assert office.locator("#id_text_error").is_visible()
    assert_accessible(office)

    open_page(office, office_url(site, "version-period"))
    office.fill("#id_opens_at", "31-02-2016 09:00")
    with office.expect_navigation():
        office.click("form.koers-form button[type=submit]")
    assert office.locator("#id_opens_at_error").is_visible()
    assert_accessible(office)

    open_page(office, office_url(site, "version-import"))
    office.fill("#id_text", "## Monitoring\n\nVoortgang per familie.")
    with office.expect_navigation():
        office.click("button[name=voorbeeld]")
    assert office.locator("#voorbeeld").is_visible()
    assert_accessible(office)


def test_it_moves_a_paragraph_in_place_and_keeps_keyboard_focus(site, office):
    open_page(office, office_url(site, "version-edit"))
    first = site["paragraphs"][0].short_anchor
    order = "() => [...document.querySelectorAll('#tekst .koers-paragraph')].map(p => p.id)"
    before = office.evaluate(order)
    assert before.index(f"p-{first}") == 0
    office.focus(f"#omlaag-p-{first}")
    with office.expect_response(lambda r: r.url.endswith("/beheer") and r.request.method == "GET"):
        office.keyboard.press("Enter")
    office.wait_for_function(
        f"() => document.querySelectorAll('#tekst .koers-paragraph')[1].id == 'p-{first}'"
    )
    # htmx swapped the text only: the page did not reload and focus stayed on the same button.
    assert office.evaluate("() => document.activeElement.id") == f"omlaag-p-{first}"
    assert office.evaluate(order)[:2] == [before[1], before[0]]
    assert_accessible(office)
