"""Each role walks its main job by clicking from the start page, and every page reflows.

The journeys: one test per role starts on the home page (the only address typed), logs in
through the header's "Inloggen" link, opens "Mijn werk" and from there does its main job by
following links by their accessible names, so a link that is missing or badly named fails the
journey. Every page a journey visits is checked at 1280 and at 320 CSS pixels: axe-core finds no
WCAG 2.1 A/AA violation at either width, and at 320 px nothing is wider than the screen (reflow,
WCAG 1.4.10), wide tables scrolling inside their own focusable region (`.koers-table-wrap`).

Each journey's header keeps to one row at 1280 px once its person is logged in. Besides the
journeys, the widest pages of every stage that no journey passes reflow at 320 px, and the
account menu opens onto the logout.

The pages span the whole cycle, so the module sits in the last app. Its data is the demo
programme with only its written contributions (the generated bulk adds rows, not widths), loaded
once. Every meeting of the demo lies in 2015; for the journeys the fixture adds what is still
to come: a round table of the municipalities and a meeting of the council.
"""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from koers.agenda.models import AgendaVersion
from koers.consultation.models import Contribution, RoundTable
from koers.core.tests.browser import (
    assert_accessible,
    assert_no_csp_violations,
    logged_in,
    open_page,
    serve,
    tab,
)
from koers.council.models import CouncilMeeting, MeetingItem
from koers.organisations.models import Family, Programme
from koers.synthesis.dispositions import undisposed
from koers.synthesis.models import Campaign, Theme

pytest_plugins = ["koers.core.tests.browser"]

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}

# name: (the demo account that sees it, its path under the programme); the pages the journeys
# pass (a family's coverage, an organisation's commitments, a reviewer's profile) are not repeated.
PAGES = {
    "version_steps": ("bureau", "versies/3/stappen"),
    "version_comparison": ("bureau", "versies/vergelijk?van=2&naar=3"),
    "coverage": ("bureau", "dekking"),
    "processing": ("bureau", "verwerking"),
    "processing_open": ("bureau", "verwerking/open"),
    "processing_a_theme": ("bureau", "themas/{theme}/verwerken"),
    "campaign": ("bureau", "campagnes/{campaign}"),
    "theme": ("bureau", "themas/{theme}"),
    "council_meetings": ("bureau", "regieraad"),
    "elaboration": ("bureau", "uitwerking"),
    "elaboration_of_a_family": ("bureau", "uitwerking/gemeenten"),
}

NEXT_ROUND_TABLE = "Ronde tafel gemeenten — de uitwerking per gemeente"
NEXT_MEETING = "Regieraad Dienstverlening 10 december 2015"


def add_what_is_still_to_come(programme: Programme) -> None:
    """A round table of the municipalities two weeks from now, and the council's next meeting
    (planned for December 2015, as the minutes of September say) with one point still to decide.

    The meeting discusses the concept the council adopted in September: the demo has no later
    concept, and a meeting is about a concept (council.services.plan_meeting would refuse an
    adopted one), so the row is written directly.
    """
    start = timezone.now() + datetime.timedelta(days=14)
    table = RoundTable.objects.create(
        programme=programme,
        title=NEXT_ROUND_TABLE,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Stadskantoor Utrecht",
    )
    table.families.add(Family.objects.get(programme=programme, slug="gemeenten"))
    meeting = CouncilMeeting.objects.create(
        council=programme.council,
        version=AgendaVersion.objects.get(programme=programme, number=2),
        title=NEXT_MEETING,
        starts_at=datetime.datetime(2015, 12, 10, 10, tzinfo=datetime.UTC),
        location="Ministerie van BZK, Turfmarkt 147, Den Haag",
    )
    MeetingItem.objects.create(meeting=meeting, title="Voortgang van de uitwerking", position=1)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with serve(django_db_blocker) as url:
        call_command("demo", contributions=0, stdout=io.StringIO())
        programme = Programme.objects.get(slug="digitaal-2017")
        add_what_is_still_to_come(programme)
        themes = Theme.objects.filter(programme=programme, merged_into=None)
        theme = themes.annotate(size=Count("assignments")).order_by("-size", "pk").first()
        campaign = Campaign.objects.filter(programme=programme).order_by("-size").first()
        # The theme with the most input still open: the office's journey works through it.
        still_open = undisposed(Contribution.objects.filter(programme=programme))
        open_theme = (
            themes.filter(assignments__contribution__in=still_open)
            .annotate(open=Count("assignments"))
            .order_by("-open", "pk")
            .first()
        )
        yield {
            "url": url,
            "programme": f"{url}/programmas/{programme.slug}",
            "ids": {"theme": theme.pk, "campaign": campaign.pk},
            "open_theme": open_theme.label,
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


def assert_scroll_regions(page, name: str):
    """What does not fit scrolls in a region that keyboard users can reach and that has a name."""
    for region in page.locator(".koers-table-wrap").all():
        assert region.get_attribute("tabindex") == "0", f"{name}: a table box takes no focus"
        assert region.get_attribute("role") == "region", f"{name}: a table box is no region"
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label"), (
            f"{name}: a table box has no name"
        )


