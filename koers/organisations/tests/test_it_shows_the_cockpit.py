"""The programme page is its cockpit: where the programme stands in its cycle, the key figures of
each stage as far as the viewer may see them, and what is theirs to do next, in a number of
queries that does not grow with the programme."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.council.models import CouncilMeeting
from koers.monitoring.tests.helpers import commit, open_round, report
from koers.organisations.cockpit import cockpit
from koers.organisations.models import Programme
from koers.organisations.tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)

pytest_plugins = ["koers.monitoring.tests.helpers"]

URL = "/programmas/digitaal-2017"


def _current(programme, user=None):
    programme = Programme.objects.select_related("council").get(pk=programme.pk)
    if user is not None:
        user.__dict__.pop("_koers_work_roles", None)
    current = cockpit(programme, user or AnonymousUser()).current
    return current.stage if current else None


def _new_programme(world):
    """A programme of its own (the module's world has an agenda), with the office's role."""
    programme = ProgrammeFactory(slug="leeg", is_public=True)
    RoleFactory(user=world.office, programme=programme, kind=RoleKind.OFFICE)
    return programme


def _panel(response, stage):
    """The text of one stage's card on the page."""
    html = response.content.decode()
    start = html.index(f'id="fase-{stage}"')
    return html[start : html.index("</li>", start)]


def test_a_programme_without_an_agenda_has_not_begun(world, client_for):
    programme = _new_programme(world)
    assert _current(programme, world.office) is None
    response = client_for(world.office).get("/programmas/leeg")
    assert "nog niet begonnen" in response.content.decode()
    assert 'aria-current="step"' not in response.content.decode()


def test_the_current_stage_follows_the_cycle(world):
    programme = _new_programme(world)
    draft = versions.create_version(programme, title="Voorzet", by=world.office)
    # The office sees its working text; the public sees nothing before the consultation.
    assert _current(programme, world.office) == "draft"
    assert _current(programme) is None
    versions.open_consultation(draft, opens_at=timezone.now() - datetime.timedelta(days=1))
    assert _current(programme, world.office) == "consultation"
    assert _current(programme) == "consultation"


def test_a_concept_then_a_meeting_of_the_council(agenda):
    world = agenda.world
    # The fixture's next version is still a draft: the consultation is where the programme is.
    assert _current(world.programme, world.office) == "consultation"
    versions.move_version(agenda.concept, VersionState.CONCEPT, by=world.office)
    assert _current(world.programme, world.office) == "concept"
    assert _current(world.programme) == "concept"
    CouncilMeeting.objects.create(
        council=world.programme.council,
        version=agenda.concept,
        title="Eerste vergadering",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    # The office and the council see their planned meeting; the public its decisions only.
    assert _current(world.programme, world.office) == "council"
    assert _current(world.programme, world.council_member) == "council"
    assert _current(world.programme) == "concept"


def test_adopted_then_elaborated_then_monitored(adopted):
    world = adopted.world
    assert _current(world.programme, world.office) == "adopted"
    commit(adopted, world.organisation)
    assert _current(world.programme, world.office) == "elaboration"
    open_round(world)
    assert _current(world.programme, world.office) == "monitoring"
    assert _current(world.programme) == "monitoring"


def test_each_persona_sees_its_own_figures_and_work(monitored, client_for):
    world = monitored.world
    pages = {name: client_for(user).get(URL) for name, user in world.personas()}
    for response in pages.values():
        assert response.status_code == 200
    html = {name: response.content.decode() for name, response in pages.items()}
    for name, text in html.items():
        # The stage is the same for all, and its dates are in Dutch.
        assert 'id="fase-monitoring"' in text and 'aria-current="step"' in text, name
        assert "Uiterste datum van de laatste ronde" in text
    monitoring = {name: _panel(pages[name], "monitoring") for name in pages}
    # The office: who reported, and who has not yet (from its start page).
    assert "Organisaties die rapporteerden" in monitoring["office"]
    assert "Organisaties die nog niet over alles rapporteerden" in monitoring["office"]
    # A coordinator: their family; a contributor: their organisation's reports due.
    assert "Eigen organisaties die rapporteerden" in monitoring["coordinator"]
    assert "Organisaties van uw familie die nog niet" in monitoring["coordinator"]
    assert "Eigen organisaties die rapporteerden" in monitoring["contributor"]
    assert "Voortgang rapporteren over uitwerkingen zonder rapportage" in monitoring["contributor"]
    # The public and those without a role here see the rounds, no reports, nothing to do.
    for name in ("public", "outsider", "reviewer"):
        assert "rapporteerden" not in monitoring[name], name
        assert "Voor u te doen" not in html[name], name
    # The processing of the input is for the office, the council and coordinators.
    for name in ("office", "council_member", "coordinator"):
        assert "Verwerkte inbreng" in html[name], name
    for name in ("public", "outsider", "reviewer", "contributor"):
        assert "Verwerkte inbreng" not in html[name], name
        assert "Thema&#x27;s" not in html[name], name
    # The links the page had stay reachable.
    assert f"{URL}/monitoring" in html["public"]
    assert f"{URL}/uitwerking" in html["public"] or "uitwerking" in html["public"]


def test_the_input_counted_is_the_input_the_viewer_may_read(agenda, client_for):
    world = agenda.world
    # One published contribution, one that only the office and the council read.
    office = _panel(client_for(world.office).get(URL), "consultation")
    public = _panel(client_for(None).get(URL), "consultation")
    assert "<dt>Inbreng</dt><dd>2</dd>" in office
    assert "<dt>Inbreng</dt><dd>1</dd>" in public
    assert "Wacht op moderatie" not in public


def _grow(monitored, n):
    """`n` more organisations with a commitment and a report, input, and reporting rounds."""
    world = monitored.world
    for i in range(n):
        organisation = OrganisationFactory(code=f"gm9{i:03d}", official_name=f"gemeente {i}")
        commitment = commit(monitored.adopted, organisation, by=world.office)
        report(commitment, monitored.round, by=world.office)
        Contribution.objects.create(
            programme=world.programme, channel=Channel.IMPORT, text=f"Punt {i}."
        )
        open_round(world, period=f"20{10 + i}-Q1", opens_on=datetime.date(2010 + i, 4, 1))


@pytest.mark.parametrize(
    "persona", ["office", "coordinator", "contributor", "council_member", "reviewer", "public"]
)
def test_the_cockpit_costs_the_same_whatever_the_size(monitored, client_for, persona):
    world = monitored.world
    user = getattr(world, persona, None)

    def queries():
        client = client_for(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    small = queries()
    _grow(monitored, 3)
    assert queries() == small


def test_the_actions_are_read_for_this_programme_only(monitored, client_for):
    """Someone with work waiting in another programme only: this programme's cockpit reads none
    of it, and costs what it costs someone without any role."""
    world = monitored.world
    elsewhere = UserFactory()
    other = _new_programme(world)
    RoleFactory(user=elsewhere, programme=other, kind=RoleKind.OFFICE)
    Contribution.objects.create(programme=other, channel=Channel.IMPORT, text="Elders.")
    assert "Voor u te doen" in client_for(elsewhere).get("/programmas/leeg").content.decode()

    def queries(user):
        client = client_for(user)
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        assert "Voor u te doen" not in response.content.decode()
        return len(captured)

    assert queries(elsewhere) == queries(world.outsider)
