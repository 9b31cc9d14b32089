"""Two browsers on one form: the later save of the older form shows both texts side by side on
a page that passes axe-core's WCAG 2.1 A/AA rules, and "Mijn invoer toch opslaan" works by
keyboard, without JavaScript."""

import pytest
from django.urls import reverse

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.models import Paragraph
from koers.core.tests.browser import PASSWORD, assert_accessible, logged_in, open_page, serve
from koers.organisations.tests.factories import ProgrammeFactory, RoleFactory, UserFactory

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        for username in ("bureau", "collega"):
            user = UserFactory(username=username, password=PASSWORD)
            RoleFactory(user=user, programme=programme, kind=RoleKind.OFFICE)
        version = versions.create_version(programme, title="Voorzet")
        versions.import_markdown(version, "## Dienstverlening\n\nBurgers doen alles digitaal.")
        paragraph = version.paragraphs.get()
        yield {
            "url": url,
            "paragraph": paragraph,
            "edit": url
            + reverse(
                "drafting:version-paragraph-edit",
                args=[programme.slug, version.number, paragraph.anchor],
            ),
        }


def test_it_shows_both_texts_accessibly_and_overwrites_on_purpose(site, browser):
    with logged_in(browser, site, "bureau") as mine, logged_in(browser, site, "collega") as theirs:
        open_page(mine, site["edit"])
        open_page(theirs, site["edit"])
        theirs.fill("#id_text", "De tekst van de collega.")
        with theirs.expect_navigation():
            theirs.click("form.koers-form button[type=submit]")

        mine.fill("#id_text", "Mijn tekst.")
        with mine.expect_navigation() as navigation:
            mine.click("form.koers-form .koers-form__actions:last-child button[type=submit]")
        assert navigation.value.status == 409, navigation.value.status
        panel = mine.locator(".koers-conflict")
        assert panel.is_visible()
        assert panel.locator("td", has_text="De tekst van de collega.").is_visible()
        assert panel.locator("td", has_text="Mijn tekst.").is_visible()
        assert mine.input_value("#id_text") == "Mijn tekst."
        assert_accessible(mine)
        mine.screenshot(path="/tmp/koers-conflict.png", full_page=True)
        assert Paragraph.objects.get(pk=site["paragraph"].pk).text == "De tekst van de collega."

        mine.focus(".koers-conflict button[type=submit]")
        with mine.expect_navigation():
            mine.keyboard.press("Enter")
        assert Paragraph.objects.get(pk=site["paragraph"].pk).text == "Mijn tekst."
