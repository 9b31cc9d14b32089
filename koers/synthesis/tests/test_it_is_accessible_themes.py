"""The theme and run pages pass axe-core's WCAG 2.1 A/AA rules in a real browser.

Uses the harness in koers/core/tests/browser.py. The data is built by hand, without running the
analysis: two families, three themes the analysis proposed (one renamed by a person, one merged
into another), "Overig", and a run that is still working.
"""

import datetime

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
from ..constants import RunMode, RunState
from ..models import SynthesisRun, Theme, ThemeAssignment
from ..services import decide_common_thread, merge_themes, rename_theme

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="thema-toegankelijk", name="Digitaal 2017")
    families = [
        FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten", position=0),
        FamilyFactory(programme=programme, slug="waterschappen", name="Waterschappen", position=1),
    ]
    office = UserFactory(username="thema-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    done = SynthesisRun.objects.create(
        programme=programme,
        mode=RunMode.FULL,
        state=RunState.DONE,
        requested_by=office,
        finished_at=timezone.now(),
        done=100,
        total=100,
        contributions=30,
    )
    themes = {}
    for n, label in enumerate(["websites toegankelijk", "dijken sterker", "portalen", "Overig"]):
        theme = Theme.objects.create(
            programme=programme,
            label=label,
            proposed_by_run=done,
            is_other=label == "Overig",
            keywords=label.split(),
            quotes=[f"Citaat over {label}."],
        )
        made = Contribution.objects.bulk_create(
            Contribution(
                programme=programme,
                channel=Channel.IMPORT,
                family=families[(n + i) % 2],
                text=f"Bijdrage {i} over {label}: wat ons betreft moet dit beter.",
            )
            for i in range(6)
        )
        ThemeAssignment.objects.bulk_create(
            ThemeAssignment(contribution=c, theme=theme, run=done, assigned_at=timezone.now())
            for c in made
        )
        themes[label] = theme
    tally.recount(programme.pk)  # written in bulk above, as an analysis counts it
    websites = rename_theme(themes["websites toegankelijk"], "Toegankelijke websites", by=office)
    decide_common_thread(websites, True, by=office)
    merge_themes(websites, [themes["portalen"]], by=office)
    working = SynthesisRun.objects.create(
        programme=programme,
        mode=RunMode.NEW,
        state=RunState.RUNNING,
        requested_by=office,
        stage="nieuwe inbreng indelen",
        done=35,
        total=100,
        # Alive for as long as the module's tests take (no worker writes its heartbeat here).
        heartbeat_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return {"programme": programme, "themes": themes, "working": working, "done": done}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        yield {"url": url, **build_world()}


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "thema-bureau") as page:
        yield page


def test_it_has_no_violations_on_the_theme_list(site, office):
    open_page(office, site["url"] + site["themes"]["Overig"].get_absolute_url().rsplit("/", 1)[0])
    assert office.locator("table tbody tr").count() == 3  # the merged theme is not listed
    assert_accessible(office)


def test_it_has_no_violations_on_a_theme_and_its_form_errors(site, office):
    theme = site["themes"]["websites toegankelijk"]
    open_page(office, site["url"] + theme.get_absolute_url())
    assert office.locator("svg.koers-chart__svg").count() == 1
    assert_accessible(office)
    office.fill("#id_label", "   ")
    submit(office, "form[action$=naam] button[type=submit]")
    assert office.locator("#id_label_error").is_visible()
    assert_accessible(office)
    submit(office, "form[action$=verplaatsen] button[type=submit]")
    assert office.locator("#id_contributions_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_a_merged_theme(site, office):
    open_page(office, site["url"] + site["themes"]["portalen"].get_absolute_url())
    assert office.get_by_text("Dit thema is samengevoegd in").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_the_run_pages(site, office):
    open_page(office, site["url"] + site["working"].get_absolute_url())
    assert office.locator("progress").get_attribute("value") == "35"
    assert office.get_by_role("button", name="Analyse afbreken").is_visible()
    assert_accessible(office)
    open_page(office, site["url"] + site["done"].get_absolute_url())
    assert_accessible(office)
    open_page(office, site["url"] + site["done"].get_absolute_url().rsplit("/", 1)[0])
    assert office.locator("table tbody tr").count() == 2
    assert_accessible(office)