def assert_one_row_header(page):
    """Brand, menu and tools share one band: each starts above where every other one ends."""
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.koers-header__content > *, .koers-nav a')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom] })"
    )
    assert max(top for top, _ in boxes) < min(bottom for _, bottom in boxes), boxes


def assert_works_at_both_widths(page, name: str, *, axe_wide: bool = True):
    """At 1280 px: not wider than the screen, and no axe violation. Then at 320 px the same, and
    wide tables scroll in their own region. The page is left at 1280 px."""
    assert width(page) <= WIDE["width"], f"{name} is {width(page)} px wide at 1280 px"
    if axe_wide:
        assert_accessible(page)
    page.set_viewport_size(NARROW)
    try:
        assert width(page) <= NARROW["width"], f"{name} scrolls sideways: {width(page)} px wide"
        assert_scroll_regions(page, name)
        assert_accessible(page)
    finally:
        page.set_viewport_size(WIDE)


# --- the widest pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_it_reflows_at_320_px(site, tabs, name):
    username, path = PAGES[name]
    page = tabs(username)
    page.set_viewport_size(WIDE)
    open_page(page, site["programme"] + "/" + path.format(**site["ids"]))
    assert_works_at_both_widths(page, name, axe_wide=False)


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


# --- the journeys -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checked():
    """(who, address) of every page checked in this module: a journey that passes a page an
    earlier one checked for the same person (the home page, the login form) goes on."""
    return set()


class Journey:
    """One person's walk through Koers in a tab of their own, by clicking only."""

    def __init__(self, page, site, checked: set):
        self.page = page
        self.site = site
        self.checked = checked
        self.who = "anonymous"
        # The addresses walked so far, for the message when a link is not there.
        self.visited: list[str] = []

    @property
    def address(self) -> str:
        return self.page.url.removeprefix(self.site["url"]).split("#")[0]

    def start(self):
        """The home page: the one address that is typed."""
        open_page(self.page, self.site["url"] + "/")
        self.arrive()

    def arrive(self, check: bool = True):
        """Check the page just opened, unless it was checked for the same person before."""
        self.visited.append(self.address)
        key = (self.who, self.address)
        if check and key not in self.checked:
            self.checked.add(key)
            assert_works_at_both_widths(self.page, self.address)

    def navigate(self, control, *, check: bool = True):
        """Click `control` (it must be there, once) and check the page it leads to."""
        count = control.count()
        walked = " → ".join(self.visited)
        assert count == 1, f"{count} of {control} instead of one, after {walked}"
        with self.page.expect_navigation() as navigation:
            control.click()
        response = navigation.value
        assert response.status == 200, f"{response.url} answered {response.status}"
        assert_no_csp_violations(self.page)
        self.arrive(check)

    def back(self):
        """The browser's Back button, to a page this journey checked already."""
        self.page.go_back()
        self.visited.append(self.address)

    def link(self, name, within=None):
        """The link named `name` (exactly, or a pattern), in `within` or on the whole page."""
        return (within or self.page).get_by_role("link", name=name, exact=True)

    def follow(self, name, within=None):
        self.navigate(self.link(name, within))

    def press(self, name, within=None, *, check: bool = True):
        button = (within or self.page).get_by_role("button", name=name, exact=True)
        self.navigate(button, check=check)

    def header(self):
        return self.page.get_by_role("banner")

    def main(self):
        return self.page.get_by_role("main")

    def log_in(self, username: str):
        self.follow("Inloggen", within=self.header())
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
        self.who = username
        # Back on the home page, checked before the login; the person's own header is checked
        # on "Mijn werk", the next page. Here it has to keep to one row at 1280 px.
        self.press("Inloggen", within=self.main(), check=False)
        assert self.page.locator("form.koers-logout").count() == 1, f"{username} is not logged in"
        assert_one_row_header(self.page)
        assert width(self.page) <= WIDE["width"]

    def my_work(self):
        self.follow("Mijn werk", within=self.page.get_by_role("navigation", name="Hoofdmenu"))
        assert self.page.get_by_role("heading", level=1).inner_text() == "Mijn werk"

    def item(self, name):
        """The line of "Mijn werk" with the link `name`."""
        return self.page.get_by_role("listitem").filter(has=self.link(name))

    def counted(self, name) -> int:
        """The number shown beside the link `name` on "Mijn werk"."""
        return int(self.item(name).locator("strong").inner_text().replace(".", ""))

    def message(self) -> str:
        return self.page.locator(".koers-messages").inner_text()


@pytest.fixture
def journey(browser, site, checked):
    with tab(browser, viewport=WIDE) as page:
        page.set_default_timeout(10_000)
        walk = Journey(page, site, checked)
        walk.start()
        yield walk


