"""The start page "Mijn werk": one page per person, with what waits for them in each of their roles.

Each persona of the world sees exactly its own links, and every one of them opens for it; the
page costs the same number of queries for one programme as for several.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution, Reviewer, RoundTable
from koers.council import services as council
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

URL = reverse("accounts:my-work")
MAIN = re.compile(r"<main\b.*</main>", re.S)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]*)"')
SLUG = "digitaal-2017"


def links(response) -> set[str]:
    """The links of the page's content (not of the header and footer)."""
    return set(HREF.findall(MAIN.search(response.content.decode())[0]))


def add_round_table(programme, family, title="Ronde tafel gemeenten", days=5):
    starts = timezone.now() + datetime.timedelta(days=days)
    table = RoundTable.objects.create(
        programme=programme,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    table.families.add(family)
    return table


def add_reaction(programme, family=None):
    """A reviewer's reaction nobody moderated or processed yet."""
    return Contribution.objects.create(
        programme=programme, channel=Channel.REVIEWER, text="Denk aan papier.", family=family
    )


@pytest.fixture
def work(agenda):
    """The world's programme with something waiting for every role."""
    world = agenda.world
    now = timezone.now()
    reviewer = Reviewer.objects.create(
        programme=world.programme,
        user=world.reviewer,
        email="meelezer@example.org",
        consent_text="Ik doe mee.",
        consented_at=now,
        confirmed_at=now,
    )
    reaction = add_reaction(world.programme, world.family)
    reaction.reviewer = reviewer
    reaction.save()
    table = add_round_table(world.programme, world.family)
    # One in the past: not the next one.
    add_round_table(world.programme, world.family, title="Vorige ronde tafel", days=-5)
    versions.move_version(agenda.concept, VersionState.CONCEPT, by=world.office)
    agenda.concept.refresh_from_db()
    meeting = council.plan_meeting(
        world.programme,
        version=agenda.concept,
        title="Regieraad juni",
        starts_at=now + datetime.timedelta(days=7),
        location="Den Haag",
        by=world.office,
    )
    council.add_item(meeting, title="Opening", by=world.office)
    return {"agenda": agenda, "table": table, "meeting": meeting}


def expected_links(work) -> dict[str, set[str]]:
    world = work["agenda"].world
    concept = work["agenda"].concept.number
    meeting = reverse("council:council-meeting", args=[SLUG, work["meeting"].pk])
    return {
        "office": {
            reverse("consultation:contribution-moderation", args=[SLUG]),
            reverse("synthesis:processing-open", args=[SLUG]),
            meeting,
        },
        "coordinator": {
            reverse("consultation:coverage-family", args=[SLUG, world.family.slug]),
            reverse("consultation:roundtable-detail", args=[SLUG, work["table"].pk]),
        },
        "contributor": {
            reverse("elaboration:organisation-commitments", args=[SLUG, "gm0344"]),
        },
        "council_member": {
            meeting,
            reverse("documents:agenda-document", args=[SLUG, concept]),
            reverse("documents:response-report", args=[SLUG, concept]),
        },
        "reviewer": {
            reverse("consultation:reviewer-profile", args=[SLUG]),
            reverse("documents:reviewer-dispositions", args=[SLUG]),
        },
        # Nothing waits and no programme: the list of programmes.
        "outsider": {reverse("home")},
    }


def test_it_shows_each_role_its_own_work_and_every_link_opens(work, client_for):
    world = work["agenda"].world
    expected = expected_links(work)
    for name, user in world.personas():
        if user is None:
            continue
        client = client_for(user)
        response = client.get(URL)
        assert response.status_code == 200, name
        assert links(response) == expected[name], name
        for link in links(response):
            assert client.get(link).status_code == 200, (name, link)


def test_it_names_what_waits(work, client_for):
    world = work["agenda"].world
    office = client_for(world.office).get(URL).content.decode()
    assert "Programmabureau van Digitaal 2017" in office
    assert "Wacht op moderatie</a>: <strong>1</strong>" in office
    # The reaction and the import nobody processed yet (the published one is processed too).
    assert "Nog niet verwerkte inbreng</a>: <strong>" in office
    assert "Volgende vergadering: Regieraad juni" in office
    assert "Den Haag" in office
    assert "Wacht op een besluit in deze vergadering</a>: <strong>1</strong>" in office
    coordinator = client_for(world.coordinator).get(URL).content.decode()
    assert "Volgende ronde tafel: Ronde tafel gemeenten" in coordinator
    assert "Vorige ronde tafel" not in coordinator
    contributor = client_for(world.contributor).get(URL).content.decode()
    assert "Uitwerkingen van gemeente Utrecht" in contributor
    assert "Er is nog geen vastgestelde agenda om uit te werken." in contributor
    reviewer = client_for(world.reviewer).get(URL).content.decode()
    assert "Meelezer bij Digitaal 2017" in reviewer
    assert "1 reactie gegeven" in reviewer
    assert "Nog geen van uw reacties is beantwoord." in reviewer


def test_it_leads_a_council_member_to_the_meetings_when_none_is_planned(world, client_for):
    response = client_for(world.council_member).get(URL)
    assert links(response) == {
        reverse("council:council-meetings", args=[SLUG]),
        reverse("council:council-decisions", args=[SLUG]),
    }
    for url in links(response):
        assert client_for(world.council_member).get(url).status_code == 200


@pytest.mark.django_db
def test_it_offers_the_administrator_the_admin(client_for):
    admin = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client = client_for(admin)
    response = client.get(URL)
    assert links(response) == {reverse("admin:index")}
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_says_so_when_nothing_waits(world, client_for):
    programme = ProgrammeFactory(slug="rust", name="Rustig programma")
    user = UserFactory()
    RoleFactory(user=user, programme=programme, kind=RoleKind.OFFICE)
    response = client_for(user).get(URL)
    assert "Er wacht nu niets op u." in response.content.decode()
    assert links(response) == {reverse("organisations:programme-detail", args=["rust"])}


def test_it_asks_a_visitor_to_log_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_it_puts_the_link_in_the_header_for_those_logged_in(world, client_for):
    link = f'href="{URL}"'
    assert link not in client_for(None).get(reverse("home")).content.decode()
    home = client_for(world.outsider).get(reverse("home")).content.decode()
    assert link in home
    assert 'aria-current="page">Mijn werk' in client_for(world.outsider).get(URL).content.decode()


def programme_with_work(user, number: int):
    """A programme in which `user` has every role but the reviewer's, with work in each."""
    programme = ProgrammeFactory(slug=f"programma-{number}", name=f"Programma {number}")
    family = FamilyFactory(programme=programme)
    organisation = OrganisationFactory()
    office = UserFactory()
    for kind, scope in [
        (RoleKind.OFFICE, {}),
        (RoleKind.COORDINATOR, {"family": family}),
        (RoleKind.CONTRIBUTOR, {"organisation": organisation}),
        (RoleKind.COUNCIL_MEMBER, {}),
    ]:
        RoleFactory(user=user, programme=programme, kind=kind, **scope)
    for _ in range(number):
        add_reaction(programme, family)
        add_round_table(programme, family)
    version = versions.create_version(programme, title="Agenda")
    version = versions.move_version(version, VersionState.CONCEPT, by=office)
    meeting = council.plan_meeting(
        programme,
        version=version,
        title="Vergadering",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    for position in range(number):
        council.add_item(meeting, title=f"Punt {position}")


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_it_reads_the_same_number_of_queries_for_more_programmes(db, client_for):
    few, many = UserFactory(), UserFactory()
    programme_with_work(few, 1)
    for number in range(2, 5):
        programme_with_work(many, number)
    few_client, many_client = client_for(few), client_for(many)
    assert "Programma 1" in few_client.get(URL).content.decode()
    page = many_client.get(URL).content.decode()
    assert all(f"Programma {n}" in page for n in range(2, 5))
    assert queries(many_client) == queries(few_client)
