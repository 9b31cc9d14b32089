"""Every stage's widest pages reflow at 320 px (WCAG 1.4.10), and the header is one row at 1280 px.

At 320 CSS pixels (a phone, or 1280 px zoomed to 400 %) no page may be wider than the screen:
wide tables scroll inside their own focusable region (`.koers-table-wrap`), long words break.
At 1280 px the header of every role keeps to one row. The pages span the whole cycle, so the
module sits in the last app; its data is the demo programme with only its written contributions
(the generated bulk adds rows, not widths), loaded once.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from koers.core.tests.browser import assert_accessible, logged_in, open_page, serve
from koers.organisations.models import Programme
from koers.synthesis.models import Campaign, Theme

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}

# name: (the demo account that sees it, its path under the programme)
PAGES = {
    "version_steps": ("bureau", "versies/3/stappen"),
    "version_comparison": ("bureau", "versies/vergelijk?van=2&naar=3"),
    "coverage": ("bureau", "dekking"),
    "coverage_of_a_family": ("bureau", "dekking/gemeenten"),
    "processing": ("bureau", "verwerking"),
    "processing_open": ("bureau", "verwerking/open"),
    "processing_a_theme": ("bureau", "themas/{theme}/verwerken"),
    "campaign": ("bureau", "campagnes/{campaign}"),
    "theme": ("bureau", "themas/{theme}"),
    "council_meetings": ("bureau", "regieraad"),
    "elaboration": ("bureau", "uitwerking"),
    "elaboration_of_a_family": ("bureau", "uitwerking/gemeenten"),
    "milestones": ("bureau", "organisaties/gm0344/toezeggingen"),
    "reviewer_profile": ("meelezer", "meelezen/profiel"),
}
ROLES = ["bureau", "coordinator", "bijdrager", "regieraad", "meelezer"]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        call_command("demo", contributions=0, stdout=io.StringIO())
        programme = Programme.objects.get(slug="digitaal-2017")
        themes = Theme.objects.filter(programme=programme, merged_into=None)
        theme = themes.annotate(size=Count("assignments")).order_by("-size", "pk").first()
        campaign = Campaign.objects.filter(programme=programme).order_by("-size").first()
        yield {
            "url": url,
            "programme": f"{url}/programmas/{programme.slug}",
            "ids": {"theme": theme.pk, "campaign": campaign.pk},
        }


@pytest.fixture(scope="module")
def tabs(browser, site):
    """One tab per demo account, opened when a test first needs it."""
    opened, stack = {}, []

    def tab(username):
        if username not in opened:
            context = logged_in(browser, site, username, settings.DEMO_PASSWORD)
            opened[username] = context.__enter__()
            stack.append(context)
        return opened[username]

    yield tab
    for context in reversed(stack):
        context.__exit__(None, None, None)


def width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize("name", PAGES)
def test_it_reflows_at_320_px(site, tabs, name):
    username, path = PAGES[name]
    page = tabs(username)
    url = site["programme"] + "/" + path.format(**site["ids"])
    page.set_viewport_size(WIDE)
    open_page(page, url)
    assert width(page) <= WIDE["width"], f"{name} is {width(page)} px wide at 1280 px"
    page.set_viewport_size(NARROW)
    open_page(page, url)
    assert width(page) <= NARROW["width"], f"{name} scrolls sideways: {width(page)} px wide"
    # What does not fit scrolls in a region that keyboard users can reach and that has a name.
    for region in page.locator(".koers-table-wrap").all():
        assert region.get_attribute("tabindex") == "0", f"{name}: a table box takes no focus"
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    assert_accessible(page)


@pytest.mark.parametrize("username", ROLES)
def test_it_keeps_the_header_on_one_row_at_1280_px(site, tabs, username):
    page = tabs(username)
    page.set_viewport_size(WIDE)
    open_page(page, site["programme"])
    # Brand, menu and tools share one band: each starts above where every other one ends.
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.koers-header__content > *, .koers-nav a')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom] })"
    )
    assert max(top for top, _ in boxes) < min(bottom for _, bottom in boxes), boxes
    assert width(page) <= WIDE["width"]


def test_it_opens_the_account_menu_onto_the_logout(site, tabs):
    page = tabs("bureau")
    page.set_viewport_size(WIDE)
    open_page(page, site["programme"])
    logout = page.locator("form.koers-logout button[type=submit]")
    assert not logout.is_visible()
    page.click(".koers-account summary")
    assert logout.is_visible()
    assert "Ingelogd als" in page.locator("form.koers-logout").inner_text()
    assert_accessible(page)
    page.set_viewport_size(NARROW)
    assert width(page) <= NARROW["width"]
    assert logout.is_visible()
