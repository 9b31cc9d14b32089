"""The round-table and coverage pages pass axe-core's WCAG 2.1 A/AA rules in a real browser.

Uses the harness in koers/core/tests/browser.py: one live server for the module, Debian's
Chromium, data built once. A small world is enough here (a programme with two families, a few
dozen organisations, a meeting with input), which keeps the module quick.
"""

import datetime

import pytest
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.core.tests.browser import (
    PASSWORD,
    assert_accessible,
    logged_in,
    open_page,
    serve,
    submit,
)
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

from ..constants import Channel
from ..models import Contribution, RoundTable

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="toegankelijk", name="Digitaal 2017")
    municipalities = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
    provinces = FamilyFactory(
        programme=programme,
        slug="provincies",
        name="Provincies",
        position=1,
        kinds=[Kind.PROVINCE],
    )
    organisations = OrganisationFactory.create_batch(30)
    OrganisationFactory.create_batch(4, kind=Kind.PROVINCE)
    version = AgendaVersion.objects.create(programme=programme, number=1, title="Voorzet")
    section = Section.objects.create(version=version, position=1, title="Digitaal als standaard")
    paragraph = Paragraph.objects.create(
        version=version, section=section, position=1, text="Alle diensten zijn digitaal."
    )
    start = timezone.now() - datetime.timedelta(days=2)
    round_table = RoundTable.objects.create(
        programme=programme,
        version=version,
        title="Ronde tafel gemeenten",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Den Haag",
        online_url="https://vergader.example/d2017",
        agenda="* Opening\n* De voorzet",
        minutes="Iedereen was **positief**.",
    )
    round_table.families.set([municipalities])
    round_table.invited.set(organisations)
    round_table.attended.set(organisations[:12])
    contribution = Contribution.objects.create(
        programme=programme,
        channel=Channel.ROUND_TABLE,
        round_table=round_table,
        version=version,
        organisation=organisations[0],
        family=municipalities,
        author_name="J. de Vries",
        text="Eerst de website.",
    )
    contribution.paragraphs.set([paragraph])
    future = timezone.now() + datetime.timedelta(days=20)
    upcoming = RoundTable.objects.create(
        programme=programme,
        title="Ronde tafel provincies",
        starts_at=future,
        ends_at=future + datetime.timedelta(hours=3),
        online_url="https://vergader.example/provincies",
    )
    upcoming.families.set([provinces])
    office = UserFactory(username="toegankelijk-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    return {"programme": programme, "round_table": round_table, "family": municipalities}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        yield {"url": url, **build_world()}


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "toegankelijk-bureau") as page:
        yield page


def paths(site):
    slug, pk = site["programme"].slug, site["round_table"].pk
    return {
        "list": f"/programmas/{slug}/ronde-tafels",
        "detail": f"/programmas/{slug}/ronde-tafels/{pk}",
        "create": f"/programmas/{slug}/ronde-tafels/nieuw",
        "edit": f"/programmas/{slug}/ronde-tafels/{pk}/bewerken",
        "invitations": f"/programmas/{slug}/ronde-tafels/{pk}/uitnodigingen",
        "attendance": f"/programmas/{slug}/ronde-tafels/{pk}/aanwezigheid",
        "minutes": f"/programmas/{slug}/ronde-tafels/{pk}/verslag",
        "coverage": f"/programmas/{slug}/dekking",
        "coverage_family": f"/programmas/{slug}/dekking/gemeenten?deelname=nog-niet",
    }


# Each check costs a page load and an axe run, so pages that share a template are checked once:
# the edit form is the create form, attendance is the invitations page, the minutes form is a
# single field of the same kind. The office's meeting page is checked with the recording form
# in its error state, which holds everything the plain page holds.
def test_it_has_no_violations_on_the_public_list(site, visitor):
    open_page(visitor, site["url"] + paths(site)["list"])
    assert visitor.locator("table tbody tr").count() == 2
    assert_accessible(visitor)


@pytest.mark.parametrize("name", ["coverage", "coverage_family"])
def test_it_has_no_violations_on_the_coverage_pages(site, office, name):
    open_page(office, site["url"] + paths(site)[name])
    assert office.locator("table tbody tr").count() >= 1
    assert_accessible(office)


def test_it_has_no_violations_on_the_form_with_errors(site, office):
    open_page(office, site["url"] + paths(site)["create"])
    office.fill("#id_title", "Ronde tafel")
    office.fill("#id_starts_at", "2030-05-12T13:30")
    submit(office)
    assert office.locator("#id_ends_at_error").is_visible()
    assert office.locator("#id_families_error").is_visible()
    assert office.input_value("#id_starts_at") == "2030-05-12T13:30"
    assert_accessible(office)


def test_it_has_no_violations_when_recording_fails(site, office):
    open_page(office, site["url"] + paths(site)["detail"])
    office.fill("#id_author_name", "Spreker")
    submit(office, "#inbreng-invoeren + p + form button[type=submit]")
    assert office.locator("#id_text_error").is_visible()
    assert office.input_value("#id_author_name") == "Spreker"
    assert_accessible(office)


def test_it_ticks_a_whole_family_without_javascript(site, office):
    open_page(office, site["url"] + paths(site)["invitations"])
    submit(office, f"button[value='geen:{site['family'].pk}']")
    assert office.locator("input[name=organisations]:checked").count() == 0
    assert_accessible(office)
