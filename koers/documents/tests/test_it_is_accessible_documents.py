"""The response report, a family's report, the agenda document and the reviewer's own page pass
axe-core's WCAG 2.1 A/AA rules (harness: koers/core/tests/browser.py)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from koers.accounts.models import RoleKind
from koers.core.tests.browser import PASSWORD, assert_accessible, logged_in, open_page, serve
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

from .conftest import build_example

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser


def build_world():
    programme = ProgrammeFactory(slug="documenten-toegankelijk", name="Digitaal 2017")
    office = UserFactory(username="documenten-bureau", password=PASSWORD)
    RoleFactory(user=office, programme=programme, kind=RoleKind.OFFICE)
    reviewer = UserFactory(username="documenten-meelezer", password=PASSWORD)
    RoleFactory(user=reviewer, programme=programme, kind=RoleKind.REVIEWER)
    world = SimpleNamespace(
        programme=programme,
        family=FamilyFactory(programme=programme, slug="gemeenten", name="Gemeenten"),
        organisation=OrganisationFactory(official_name="gemeente Utrecht"),
        office=office,
        reviewer=reviewer,
    )
    build_example(world)
    return {"slug": programme.slug}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        yield {"url": url, **build_world()}


@pytest.mark.parametrize(
    "name,args",
    [
        ("documents:response-report", [1]),
        ("documents:response-report-family", [1, "provincies"]),
        ("documents:agenda-document", [1]),
    ],
)
def test_the_documents_are_accessible(site, visitor, name, args):
    open_page(visitor, site["url"] + reverse(name, args=[site["slug"], *args]))
    assert_accessible(visitor)


def test_the_reviewer_page_is_accessible(site, browser):
    with logged_in(browser, site, "documenten-meelezer") as page:
        open_page(
            page, site["url"] + reverse("documents:reviewer-dispositions", args=[site["slug"]])
        )
        assert page.locator("h1").inner_text() == "Wat er met uw reacties is gedaan"
        assert_accessible(page)
