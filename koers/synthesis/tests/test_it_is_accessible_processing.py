"""The processing pages pass axe-core's WCAG 2.1 A/AA rules, with their errors on screen too.

Uses the harness in koers/core/tests/browser.py: one live server for the module, Debian's
Chromium. The data are built once without an analysis: two families, two themes (one disposed
as a whole), a campaign, input in no theme, one contribution decided one by one, and enough
input in one theme (60) for its list to have a second page.
"""

import pytest
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.consultation.constants import Channel
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
    FamilyFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

from .. import tally
from ..constants import Outcome, RunMode, RunState
from ..dispositions import dispose, dispose_theme
from ..models import Campaign, SynthesisRun, Theme, ThemeAssignment

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="verwerking-toegankelijk", name="Digitaal 2017")
    towns = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten", position=0)
    water = FamilyFactory(
        programme=programme, slug="waterschappen", name="Waterschappen", position=1
    )
    office = UserFactory(
        username="verwerking-bureau", password=PASSWORD, first_name="Bea", last_name="Bureau"
    )
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    now = timezone.now()
    run = SynthesisRun.objects.create(programme=programme, mode=RunMode.FULL, state=RunState.DONE)
    websites = Theme.objects.create(
        programme=programme,
        label="Toegankelijke websites",
        summary="Maak websites toegankelijk voor iedereen, bijdrage 0.",
    )
    dikes = Theme.objects.create(programme=programme, label="Digitaal dijkbeheer")
    made = Contribution.objects.bulk_create(
        Contribution(
            programme=programme,
            channel=Channel.IMPORT,
            family=towns if n % 3 else water,
            text=f"Maak websites toegankelijk voor iedereen, bijdrage {n}.",
            submitted_at=now,
        )
        for n in range(60)
    )
    wet = Contribution.objects.bulk_create(
        Contribution(
            programme=programme,
            channel=Channel.EMAIL,
            family=water,
            text=f"Sensoren op de dijken, bijdrage {n}.",
            submitted_at=now,
        )
        for n in range(5)
    )
    Contribution.objects.create(
        programme=programme,
        channel=Channel.EMAIL,
        family=towns,
        text="Iets anders.",
        submitted_at=now,
    )
    campaign = Campaign.objects.create(
        programme=programme, run=run, number=1, representative=made[0], text=made[0].text, size=3
    )
    ThemeAssignment.objects.bulk_create(
        [
            ThemeAssignment(
                contribution=c,
                theme=websites,
                run=run,
                assigned_at=now,
                campaign=campaign if n < 3 else None,
            )
            for n, c in enumerate(made)
        ]
        + [ThemeAssignment(contribution=c, theme=dikes, run=run, assigned_at=now) for c in wet]
    )
    tally.recount(programme.pk)  # written in bulk above, as an import counts it
    dispose_theme(dikes, Outcome.ADOPTED, "Staat in stap 2.", by=office)
    dispose([wet[0].pk], Outcome.PARTLY, "Deels: alleen de sensoren.", by=office)
    return {"programme": programme, "websites": websites, "campaign": campaign, "single": wet[0]}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        yield {"url": url, **build_world()}


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "verwerking-bureau") as page:
        yield page


def url(site, rest):
    return f"{site['url']}/programmas/{site['programme'].slug}/{rest}"


def test_it_has_no_violations_on_the_overview(site, office):
    open_page(office, url(site, "verwerking"))
    assert office.locator("table").count() == 2
    assert_accessible(office)


def test_it_has_no_violations_on_the_open_list_and_its_error(site, office):
    open_page(office, url(site, "verwerking/open"))
    assert office.locator("table tbody tr").count() == 50
    assert_accessible(office)
    submit(office, "button.utrecht-button--primary-action")  # nothing chosen, no reason
    assert office.locator("#id_reason_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_a_theme_with_pages_and_an_error(site, office):
    open_page(office, url(site, f"themas/{site['websites'].pk}/verwerken"))
    office.check("table tbody tr:first-child input[type=checkbox]")
    submit(office, "button[name=to_page]")
    assert office.locator("text=Pagina 2 van 2").count() == 1
    assert office.locator("input[type=hidden][name=exceptions]").count() == 1
    assert_accessible(office)
    submit(office, "button.utrecht-button--primary-action")  # no outcome, no reason
    assert office.locator("#id_outcome_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_a_campaign(site, office):
    open_page(office, url(site, f"campagnes/{site['campaign'].pk}/verwerken"))
    assert office.locator("table tbody tr").count() == 3
    assert_accessible(office)


def test_it_has_no_violations_on_one_contribution_with_history(site, office):
    open_page(office, url(site, f"inbreng/{site['single'].pk}/verwerking"))
    assert office.locator("#geschiedenis + ol li").count() == 2
    assert_accessible(office)
    office.fill("#id_reason", "")
    submit(office, "button.utrecht-button--primary-action")
    assert office.locator("#id_reason_error").is_visible()
    assert_accessible(office)


def test_the_theme_list_sets_each_summary_in_the_weight_of_running_text(site, office):
    # Label and summary share the row's header cell, which browsers set in bold.
    open_page(office, url(site, "themas"))
    summary = office.locator("th .koers-summary").first
    assert summary.is_visible()
    assert summary.evaluate("node => getComputedStyle(node).fontWeight") == "400"
    assert_accessible(office)