def test_it_walks_the_office_from_moderation_through_processing_to_the_council(journey):
    journey.log_in("bureau")
    journey.my_work()
    to_moderate = journey.counted("Wacht op moderatie")
    still_open = journey.counted("Nog niet verwerkte inbreng")

    journey.follow("Wacht op moderatie")
    first = journey.main().get_by_role("article").first
    journey.press("In orde", within=first)
    assert "in orde" in journey.message()

    journey.follow("Inbreng", within=journey.main())
    journey.page.get_by_label("Thema").select_option(label=journey.site["open_theme"])
    journey.page.get_by_label("Verwerking").select_option(label="Open")
    journey.press("Filter")
    table = journey.page.get_by_role("table")
    journey.navigate(table.get_by_role("link").first)
    assert journey.site["open_theme"] in journey.main().inner_text()

    journey.follow("Verwerken")
    processed = journey.address
    journey.page.get_by_label("deels overgenomen").check()
    journey.page.get_by_label("Toelichting").fill("Overgenomen in de alinea over toegankelijkheid.")
    journey.press("Opslaan en volgende")
    assert "is opgeslagen" in journey.message()
    assert journey.address != processed, "Opslaan en volgende stayed on the same contribution"

    journey.my_work()
    assert journey.counted("Wacht op moderatie") == to_moderate - 1
    assert journey.counted("Nog niet verwerkte inbreng") == still_open - 1
    journey.follow("Wacht op een besluit in deze vergadering")
    assert journey.page.get_by_role("heading", level=1).inner_text() == NEXT_MEETING
    assert "Nog geen besluit." in journey.main().inner_text()


def test_it_walks_the_coordinator_to_coverage_and_the_next_round_table(journey):
    journey.log_in("coordinator")
    journey.my_work()
    journey.follow("Dekking van de familie Gemeenten")
    journey.my_work()
    journey.follow(f"Volgende ronde tafel: {NEXT_ROUND_TABLE}")
    assert journey.page.get_by_role("heading", level=1).inner_text() == NEXT_ROUND_TABLE


def test_it_walks_the_contributor_through_elaborating_a_main_activity(journey):
    journey.log_in("bijdrager")
    journey.my_work()
    journey.follow("Uitwerkingen van gemeente Utrecht")
    organisation_page = journey.address
    to_elaborate = journey.main().get_by_role("link", name=re.compile(r"^Uitwerken\b"))
    before = to_elaborate.count()
    journey.navigate(to_elaborate.first)
    title = journey.page.get_by_label("Titel").input_value()
    journey.page.get_by_label("Wat wij doen").fill("Alle vergunningen van de gemeente digitaal.")
    journey.page.get_by_label("Eigenaar").fill("Afdeling Vergunningen")
    journey.press("Opslaan")
    assert journey.address == organisation_page
    assert title in journey.message()
    assert to_elaborate.count() == before - 1
    assert journey.link(re.compile(r"^Uitwerking wijzigen\W+" + re.escape(title))).count() == 1


def test_it_walks_the_council_member_through_the_next_meeting_and_its_documents(journey):
    journey.log_in("regieraad")
    journey.my_work()
    journey.follow(f"Volgende vergadering: {NEXT_MEETING}")
    journey.follow("Reactienota", within=journey.page.get_by_role("region", name="Vergaderstukken"))
    journey.follow("Het agendadocument van deze versie")
    journey.back()
    journey.back()
    assert journey.page.get_by_role("heading", level=1).inner_text() == NEXT_MEETING
    journey.follow("Besluitenlijst")


def test_it_walks_the_reviewer_from_their_reactions_to_what_was_done_with_them(journey):
    journey.log_in("meelezer")
    journey.my_work()
    given = re.search(
        r"(\d+) reacties gegeven", journey.item("Uw profiel en uw reacties").inner_text()
    )
    journey.follow("Uw profiel en uw reacties")
    reactions = journey.main().get_by_role("link", name=re.compile(r"^Wijzig\b"))
    assert reactions.count() == int(given[1])
    journey.follow("Wat er met uw reacties is gedaan")
    answered = journey.main().get_by_role("region", name=re.compile(r"^Reactie van "))
    assert answered.count() == int(given[1])
    journey.follow(re.compile(r"^(Mijn|Uw) profiel als meelezer$"))


def test_it_walks_the_administrator_to_the_dutch_admin(journey):
    journey.log_in("beheer")
    journey.my_work()
    journey.follow("Beheer")
    assert journey.address == "/beheer/"
    assert journey.page.locator("html").get_attribute("lang") == "nl"
    assert "Register, programma's en rollen beheren" in journey.page.title()


def test_it_walks_the_public_from_the_agenda_to_the_response_report(journey):
    journey.follow("Digitaal 2017")
    journey.follow(re.compile(r"^Agenda: .*\(vastgesteld\)$"))
    journey.follow("Openbare reacties op alinea 5.3")
    assert re.search(r"\d+ openbare reacties", journey.main().inner_text())
    journey.follow(re.compile(r"^Terug naar de alinea"))
    journey.follow("Herkomst van de wijzigingen")
    journey.follow("Tekst")
    journey.follow("Reactienota")
