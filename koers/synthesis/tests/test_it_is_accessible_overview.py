"""The campaign pages and the common-thread overview pass axe-core's WCAG 2.1 A/AA rules.

Uses the harness in koers/core/tests/browser.py: one live server for the module, Debian's
Chromium, data built once: the consultation whose answer is known (four families, three common
threads, a water-board theme and a 25-letter campaign), analysed, with a person's thread decision
and a divisive theme split off by hand, so every part of the pages is on screen.
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
from koers.text.tests.conftest import FAMILIES, build_consultation

from ..constants import RunMode
from ..models import Campaign, SynthesisRun, ThemeAssignment
from ..services import decide_common_thread, perform_run, split_theme

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="rode-draden-toegankelijk", name="Digitaal 2017")
    families = {
        slug: FamilyFactory(programme=programme, slug=slug, name=slug.capitalize(), position=n)
        for n, slug in enumerate(FAMILIES)
    }
    office = UserFactory(username="draden-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    rows = [r for r in build_consultation() if r[0]]
    now = timezone.now()
    made = Contribution.objects.bulk_create(
        Contribution(
            programme=programme,
            channel=Channel.IMPORT,
            text=text,
            family=families[family],
            submitted_at=now,
        )
        for text, family, _planted in rows
    )
    # The task worker does not run here: the analysis is done in place.
    perform_run(SynthesisRun.objects.create(programme=programme, mode=RunMode.FULL))
    planted = {c.pk: r[2] for c, r in zip(made, rows, strict=True)}
    water = ThemeAssignment.objects.get(
        contribution_id=next(pk for pk, p in planted.items() if p == "water")
    ).theme
    decide_common_thread(water, True, by=office)
    channels = ThemeAssignment.objects.get(
        contribution_id=next(pk for pk, p in planted.items() if p == "kanalen")
    ).theme
    decide_common_thread(channels, False, by=office)
    websites_of_two = [
        c.pk
        for c in made
        if planted[c.pk] == "websites" and c.family.slug in {"provincies", "waterschappen"}
    ]
    websites = ThemeAssignment.objects.get(contribution_id=websites_of_two[0]).theme
    split_theme(websites, websites_of_two, "Websites van provincies en waterschappen", by=office)
    return {"programme": programme, "campaign": Campaign.objects.order_by("-size").first()}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        yield {"url": url, **build_world()}


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "draden-bureau") as page:
        yield page


def url(site, rest):
    return f"{site['url']}/programmas/{site['programme'].slug}/{rest}"


def test_it_has_no_violations_on_the_campaign_list(site, office):
    open_page(office, url(site, "campagnes"))
    assert office.locator("table tbody tr").count() >= 1
    assert_accessible(office)


def test_it_has_no_violations_on_a_campaign_and_its_move_error(site, office):
    open_page(office, url(site, f"campagnes/{site['campaign'].pk}"))
    assert office.locator("table tbody tr").count() == 25
    assert_accessible(office)
    submit(office)  # no theme chosen
    assert office.locator("#id_theme_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_the_common_thread_overview(site, office):
    open_page(office, url(site, "rode-draden"))
    assert office.locator("svg[role=img] rect").count() > 0
    assert office.locator("#verdeeld + ul li").count() >= 1
    assert office.locator("#geen-rode-draad + ul li").count() == 1
    assert_accessible(office)
    office.fill("#id_common_thread_share", "120")
    submit(office)
    assert office.locator("#id_common_thread_share_error").is_visible()
    assert office.input_value("#id_common_thread_share") == "120"
    assert_accessible(office)
