"""The start page "Mijn werk" passes axe-core's WCAG 2.1 A/AA rules in Debian's Chromium, for
the programme office, a contributor, and someone for whom nothing waits; logging in still lands
where it did."""

import pytest
from django.urls import reverse

from koers.accounts.models import RoleKind
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.core.tests.browser import assert_accessible, log_in, open_page, serve, tab
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
        FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten")
        utrecht = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
        office = UserFactory(username="bureau")
        RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
        contributor = UserFactory(username="bijdrager")
        RoleFactory(
            user=contributor, programme=programme, kind=RoleKind.CONTRIBUTOR, organisation=utrecht
        )
        UserFactory(username="buitenstaander")
        Contribution.objects.create(
            programme=programme, channel=Channel.REVIEWER, text="Denk aan papier."
        )
        yield {"url": url}


def test_it_has_no_violations_for_the_office_and_a_contributor(site, browser):
    for username, shown in [
        ("bureau", "Wacht op moderatie"),
        ("bijdrager", "Uitwerkingen van gemeente Utrecht"),
        ("buitenstaander", "Er wacht nu niets op u."),
    ]:
        with tab(browser) as page:
            log_in(page, site, username)
            # Logging in through the form lands where it always did, with the way to the start
            # page in the header.
            assert page.url == site["url"] + reverse("home")
            page.click("nav >> text=Mijn werk")
            assert page.url == site["url"] + reverse("accounts:my-work")
            open_page(page, page.url)
            assert page.locator(f"text={shown}").first.is_visible()
            assert_accessible(page)
