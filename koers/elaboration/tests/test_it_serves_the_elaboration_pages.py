"""The elaboration pages per persona, the commitment form, the reminder button and the API."""

import datetime
import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import OrganisationFactory, RoleFactory, UserFactory

from .. import services as elaboration
from ..constants import CommitmentStatus
from ..models import Commitment, Reminder

# The `adopted` fixture; loaded as a plugin, so nothing is imported from it here.
pytest_plugins = ["koers.elaboration.tests.helpers"]


def milestone(title="Eerste oplevering", day=datetime.date(2017, 6, 30)):
    return elaboration.MilestoneInput(title, day)


SLUG = "digitaal-2017"


def url(name, *args):
    return reverse(name, args=[SLUG, *args])


def commit(adopted, organisation=None, activity=None, **kwargs):
    world = adopted.world
    return elaboration.create_commitment(
        organisation or world.organisation,
        programme=world.programme,
        main_activity=activity or adopted.activities[0],
        title="DigiD overal",
        what="Alle diensten met DigiD.",
        owner="Jan Jansen",
        milestones=[milestone()],
        by=world.contributor,
        **kwargs,
    )


def form_data(**overrides):
    data = {
        "title": "DigiD overal",
        "what": "Alle diensten.",
        "how": "",
        "owner": "Team",
        "status": CommitmentStatus.COMMITTED,
        "dependency_note": "",
        "depends_on_codes": "",
        "milestone-TOTAL_FORMS": "3",
        "milestone-INITIAL_FORMS": "0",
        "milestone-MIN_NUM_FORMS": "0",
        "milestone-MAX_NUM_FORMS": "50",
        "milestone-0-title": "Plan klaar",
        "milestone-0-due_on": "01-06-2017",
    }
    data.update(overrides)
    return data


EXPECTED_READ = {
    # persona: (home, family overview, organisation page)
    "office": (200, 200, 200),
    "coordinator": (200, 200, 200),
    "contributor": (200, 403, 200),
    "council_member": (200, 200, 200),
    "reviewer": (200, 403, 200),
    "outsider": (200, 403, 200),
    "public": (200, 302, 200),
}


def test_every_persona_sees_what_it_may(adopted, client_for):
    commit(adopted)
    for name, user in adopted.world.personas():
        client = client_for(user)
        got = (
            client.get(url("elaboration:elaboration-home")).status_code,
            client.get(url("elaboration:elaboration-family", "gemeenten")).status_code,
            client.get(url("elaboration:organisation-commitments", "gm0344")).status_code,
        )
        assert got == EXPECTED_READ[name], name


def test_only_the_organisations_contributors_change_its_commitments(adopted, client_for):
    world = adopted.world
    commitment = commit(adopted)
    anchor = adopted.activities[1].anchor
    create = url("elaboration:commitment-create", "gm0344") + f"?hoofdactiviteit={anchor}"
    edit = url("elaboration:commitment-edit", "gm0344", commitment.pk)
    other_contributor = UserFactory(username="amsterdammer")
    RoleFactory(
        user=other_contributor,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=world.other_organisation,
    )
    for name, user in [*world.personas(), ("other contributor", other_contributor)]:
        client = client_for(user)
        allowed = name == "contributor"
        expected = 200 if allowed else (302 if user is None else 403)
        assert client.get(create).status_code == expected, name
        assert client.get(edit).status_code == expected, name
        response = client.post(edit, form_data(title=f"Door {name}"))
        assert response.status_code == (302 if allowed or user is None else 403), name
    commitment.refresh_from_db()
    assert commitment.title == "Door contributor"
    # The organisation page offers the buttons only to its contributors.
    assert (
        b"Uitwerken"
        in client_for(world.contributor)
        .get(url("elaboration:organisation-commitments", "gm0344"))
        .content
    )
    assert (
        b"Uitwerken<"
        not in client_for(world.office)
        .get(url("elaboration:organisation-commitments", "gm0344"))
        .content
    )


