"""The agenda pages pass axe-core's WCAG 2.1 A/AA rules in Debian's Chromium, and work by keyboard.

Uses the harness in koers/core/tests/browser.py, with a small programme built from factories
instead of the whole register, so the module stays quick.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.core.tests.browser import (
    PASSWORD,
    assert_accessible,
    logged_in,
    open_page,
    serve,
    submit,
)
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
    without_council,
)

from ..constants import Channel, Publication, Stance
from ..models import Reviewer
from ..services import record_contribution

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

DOCUMENT = """Het programma schrijft samen met alle overheden één agenda.

## Dienstverlening

Burgers en bedrijven kunnen in 2017 al hun zaken met de overheid **digitaal** doen.

Digitaal is de kwaliteitssprong; andere kanalen blijven nodig.

## Voorzieningen

Sluit aan op [MijnOverheid](https://mijn.overheid.nl), DigiD en eHerkenning.

- Berichtenbox
- Lopende zaken
"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        municipalities = FamilyFactory(programme=programme, name="Gemeenten", position=1)
        provinces = FamilyFactory(programme=programme, name="Provincies", position=2)
        utrecht = OrganisationFactory(official_name="gemeente Utrecht")
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        reviewer = UserFactory(username="meelezer", password=PASSWORD)
        now = timezone.now()
        Reviewer.objects.create(
            programme=programme,
            user=reviewer,
            consent_text="Ja",
            consented_at=now,
            confirmed_at=now,
            name="Mila Meelezer",
        )

        adopted = versions.create_version(programme, title="Eerdere agenda")
        versions.import_markdown(adopted, DOCUMENT)
        move_version(adopted, VersionState.CONCEPT)
        without_council(adopted)
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
            reaction = record_contribution(
                programme,
                text=f"Een {stance} over deze alinea.\nTweede regel.",
                channel=Channel.REVIEWER,
                paragraphs=[paragraphs[0]],
                family=family,
                organisation=utrecht if family == municipalities else None,
                publication=publication,
                stance=stance,
                author_name=name,
                version=draft,
            )
            reaction.approve()  # the office looked at it: public reactions are shown
            reaction.save()
        # The draft above is based on the adopted version, so its text changes on the agenda's
        # traced pages; a version of its own keeps the consultation's plain text forms.
        fresh = versions.create_version(programme, title="Losse voorzet")
        versions.import_markdown(fresh, DOCUMENT)
        yield {
            "url": url,
            "programme": programme,
            "draft": draft,
            "fresh": fresh,
            "adopted": adopted,
            "paragraphs": paragraphs,
            "last_section": last_section,
        }


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "bureau") as page:
        yield page


@pytest.fixture(scope="module")
def reviewer(browser, site):
    with logged_in(browser, site, "meelezer") as page:
        yield page


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
    open_page(
        visitor, site["url"] + reverse("consultation:version-list", args=[site["programme"].slug])
    )
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
    fresh = site["fresh"].paragraphs.select_related("section").first()
    pages = [
        site["url"] + reverse("drafting:version-manage", args=[site["programme"].slug]),
        office_url(site, "drafting:version-edit"),
        office_url(site, "drafting:version-edit", version="adopted"),
        office_url(site, "drafting:version-section-add"),
        office_url(site, "drafting:version-section-edit", section.anchor),
        office_url(site, "drafting:version-paragraph-add", section.anchor),
        office_url(site, "drafting:version-paragraph-edit", first.anchor),
        office_url(site, "drafting:version-paragraph-delete", first.anchor),
        office_url(site, "drafting:version-section-delete", site["last_section"].anchor),
        office_url(site, "drafting:version-period"),
        office_url(site, "drafting:version-import", version="fresh"),
        office_url(site, "drafting:version-edit", version="fresh"),
        office_url(site, "drafting:version-section-add", version="fresh"),
        office_url(site, "drafting:version-section-edit", fresh.section.anchor, version="fresh"),
        office_url(site, "drafting:version-paragraph-add", fresh.section.anchor, version="fresh"),
        office_url(site, "drafting:version-paragraph-edit", fresh.anchor, version="fresh"),
        office_url(site, "drafting:version-paragraph-delete", fresh.anchor, version="fresh"),
        office_url(site, "drafting:version-section-delete", fresh.section.anchor, version="fresh"),
    ]
    for url in pages:
        open_page(office, url)
        assert_accessible(office)


def test_it_has_no_violations_on_office_forms_with_errors_and_previews(site, office):
    open_page(
        office, office_url(site, "drafting:version-paragraph-edit", site["paragraphs"][1].anchor)
    )
    office.fill("#id_text", "")
    submit(office)
    assert office.locator("#id_text_error").is_visible()
    assert_accessible(office)

    fresh = site["fresh"].paragraphs.first()
    open_page(
        office, office_url(site, "drafting:version-paragraph-edit", fresh.anchor, version="fresh")
    )
    office.fill("#id_text", "")
    submit(office)
    assert office.locator("#id_text_error").is_visible()
    assert_accessible(office)

    open_page(office, office_url(site, "drafting:version-period"))
    # Date pickers: a browser sends only dates that exist, so the error is one of order.
    assert office.get_attribute("#id_opens_at", "type") == "datetime-local"
    office.fill("#id_opens_at", "2016-09-01T09:00")
    office.fill("#id_closes_at", "2016-06-01T09:00")
    submit(office)
    assert office.locator("#id_closes_at_error").is_visible()
    assert office.input_value("#id_opens_at") == "2016-09-01T09:00"
    assert_accessible(office)

    open_page(office, office_url(site, "drafting:version-import", version="fresh"))
    office.fill("#id_text", "## Monitoring\n\nVoortgang per familie.")
    submit(office, "button[name=preview]")
    assert office.locator("#voorbeeld").is_visible()
    assert_accessible(office)


def test_it_moves_a_paragraph_in_place_and_keeps_keyboard_focus(site, office):
    open_page(office, office_url(site, "drafting:version-edit"))
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
