"""The contribution pages pass axe-core's WCAG 2.1 A/AA rules in a real browser.

Uses the harness in koers/core/tests/browser.py: one live server for the module, Debian's
Chromium, data built once: a programme with a family, a few organisations, a draft with a
paragraph and contributions from several channels (one hidden, one waiting for moderation).
"""

import datetime
import tempfile
from pathlib import Path

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
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

from ..constants import Channel
from ..models import Contribution, Reviewer

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="inbreng-toegankelijk", name="Digitaal 2017")
    family = FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
    organisations = OrganisationFactory.create_batch(5)
    opened = timezone.now() - datetime.timedelta(days=3)
    version = AgendaVersion.objects.create(
        programme=programme, number=1, title="Voorzet", consultation_opens_at=opened
    )
    section = Section.objects.create(version=version, position=1, title="Digitaal als standaard")
    paragraph = Paragraph.objects.create(
        version=version, section=section, position=1, text="Alle diensten zijn digitaal."
    )
    office = UserFactory(username="inbreng-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    contributions = []
    for n, channel in enumerate([Channel.IMPORT, Channel.EMAIL, Channel.REVIEWER] * 4):
        contribution = Contribution.objects.create(
            programme=programme,
            version=version,
            channel=channel,
            family=family,
            organisation=organisations[n % 5],
            author_name=f"Auteur {n}",
            text=f"Inbreng {n}: maak de websites gebruiksvriendelijker en houd de balie open.",
            is_hidden=n == 4,
            hidden_reason="persoonsgegevens" if n == 4 else "",
        )
        contribution.paragraphs.set([paragraph])
        contributions.append(contribution)
    # A reviewer who names an organisation nobody confirmed yet, and a reaction changed after
    # its approval (the queue shows the text that is still public).
    reviewer = Reviewer.objects.create(
        programme=programme,
        email="lezer@example.org",
        name="Lies Lezer",
        organisation=organisations[2],
        consent_text="Ja",
        consented_at=opened,
        confirmed_at=opened,
    )
    Contribution.objects.filter(pk=contributions[2].pk).update(reviewer=reviewer)
    Contribution.objects.filter(pk=contributions[5].pk).update(published_text="Eerdere tekst.")
    contribution = contributions[0]
    contribution._history_user = office
    contribution.text += " Aangevuld."
    contribution.save()
    return {"programme": programme, "contribution": contribution}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    # Uploaded files wait in a folder of the test's own, not in the real var/.
    with serve(django_db_blocker, VAR_DIR=Path(tempfile.mkdtemp(prefix="koers-a11y-"))) as url:
        yield {"url": url, **build_world()}


@pytest.fixture(scope="module")
def office(browser, site):
    with logged_in(browser, site, "inbreng-bureau") as page:
        yield page


def url(site, rest=""):
    return f"{site['url']}/programmas/{site['programme'].slug}/inbreng{rest}"


def test_it_has_no_violations_on_the_list_and_its_filter_errors(site, office):
    open_page(office, url(site))
    assert office.locator("table tbody tr").count() == 12
    assert_accessible(office)
    open_page(office, url(site, "?van=31-02-2016&zoek=balie"))
    assert office.locator("#id_van_error").is_visible()
    # A date picker cannot show a day that does not exist; the page keeps it for a browser
    # without one, which shows a text box.
    assert office.get_attribute("#id_van", "value") == "31-02-2016"
    assert_accessible(office)


def test_it_has_no_violations_on_the_detail_with_history(site, office):
    open_page(office, url(site, f"/{site['contribution'].pk}"))
    assert office.locator("table tbody tr").count() == 2
    assert_accessible(office)
    submit(office, "form[action$=verbergen] button[type=submit]")
    assert office.locator("#id_reason_error").is_visible()
    assert_accessible(office)


def test_it_has_no_violations_on_the_moderation_queue(site, office):
    open_page(office, url(site, "/moderatie"))
    assert office.locator("article").count() == 4
    assert office.get_by_text("Eerdere tekst.").is_visible()
    assert_accessible(office)
    # In bulk: every box of the page ticked without JavaScript, then a missing reason.
    submit(office, "button[name=tick][value=all]")
    assert office.locator("article input[type=checkbox]:checked").count() == 4
    assert_accessible(office)
    submit(office, "button[name=action][value=hide]")
    assert office.locator("#id_reason_error").is_visible()
    assert office.locator("article input[type=checkbox]:checked").count() == 4
    assert_accessible(office)


def test_it_has_no_violations_on_the_claims_of_reviewers(site, office):
    open_page(office, f"{site['url']}/programmas/{site['programme'].slug}/meelezers/organisaties")
    assert office.locator("table tbody tr").count() == 1
    assert_accessible(office)


def test_it_has_no_violations_through_the_import(site, office, tmp_path):
    open_page(office, url(site, "/importeren"))
    assert_accessible(office)
    mapped = tmp_path / "eigen.csv"
    mapped.write_text("Opmerking;Wie\nMeer balies;onbekend\n", encoding="utf-8")
    office.set_input_files("#id_file", str(mapped))
    submit(office)
    assert office.locator("#id_map_text").is_visible()
    assert_accessible(office)
    office.select_option("#id_map_text", "Opmerking")
    office.select_option("#id_map_organisation", "Wie")
    submit(office)
    assert office.locator("table tbody tr").count() == 1  # the unknown organisation
    assert_accessible(office)


def test_it_has_no_violations_on_the_position_paper_form_with_errors(site, office):
    open_page(office, url(site, "/position-paper"))
    office.fill("#id_text", "Onze visie")
    office.fill("#id_submitted_on", "")
    submit(office)
    assert office.locator("#id_submitted_on_error").is_visible()
    assert office.input_value("#id_text") == "Onze visie"
    assert_accessible(office)