def test_a_contributor_elaborates_a_main_activity_with_milestones(adopted, client_for):
    world = adopted.world
    activity = adopted.activities[0]
    client = client_for(world.contributor)
    create = url("elaboration:commitment-create", "gm0344") + f"?hoofdactiviteit={activity.anchor}"
    facility = adopted.agenda.facility
    response = client.post(
        create,
        form_data(
            facilities=[facility.pk],
            depends_on_codes="oin-logius",
            **{"milestone-1-title": "Live", "milestone-1-due_on": "01-11-2017"},
        ),
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.main_activity_anchor == activity.anchor
    assert [m.title for m in commitment.milestones.all()] == ["Plan klaar", "Live"]
    assert list(commitment.depends_on.values_list("code", flat=True)) == ["oin-logius"]
    # A second visit to "elaborate" goes to the existing commitment.
    assert client.get(create)["Location"] == url(
        "elaboration:commitment-edit", "gm0344", commitment.pk
    )


def test_the_form_keeps_input_and_says_what_is_wrong(adopted, client_for):
    client = client_for(adopted.world.contributor)
    anchor = adopted.activities[0].anchor
    create = url("elaboration:commitment-create", "gm0344") + f"?hoofdactiviteit={anchor}"
    response = client.post(
        create,
        form_data(**{"milestone-0-due_on": "01-01-2018"}, depends_on_codes="gm0344, onbekend"),
    )
    assert response.status_code == 400
    assert "Onbekende code: onbekend." in response.content.decode()
    response = client.post(create, form_data(**{"milestone-0-due_on": "01-01-2018"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "ligt na de deadline van de hoofdactiviteit (31 december 2017)" in page
    assert 'value="Plan klaar"' in page
    assert not Commitment.objects.exists()


def test_an_organisation_outside_the_family_cannot_elaborate_it(adopted, client_for):
    world = adopted.world
    user = UserFactory(username="provincie")
    RoleFactory(
        user=user,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=adopted.outsider_organisation,
    )
    anchor = adopted.activities[0].anchor
    create = url("elaboration:commitment-create", "pv26") + f"?hoofdactiviteit={anchor}"
    response = client_for(user).post(create, form_data())
    assert response.status_code == 400
    assert "hoort niet bij de familie Gemeenten" in response.content.decode()


def test_the_coordinator_sends_a_reminder_once_a_day(adopted, client_for):
    world = adopted.world
    world.contributor.email = "utrecht@example.org"
    world.contributor.save()
    send = url("elaboration:reminders-send", "gemeenten")
    assert client_for(world.contributor).post(send).status_code == 403
    client = client_for(world.coordinator)
    assert client.post(send).status_code == 302
    assert [m.to for m in mail.outbox] == [["utrecht@example.org"]]
    page = client.get(url("elaboration:elaboration-family", "gemeenten")).content.decode()
    assert "De volgende kan vanaf" in page
    # One recipient is one, in the message and in the list of reminders.
    assert "(1 ontvanger)." in page and ": 1 ontvanger</li>" in page
    assert "1 ontvangers" not in page
    client.post(send)
    assert Reminder.objects.count() == 1


def test_the_family_overview_filters_and_keeps_its_queries(adopted, client_for):
    world = adopted.world
    for activity in adopted.activities:
        commit(adopted, activity=activity)
    client = client_for(world.office)
    page = client.get(
        url("elaboration:elaboration-family", "gemeenten") + "?filter=open"
    ).content.decode()
    assert "gemeente Amsterdam" in page and "gemeente Utrecht" not in page

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("elaboration:elaboration-family", "gemeenten")).status_code == 200
        return len(queries)

    small = count()
    for _n in range(20):
        commit(adopted, organisation=OrganisationFactory())
    assert count() == small


def test_the_organisation_page_shows_transferred_commitments(adopted, client_for, time_machine):
    # 00:13 on 6 December in Amsterdam, still the 5th in UTC: the page gives Amsterdam's day.
    time_machine.move_to(datetime.datetime(2026, 12, 5, 23, 13, tzinfo=datetime.UTC), tick=False)
    world = adopted.world
    old = OrganisationFactory(code="gm0001", official_name="gemeente Oud")
    commit(adopted, organisation=old)
    elaboration.transfer_commitments(old, world.organisation, by=None)
    page = (
        client_for(None).get(url("elaboration:organisation-commitments", "gm0344")).content.decode()
    )
    assert "overgenomen van gemeente Oud op 6 december 2026" in page


def test_the_api_lists_commitments_with_milestones_and_no_names(adopted, client_for):
    world = adopted.world
    commit(adopted, depends_on=[adopted.agenda.logius])
    commit(adopted, organisation=world.other_organisation, activity=adopted.activities[1])
    client = client_for(None)
    base = f"/api/v1/programmes/{SLUG}/commitments"
    body = client.get(base + "?organisation=gm0344").json()
    assert body["count"] == 1
    results = body["results"]
    item = results[0]
    assert item["organisation"] == "gm0344"
    assert item["mainActivity"] == str(adopted.activities[0].anchor)
    assert item["milestones"] == [
        {"title": "Eerste oplevering", "dueOn": "2017-06-30", "doneOn": None}
    ]
    assert item["dependsOn"] == ["oin-logius"]
    assert "Jan Jansen" not in str(body)
    anchor = adopted.activities[1].anchor
    by_activity = client.get(base + f"?mainActivity={anchor}").json()
    results = by_activity["results"]
    assert [r["organisation"] for r in results] == ["gm0363"]
    assert client.get(base + "?familie=x").status_code == 400
    world.programme.is_public = False
    world.programme.save()
    assert client.get(base).status_code == 404


def test_a_private_programme_is_open_to_its_roles_only(adopted, client_for):
    world = adopted.world
    commitment = commit(adopted)
    world.programme.is_public = False
    world.programme.save()
    own_page = url("elaboration:organisation-commitments", "gm0344")
    assert client_for(world.contributor).get(own_page).status_code == 200
    edit = url("elaboration:commitment-edit", "gm0344", commitment.pk)
    assert client_for(world.contributor).get(edit).status_code == 200
    family = url("elaboration:elaboration-family", "gemeenten")
    assert client_for(world.coordinator).get(family).status_code == 200
    assert client_for(world.outsider).get(own_page).status_code == 403
    assert client_for(world.outsider).get(url("elaboration:elaboration-home")).status_code == 403


def _elaboration_links(content: bytes) -> set[str]:
    """The links to elaboration pages of the programme on a page."""
    links = set(re.findall(rf'href="(/programmas/{SLUG}/[^"?#]*)"', content.decode()))
    return {link for link in links if resolve(link).namespace == "elaboration"}


def test_every_persona_follows_each_elaboration_link_it_is_offered(adopted, client_for):
    commit(adopted)
    own = url("elaboration:organisation-commitments", "gm0344")
    family = url("elaboration:elaboration-family", "gemeenten")
    register = reverse("organisations:organisation-detail", args=["gm0344"])
    for private in (False, True):
        adopted.world.programme.is_public = not private
        adopted.world.programme.save()
        for name, user in adopted.world.personas():
            client = client_for(user)
            home = client.get(url("elaboration:elaboration-home"))
            offered = _elaboration_links(home.content) if home.status_code == 200 else set()
            offered_in_register = _elaboration_links(client.get(register).content)
            # A page offers no link its reader may not follow.
            for link in offered | offered_in_register:
                assert client.get(link).status_code == 200, (name, private, link)
            # The organisation's contributors reach its commitments from both pages; whoever
            # reads the programme reaches them from the register.
            assert (own in offered) == (name == "contributor" and not private), (name, private)
            sees_commitments = not private or name in ("contributor", "office")
            assert (own in offered_in_register) == sees_commitments, (name, private)
            family_readers = ("office", "coordinator", "council_member")
            assert (family in offered) == (name in family_readers and home.status_code == 200)
