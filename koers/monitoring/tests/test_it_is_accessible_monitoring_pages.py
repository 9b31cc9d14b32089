"""The monitoring pages pass axe-core's WCAG 2.1 A/AA rules in Debian's Chromium, as the office
and as the public: the monitoring home, a round, the risks, the slippage, the forecast, the
indicators and an indicator, an organisation's maturity, and the progress report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.core.tests.browser import PASSWORD, assert_accessible, logged_in, open_page, serve
from koers.drafting import services as drafting
from koers.elaboration import services as elaboration
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import (
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
    without_council,
)

from .. import services as monitoring
from ..constants import ReportStatus
from ..models import Explanation, Indicator, Observation
from ..models_maturity import ObservationSource, Unit

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

SLUG = "digitaal-2017"
PERIOD = "2016-Q4"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(
            slug=SLUG,
            name="Digitaal 2017",
            starts_on=datetime.date(2015, 1, 1),
            deadline=datetime.date(2017, 12, 31),
        )
        family = FamilyFactory(
            programme=programme, slug="gemeenten", name="Gemeenten", kinds=[Kind.MUNICIPALITY]
        )
        towns = [
            OrganisationFactory(
                code=code, official_name=name, kind=Kind.MUNICIPALITY, inhabitants=people
            )
            for code, name, people in [
                ("gm0344", "gemeente Utrecht", 345_000),
                ("gm0363", "gemeente Amsterdam", 850_000),
                ("gm0307", "gemeente Amersfoort", 155_000),
                ("gm0352", "gemeente Wijk bij Duurstede", 23_000),
            ]
        ]
        digid = FacilityFactory(name="DigiD")
        office = UserFactory(username="bureau", password=PASSWORD)
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)

        version = versions.create_version(programme, title="Implementatieagenda")
        versions.import_markdown(version, "## Dienstverlening\n\nAlles digitaal.\n")
        step = drafting.add_step(version, title="Stap 1", description="Voor allen.")
        drafting.add_main_activity(
            version,
            step=step,
            family=family,
            title="Aansluiten op DigiD",
            deadline=datetime.date(2017, 12, 31),
            intended_outcome="Alles digitaal.",
            facilities=[digid],
        )
        move_version(version, VersionState.CONCEPT, by=office)
        without_council(version)
        move_version(version, VersionState.ADOPTED, by=office)
        activity = version.main_activities.get()
        commitments = [
            elaboration.create_commitment(
                town,
                programme=programme,
                main_activity=activity,
                title=f"DigiD in {town.official_name}",
                what="Alle diensten met DigiD.",
                owner="Team Dienstverlening",
                milestones=[
                    elaboration.MilestoneInput("Aanbesteding", datetime.date(2016, 6, 30)),
                    elaboration.MilestoneInput("Livegang", datetime.date(2017, 9, 30)),
                ],
                facilities=[digid],
                by=office,
            )
            for town in towns
        ]
        today = timezone.localdate()
        round_ = monitoring.open_round(
            programme,
            period=PERIOD,
            opens_on=today - datetime.timedelta(days=1),
            deadline=today + datetime.timedelta(days=14),
            by=office,
        )
        for commitment, status, percent in zip(
            commitments[:3],
            [ReportStatus.ON_TRACK, ReportStatus.AT_RISK, ReportStatus.DELAYED],
            [60, 40, 20],
            strict=False,
        ):
            first = commitment.milestones.order_by("due_on").first()
            delayed = status == ReportStatus.DELAYED
            monitoring.submit_report(
                commitment,
                round_,
                status=status,
                percent=percent,
                explanation="" if status == ReportStatus.ON_TRACK else "De leverancier is laat.",
                milestones=[
                    monitoring.MilestoneReport(
                        first,
                        done_on=None if delayed else datetime.date(2016, 6, 20),
                        replanned_to=datetime.date(2018, 3, 31) if delayed else None,
                        reason="Aanbesteding liep uit." if delayed else "",
                    )
                ],
                by=office,
            )
        indicator = Indicator.objects.create(
            programme=programme,
            code="digitaal-aanvraagbaar",
            valid_from=datetime.date(2015, 1, 1),
            name="Producten digitaal aan te vragen",
            unit=Unit.PERCENTAGE,
        )
        for year, rise in ((2015, 0), (2016, 8)):
            for number, town in enumerate(towns):
                Observation.objects.create(
                    indicator=indicator,
                    organisation=town,
                    period=str(year),
                    value=40 + 10 * number + rise,
                    source=ObservationSource.MEASURED,
                    observed_on=datetime.date(year, 11, 30),
                )
        Explanation.objects.create(
            indicator=indicator,
            organisation=towns[3],
            period="2016",
            text="De formulieren volgen na de migratie van het zaaksysteem.",
        )
        yield {"url": url, "programme": programme}


def page(site, name, *args, query=""):
    return site["url"] + reverse(name, args=[SLUG, *args]) + query


def pages(site):
    return [
        page(site, "monitoring:monitoring-home"),
        page(site, "monitoring:round-detail", PERIOD),
        page(site, "monitoring:risks"),
        page(site, "monitoring:slippage"),
        page(site, "monitoring:forecast", query="?peildatum=2016-06-30"),
        page(site, "monitoring:indicator-list"),
        page(site, "monitoring:indicator-detail", "digitaal-aanvraagbaar", query="?periode=2016"),
        page(site, "monitoring:organisation-maturity", "gm0352"),
        page(site, "documents:progress-report", PERIOD),
    ]


def test_it_has_no_violations_for_the_public(site, visitor):
    for url in pages(site):
        open_page(visitor, url)
        assert_accessible(visitor)


def test_it_has_no_violations_for_the_office(site, browser):
    with logged_in(browser, site, "bureau") as office:
        for url in pages(site):
            open_page(office, url)
            assert_accessible(office)
