"""The structure, family chapter, compare and trace pages pass axe-core's WCAG 2.1 A/AA rules
in Debian's Chromium, the office's forms too, with and without errors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.core.tests.browser import (
    PASSWORD,
    assert_accessible,
    logged_in,
    open_page,
    serve,
    submit,
)
from koers.organisations.tests.factories import (
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)
from koers.synthesis.models import Theme

from .. import services

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
        municipalities = FamilyFactory(
            programme=programme, slug="gemeenten", name="Gemeenten", position=1
        )
        provinces = FamilyFactory(
            programme=programme, slug="provincies", name="Provincies", position=2
        )
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        logius = OrganisationFactory(code="oin-logius", official_name="Logius")
        digid = FacilityFactory(name="DigiD")
        now = timezone.now()

        draft = versions.create_version(programme, title="Voorzet implementatieagenda")
        versions.import_markdown(draft, DOCUMENT)
        paragraphs = list(draft.paragraphs.order_by("section__position", "position"))
        paragraphs[1].families.set([municipalities])
        for number, title in enumerate(["Alles digitaal", "Aansluiten op voorzieningen"], 1):
            step = services.add_step(draft, title=title, description="Voor alle overheden.")
            for family in (municipalities, provinces):
                services.add_main_activity(
                    draft,
                    step=step,
                    family=family,
                    title=f"{family.name}: stap {number}",
                    deadline=datetime.date(2017, 12, 31),
                    intended_outcome="Alles digitaal.",
                    responsible=[logius],
                    facilities=[digid],
                )
        versions.open_consultation(draft, opens_at=now - datetime.timedelta(days=30))
        contribution = Contribution.objects.create(
            programme=programme,
            channel=Channel.REVIEWER,
            family=municipalities,
            text="Houd ook de balie open.",
            publication=Publication.ANONYMOUS,
        )
        theme = Theme.objects.create(programme=programme, label="Digitale inclusie")

        concept = services.make_concept(draft, by=office)
        why = {
            "summary": "Veel gemeenten vroegen erom.",
            "contributions": [contribution],
            "themes": [theme],
            "by": office,
        }
        first, second, third = concept.paragraphs.order_by("section__position", "position")
        services.change_paragraph(first, first.text.replace("2017", "2018"), **why)
        services.remove_paragraph_traced(second, **why)
        services.add_paragraph_traced(third.section, text="Ook **eHerkenning**.", **why)
        step = concept.steps.order_by("position").last()
        services.move_step(step, services.UP, **why)
        services.update_step(step, title="Eerst aansluiten op voorzieningen", **why)
        versions.open_consultation(concept, opens_at=now - datetime.timedelta(days=1))
        yield {
            "url": url,
            "programme": programme,
            "draft": draft,
            "concept": concept,
            "paragraph": first,
            "step": step,
        }


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "bureau") as page:
        yield page


def page_url(site, name, *args, version="concept"):
    return site["url"] + reverse(name, args=[site["programme"].slug, site[version].number, *args])


def test_it_has_no_violations_on_the_public_pages(site, visitor):
    pages = [
        site["url"] + site["concept"].get_absolute_url(),
        site["url"] + site["draft"].get_absolute_url(),
        page_url(site, "drafting:agenda-structure"),
        page_url(site, "drafting:agenda-family-chapter", "gemeenten", version="draft"),
        page_url(site, "drafting:version-trace"),
        site["url"]
        + reverse("drafting:version-compare", args=[site["programme"].slug])
        + "?van=1&naar=2",
    ]
    for url in pages:
        open_page(visitor, url)
        assert_accessible(visitor)
    assert visitor.locator("del.koers-diff__del").first.is_visible()
    assert visitor.locator("ins.koers-diff__ins").first.is_visible()


def test_it_has_no_violations_on_the_office_pages(site, office):
    step = site["step"]
    activity = site["concept"].main_activities.first()
    section = site["paragraph"].section
    pages = [
        page_url(site, "drafting:agenda-structure"),
        page_url(site, "drafting:step-create"),
        page_url(site, "drafting:step-edit", step.anchor),
        page_url(site, "drafting:step-delete", step.anchor),
        page_url(site, "drafting:main-activity-create"),
        page_url(site, "drafting:main-activity-edit", activity.anchor),
        page_url(site, "drafting:paragraph-change-traced", site["paragraph"].anchor),
        page_url(site, "drafting:paragraph-add-traced", section.anchor),
        page_url(site, "drafting:paragraph-remove-traced", site["paragraph"].anchor),
        page_url(site, "drafting:section-add-traced"),
        page_url(site, "drafting:section-edit-traced", section.anchor),
        page_url(site, "drafting:section-remove-traced", section.anchor),
        page_url(site, "drafting:version-edit"),
        page_url(site, "drafting:version-edit", version="draft"),
        page_url(site, "consultation:version-detail", version="draft"),
        site["url"] + reverse("drafting:version-manage", args=[site["programme"].slug]),
        site["url"]
        + reverse("drafting:version-compare", args=[site["programme"].slug])
        + "?van=1&naar=2&alles=1",
        page_url(site, "drafting:version-trace"),
    ]
    for url in pages:
        open_page(office, url)
        assert_accessible(office)


def test_it_has_no_violations_on_forms_with_errors_and_search_results(site, office):
    open_page(office, page_url(site, "drafting:step-create"))
    office.fill("#id_title", "Monitoring")
    submit(office)
    assert office.locator("#id_summary_error").is_visible()
    assert_accessible(office)

    office.fill("#id_query", "balie")
    submit(office, "button[name=search]")
    assert office.locator("text=Houd ook de balie open.").is_visible()
    assert office.input_value("#id_title") == "Monitoring"
    assert_accessible(office)

    open_page(office, page_url(site, "drafting:main-activity-create"))
    office.fill("#id_title", "Te laat")
    office.fill("#id_deadline", "2099-01-01")
    office.fill("#id_summary", "Omdat het kan.")
    submit(office)
    assert office.locator("#id_deadline_error").is_visible()
    assert_accessible(office)

    section = site["paragraph"].section
    open_page(office, page_url(site, "drafting:paragraph-add-traced", section.anchor))
    office.fill("#id_text", "Ook de balie blijft open.")
    submit(office)
    assert office.locator("#id_summary_error").is_visible()
    assert office.input_value("#id_text") == "Ook de balie blijft open."
    assert_accessible(office)

    open_page(office, page_url(site, "drafting:section-remove-traced", section.anchor))
    submit(office)
    assert office.locator("#id_summary_error").is_visible()
    assert_accessible(office)
