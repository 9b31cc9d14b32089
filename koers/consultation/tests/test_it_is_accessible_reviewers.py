"""The reviewer and newsletter pages pass axe-core's WCAG 2.1 A/AA rules in a real browser.

Uses the harness in koers/core/tests/browser.py (Debian's Chromium, axe-core, a live server
started by the module), with a small programme made here instead of the whole register,
so the module stays quick.
"""

import datetime
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from koers.accounts.models import Role, RoleKind
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.core.tests.browser import assert_accessible, open_page, serve, submit, tab
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

from .. import signup
from ..constants import Channel, Publication, TokenPurpose
from ..models import Reviewer
from ..services import record_contribution

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

OVERRIDES = {
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    # The browser fills forms faster than a person; the time check has its own tests.
    "PUBLIC_FORM_MIN_SECONDS": 0,
    "PUBLIC_FORM_RATE": "3/m",
    "STATICFILES_DIRS": [Path(settings.BASE_DIR) / "koers" / "static"],
}


def login_token(programme, email: str) -> str:
    return signup.make_link_token(programme, email, TokenPurpose.LOGIN)


def expired_token(programme, email: str) -> str:
    """A sign-up link signed four days ago."""
    nonce = signup.make_link_token(programme, email, TokenPurpose.REVIEWER_SIGNUP).split(":")[0]
    old = signing.b62_encode(int(time.time() - 4 * 24 * 3600))
    # What TimestampSigner.sign does, with a time stamp from the past.
    signer = signup._signer(TokenPurpose.REVIEWER_SIGNUP)
    return signing.Signer.sign(signer, f"{nonce}:{old}")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A live server on the test database (django_db_setup: never the development one)."""
    with serve(django_db_blocker, **OVERRIDES) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
        organisation = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
        OrganisationFactory(code="gm0345", official_name="gemeente Utrechtse Heuvelrug")
        now = timezone.now()
        version = AgendaVersion.objects.create(
            programme=programme,
            number=1,
            title="Voorzet Digitaal 2017",
            consultation_opens_at=now - datetime.timedelta(days=1),
            consultation_closes_at=now + datetime.timedelta(days=30),
        )
        section = Section.objects.create(version=version, title="Digitaal als kwaliteitssprong")
        paragraph = Paragraph.objects.create(
            version=version,
            section=section,
            text="Maak je eigen **websites** gebruiksvriendelijker.",
        )
        user = UserFactory(username="meelezer-a11y", first_name="Lies Lezer")
        Role.objects.create(user=user, programme=programme, kind=RoleKind.REVIEWER)
        reviewer = Reviewer.objects.create(
            programme=programme,
            user=user,
            email="lezer@example.org",
            name="Lies Lezer",
            organisation=organisation,
            consent_text="Toestemming",
            consented_at=now,
            confirmed_at=now,
        )
        reaction = record_contribution(
            programme,
            text="Kleine gemeenten hebben hulp nodig.",
            channel=Channel.REVIEWER,
            version=version,
            reviewer=reviewer,
            organisation=organisation,
            stance="zorg",
            publication=Publication.NAMED,
            author_name="Lies Lezer",
            paragraphs=[paragraph],
        )
        Reviewer.objects.create(
            programme=programme,
            email="nieuw@example.org",
            consent_text="Toestemming",
            consented_at=now,
        )
        # Links are made now: Playwright's event loop keeps the database out of the tests.
        tokens = {
            "login": login_token(programme, "lezer@example.org"),
            "signup": signup.make_link_token(
                programme, "a11y@example.org", TokenPurpose.REVIEWER_SIGNUP
            ),
            "expired": expired_token(programme, "nieuw@example.org"),
        }
        yield {
            "url": url,
            "programme": programme,
            "paragraph": paragraph,
            "reaction": reaction,
            "tokens": tokens,
        }


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()


@pytest.fixture(scope="module")
def reviewer(browser, site):
    """A tab logged in as the reviewer, through a login link as a reviewer would."""
    with tab(browser) as page:
        token = site["tokens"]["login"]
        open_page(page, f"{site['url']}/programmas/digitaal-2017/meelezen/inloggen/{token}")
        assert_accessible(page)
        submit(page)
        assert page.url.endswith("/meelezen/profiel")
        yield page


@pytest.mark.django_db
def test_it_runs_on_the_test_database():
    """pytest-django creates the test database only for sessions in which some test asks for
    it; this test does, so the module never writes to (and flushes) the development database
    even when it runs on its own."""
    from koers.core.tests.browser import is_test_database

    assert is_test_database()


def test_it_has_no_violations_on_the_sign_up_page(site, visitor):
    open_page(visitor, site["url"] + "/programmas/digitaal-2017/meelezen")
    assert visitor.locator("#toestemming").is_visible()
    assert_accessible(visitor)


def test_it_has_no_violations_on_the_sign_up_page_with_errors(site, visitor):
    open_page(visitor, site["url"] + "/programmas/digitaal-2017/meelezen")
    visitor.fill("#id_email", "geen adres")
    visitor.fill("#id_organisation_name", "Utrecht")
    submit(visitor)
    assert visitor.locator("#id_email_error").is_visible()
    assert visitor.locator("#id_consent_error").is_visible()
    assert visitor.locator("#id_organisation_error").is_visible()
    assert visitor.input_value("#id_email") == "geen adres"
    assert_accessible(visitor)


def test_it_has_no_violations_from_sign_up_to_profile(site, browser):
    with tab(browser) as page:
        open_page(page, site["url"] + "/programmas/digitaal-2017/meelezen")
        page.fill("#id_email", "a11y@example.org")
        page.check("#id_consent")
        submit(page)
        assert page.url.endswith("/meelezen/verstuurd")
        assert_accessible(page)
        token = site["tokens"]["signup"]
        url = f"{site['url']}/programmas/digitaal-2017/meelezen/bevestigen/{token}"
        open_page(page, url)
        assert_accessible(page)
        submit(page)
        assert page.url.endswith("/meelezen/profiel")
        assert page.locator(".utrecht-alert--ok").is_visible()
        assert_accessible(page)
        # The same link again: used.
        open_page(page, url, status=410)
        assert_accessible(page)


@pytest.mark.parametrize("kind", ["expired", "invalid"])
def test_it_has_no_violations_on_link_problems(site, visitor, kind):
    if kind == "expired":
        token = site["tokens"]["expired"]
        status = 410
    else:
        token = "kapot:link:abc"
        status = 400
    open_page(
        visitor,
        f"{site['url']}/programmas/digitaal-2017/meelezen/bevestigen/{token}",
        status=status,
    )
    assert visitor.locator("h1").inner_text() in ("Deze link is verlopen", "Deze link werkt niet")
    assert_accessible(visitor)


def test_it_has_no_violations_on_the_profile(site, reviewer):
    open_page(reviewer, site["url"] + "/programmas/digitaal-2017/meelezen/profiel")
    assert reviewer.locator("table tbody tr").first.is_visible()
    assert_accessible(reviewer)


def test_it_has_no_violations_on_the_reaction_form_with_an_error(site, reviewer):
    paragraph = site["paragraph"]
    open_page(
        reviewer,
        f"{site['url']}/programmas/digitaal-2017/agenda/1/alinea/{paragraph.anchor}/reageren",
    )
    assert_accessible(reviewer)
    reviewer.fill("#id_text", "Mijn reactie zonder soort.")
    submit(reviewer)
    assert reviewer.locator("#id_stance_error").is_visible()
    assert reviewer.input_value("#id_text") == "Mijn reactie zonder soort."
    assert_accessible(reviewer)


def test_it_has_no_violations_on_editing_and_deleting(site, reviewer):
    open_page(
        reviewer, f"{site['url']}/programmas/digitaal-2017/meelezen/reacties/{site['reaction'].pk}"
    )
    assert reviewer.locator("#id_text").is_visible()
    assert_accessible(reviewer)
    open_page(reviewer, site["url"] + "/programmas/digitaal-2017/meelezen/profiel/verwijderen")
    assert_accessible(reviewer)


def test_it_has_no_violations_on_the_newsletter_and_login_link_pages(site, visitor):
    open_page(visitor, site["url"] + "/programmas/digitaal-2017/nieuwsbrief")
    assert_accessible(visitor)
    open_page(visitor, site["url"] + "/programmas/digitaal-2017/meelezen/inloglink")
    assert_accessible(visitor)


def test_it_has_no_violations_on_the_too_many_requests_page(site, visitor, time_machine):
    # The limit counts per minute (PUBLIC_FORM_RATE): with the clock standing still, the fourth
    # post is the fourth in its minute at whatever time the suite runs. The server thread of
    # this process reads the same clock.
    time_machine.move_to(datetime.datetime(2026, 1, 5, 10, 0, 30, tzinfo=datetime.UTC), tick=False)
    for _ in range(3):
        open_page(visitor, site["url"] + "/programmas/digitaal-2017/nieuwsbrief")
        visitor.fill("#id_email", "geen adres")
        submit(visitor)
    visitor.fill("#id_email", "geen adres")
    with visitor.expect_navigation() as navigation:
        visitor.click("form.koers-form button[type=submit]")
    assert navigation.value.status == 429
    assert visitor.locator("h1").inner_text() == "Even geduld"
    assert_accessible(visitor)
