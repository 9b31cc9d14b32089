"""The elaboration pages pass axe-core's WCAG 2.1 A/AA rules in Debian's Chromium: the public
progress and an organisation's commitments, the family overview, and the commitment form with
and without errors."""

import datetime

import pytest
from django.urls import reverse

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
from koers.drafting import services
from koers.organisations.tests.factories import (
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
    without_council,
)

from .. import services as elaboration

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

SLUG = "digitaal-2017"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(slug=SLUG, name="Digitaal 2017")
        family = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
        utrecht = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
        old = OrganisationFactory(code="gm0001", official_name="gemeente Oud")
        OrganisationFactory(code="gm0363", official_name="gemeente Amsterdam")
        digid = FacilityFactory(name="DigiD")
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        contributor = UserFactory(username="bijdrager", password=PASSWORD)
        RoleFactory(
            user=contributor, programme=programme, kind=RoleKind.CONTRIBUTOR, organisation=utrecht
        )
        coordinator = UserFactory(username="coordinator", password=PASSWORD)
        RoleFactory(user=coordinator, programme=programme, kind=RoleKind.COORDINATOR, family=family)

        version = versions.create_version(programme, title="Implementatieagenda")
        versions.import_markdown(version, "## Dienstverlening\n\nAlles digitaal.\n")
        for number in (1, 2):
            step = services.add_step(version, title=f"Stap {number}", description="Voor allen.")
            services.add_main_activity(
                version,
                step=step,
                family=family,
                title=f"Aansluiten, deel {number}",
                deadline=datetime.date(2017, 12, 31),
                intended_outcome="Alles digitaal.",
                facilities=[digid],
            )
        move_version(version, VersionState.CONCEPT, by=office)
        without_council(version)
        move_version(version, VersionState.ADOPTED, by=office)
        first, second = version.main_activities.order_by("step__position")
        kwargs = {
            "programme": programme,
            "what": "Alle diensten met DigiD.",
            "owner": "Team",
            "milestones": [elaboration.MilestoneInput("Plan", datetime.date(2017, 6, 1))],
            "facilities": [digid],
            "by": contributor,
        }
        elaboration.create_commitment(utrecht, main_activity=first, title="DigiD", **kwargs)
        elaboration.create_commitment(old, main_activity=second, title="Machtigen", **kwargs)
        elaboration.create_commitment(utrecht, title="Eigen portaal", **kwargs)
        elaboration.transfer_commitments(old, utrecht, by=office)
        yield {
            "url": url,
            "programme": programme,
            "anchor": second.anchor,
            "commitment": utrecht.commitments.order_by("pk").first(),
        }


def page(site, name, *args):
    return site["url"] + reverse(name, args=[SLUG, *args])


def test_it_has_no_violations_on_the_public_pages(site, visitor):
    for url in [
        page(site, "elaboration:elaboration-home"),
        page(site, "elaboration:organisation-commitments", "gm0344"),
    ]:
        open_page(visitor, url)
        assert_accessible(visitor)
    assert visitor.locator("text=overgenomen van gemeente Oud").first.is_visible()


def test_it_has_no_violations_on_the_family_overview(site, browser):
    with logged_in(browser, site, "coordinator") as coordinator:
        for url in [
            page(site, "elaboration:elaboration-family", "gemeenten"),
            page(site, "elaboration:elaboration-family", "gemeenten") + "?filter=open",
        ]:
            open_page(coordinator, url)
            assert_accessible(coordinator)
        submit(coordinator)  # the reminder
        assert coordinator.locator("text=Herinnering gestuurd aan").is_visible()
        assert_accessible(coordinator)


def test_it_has_no_violations_on_the_forms(site, browser):
    with logged_in(browser, site, "bijdrager") as contributor:
        open_page(contributor, page(site, "elaboration:organisation-commitments", "gm0344"))
        assert_accessible(contributor)
        open_page(
            contributor, page(site, "elaboration:commitment-edit", "gm0344", site["commitment"].pk)
        )
        assert_accessible(contributor)
        open_page(contributor, page(site, "elaboration:commitment-create", "gm0344"))
        assert_accessible(contributor)
        contributor.fill("#id_title", "Te laat")
        contributor.fill("#id_milestone-0-title", "Ooit")
        contributor.fill("#id_milestone-0-due_on", "01-01-2099")
        submit(contributor)
        assert contributor.locator("#id_what_error").is_visible()
        assert contributor.input_value("#id_title") == "Te laat"
        assert_accessible(contributor)
