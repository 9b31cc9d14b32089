"""The council's meeting list, a meeting (with and without form errors, for the office and for a
council member) and the public decision list pass axe-core's WCAG 2.1 A/AA rules in Debian's
Chromium."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as agenda_services
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.core.tests.browser import (
    PASSWORD,
    assert_accessible,
    logged_in,
    open_page,
    serve,
    submit,
)
from koers.organisations.tests.factories import ProgrammeFactory, RoleFactory, UserFactory

from .. import services as council
from ..constants import Decision, RecommendationAction

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

DOCUMENT = """## Dienstverlening

Burgers en bedrijven kunnen in 2017 al hun zaken met de overheid **digitaal** doen.

Digitaal is de kwaliteitssprong; andere kanalen blijven nodig.

## Voorzieningen

Sluit aan op MijnOverheid, DigiD en eHerkenning.
"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        member = UserFactory(username="raadslid", password=PASSWORD)
        RoleFactory(user=member, programme=programme, kind=RoleKind.COUNCIL_MEMBER)
        draft = versions.create_version(programme, title="Voorzet implementatieagenda")
        versions.import_markdown(draft, DOCUMENT)
        concept = versions.copy_version(draft, by=office)
        agenda_services.move_version(concept, VersionState.CONCEPT, by=office)
        concept.refresh_from_db()
        starts = timezone.now() + datetime.timedelta(days=7)
        first, second = concept.sections.order_by("position")
        opening = first.paragraphs.order_by("position").first()

        # A meeting that adopted the agenda, for the decision list.
        done = council.plan_meeting(
            programme,
            version=concept,
            title="Regieraad mei",
            starts_at=starts - datetime.timedelta(days=30),
        )
        item = council.add_item(done, section=second)
        council.decide_item(
            item,
            decision=Decision.AMEND,
            by=member,
            amended_text="Sluit aan op DigiD.\n\nEn op MijnOverheid.",
        )
        rec = council.propose_recommendation(
            done,
            paragraph=opening,
            action=RecommendationAction.REPLACE,
            passage="in 2017",
            new_text="in 2018",
            motivation="Haalbaarder.",
            by=member,
        )
        council.decide_recommendation(rec, accept=True, by=member)
        council.adopt_version(done, by=member)

        # A meeting still under way, about the next concept (a concept is adopted once).
        concept = versions.copy_version(concept, by=office)
        concept = agenda_services.move_version(concept, VersionState.CONCEPT, by=office)
        first = concept.sections.order_by("position").first()
        opening = first.paragraphs.order_by("position").first()
        meeting = council.plan_meeting(
            programme,
            version=concept,
            title="Regieraad juni",
            starts_at=starts,
            location="Den Haag",
        )
        council.add_item(meeting, section=first)
        council.add_item(meeting, title="Rondvraag")
        council.propose_recommendation(
            meeting,
            paragraph=opening,
            action=RecommendationAction.DELETE,
            passage="en bedrijven ",
            motivation="Alleen burgers.",
            by=member,
        )
        yield {"url": url, "programme": programme, "meeting": meeting, "done": done}


def page_url(site, name, *args):
    return site["url"] + reverse(name, args=[site["programme"].slug, *args])


def test_it_has_no_violations_on_the_public_decision_list(site, visitor):
    open_page(visitor, page_url(site, "council:council-decisions"))
    assert visitor.locator("text=Haalbaarder.").first.is_visible()
    assert_accessible(visitor)


@pytest.mark.parametrize("username", ["bureau", "raadslid"])
def test_it_has_no_violations_on_the_meeting_pages(site, browser, username):
    with logged_in(browser, site, username) as page:
        for url in (
            page_url(site, "council:council-meetings"),
            page_url(site, "council:council-meeting", site["meeting"].pk),
            page_url(site, "council:council-meeting", site["done"].pk),
            page_url(site, "council:council-decisions"),
        ):
            open_page(page, url)
            assert_accessible(page)


def test_it_has_no_violations_on_forms_with_errors(site, browser):
    meeting = site["meeting"]
    with logged_in(browser, site, "bureau") as page:
        open_page(page, page_url(site, "council:council-meetings"))
        page.fill("#id_title", "Regieraad juli")
        page.fill("#id_starts_at", "")
        submit(page)
        assert page.locator("#id_starts_at_error").is_visible()
        assert page.input_value("#id_title") == "Regieraad juli"
        assert_accessible(page)

        open_page(page, page_url(site, "council:council-meeting", meeting.pk))
        page.select_option("#id_recommendation-paragraph", index=1)
        page.fill("#id_recommendation-passage", "staat er niet")
        page.fill("#id_recommendation-new_text", "Iets anders.")
        page.fill("#id_recommendation-motivation", "Beter.")
        page.select_option("#id_recommendation-action", "vervangen")
        submit(page, "form[action$='wijzigingsvoorstellen'] button[type=submit]")
        assert page.locator("#id_recommendation-passage_error").is_visible()
        assert_accessible(page)

    with logged_in(browser, site, "raadslid") as page:
        item = meeting.items.order_by("position").first()
        open_page(page, page_url(site, "council:council-meeting", meeting.pk))
        page.check(f"#id_item-{item.pk}-decision_1")
        page.fill(f"#id_item-{item.pk}-amended_text", "")
        submit(page, f"form[action$='agendapunten/{item.pk}/besluit'] button[type=submit]")
        assert page.locator(f"#id_item-{item.pk}-amended_text_error").is_visible()
        assert_accessible(page)
